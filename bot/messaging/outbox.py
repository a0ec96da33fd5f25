"""The one sender: every message to a resident is stored here, then handed to its channel."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.messaging.models import Contact, Conversation, OutboundMessage
from bot.messaging.vocabulary import PROVIDER_INTERIM_STATUSES, PROVIDER_STATUSES, Origin, OutboundStatus
from bot.platform.db import Database, utcnow
from bot.platform.exceptions import DeliveryError

logger = logging.getLogger(__name__)


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
        self,
        conversation_id: str,
        messages: list[OutgoingMessage],
        origin: Origin = Origin.BOT,
        inbound_id: int | None = None,
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
        origin: Origin = Origin.BOT,
        inbound_id: int | None = None,
    ) -> list[int]:
        """Store ``messages`` inside the caller's transaction; returns the ids to deliver (not suppressed)."""
        conversation = session.get(Conversation, conversation_id)
        contact = session.get(Contact, conversation.contact_id) if conversation.contact_id else None
        suppressed = bool(contact and contact.opted_out and not Origin(origin).reaches_opted_out)
        rows = [
            OutboundMessage(
                conversation_id=conversation_id,
                channel=conversation.channel,
                origin=origin,
                inbound_id=inbound_id,
                body=m.text,
                payload={"buttons": m.buttons, "image": m.image},
                status=OutboundStatus.SUPPRESSED if suppressed else OutboundStatus.QUEUED,
            )
            for m in messages
        ]
        session.add_all(rows)
        session.flush()
        return [r.id for r in rows if r.status == OutboundStatus.QUEUED]

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
            await self._db.run(lambda session: _finish(session, message_id, OutboundStatus.FAILED, None, error))
            return
        await self._db.run(lambda session: _finish(session, message_id, OutboundStatus.SENT, sid, None))

    async def retry_queued(self, older_than: timedelta = timedelta(seconds=30)) -> int:
        """Deliver messages left queued (for instance by a restart); returns how many were tried."""
        cutoff = utcnow() - older_than
        ids = await self._db.run(
            lambda session: list(
                session.scalars(
                    select(OutboundMessage.id)
                    .where(OutboundMessage.status == OutboundStatus.QUEUED, OutboundMessage.created_at < cutoff)
                    .order_by(OutboundMessage.id)
                )
            )
        )
        await self.deliver_all(ids)
        return len(ids)

    async def record_status(self, provider_sid: str, provider_status: str, error_code: str | None = None) -> bool:
        """Record a provider's delivery report (Twilio's status callback); False if the SID is unknown.

        Reports arrive late, repeated and out of order; only moves the status table allows are applied,
        and Twilio's own interim statuses (its ``queued``, ``sending``) change nothing once we sent.
        """
        new = PROVIDER_STATUSES.get(provider_status)
        if new is None:
            if provider_status not in PROVIDER_INTERIM_STATUSES:
                logger.info("outbox.status.ignored status=%s", provider_status[:20])
            return await self._db.run(lambda session: _find_by_sid(session, provider_sid) is not None)

        def record(session: Session) -> bool:
            row = _find_by_sid(session, provider_sid)
            if row is None:
                return False
            if OutboundStatus(row.status).can_become(new):
                row.status = new
                row.error = error_code or row.error
            return True

        return await self._db.run(record)


def _find_by_sid(session: Session, provider_sid: str) -> OutboundMessage | None:
    return session.scalars(select(OutboundMessage).where(OutboundMessage.provider_sid.contains(provider_sid))).first()


def _claim(session: Session, message_id: int) -> Delivery | None:
    row = session.get(OutboundMessage, message_id, with_for_update=True)
    if row is None or row.status != OutboundStatus.QUEUED:
        return None
    row.status = OutboundStatus.SENDING
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


def _finish(session: Session, message_id: int, status: OutboundStatus, sid: str | None, error: str | None) -> None:
    row = session.get(OutboundMessage, message_id)
    row.status = status
    row.provider_sid = sid
    row.error = error
    row.sent_at = utcnow() if status == OutboundStatus.SENT else None
