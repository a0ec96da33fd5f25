"""The consoles' live feed across processes: a change committed anywhere reaches every front door's consoles."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.messaging.conversations import get_or_create_conversation
from bot.messaging.vocabulary import Channel
from bot.platform.db import Database
from handoff import queue
from handoff.auth import create_user
from handoff.console.live import LiveFeed
from handoff.vocabulary import HandoffReason, Role


class Socket:
    """Stands in for a console's WebSocket: keeps what it is sent."""

    closed = False

    def __init__(self) -> None:
        self.frames: list[dict[str, Any]] = []

    async def send_json(self, frame: dict[str, Any]) -> None:
        self.frames.append(frame)

    async def close(self, **kwargs: Any) -> None:
        self.closed = True


async def until(predicate: Any, timeout: float = 5) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_a_change_made_by_any_process_reaches_the_consoles_of_every_process(db: Database) -> None:
    first, second = LiveFeed(db), LiveFeed(Database(db.engine.url.render_as_string(hide_password=False)))
    consoles = [Socket(), Socket()]
    first.add(consoles[0])  # type: ignore[arg-type]
    second.add(consoles[1])  # type: ignore[arg-type]
    await first.start()
    await second.start()
    try:

        def enqueue(session: Any) -> int:  # as the action server does, in its own process
            get_or_create_conversation(session, "c1", Channel.SMS)
            return queue.enqueue(session, "c1", HandoffReason.ASKED).handoff_id

        handoff_id = await db.run(enqueue)
        await until(lambda: all(c.frames for c in consoles))
        for console in consoles:
            assert [f["event"] for f in console.frames] == [
                {"kind": "queue", "handoff_id": handoff_id, "conversation_id": "c1"}
            ]
        seq = consoles[0].frames[0]["seq"]
        assert consoles[1].frames[0]["seq"] == seq
        await db.run(lambda s: queue.claim(s, handoff_id, _agent(s)))
        await until(lambda: all(len(c.frames) == 2 for c in consoles))
        # A console that reconnects asks for what came after the last seq it saw (nothing on a first connection).
        assert await first.history(seq) == consoles[0].frames[1:]
        assert await first.history(consoles[0].frames[1]["seq"]) == [] and await first.history(0) == []
        await asyncio.sleep(0.6)  # later polls (the late-commit window) do not repeat them
        assert len(consoles[0].frames) == len(consoles[1].frames) == 2
    finally:
        await first.stop()
        await second.stop()
    assert all(c.closed for c in consoles)


def _agent(session: Any) -> Any:
    return create_user(session, "agent@example.org", "long enough password", Role.AGENT)
