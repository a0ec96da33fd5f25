"""The seams the inbox routes through: messages for staff, and channel-level messages (carrier keywords).

The inbox knows neither the handoff queue nor any channel. The app factory gives it an
``AgentRouter`` (the handoff package's) and, per channel, an ``Interceptor`` that may answer a
message before the dialogue sees it (the SMS channel's STOP/START/HELP).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from bot.messaging.models import Conversation, InboundMessage
from bot.messaging.outbox import OutgoingMessage
from bot.messaging.vocabulary import Origin


class AgentRouter(Protocol):
    """Where a message goes when the conversation is with staff (waiting for an agent, or with one)."""

    async def route(self, message_id: int, conversation_id: str) -> None:
        """Hand the stored message to staff (it is already marked ``for_agent``)."""

    def hand_off(self, session: Session, conversation: Conversation, reason: str, interpreter: str | None) -> None:
        """Queue the conversation for staff inside the caller's transaction (the front door's own handoffs)."""

    async def handed_off(self, conversation_id: str) -> None:
        """After ``hand_off`` committed (pause the assistant, tell the staff)."""


@dataclass(frozen=True)
class Interception:
    """A channel's own answer to a message, given instead of the dialogue's."""

    replies: list[OutgoingMessage]
    origin: Origin


class Interceptor(Protocol):
    """A channel's hook, run inside the transaction that begins a message's processing."""

    def __call__(self, session: Session, message: InboundMessage, conversation: Conversation) -> Interception | None:
        """Apply what the message asks of the channel (e.g. opt out) and answer it; None to let it through."""


def first_of(*interceptors: Interceptor) -> Interceptor:
    """Several hooks as one: the first that answers wins (carrier keywords first, then alert keywords)."""

    def intercept(session: Session, message: InboundMessage, conversation: Conversation) -> Interception | None:
        for interceptor in interceptors:
            answer = interceptor(session, message, conversation)
            if answer is not None:
                return answer
        return None

    return intercept
