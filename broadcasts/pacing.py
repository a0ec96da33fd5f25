"""Pacing a broadcast: at most a configured number of sends a second at Twilio, in any one-second window.

Slots lie on a grid on the wall clock, ``rate * HEADROOM`` a second; a send takes the next free slot and waits
for it at the last moment before its request is written (``PacedSender``), and a sliding window over the latest
sends guards the rate whatever the event loop's delays. Several sending processes of one
broadcast each take a ``Shard`` of the messages and its share of the rate, their slots between each other's.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections import deque
from dataclasses import dataclass
from datetime import datetime
from typing import Any

HEADROOM = 0.985
"""Slots come ``rate * HEADROOM`` a second, so that a late send made up, and the network's jitter, stay within the
rate in any one-second window at Twilio."""
WINDOW = 1.01
"""The guard: of one pacer's sends, the first and the last of any ``rate`` + 1 in a row are at least this many
seconds apart, whatever their slots, so no window shorter than this holds more than ``rate`` (the 10 ms over a
second are left for the jitter between a send and its arrival)."""
CATCH_UP = 3
"""How many missed slots a send woken late may make up (each still within ``WINDOW``); older ones are dropped, so
a sender that stalled does not catch up in a burst. A pacer's first send makes up none: a process that starts
after its grid's origin joins the grid at its next slot."""


class Pacer:
    """Starts at most ``rate`` sends a second (None: no limit), on a grid of slots, with a sliding-window guard.

    The slots are ``origin + phase + k / (rate * HEADROOM)`` on the wall clock, so that the sending processes of
    one broadcast (each with its share of the rate, and its phase) interleave evenly instead of bunching. A send
    woken late still goes, and up to ``CATCH_UP`` slots it missed are made up; beyond that they are skipped (before
    the first send, all are: the pacer joins its grid at the next slot). The guard holds whatever the event loop
    does: no ``rate`` + 1 sends within ``WINDOW`` seconds.
    """

    def __init__(self, rate: float | None, origin: float | None = None, phase: float = 0.0) -> None:
        self.per_second = rate or None
        """The sends a second this pacer allows (None: no limit)."""
        self._interval = 1 / (rate * HEADROOM) if rate else 0.0
        self._next = (origin if origin is not None else time.time()) + phase * self._interval
        self._recent: deque[float] = deque(maxlen=max(1, math.floor(rate)) if rate else 1)
        """When the latest sends went, up to ``rate`` of them (the guard's window)."""

    def backlog(self) -> float:
        """Seconds until the first slot no send has taken yet (0 with no limit, or when it has come)."""
        return max(0.0, self._next - time.time()) if self._interval else 0.0

    async def wait(self) -> None:
        """Wait for the next free slot, and for the guard."""
        if not self._interval:
            return
        now = time.time()
        if not self._recent and self._next < now:  # the first send: join the grid at its next slot
            self._next += math.ceil((now - self._next) / self._interval) * self._interval
        self._next = max(self._next, now - CATCH_UP * self._interval)
        slot, self._next = self._next, self._next + self._interval
        while True:
            ready = slot
            if len(self._recent) == self._recent.maxlen:
                ready = max(ready, self._recent[0] + WINDOW)
            delay = ready - time.time()
            if delay <= 0:
                break
            await asyncio.sleep(delay)  # others may have gone meanwhile: the guard is asked again
        self._recent.append(time.time())


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
