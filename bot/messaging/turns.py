"""What one turn of the message path is made of: a channel's draft, a stored turn, and Rasa's answer split."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.messaging.outbox import OutgoingMessage


@dataclass
class InboundDraft:
    """A message as a channel received it."""

    channel: str
    conversation_id: str
    external_id: str
    body: str
    media: list[dict[str, Any]] = field(default_factory=list)
    payload: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Accepted:
    """The result of storing a message: its id, and whether it had been stored before."""

    message_id: int
    duplicate: bool


@dataclass(frozen=True)
class Turn:
    """What processing one stored message needs, read in one transaction."""

    conversation_id: str
    channel: str
    language: str
    text: str
    media: list[dict[str, Any]]
    question: str | None = None


@dataclass(frozen=True)
class Routed:
    """A message that is not for the dialogue: handed to staff, or answered by its channel."""

    for_agent: bool = False
    reply_ids: list[int] = field(default_factory=list)
    handed_off: bool = False
    """The front door itself handed the conversation to staff (a language the assistant does not speak)."""


def split_answer(answer: list[dict[str, Any]]) -> tuple[list[OutgoingMessage], str | None]:
    """Rasa's messages to the resident, and the form question the last response asks (``custom.question``).

    The NLG endpoint marks every response with the question it asks (None for the others); those marks
    arrive as separate ``custom`` messages and are never delivered.
    """
    said: list[OutgoingMessage] = []
    question: str | None = None
    for message in answer:
        custom = message.get("custom")
        if isinstance(custom, dict) and "question" in custom and not (message.get("text") or message.get("image")):
            question = custom.get("question") or None
            continue
        said.append(OutgoingMessage.from_rasa(message))
    return said, question
