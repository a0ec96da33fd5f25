"""Waiting before trying again: exponential backoff with jitter, capped."""

from __future__ import annotations

import random
from datetime import timedelta


def backoff(attempts: int, base_seconds: float, cap_seconds: float, rng: random.Random | None = None) -> timedelta:
    """The wait after the ``attempts``-th failed try: ``base * 2^(attempts-1)``, capped, times 50–100% (jitter).

    The jitter spreads the retries of many messages that failed together (an outage) over time.
    """
    ceiling = min(cap_seconds, base_seconds * 2 ** min(max(0, attempts - 1), 32))
    return timedelta(seconds=ceiling * (0.5 + 0.5 * (rng or random).random()))
