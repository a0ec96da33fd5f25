"""Shared fixtures: databases (SQLite and PostgreSQL) and the running assistant, started once per session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.db import Database
from bot.settings import ROOT
from tests.stack import MODEL, PG_ADMIN_URL, RunningStack, fresh_postgres_database, migrate, start_stack

RESULTS = ROOT / "results"


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A migrated, empty database: a SQLite file, then PostgreSQL (skipped where it is absent)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'test.db'}"
    else:
        url = fresh_postgres_database(f"pdx311_t_{uuid.uuid4().hex[:10]}")
        if url is None:
            pytest.skip(f"PostgreSQL is not reachable at {PG_ADMIN_URL}")
    migrate(url)
    yield url
    if request.param == "postgresql":
        from bot.db import engine_for

        engine_for(url).dispose()
        admin = create_engine(PG_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def db(database_url: str) -> Database:
    """A ``Database`` over the fresh database."""
    return Database(database_url)


@pytest.fixture(scope="session")
def stack() -> Iterator[RunningStack]:
    """The whole assistant with fake Twilio, started once for the session, on PostgreSQL when available."""
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run `make train` (make test does it)")
    run = f"{os.getpid()}"
    url = fresh_postgres_database(f"pdx311_stack_{run}") or f"sqlite:///{RESULTS / f'stack-{run}.db'}"
    running = start_stack(url, RESULTS / f"logs-{run}")
    yield running
    running.stop()
