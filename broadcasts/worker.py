"""The front door's broadcast worker: sends the broadcasts approved in the console, and announces them.

Each broadcast that starts is shown as a banner in every open web chat widget.

A broadcast is sent through its own outbox whose SMS sender is paced. The broadcasts at the deployment's rate
(``BROADCAST_RATE``, the sending number's limit) share one pacer, so that two sent at once stay within it
together; one given a rate of its own is paced at that rate alone. A broadcast left ``sending`` by a stopped
process is taken up again at the next start; two front doors may run the same one, because every message is
claimed before it is sent.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from sqlalchemy import select

from bot.platform.db import Database
from broadcasts.models import Broadcast
from broadcasts.pacing import PacedSender, Pacer
from broadcasts.sender import BroadcastSender, broadcast_outbox
from broadcasts.vocabulary import BroadcastStatus

logger = logging.getLogger(__name__)

POLL_SECONDS = 2.0
CONSOLE = "console"
"""The worker runs the broadcasts made in the console; one made on the command line is sent (and resumed) there."""
#: Builds an SMS transport around a wrapped sender; returns it and what closes its HTTP client (if any).
TransportFactory = Callable[[Callable[[Any], Any]], tuple[Any, Callable[[], Awaitable[None]] | None]]
Announce = Callable[[dict[str, Any]], Awaitable[int]]


class BroadcastWorker:
    """Finds broadcasts ready to go (approved, or sending after a restart) and runs each once in this process."""

    def __init__(
        self,
        db: Database,
        transports: TransportFactory,
        announce: Announce,
        default_rate: float,
        stuck_after: timedelta,
    ) -> None:
        self._db = db
        self._transports = transports
        self._announce = announce
        self._stuck_after = stuck_after
        self._shared = Pacer(default_rate or None)
        self._wake = asyncio.Event()
        self._running: dict[int, asyncio.Task[None]] = {}
        self._task: asyncio.Task[None] | None = None

    def wake(self) -> None:
        """A broadcast was approved: look now rather than at the next poll."""
        self._wake.set()

    def start(self) -> None:
        """Begin watching for broadcasts."""
        self._task = asyncio.create_task(self._watch())

    async def stop(self) -> None:
        """Stop watching and stop the running broadcasts (another start resumes them)."""
        tasks = [t for t in (self._task, *self._running.values()) if t is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _watch(self) -> None:
        while True:
            try:
                ready = await self._db.run(
                    lambda s: list(
                        s.execute(
                            select(Broadcast.id, Broadcast.rate).where(
                                Broadcast.status.in_([BroadcastStatus.APPROVED, BroadcastStatus.SENDING]),
                                Broadcast.created_via == CONSOLE,
                            )
                        ).all()
                    )
                )
                for broadcast_id, rate in ready:
                    if broadcast_id not in self._running:
                        task = asyncio.create_task(self._send(broadcast_id, rate))
                        self._running[broadcast_id] = task
                        task.add_done_callback(functools.partial(self._done, broadcast_id))
            except Exception:  # the database may be restarting: look again at the next poll
                logger.exception("broadcasts.watch.failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), POLL_SECONDS)
            self._wake.clear()

    def _done(self, broadcast_id: int, task: asyncio.Task[None]) -> None:
        self._running.pop(broadcast_id, None)

    async def _send(self, broadcast_id: int, rate: float | None) -> None:
        pacer = self._shared if rate is None else Pacer(rate or None)
        transport, close = self._transports(lambda sender: PacedSender(sender, pacer))
        outbox = broadcast_outbox(self._db, transport, self._stuck_after)
        try:
            broadcast = await self._db.run(lambda s: s.get(Broadcast, broadcast_id))
            if broadcast.status == BroadcastStatus.APPROVED:
                await self._announce(
                    {
                        "type": "alert",
                        "id": broadcast.id,
                        "severity": broadcast.severity,
                        "text": {"en": broadcast.text_en, "es": broadcast.text_es},
                    }
                )
            outcome = await BroadcastSender(self._db, outbox, self._stuck_after, pacer).run(broadcast_id)
            logger.info("broadcast.done id=%s status=%s counts=%s", broadcast_id, outcome.status, outcome.counts)
        except Exception:  # logged; the next poll starts it again
            logger.exception("broadcast.failed id=%s", broadcast_id)
        finally:
            await outbox.close()
            if close is not None:
                await close()
