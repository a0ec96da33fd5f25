"""The front door's broadcast worker: broadcasts approved in the console sent at once stay within the number's rate."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

import bot.channels.sms as sms
from bot.platform.db import Database
from broadcasts import service
from broadcasts.models import Broadcast
from broadcasts.vocabulary import BroadcastStatus
from broadcasts.worker import CONSOLE, BroadcastWorker
from tests.broadcasts.support import VAULT, phone, settings_for, subscribe
from tests.harness.fakes.twilio_api import FakeTwilioServer

RATE = 30
SUBSCRIBERS = 45


class Stamped:
    """An SMS sender that notes when each send reaches the wire."""

    def __init__(self, sender: Any, stamps: list[float]) -> None:
        self._sender = sender
        self._stamps = stamps

    async def send(self, *args: Any, **kwargs: Any) -> str:
        self._stamps.append(time.monotonic())
        return str(await self._sender.send(*args, **kwargs))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sender, name)


def busiest_second(stamps: list[float]) -> int:
    """The most sends in any one-second window."""
    ordered = sorted(stamps)
    return max((sum(1 for t in ordered[i:] if t < start + 1.0) for i, start in enumerate(ordered)), default=0)


async def test_two_broadcasts_at_once_share_the_numbers_rate(db: Database, tmp_path: Path) -> None:
    subscribe(db, [(phone(i), "en", "97211") for i in range(SUBSCRIBERS)])
    stamps: list[float] = []
    announced: list[dict[str, Any]] = []

    async def announce(event: dict[str, Any]) -> int:
        announced.append(event)
        return 0

    async with FakeTwilioServer() as fake:
        settings = settings_for(str(db.engine.url), fake.base_url, tmp_path)

        def transports(wrap: Callable[[Any], Any]) -> tuple[Any, Callable[[], Awaitable[None]] | None]:
            transport, twilio = sms.make_transport(settings, VAULT, lambda sender: wrap(Stamped(sender, stamps)))
            return transport, twilio.close if twilio is not None else None

        worker = BroadcastWorker(db, transports, announce, RATE, timedelta(seconds=5))
        with db.session() as session:
            for text in ("Heat warning: cooling centers open 10am-10pm.", "Smoke advisory: stay indoors today."):
                draft = service.check(text, f"Aviso: {text}", "urgent", "")
                service.create(session, draft, None, CONSOLE, approval_required=True)
        worker.start()
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                statuses = await db.run(lambda s: s.scalars(select(Broadcast.status).order_by(Broadcast.id)).all())
                if all(status == BroadcastStatus.SENT for status in statuses):
                    break
                await asyncio.sleep(0.2)
        finally:
            await worker.stop()
        sent = len(fake.messages)
    assert sent == 2 * SUBSCRIBERS and statuses == [BroadcastStatus.SENT, BroadcastStatus.SENT]
    assert len(announced) == 2
    # Both at once, still no more than the number's rate in any second (each alone would have taken all of it).
    assert busiest_second(stamps) <= RATE
    assert (max(stamps) - min(stamps)) >= (2 * SUBSCRIBERS - RATE) / RATE
