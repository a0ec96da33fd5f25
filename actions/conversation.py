"""What every action needs to know about the conversation: its language and the latest message."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from bot.language.i18n import normalize_language

INTERRUPTIONS = {"cancel", "emergency", "request_human", "help", "faq", "change_language", "check_status"}


def message_metadata(tracker: Tracker) -> dict[str, Any]:
    """The metadata the front door sent with the resident's latest message (channel, language)."""
    for event in reversed(tracker.events or []):
        if event.get("event") == "user":
            return dict(event.get("metadata") or {})
    return {}


def language_of(tracker: Tracker) -> str:
    """The conversation's language ("en" or "es"): the front door's record, sent with every message; else the slot."""
    return normalize_language(message_metadata(tracker).get("language") or tracker.get_slot("language"))


def message_id_of(tracker: Tracker) -> int | None:
    """The front door's id of the resident's latest message (None for a conversation it never saw)."""
    value = message_metadata(tracker).get("message_id")
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def latest_text(tracker: Tracker) -> str:
    """The resident's latest message text."""
    return (tracker.latest_message or {}).get("text") or ""


def earlier_texts(tracker: Tracker, limit: int = 6) -> list[str]:
    """The resident's messages before the latest one, newest first, back to the one that opened the current form.

    A form that ended before (an ``active_loop`` event with no name) bounds them: an earlier report's messages
    are not this one's.
    """
    texts: list[str] = []
    seen_latest = False
    for event in reversed(tracker.events or []):
        kind = event.get("event")
        if kind == "active_loop" and event.get("name") is None and seen_latest:
            break
        if kind == "user":
            if seen_latest:
                texts.append(str(event.get("text") or ""))
                if len(texts) >= limit:
                    break
            seen_latest = True
    return texts


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
