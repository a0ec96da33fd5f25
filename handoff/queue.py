"""The handoff queue: conversations the assistant passes to 311 staff."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.messaging.conversations import get_or_create_conversation
from bot.messaging.vocabulary import Channel
from handoff.models import HandoffRequest

WAITING = "waiting"


def enqueue(session: Session, conversation_id: str, reason: str) -> HandoffRequest:
    """Put a conversation in the queue once; asking again keeps its place."""
    existing = session.scalars(
        select(HandoffRequest).where(
            HandoffRequest.conversation_id == conversation_id, HandoffRequest.status == WAITING
        )
    ).first()
    if existing is not None:
        return existing
    get_or_create_conversation(session, conversation_id, channel=Channel.REST)
    request = HandoffRequest(conversation_id=conversation_id, reason=reason, status=WAITING)
    session.add(request)
    session.flush()
    return request


def waiting(session: Session) -> list[HandoffRequest]:
    """The queue, oldest first."""
    stmt = select(HandoffRequest).where(HandoffRequest.status == WAITING).order_by(HandoffRequest.created_at)
    return list(session.scalars(stmt))
