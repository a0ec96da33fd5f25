"""Database engine, sessions and the declarative base every package's tables share (SQLAlchemy 1.4, 2.0 style)."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, declarative_base, sessionmaker

T = TypeVar("T")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
#: The one declarative base: each package declares its own tables on it (messaging, reports, handoff).
Base = declarative_base(metadata=MetaData(naming_convention=NAMING))


def utcnow() -> datetime:
    """Timezone-aware now, in UTC."""
    return datetime.now(UTC)


def aware(value: datetime) -> datetime:
    """A stored time as an aware UTC datetime (SQLite gives naive UTC back)."""
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def make_engine(database_url: str) -> Engine:
    """Create an engine; SQLite files get their folder, WAL mode and foreign keys."""
    # hide_parameters: an error logged by SQLAlchemy never quotes residents' text or numbers.
    kwargs: dict[str, object] = {"future": True, "pool_pre_ping": True, "hide_parameters": True}
    if database_url.startswith("sqlite"):
        path = database_url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    engine = create_engine(database_url, **kwargs)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

    return engine


@lru_cache(maxsize=8)
def engine_for(database_url: str) -> Engine:
    """One engine per URL per process."""
    return make_engine(database_url)


class Database:
    """A session factory bound to one engine."""

    def __init__(self, database_url: str) -> None:
        self.engine = engine_for(database_url)
        self._sessions = sessionmaker(self.engine, future=True, expire_on_commit=False)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error."""
        with self._sessions() as session, session.begin():
            yield session

    async def run(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn(session)`` in a worker thread, inside one transaction."""

        def call() -> T:
            with self.session() as session:
                return fn(session)

        return await asyncio.to_thread(call)


class GroupCommit:
    """Many small writes in few transactions: each caller waits until its own write is committed.

    While one transaction is being written, the writes that arrive meanwhile wait together for the next
    one, so a busy sender commits in batches and an idle one writes at once (no added wait). A batch
    that fails is written again one write per transaction, so one bad write fails only its own caller.
    """

    def __init__(self, db: Database, max_batch: int = 200) -> None:
        self._db = db
        self._max_batch = max_batch
        self._waiting: list[tuple[Callable[[Session], Any], asyncio.Future[Any]]] = []
        self._writer: asyncio.Task[None] | None = None

    async def run(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn(session)`` in a transaction shared with the other writes waiting now; its result."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._waiting.append((fn, future))
        if self._writer is None or self._writer.done():
            self._writer = asyncio.create_task(self._write())
        return await future

    async def flush(self) -> None:
        """Wait until every write handed in so far is committed (or has failed to its caller)."""
        while self._writer is not None and not self._writer.done():
            await asyncio.shield(self._writer)

    async def _write(self) -> None:
        while self._waiting:
            batch, self._waiting = self._waiting[: self._max_batch], self._waiting[self._max_batch :]
            try:
                results = await self._db.run(functools.partial(_each, [fn for fn, _ in batch]))
            except Exception:  # noqa: BLE001 - each write is tried alone, and fails only its own caller
                for fn, future in batch:
                    try:
                        result = await self._db.run(fn)
                    except Exception as err:  # noqa: BLE001 - handed to the caller
                        if not future.done():
                            future.set_exception(err)
                    else:
                        if not future.done():
                            future.set_result(result)
                continue
            for (_, future), result in zip(batch, results, strict=True):
                if not future.done():
                    future.set_result(result)


def _each(writes: list[Callable[[Session], Any]], session: Session) -> list[Any]:
    return [write(session) for write in writes]
