"""Switching the conversation's language when the resident asks."""

from __future__ import annotations

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.conversation import entity_values, language_of, latest_text
from bot.language.detection import requested_language
from bot.language.i18n import normalize_language


class ActionChangeLanguage(Action):
    """Sets the ``language`` slot to the language the resident asked for."""

    def name(self) -> str:
        """Rasa name."""
        return "action_change_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """English or Spanish; asking without naming one switches to the other."""
        named = entity_values(tracker, "language")
        wanted = requested_language(latest_text(tracker)) or (normalize_language(named[0]) if named else None)
        if wanted is None:
            wanted = "es" if language_of(tracker) == "en" else "en"
        dispatcher.utter_message(response="utter_language_changed", language=wanted)
        return [SlotSet("language", wanted)]
