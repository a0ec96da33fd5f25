"""What every action needs to know about the conversation: its language and the latest message."""

from __future__ import annotations

from rasa_sdk import Tracker
from sqlalchemy.exc import SQLAlchemyError

from actions.store import database
from bot.i18n import normalize_language
from bot.models import Conversation

INTERRUPTIONS = {"cancel", "emergency", "request_human", "help", "faq", "change_language", "check_status"}


def language_of(tracker: Tracker) -> str:
    """The conversation's language ("en" or "es"): the front door's record first, then the slot."""

    def recorded(session) -> str | None:  # type: ignore[no-untyped-def]
        conversation = session.get(Conversation, tracker.sender_id)
        return conversation.language if conversation else None

    try:
        with database().session() as session:
            known = recorded(session)
    except SQLAlchemyError:
        known = None
    return normalize_language(known or tracker.get_slot("language"))


def latest_text(tracker: Tracker) -> str:
    """The resident's latest message text."""
    return (tracker.latest_message or {}).get("text") or ""


def latest_intent(tracker: Tracker) -> str | None:
    """The intent of the resident's latest message."""
    return ((tracker.latest_message or {}).get("intent") or {}).get("name")


def is_interruption(tracker: Tracker) -> bool:
    """Whether the latest message steps out of the form (handled by rules, not by validators)."""
    return latest_intent(tracker) in INTERRUPTIONS


def entity_values(tracker: Tracker, entity: str) -> list[str]:
    """Every value of ``entity`` in the latest message."""
    return [str(e["value"]) for e in (tracker.latest_message or {}).get("entities", []) if e.get("entity") == entity]


def is_answering(tracker: Tracker, slot: str) -> bool:
    """Whether the latest message answers the form's question for ``slot``."""
    return tracker.get_slot("requested_slot") == slot and not is_interruption(tracker)
