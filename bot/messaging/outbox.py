"""The one sender: every message to a resident is stored here, then handed to its channel.

Nothing is lost and nothing is sent twice: a message is claimed before it is sent (``deliveries.claim``),
each part the provider accepts is recorded at once, a retryable failure puts it back in the queue with an
exponential backoff (tried again in this process when the wait is over, and by the sweeper after a restart),
a timeout is checked with the provider before sending again, and a message left ``sending`` by a crash is
recovered the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, Protocol

from sqlalchemy.orm import Session

from bot.messaging import deliveries
from bot.messaging.deliveries import Delivery
from bot.messaging.models import Contact, Conversation, OutboundMessage
from bot.messaging.vocabulary import PROVIDER_INTERIM_STATUSES, PROVIDER_STATUSES, Origin, OutboundStatus
from bot.platform.db import Database, GroupCommit, utcnow
from bot.platform.exceptions import DeliveryError

__all__ = ["Delivery", "OutgoingMessage", "Outbox", "PartRecorder", "Transport"]

EARLY_REPORT_WAITS = (0.1, 0.2, 0.4, 0.8, 1.5, 3.0)
"""Pauses before looking an unknown SID up again (6 s in all: a busy broadcast sender's group commit can hold a
part's record for more than a second or two, and Twilio's callback waits up to 15 s)."""

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


class PartRecorder(Protocol):
    """Called by a transport for each part the provider accepted, before the next part is sent."""

    async def __call__(self, position: int, provider_sid: str) -> None:
        """Record the part."""


class Transport(Protocol):
    """A channel's way of delivering a claimed message."""

    async def deliver(self, delivery: Delivery, record_part: PartRecorder) -> None:
        """Deliver the parts after ``delivery.parts_sent``, recording each one; raise DeliveryError on failure."""


class Outbox:
    """Stores outbound messages, delivers them through the conversation's channel, records the result."""

    def __init__(
        self,
        db: Database,
        transports: dict[str, Transport],
        stuck_after: timedelta = deliveries.STUCK_AFTER,
        retry_in_process: bool = True,
        writes: GroupCommit | None = None,
    ) -> None:
        """``retry_in_process`` False leaves due retries to the caller (the paced broadcast sender takes them).

        ``writes``: record parts, results and failures through a group commit (a sender of many messages at
        once); by default each is its own transaction.
        """
        self._db = db
        self._writes = writes
        self._write = writes.run if writes is not None else db.run
        self._transports = transports
        self._stuck_after = stuck_after
        self._retry_in_process = retry_in_process
        self._retries: set[asyncio.Task[None]] = set()

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

    async def deliver(self, message_id: int) -> bool:
        """Deliver one queued message (claimed first, so it is sent at most once); whether it went out now."""
        delivery = await self._db.run(lambda session: deliveries.claim(session, message_id))
        if delivery is None:
            return False
        return await self.deliver_claimed(delivery)

    async def claim(self, message_ids: list[int]) -> list[Delivery]:
        """Claim those of ``message_ids`` that are due, in one transaction, for ``deliver_claimed``."""
        return await self._db.run(lambda session: deliveries.claim_many(session, message_ids))

    async def deliver_claimed(self, delivery: Delivery) -> bool:
        """Deliver a message this process claimed; whether it went out now."""
        message_id = delivery.id
        try:
            transport = self._transports.get(delivery.channel)
            if transport is None:
                raise DeliveryError(f"no transport for channel {delivery.channel!r}")
            await transport.deliver(delivery, self._part_recorder(message_id))
        except DeliveryError as err:
            await self._failed(delivery, err)
            return False
        except Exception as err:  # a bug or a lost database: leave it for a later pass, checked with the provider
            logger.exception("outbox.delivery.crashed id=%s", message_id)
            await self._failed(delivery, DeliveryError(type(err).__name__, outcome_unknown=True))
            return False
        await self._write(lambda session: deliveries.finish(session, message_id))
        return True

    async def _deliver_late(self, message_id: int) -> None:
        """Deliver a message that had to wait, then the replies of its conversation held back behind it."""
        if not await self.deliver(message_id):
            return
        following = await self._db.run(lambda session: deliveries.next_in_line(session, message_id))
        await self.deliver_all(following)

    def _part_recorder(self, message_id: int) -> PartRecorder:
        async def record(position: int, provider_sid: str) -> None:
            await self._write(lambda session: deliveries.record_part(session, message_id, position, provider_sid))

        return record

    async def _failed(self, delivery: Delivery, error: DeliveryError) -> None:
        wait = await self._write(lambda session: deliveries.fail(session, delivery.id, error))
        logger.warning(
            "outbox.delivery.failed id=%s channel=%s retry_in=%s: %s",
            delivery.id,
            delivery.channel,
            f"{wait.total_seconds():.1f}s" if wait else "never",
            error,
        )
        if wait is not None and self._retry_in_process:
            task = asyncio.create_task(self._retry_later(delivery.id, wait))
            self._retries.add(task)
            task.add_done_callback(self._retries.discard)

    async def _retry_later(self, message_id: int, wait: timedelta) -> None:
        await asyncio.sleep(wait.total_seconds())
        try:
            await self._deliver_late(message_id)
        except Exception:  # the sweeper tries again
            logger.exception("outbox.retry.failed id=%s", message_id)

    async def retry_queued(self, older_than: timedelta = timedelta(seconds=30)) -> int:
        """Recover messages a crash left ``sending``, then deliver every queued message that is due.

        Returns how many were tried.
        """
        now = utcnow()
        stuck = await self._db.run(lambda session: deliveries.recover_stuck(session, now, self._stuck_after))
        if stuck:
            logger.warning("outbox.recovered stuck=%d", stuck)
        ids = await self._db.run(lambda session: deliveries.due(session, now, now - older_than))
        for message_id in ids:
            await self._deliver_late(message_id)
        return len(ids)

    async def close(self) -> None:
        """Stop the retries waiting in this process (the sweeper of the next start finds them).

        The records already handed to the group commit are written first.
        """
        for task in list(self._retries):
            task.cancel()
        for task in list(self._retries):
            with contextlib.suppress(asyncio.CancelledError):
                await task
        if self._writes is not None:
            await self._writes.flush()

    async def record_status(self, provider_sid: str, provider_status: str, error_code: str | None = None) -> bool:
        """Record a provider's delivery report (Twilio's status callback); False if the SID is unknown.

        Reports arrive late, repeated and out of order; only moves the status table allows are applied,
        and Twilio's own interim statuses (its ``queued``, ``sending``) change nothing once we sent. A report
        can also arrive early, before the sender has recorded the part Twilio just accepted: an unknown SID
        is looked up again for a moment (in whichever process sent it) before it is given up.
        """
        new = PROVIDER_STATUSES.get(provider_status)
        if new is None and provider_status not in PROVIDER_INTERIM_STATUSES:
            logger.info("outbox.status.ignored status=%s", provider_status[:20])

        def record(session: Session) -> bool:
            if new is None:
                return deliveries.find_part(session, provider_sid) is not None
            return deliveries.record_report(session, provider_sid, new, error_code or None)

        for wait in EARLY_REPORT_WAITS:
            if await self._db.run(record):
                return True
            await asyncio.sleep(wait)
        return await self._db.run(record)
