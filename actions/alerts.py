"""Emergency alerts asked for in words: sign up (by SMS: the YES that confirms comes next) or stop them."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import language_of
from actions.database import database
from bot.language.i18n import translate
from bot.messaging.conversations import conversation_facts
from bot.messaging.vocabulary import Channel
from broadcasts.subscriptions import FOR_ZIP, end_alerts, request_alerts
from broadcasts.vocabulary import ConsentMethod


class ActionSubscribeAlerts(Action):
    """By SMS: record the request and ask for the YES; on the web: point to the widget's Alerts form."""

    def name(self) -> str:
        """Rasa name."""
        return "action_subscribe_alerts"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Ask for the confirmation (the response carries the question the YES answers)."""
        language = language_of(tracker)
        channel, contact_id = await database().run(lambda s: conversation_facts(s, tracker.sender_id))
        if channel != Channel.SMS or contact_id is None:
            dispatcher.utter_message(response="utter_alerts_subscribe")
            return []
        asked = await database().run(
            lambda s: request_alerts(s, contact_id, language, None, ConsentMethod.SMS_WORDS).zip
        )
        where = translate(language, FOR_ZIP, zip=asked) if asked else ""
        dispatcher.utter_message(response="utter_ask_alerts_confirm", where=where)
        return []


class ActionUnsubscribeAlerts(Action):
    """End the alerts only (STOP is what ends every text)."""

    def name(self) -> str:
        """Rasa name."""
        return "action_unsubscribe_alerts"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """End the subscription, or say there is none."""
        _, contact_id = await database().run(lambda s: conversation_facts(s, tracker.sender_id))
        ended = contact_id is not None and await database().run(lambda s: end_alerts(s, contact_id))
        dispatcher.utter_message(response="utter_alerts_ended" if ended else "utter_alerts_unsubscribe")
        return []
