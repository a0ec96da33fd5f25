"""Per-key locks: work on one key is serialised, and the map forgets keys nobody holds."""

from __future__ import annotations

import asyncio

from bot.platform.locks import KeyedLocks


async def test_one_key_at_a_time_and_nothing_kept_after() -> None:
    locks = KeyedLocks()
    order: list[str] = []

    async def work(key: str, name: str) -> None:
        async with locks.hold(key):
            order.append(f"{name}+")
            await asyncio.sleep(0.01)
            order.append(f"{name}-")

    await asyncio.gather(work("a", "1"), work("a", "2"), work("b", "3"))
    assert order.index("1-") < order.index("2+")  # same key: one after the other
    assert order.index("3+") < order.index("1-")  # another key does not wait
    assert len(locks) == 0
    for n in range(1000):
        async with locks.hold(f"conversation-{n}"):
            pass
    assert len(locks) == 0  # a thousand conversations leave nothing behind
