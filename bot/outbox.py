"""The one sender: every message to a resident is stored here, then handed to its channel."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db import Database
from bot.exceptions import DeliveryError
from bot.models import Contact, Conversation, OutboundMessage, utcnow

logger = logging.getLogger(__name__)

QUEUED, SENDING, SENT, FAILED, SUPPRESSED = "queued", "sending", "sent", "failed", "suppressed"
#: Origins that reach a resident who opted out: only the confirmation of that opt-out.
ALWAYS_DELIVERED = {"keyword"}


@dataclass
class OutgoingMessage:
    """What the assistant (or an agent) says: text, quick-reply buttons, an image."""

    text: str
    buttons: list[dict[str, Any]] = field(default_factory=list)
    image: str | None = None

    @classmethod
    def from_rasa(cls, message: dict[str, Any]) -> OutgoingMessage:
        """From one message of Rasa's REST channel."""
        buttons = [
            {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
            for b in message.get("buttons") or []
        ]
        return cls(text=str(message.get("text") or ""), buttons=buttons, image=message.get("image"))


@dataclass(frozen=True)
class Delivery:
    """One stored outbound message with what its channel needs to deliver it."""

    id: int
    conversation_id: str
    channel: str
    language: str
    text: str
    buttons: list[dict[str, Any]]
    image: str | None
    address: bytes | None


class Transport(Protocol):
    """A channel's way of delivering a stored message; returns the provider's id, if any."""

    async def deliver(self, delivery: Delivery) -> str | None:
        """Deliver, or raise DeliveryError."""


class Outbox:
    """Stores outbound messages, delivers them through the conversation's channel, records the result."""

    def __init__(self, db: Database, transports: dict[str, Transport]) -> None:
        self._db = db
        self._transports = transports

    async def send(
        self, conversation_id: str, messages: list[OutgoingMessage], origin: str = "bot", inbound_id: int | None = None
    ) -> list[int]:
        """Store ``messages`` for the conversation, then deliver them in order."""
        if not messages:
            return []
        ids = await self._db.run(lambda session: self.store(session, conversation_id, messages, origin, inbound_id))
        await self.deliver_all(ids)
        return ids

    @staticmethod
    def store(
        session: Session,
        conversation_id: str,
        messages: list[OutgoingMessage],
        origin: str = "bot",
        inbound_id: int | None = None,
    ) -> list[int]:
        """Store ``messages`` inside the caller's transaction; returns the ids to deliver (not suppressed)."""
        conversation = session.get(Conversation, conversation_id)
        contact = session.get(Contact, conversation.contact_id) if conversation.contact_id else None
        suppressed = bool(contact and contact.opted_out and origin not in ALWAYS_DELIVERED)
        rows = [
            OutboundMessage(
                conversation_id=conversation_id,
                channel=conversation.channel,
                origin=origin,
                inbound_id=inbound_id,
                body=m.text,
                payload={"buttons": m.buttons, "image": m.image},
                status=SUPPRESSED if suppressed else QUEUED,
            )
            for m in messages
        ]
        session.add_all(rows)
        session.flush()
        return [r.id for r in rows if r.status == QUEUED]

    async def deliver_all(self, message_ids: list[int]) -> None:
        """Deliver stored messages in order."""
        for message_id in message_ids:
            await self.deliver(message_id)

    async def deliver(self, message_id: int) -> None:
        """Deliver one queued message; it is claimed first so that it is sent at most once."""
        delivery = await self._db.run(lambda session: _claim(session, message_id))
        if delivery is None:
            return
        transport = self._transports.get(delivery.channel)
        try:
            if transport is None:
                raise DeliveryError(f"no transport for channel {delivery.channel!r}")
            sid = await transport.deliver(delivery)
        except DeliveryError as err:
            error = str(err)
            logger.warning("outbox.delivery.failed id=%s channel=%s: %s", message_id, delivery.channel, error)
            await self._db.run(lambda session: _finish(session, message_id, FAILED, None, error))
            return
        await self._db.run(lambda session: _finish(session, message_id, SENT, sid, None))

    async def retry_queued(self, older_than: timedelta = timedelta(seconds=30)) -> int:
        """Deliver messages left queued (for instance by a restart); returns how many were tried."""
        cutoff = utcnow() - older_than
        ids = await self._db.run(
            lambda session: list(
                session.scalars(
                    select(OutboundMessage.id)
                    .where(OutboundMessage.status == QUEUED, OutboundMessage.created_at < cutoff)
                    .order_by(OutboundMessage.id)
                )
            )
        )
        await self.deliver_all(ids)
        return len(ids)


def _claim(session, message_id: int) -> Delivery | None:  # type: ignore[no-untyped-def]
    row = session.get(OutboundMessage, message_id, with_for_update=True)
    if row is None or row.status != QUEUED:
        return None
    row.status = SENDING
    conversation = session.get(Conversation, row.conversation_id)
    contact = session.get(Contact, conversation.contact_id) if conversation.contact_id else None
    payload = row.payload or {}
    return Delivery(
        id=row.id,
        conversation_id=row.conversation_id,
        channel=row.channel,
        language=conversation.language or "en",
        text=row.body,
        buttons=list(payload.get("buttons") or []),
        image=payload.get("image"),
        address=bytes(contact.address_encrypted) if contact else None,
    )


def _finish(session, message_id: int, status: str, sid: str | None, error: str | None) -> None:  # type: ignore[no-untyped-def]
    row = session.get(OutboundMessage, message_id)
    row.status = status
    row.provider_sid = sid
    row.error = error
    row.sent_at = utcnow() if status == SENT else None
