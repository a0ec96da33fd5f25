"""Passing a conversation to 311 staff: asked for, not understood twice, a form failing, an action failing.

The conversation is queued (``handoff.queue``), its mode set to ``waiting``, and Rasa's tracker paused with
Rasa's own ``ConversationPaused`` event: until staff return it, the front door routes the resident's messages
to the console and Rasa predicts nothing. The form in progress and its slots stay as they are, so the
assistant carries on where it was when an agent gives the conversation back.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ConversationPaused, EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.exc import SQLAlchemyError

import handoff
from actions.conversation import language_of, latest_intent
from actions.database import database
from bot.language.i18n import format_when
from bot.platform.db import utcnow
from bot.platform.settings import Settings
from handoff.hours import StaffedHours
from handoff.queue import enqueue
from handoff.vocabulary import HandoffReason

logger = logging.getLogger(__name__)

#: Slots that are the dialogue's bookkeeping, not something the resident told us.
_INTERNAL_SLOTS = frozenset(
    {"language", "report_confirmed", "correcting", "failed_attempts", "requested_slot", "session_started_metadata"}
)


def _report_in_progress(tracker: Tracker) -> dict[str, Any] | None:
    """The report being filled when the assistant hands off (shown to the agent in the queue)."""
    slots = {
        name: value
        for name, value in tracker.slots.items()
        if name not in _INTERNAL_SLOTS and value not in (None, "", [])
    }
    form = tracker.active_loop_name or ""
    service = form.removesuffix("_form") if form.endswith("_form") else None
    return {"service": service, "slots": slots} if service or slots else None


@functools.lru_cache(maxsize=1)
def staffed_hours() -> StaffedHours:
    """The deployment's staffed hours and holidays, read once per action-server process."""
    return handoff.staffed_hours(Settings.from_env())


async def hand_off(dispatcher: CollectingDispatcher, tracker: Tracker, reason: HandoffReason) -> list[EventType]:
    """Queue the conversation for a person, tell the resident their place and wait (or when staff are back)."""
    language = language_of(tracker)
    hours = staffed_hours()
    now = utcnow()
    staffed = hours.is_open(now)
    report = _report_in_progress(tracker)
    try:
        placement = await database().run(
            lambda session: enqueue(
                session, tracker.sender_id, reason, language=language, callback=not staffed, report=report, now=now
            )
        )
    except SQLAlchemyError:
        logger.exception("handoff.enqueue.failed")
        dispatcher.utter_message(response="utter_handoff_failed")
        return []
    if staffed:
        dispatcher.utter_message(response="utter_handoff", position=placement.position, wait=placement.wait_minutes)
    else:
        dispatcher.utter_message(
            response="utter_handoff_closed", opens=format_when(hours.next_opening(now), language, str(hours.timezone))
        )
    return [ConversationPaused()]


class ActionHandoff(Action):
    """The resident asked for a person (in words, or with the widget's button)."""

    def name(self) -> str:
        """Rasa name."""
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Queue the conversation and pause the assistant."""
        reason = HandoffReason.ASKED if latest_intent(tracker) == "request_human" else HandoffReason.NOT_UNDERSTOOD
        return await hand_off(dispatcher, tracker, reason)


def _previous_intent(tracker: Tracker) -> str | None:
    """The intent of the resident's message before the latest one."""
    users = [e for e in tracker.events if e.get("event") == "user"]
    if len(users) < 2:
        return None
    return ((users[-2].get("parse_data") or {}).get("intent") or {}).get("name")


class ActionNotUnderstood(Action):
    """The assistant did not understand: ask again once; the second time in a row, a person takes over."""

    def name(self) -> str:
        """Rasa name."""
        return "action_not_understood"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> list[EventType]:
        """Rephrase, or hand off when the previous message was not understood either."""
        if _previous_intent(tracker) == "nlu_fallback":
            return await hand_off(dispatcher, tracker, HandoffReason.NOT_UNDERSTOOD)
        dispatcher.utter_message(response="utter_please_rephrase")
        return []


Run = Callable[[Any, CollectingDispatcher, Tracker, DomainDict], Awaitable[list[EventType]]]


def hands_off_on_error(run: Run) -> Run:
    """Decorate an action's ``run``: an unexpected error hands the conversation to a person instead."""

    @functools.wraps(run)
    async def guarded(
        self: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        try:
            return await run(self, dispatcher, tracker, domain)
        except Exception:  # the boundary: whatever failed, the resident gets a person
            logger.exception("action.failed name=%s", self.name())
            dispatcher.messages.clear()
            return await hand_off(dispatcher, tracker, HandoffReason.ACTION_ERROR)

    return guarded
