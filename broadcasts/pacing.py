"""Pacing a broadcast: at most a configured number of sends a second at Twilio, in any one-second window.

Slots lie on a grid on the wall clock, ``rate * HEADROOM`` a second; a send takes the next free slot and waits
for it at the last moment before its request is written (``PacedSender``). Several sending processes of one
broadcast each take a ``Shard`` of the messages and its share of the rate, their slots between each other's.
"""

from __future__ import annotations

import asyncio
import math
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

HEADROOM = 0.99
"""The pace is kept this much under the configured rate, so that no one-second window at Twilio goes over it."""
LATENESS = (1 / HEADROOM - 1) / 2
"""How late (in seconds) a send may still take its slot: 5 ms. A send at most ``L`` after its slot, on a grid of
``rate * HEADROOM`` slots a second, puts at most ``(1 + L) * rate * HEADROOM`` sends in any second, which is
within the rate while ``L <= 1 / HEADROOM - 1``; half of that is left for the network's own jitter."""
LATE_WAKE_RETRIES = 2
"""A send woken too late for its slot tries the next slot this many times, then goes (spaced a slot apart)."""


class Pacer:
    """Starts at most ``rate`` sends a second (None: no limit), on a grid of slots.

    The slots are ``origin + phase + k / rate`` on the wall clock, so that the sending processes of one
    broadcast (each with its share of the rate, and its phase) interleave evenly instead of bunching. A
    sender that falls behind skips the slots it missed (beyond ``LATENESS``): it never catches up in a burst.
    On an event loop that wakes it late again and again it still sends, a slot's length after the last send.
    """

    def __init__(self, rate: float | None, origin: float | None = None, phase: float = 0.0) -> None:
        self.per_second = rate or None
        """The sends a second this pacer allows (None: no limit)."""
        self._interval = 1 / (rate * HEADROOM) if rate else 0.0
        self._next = (origin if origin is not None else time.time()) + phase * self._interval

    def backlog(self) -> float:
        """Seconds until the first slot no send has taken yet (0 with no limit, or when it has come)."""
        return max(0.0, self._next - time.time()) if self._interval else 0.0

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
class Shard:
    """The share of a broadcast one sending process takes: messages whose id is ``index`` modulo ``count``."""

    index: int = 0
    count: int = 1

    def pacer(self, rate: float | None, origin: float | None) -> Pacer:
        """This share's pacer: ``rate / count``, its slots between the other shares' (from ``origin``)."""
        return Pacer(rate / self.count if rate else None, origin, self.index / self.count)
