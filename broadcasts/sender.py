"""Sending a broadcast: its messages go through the outbox at a paced rate, resumable after any crash.

Each message is claimed, sent and recorded by the outbox (``bot.messaging.deliveries``), so it is handed to
Twilio at most once: a sender killed mid-send leaves the message ``sending``; the next run puts it back in the
queue marked to be checked, and Twilio's list of the recipient's messages is asked before it is sent again.
The opt-out is checked again when each message is claimed, so a STOP during a broadcast is honoured for
everything not yet handed over. 429s and 5xx are retried with backoff, permanent errors are final, and
21610 marks the number opted out (the outbox's rules).

Pacing is done on the wire (``broadcasts.pacing``): the outbox's SMS sender is a ``PacedSender``, so each
message is handed to Twilio no earlier than its slot; the outbox leaves retries to this loop, so they are paced
too. Messages are claimed a few at a time, in one transaction, when the slots already taken reach no more than
``CLAIM_AHEAD_SECONDS`` ahead, and what Twilio accepted is recorded through a group commit
(``bot.platform.db.GroupCommit``): a busy sender writes a handful of transactions a second, not three a
message. The opt-out checked by a claim is at most about twice ``CLAIM_AHEAD_SECONDS`` old when it is sent.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from bot.messaging.models import OutboundMessage
from bot.messaging.outbox import Outbox, Transport
from bot.messaging.vocabulary import Channel, OutboundStatus
from bot.platform.db import Database, GroupCommit, utcnow
from broadcasts import service
from broadcasts.models import Broadcast
from broadcasts.pacing import Pacer, Shard
from broadcasts.vocabulary import BroadcastStatus

logger = logging.getLogger(__name__)

CONCURRENCY = 32
CLAIM_AHEAD_SECONDS = 0.1
"""Messages are claimed together, about this much sending time at a time (all of ``CONCURRENCY`` with no limit).

