"""Shared fixtures: databases (SQLite and PostgreSQL) and the running assistant, started once per session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.platform.db import Database, engine_for
from bot.platform.settings import ROOT
from tests.harness.clients import ConsoleClient
from tests.harness.databases import PG_ADMIN_URL, drop_postgres_database, fresh_postgres_database, migrate
from tests.harness.stack import MODEL, RunningStack, start_stack
from tests.harness.staff import signed_in

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
        engine_for(url).dispose()
        drop_postgres_database(url)


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


@pytest.fixture
def console(stack: RunningStack) -> Callable[..., ConsoleClient]:
    """A console client signed in as a new staff account of the given role (``console("supervisor")``)."""
    return lambda role="agent", spanish=False: signed_in(stack, role, spanish)
