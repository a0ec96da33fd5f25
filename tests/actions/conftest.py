"""The action server's database for the tests that need one, and staffed hours that do not depend on the clock."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from actions.database import database
from actions.handoff import staffed_hours
from bot.platform.db import Database


@pytest.fixture
def action_db(database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Database]:
    """The action server's ``database()`` pointed at a fresh database, always staffed."""
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("STAFFED_HOURS", "always")
    database.cache_clear()
    staffed_hours.cache_clear()
    yield database()
    database.cache_clear()
    staffed_hours.cache_clear()
