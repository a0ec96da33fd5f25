"""Building rasa-sdk trackers and the domain for action tests."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from bot.platform.settings import ROOT


@lru_cache(maxsize=1)
def domain() -> dict[str, Any]:
    """The project's domain as the action server receives it."""
    merged: dict[str, Any] = {"slots": {}, "forms": {}, "responses": {}, "intents": [], "entities": []}
    for path in sorted((ROOT / "domain").glob("*.yml")):
        data = yaml.safe_load(path.read_text()) or {}
        for key in ("slots", "forms", "responses"):
            merged[key].update(data.get(key) or {})
    return merged


def tracker(
    text: str = "",
    intent: str = "inform",
    entities: list[dict[str, Any]] | None = None,
    slots: dict[str, Any] | None = None,
    active_loop: str | None = None,
    sender_id: str = "test-conversation",
    events: list[dict[str, Any]] | None = None,
) -> Tracker:
    """A tracker whose latest message is ``text`` with ``intent`` and ``entities``."""
    all_slots = {name: None for name in domain()["slots"]}
    all_slots.update({"language": "en", "failed_attempts": 0.0})
    all_slots.update(slots or {})
    message = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or []}
    return Tracker(
        sender_id=sender_id,
        slots=all_slots,
        latest_message=message,
        events=events or [],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def entity(name: str, value: str) -> dict[str, Any]:
    """An entity as the NLU reports it."""
    return {"entity": name, "value": value, "start": 0, "end": len(value)}


def responses(dispatcher: CollectingDispatcher) -> list[str]:
    """The names of the responses an action asked for."""
    return [m.get("response") for m in dispatcher.messages]
