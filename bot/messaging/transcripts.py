"""A conversation's history both ways, built in one place for every reader.

The web chat's resume, the SMS simulator and the agent console all show the same history; each
turns these entries into its own frames.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.messaging.models import InboundMessage, OutboundMessage
from bot.messaging.vocabulary import Origin


@dataclass(frozen=True)
class Entry:
    """One message of the history: the resident's (``origin`` None) or one sent to them."""

    id: int
    at: datetime
    text: str
    origin: Origin | None
    external_id: str = ""
    has_media: bool = False
    buttons: list[dict[str, Any]] = field(default_factory=list)
    image: str | None = None
    status: str = ""

    @property
    def from_resident(self) -> bool:
        """Whether the resident wrote it."""
        return self.origin is None


def transcript(session: Session, conversation_id: str, after_id: int = 0, residents: bool = True) -> list[Entry]:
    """The conversation in the order it happened.

    Args:
        session: An open session.
        conversation_id: The conversation.
        after_id: Only outbound messages with a larger id (what a reconnecting reader has not seen).
        residents: Whether to include the resident's own messages.

    Returns:
        The entries, oldest first; at equal times the resident's message comes before the answer.
    """
    entries: list[tuple[datetime, int, int, Entry]] = []
    outbound = session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.conversation_id == conversation_id, OutboundMessage.id > after_id)
        .order_by(OutboundMessage.id)
    )
    for row in outbound:
        payload = row.payload or {}
        entry = Entry(
            id=row.id,
            at=row.created_at,
            text=row.body,
            origin=Origin(row.origin),
            buttons=list(payload.get("buttons") or []),
            image=payload.get("image"),
            status=row.status,
        )
        entries.append((row.created_at, 1, row.id, entry))
    if residents:
        inbound = session.scalars(select(InboundMessage).where(InboundMessage.conversation_id == conversation_id))
        for message in inbound:
            entry = Entry(
                id=message.id,
                at=message.received_at,
                text=message.body,
                origin=None,
                external_id=message.external_id,
                has_media=bool((message.details or {}).get("items")),
                status=message.status,
            )
            entries.append((message.received_at, 0, message.id, entry))
    entries.sort(key=lambda item: item[:3])
    return [entry for *_, entry in entries]
