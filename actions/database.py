"""The action server's handle on the database (opened on first use, never at import).

The action server needs only ``DATABASE_URL``, not the front door's settings (Twilio, ``.env``).
"""

from __future__ import annotations

import os
from functools import lru_cache

from bot.platform.db import Database
from bot.platform.settings import DEFAULT_DATABASE_URL


@lru_cache(maxsize=1)
def database() -> Database:
    """The database named by DATABASE_URL (the same default as the front door's)."""
    return Database(os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL)
