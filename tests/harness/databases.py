"""Fresh databases for tests and the benchmark: migrated SQLite files and PostgreSQL databases.

PostgreSQL is on every development and CI machine. Where it is absent, tests that need it are
skipped with a message, except in CI (``CI=true``), where its absence is a failure.
"""

from __future__ import annotations

import os

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text

from bot.platform.settings import ROOT

PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


class PostgresMissing(RuntimeError):
    """PostgreSQL did not answer where the tests expect it."""


def in_ci() -> bool:
    """Whether this run is CI's (where PostgreSQL must be present)."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def migrate(database_url: str) -> None:
    """Create the project's tables with its Alembic migrations."""
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = database_url
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


def _admin_execute(*statements: str) -> None:
    admin = create_engine(PG_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})
    try:
        with admin.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
    finally:
        admin.dispose()


def fresh_postgres_database(name: str) -> str | None:
    """Drop and create database ``name`` on the local PostgreSQL; None if the server is unreachable.

    Raises:
        PostgresMissing: In CI, where PostgreSQL must be reachable.
    """
    try:
        _admin_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    except Exception as err:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        if in_ci():
            raise PostgresMissing(f"PostgreSQL is not reachable at {PG_ADMIN_URL} (required in CI)") from err
        return None
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def drop_postgres_database(url: str) -> None:
    """Drop the database at ``url`` (made by ``fresh_postgres_database``)."""
    _admin_execute(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')
