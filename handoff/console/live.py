"""The consoles' live feed: every change to the queue or a transcript, from any process, pushed to every console.

Changes are rows of ``handoff_events`` (written in the same transaction as the change, by the front door or
the action server). One poller per process reads the new rows and pushes each to this process's open
consoles as a ``message`` frame whose ``seq`` is the row id; a local change wakes the poller at once. A
console that reconnects resumes after the last seq it saw. Ids are read again for a short window, because
a transaction that took an id earlier can commit after a later one (PostgreSQL sequences).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta
from typing import Any

from aiohttp import web
from sqlalchemy import func, select

from bot.platform.db import Database, utcnow
from handoff.models import HandoffEvent

logger = logging.getLogger(__name__)

POLL_SECONDS = 0.25
IDLE_POLL_SECONDS = 2.0
"""With no console open in this process the feed only keeps its place (a console that opens is polled for at once)."""
LATE_COMMIT_WINDOW = timedelta(seconds=10)
HISTORY_LIMIT = 200


def frame(event: HandoffEvent) -> dict[str, Any]:
    """A live frame for one event (the reliable connection's ``message`` shape)."""
    return {
        "type": "message",
        "seq": event.id,
        "event": {"kind": event.kind, "handoff_id": event.handoff_id, "conversation_id": event.conversation_id},
    }


class LiveFeed:
    """Pushes new handoff events to the consoles open in this process."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._sockets: set[web.WebSocketResponse] = set()
        self._wake = asyncio.Event()
        self._seen: dict[int, float] = {}
        self._last = 0
        self._task: asyncio.Task[None] | None = None

    @property
    def consoles(self) -> int:
        """How many consoles are open in this process."""
        return len(self._sockets)

    def add(self, ws: web.WebSocketResponse) -> None:
        """Start pushing to a console's socket (and poll at once: the feed polls slowly with none open)."""
        self._sockets.add(ws)
        self._wake.set()

    def remove(self, ws: web.WebSocketResponse) -> None:
        """Stop pushing to it."""
        self._sockets.discard(ws)

    def nudge(self) -> None:
        """A change was committed here: poll now rather than at the next tick."""
        self._wake.set()

    async def start(self) -> None:
        """Begin polling (from the newest event: consoles load the current state themselves)."""
        self._last = int(await self._db.run(lambda s: s.scalar(select(func.max(HandoffEvent.id)))) or 0)
        self._task = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Stop polling and close the consoles' sockets."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        for ws in list(self._sockets):
            await ws.close(code=1001, message=b"server shutdown")
        self._sockets.clear()

    async def history(self, after_seq: int) -> list[dict[str, Any]]:
        """The events after ``after_seq`` (the last HISTORY_LIMIT at most; none for a first connection)."""
        if after_seq <= 0:
            return []
        rows = await self._db.run(
            lambda s: list(
                s.scalars(
                    select(HandoffEvent)
                    .where(HandoffEvent.id > after_seq)
                    .order_by(HandoffEvent.id.desc())
                    .limit(HISTORY_LIMIT)
                )
            )
        )
        return [frame(e) for e in reversed(rows)]

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), POLL_SECONDS if self._sockets else IDLE_POLL_SECONDS)
            self._wake.clear()
            try:
                await self._poll()
            except Exception:  # the database may be restarting: try again next tick
                logger.exception("console.live.poll.failed")
                await asyncio.sleep(1)

    async def _poll(self) -> None:
        since = utcnow() - LATE_COMMIT_WINDOW
        low = self._last
        rows = await self._db.run(
            lambda s: list(
                s.scalars(
                    select(HandoffEvent)
                    .where(
                        (HandoffEvent.id > low) | ((HandoffEvent.id > low - 100) & (HandoffEvent.created_at >= since))
                    )
                    .order_by(HandoffEvent.id)
                    .limit(1000)
                )
            )
        )
        loop_time = asyncio.get_running_loop().time()
        fresh = [e for e in rows if e.id not in self._seen]
        for event in fresh:
            self._seen[event.id] = loop_time
            self._last = max(self._last, event.id)
        if len(self._seen) > 5000:
            cutoff = loop_time - 2 * LATE_COMMIT_WINDOW.total_seconds()
            self._seen = {k: v for k, v in self._seen.items() if v >= cutoff}
        for event in fresh:
            await self._push(frame(event))

    async def _push(self, payload: dict[str, Any]) -> None:
        for ws in list(self._sockets):
            if ws.closed:
                self._sockets.discard(ws)
                continue
            try:
                await ws.send_json(payload)
            except (ConnectionError, RuntimeError):
                self._sockets.discard(ws)
