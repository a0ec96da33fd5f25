"""A sliding-window rate limiter kept in memory, bounded in the number of keys it remembers."""

from __future__ import annotations

import time
from collections import OrderedDict, deque

WINDOW_SECONDS = 60.0
MAX_KEYS = 10_000


class RateLimiter:
    """At most ``limit`` events per key in any ``window`` seconds."""

    def __init__(self, limit: int, window: float = WINDOW_SECONDS, max_keys: int = MAX_KEYS) -> None:
        self._limit = limit
        self._window = window
        self._max_keys = max_keys
        self._times: OrderedDict[str, deque[float]] = OrderedDict()

    def retry_after(self, key: str) -> float:
        """Seconds to wait before ``key`` may act again (0 means it may act now, and the event is counted)."""
        now = time.monotonic()
        times = self._times.pop(key, None) or deque()
        self._times[key] = times  # most recently used last; the oldest keys are forgotten first
        while times and now - times[0] > self._window:
            times.popleft()
        while len(self._times) > self._max_keys:
            self._times.popitem(last=False)
        if len(times) >= self._limit:
            return round(self._window - (now - times[0]), 1)
        times.append(now)
        return 0.0
