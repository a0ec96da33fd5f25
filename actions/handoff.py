"""Passing a conversation to 311 staff."""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

from actions.conversation import latest_intent
from actions.database import database
from actions.report_filing import reset_report
from handoff.queue import enqueue

logger = logging.getLogger(__name__)


class ActionHandoff(Action):
    """Queues the conversation for a person and stops any report in progress."""

    def name(self) -> str:
        """Rasa name."""
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Enqueue, then tell the resident what happens next."""
        reason = "asked" if latest_intent(tracker) == "request_human" else "assistant_stuck"
        try:
            await database().run(lambda session: enqueue(session, tracker.sender_id, reason).id)
        except SQLAlchemyError:
            logger.exception("handoff.enqueue.failed")
        dispatcher.utter_message(response="utter_handoff")
        return [ActiveLoop(None), *reset_report()]
