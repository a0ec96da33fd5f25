"""The action server's handle on the database (opened on first use, never at import)."""

from __future__ import annotations

from functools import lru_cache

from bot.db import Database
from bot.settings import Settings


@lru_cache(maxsize=1)
def database() -> Database:
    """The database named by DATABASE_URL."""
    return Database(Settings.from_env().database_url)