The next group is claimed when the slots taken are at most this far ahead, so a claim's opt-out check is at
most about twice this old: a STOP (or a cancellation) that arrives after its message was claimed, at most about
0.2 s before it is sent, cannot stop it."""
BATCH = 1000
IDLE_WAIT_SECONDS = 0.5
_FINAL = (
    OutboundStatus.SENT,
    OutboundStatus.DELIVERED,
    OutboundStatus.UNDELIVERED,
    OutboundStatus.READ,
    OutboundStatus.FAILED,
    OutboundStatus.SUPPRESSED,
    OutboundStatus.CANCELLED,
)


@dataclass(frozen=True)
class Outcome:
    """How a run ended, and the messages by status."""

    status: BroadcastStatus
    counts: dict[str, int]

    @property
    def handed_over(self) -> int:
        """Messages Twilio accepted (whatever their delivery report says since)."""
        return sum(self.counts.get(s, 0) for s in ("sent", "delivered", "undelivered", "read"))


def _counts(session: Session, broadcast_id: int) -> dict[str, int]:
    rows = session.execute(
        select(OutboundMessage.status, func.count())
        .where(OutboundMessage.broadcast_id == broadcast_id)
        .group_by(OutboundMessage.status)
    ).all()
    return {str(status): int(count) for status, count in rows}


def start(session: Session, broadcast_id: int) -> BroadcastStatus:
    """Move an approved broadcast to sending and queue its messages (once); the status it has now."""
    broadcast = service.get(session, broadcast_id)
    if broadcast.status == BroadcastStatus.APPROVED:
        broadcast.status = BroadcastStatus.SENDING
        broadcast.started_at = utcnow()
    if broadcast.status == BroadcastStatus.SENDING:
        service.enqueue(session, broadcast_id)
    return BroadcastStatus(broadcast.status)


def _recover(session: Session, broadcast_id: int, stuck_after: timedelta) -> int:
    """Messages left ``sending`` by a sender that died: back to the queue, to be checked with Twilio first."""
    return int(
        session.execute(
            update(OutboundMessage)
            .where(
                OutboundMessage.broadcast_id == broadcast_id,
                OutboundMessage.status == OutboundStatus.SENDING,
                OutboundMessage.claimed_at < utcnow() - stuck_after,
            )
            .values(status=OutboundStatus.QUEUED, verify=True, next_attempt_at=None)
            .execution_options(synchronize_session=False)
        ).rowcount
    )


def _due(session: Session, *, broadcast_id: int, after_id: int, now: datetime, shard: Shard) -> list[int]:
    query = (
        select(OutboundMessage.id)
        .where(
            OutboundMessage.broadcast_id == broadcast_id,
            OutboundMessage.status == OutboundStatus.QUEUED,
            OutboundMessage.id > after_id,
            or_(OutboundMessage.next_attempt_at.is_(None), OutboundMessage.next_attempt_at <= now),
        )
        .order_by(OutboundMessage.id)
        .limit(BATCH)
    )
    if shard.count > 1:
        query = query.where(OutboundMessage.id % shard.count == shard.index)
    return list(session.scalars(query))


def _finish(session: Session, broadcast_id: int) -> BroadcastStatus:
    """Sent, when nothing of it is queued or sending any more; else it stays as it is."""
    broadcast = session.get(Broadcast, broadcast_id)
    pending = session.scalar(
        select(func.count()).where(
            OutboundMessage.broadcast_id == broadcast_id,
            OutboundMessage.status.in_([OutboundStatus.QUEUED, OutboundStatus.SENDING]),
        )
    )
    if broadcast.status == BroadcastStatus.SENDING and not pending:
        broadcast.status = BroadcastStatus.SENT
        broadcast.finished_at = utcnow()
    return BroadcastStatus(broadcast.status)


WHOLE = Shard()


def broadcast_outbox(db: Database, transport: Transport, stuck_after: timedelta) -> Outbox:
    """The outbox a broadcast sender sends through: SMS only, retries left to the sender, writes in groups."""
    return Outbox(db, {Channel.SMS: transport}, stuck_after=stuck_after, retry_in_process=False, writes=GroupCommit(db))


class BroadcastSender:
    """Runs one broadcast to its end (or its cancellation) through the outbox, at a paced rate."""

    def __init__(
        self,
        db: Database,
        outbox: Outbox,
        stuck_after: timedelta,
        pacer: Pacer,
        concurrency: int = CONCURRENCY,
        shard: Shard = WHOLE,
    ) -> None:
        """Claim just ahead of the outbox's paced sends and take their retries, so that they are paced too.

        ``outbox``: made by ``broadcast_outbox`` over a transport whose sender is a ``PacedSender`` with this
        ``pacer`` (``shard.pacer(rate, origin)``; ``Pacer(None)``: no limit). With several sending processes
        each takes its ``shard`` of the messages at its share of the rate.
        """
        self._db = db
        self._outbox = outbox
        self._shard = shard
        self._pacer = pacer
        self._stuck_after = stuck_after
        rate = pacer.per_second
        self._claim_size = max(1, int(rate * CLAIM_AHEAD_SECONDS)) if rate else concurrency
        self._slots = asyncio.Semaphore(concurrency)

    async def run(self, broadcast_id: int, progress: Callable[[dict[str, int]], None] | None = None) -> Outcome:
        """Send (or resume) until every message is handed to Twilio or failed for good, or it is cancelled."""
        status = await self._db.run(lambda s: start(s, broadcast_id))
        if status != BroadcastStatus.SENDING:
            return Outcome(status, await self._db.run(lambda s: _counts(s, broadcast_id)))
        await self._db.run(lambda s: _recover(s, broadcast_id, self._stuck_after))  # what a dead sender left
        in_flight: set[asyncio.Task[bool]] = set()
        last_id = 0
        while True:
            ids = await self._db.run(
                functools.partial(_due, broadcast_id=broadcast_id, after_id=last_id, now=utcnow(), shard=self._shard)
            )
            if ids:
                last_id = ids[-1]
                if await self._cancelled(broadcast_id):
                    break
                for first in range(0, len(ids), self._claim_size):
                    while self._pacer.backlog() > CLAIM_AHEAD_SECONDS:  # claimed too far ahead of the wire
                        await asyncio.sleep(self._pacer.backlog() - CLAIM_AHEAD_SECONDS)
                    for delivery in await self._outbox.claim(ids[first : first + self._claim_size]):
                        await self._slots.acquire()
                        task = asyncio.create_task(self._outbox.deliver_claimed(delivery))
                        in_flight.add(task)
                        task.add_done_callback(functools.partial(self._finished, in_flight))
                        await asyncio.sleep(0)  # it takes its slot on the wire now (the backlog counts it)
                if progress:
                    progress(await self._db.run(lambda s: _counts(s, broadcast_id)))
                continue
            if in_flight:
                await asyncio.wait(in_flight)
            if await self._cancelled(broadcast_id):
                break
            status = await self._db.run(lambda s: _finish(s, broadcast_id))
            if status != BroadcastStatus.SENDING:
                break
            # Retries are waiting for their backoff, or another process holds some: look again from the start.
            await self._db.run(lambda s: _recover(s, broadcast_id, self._stuck_after))
            last_id = 0
            await asyncio.sleep(IDLE_WAIT_SECONDS)
        if in_flight:
            await asyncio.wait(in_flight)
        counts = await self._db.run(lambda s: _counts(s, broadcast_id))
        if progress:
            progress(counts)
        final = await self._db.run(lambda s: BroadcastStatus(service.get(s, broadcast_id).status))
        return Outcome(final, counts)

    def _finished(self, in_flight: set[asyncio.Task[bool]], task: asyncio.Task[bool]) -> None:
        in_flight.discard(task)
        self._slots.release()

    async def _cancelled(self, broadcast_id: int) -> bool:
        status = await self._db.run(lambda s: s.scalar(select(Broadcast.status).where(Broadcast.id == broadcast_id)))
        return status == BroadcastStatus.CANCELLED
