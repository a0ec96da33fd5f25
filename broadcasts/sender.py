"""Sending a broadcast: its messages go through the outbox at a paced rate, resumable after any crash.

Each message is claimed, sent and recorded by the outbox (``bot.messaging.deliveries``), so it is handed to
Twilio at most once: a sender killed mid-send leaves the message ``sending``; the next run puts it back in the
queue marked to be checked, and Twilio's list of the recipient's messages is asked before it is sent again.
The opt-out is checked again when each message is claimed, so a STOP during a broadcast is honoured for
everything not yet handed over. 429s and 5xx are retried with backoff, permanent errors are final, and
21610 marks the number opted out (the outbox's rules).

Pacing is done on the wire: the outbox's SMS sender is a ``PacedSender``, so the k-th message is handed to
Twilio no earlier than its slot, k / rate seconds after the first; the outbox leaves retries to this loop, so
they are paced too. Messages are claimed a few at a time, about ``CLAIM_AHEAD_SECONDS`` of sending ahead, in
one transaction, and what Twilio accepted is recorded through a group commit (``bot.platform.db.GroupCommit``):
a busy sender writes a handful of transactions a second, not three a message. The opt-out checked by a claim
is at most twice ``CLAIM_AHEAD_SECONDS`` and a send's time old.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from bot.messaging.models import OutboundMessage
from bot.messaging.outbox import Outbox, Transport
from bot.messaging.vocabulary import Channel, OutboundStatus
from bot.platform.db import Database, GroupCommit, utcnow
from broadcasts import service
from broadcasts.models import Broadcast
from broadcasts.vocabulary import BroadcastStatus

logger = logging.getLogger(__name__)

HEADROOM = 0.99
"""The pace is kept this much under the configured rate, so that no one-second window at Twilio goes over it."""
LATENESS = (1 / HEADROOM - 1) / 2
"""How late (in seconds) a send may still take its slot: 5 ms. A send at most ``L`` after its slot, on a grid of
``rate * HEADROOM`` slots a second, puts at most ``(1 + L) * rate * HEADROOM`` sends in any second, which is
within the rate while ``L <= 1 / HEADROOM - 1``; half of that is left for the network's own jitter."""
LATE_WAKE_RETRIES = 2
"""A send woken too late for its slot tries the next slot this many times, then goes (spaced a slot apart)."""
CONCURRENCY = 32
PACED_IN_FLIGHT = 4
"""Paced, how many sends may wait for Twilio's answer at once besides the claimed ones waiting for a slot."""
CLAIM_AHEAD_SECONDS = 0.1
"""Messages are claimed together, about this much sending time at a time (all of ``CONCURRENCY`` with no limit).

The next group is claimed while the last one waits for its slots, so the claim's opt-out check is at most
twice this old: a STOP that arrives after its message was claimed (at most 0.2 s before it is sent) cannot stop
it."""
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


class Pacer:
    """Starts at most ``rate`` sends a second (None: no limit), on a grid of slots.

    The slots are ``origin + phase + k / rate`` on the wall clock, so that the sending processes of one
    broadcast (each with its share of the rate, and its phase) interleave evenly instead of bunching. A
    sender that falls behind skips the slots it missed (beyond ``LATENESS``): it never catches up in a burst.
    On an event loop that wakes it late again and again it still sends, a slot's length after the last send.
    """

    def __init__(self, rate: float | None, origin: float | None = None, phase: float = 0.0) -> None:
        self._interval = 1 / (rate * HEADROOM) if rate else 0.0
        self._next = (origin if origin is not None else time.time()) + phase * self._interval

    async def wait(self) -> None:
        """Wait for the next free slot."""
        if not self._interval:
            return
        for _ in range(LATE_WAKE_RETRIES + 1):
            now = time.time()
            if self._next < now - LATENESS:
                self._next += math.ceil((now - LATENESS - self._next) / self._interval) * self._interval
            slot = self._next
            self._next = slot + self._interval
            if slot > now:
                await asyncio.sleep(slot - now)
            if time.time() <= slot + LATENESS:  # a busy event loop can wake us late: then the next slot
                return
        # Woken late every time (a starved event loop): send now, and the next a whole slot later.
        self._next = time.time() + self._interval


class PacedSender:
    """An SMS sender whose sends keep the pace on the wire (a look-up with the provider is not paced).

    The broadcast's sends wait for their slots here, at the last moment before the request is written, so
    that no work of the sender's (claims, records, answers) can bunch them at the provider.
    """

    def __init__(self, sender: Any, pacer: Pacer) -> None:
        self._sender = sender
        self._pacer = pacer

    async def send(
        self, to: str, body: str, media_urls: list[str] | None = None, status_callback: str | None = None
    ) -> str:
        """Wait for the next slot, then send."""
        await self._pacer.wait()
        return str(await self._sender.send(to, body, media_urls, status_callback))

    async def find_sent(self, to: str, body: str, since: datetime) -> str | None:
        """Ask the provider."""
        found = await self._sender.find_sent(to, body, since)
        return str(found) if found is not None else None


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


@dataclass(frozen=True)
class Shard:
    """The share of a broadcast one sending process takes: messages whose id is ``index`` modulo ``count``."""

    index: int = 0
    count: int = 1

    def pacer(self, rate: float | None, origin: float | None) -> Pacer:
        """This share's pacer: ``rate / count``, its slots between the other shares' (from ``origin``)."""
        return Pacer(rate / self.count if rate else None, origin, self.index / self.count)


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
        rate: float | None,
        concurrency: int = CONCURRENCY,
        shard: Shard = WHOLE,
    ) -> None:
        """Claim ahead of the outbox's paced sends and take their retries, so that they are paced too.

        ``outbox``: made by ``broadcast_outbox`` over a transport whose sender is a ``PacedSender`` at ``rate``
        (``shard.pacer``).

        With several sending processes each takes its ``shard`` of the messages at its share of the rate.
        """
        self._db = db
        self._outbox = outbox
        self._shard = shard
        self._stuck_after = stuck_after
        share = rate / shard.count if rate else None
        self._claim_size = max(1, int(share * CLAIM_AHEAD_SECONDS)) if share else concurrency
        # Paced, the messages in flight are the claimed ones waiting for their slots and a few being answered.
        self._slots = asyncio.Semaphore(2 * self._claim_size + PACED_IN_FLIGHT if share else concurrency)

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
                chunks = [ids[first : first + self._claim_size] for first in range(0, len(ids), self._claim_size)]
                claiming = asyncio.create_task(self._outbox.claim(chunks[0]))
                for k in range(len(chunks)):
                    claimed = await claiming
                    if k + 1 < len(chunks):  # the next few are claimed while these wait for their slots
                        claiming = asyncio.create_task(self._outbox.claim(chunks[k + 1]))
                    for delivery in claimed:
                        await self._slots.acquire()
                        task = asyncio.create_task(self._outbox.deliver_claimed(delivery))
                        in_flight.add(task)
                        task.add_done_callback(functools.partial(self._finished, in_flight))
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
