"""The group commit: many writes share a transaction, each caller learns its own result."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from bot.messaging.models import Contact
from bot.platform.db import Database, GroupCommit, utcnow


def _add(number: int) -> Callable[[Session], int]:
    def write(session: Session) -> int:
        contact = Contact(channel="sms", address_hash=f"hash-{number}", address_encrypted=b"x", created_at=utcnow())
        session.add(contact)
        session.flush()
        return contact.id

    return write


async def test_writes_waiting_together_share_a_transaction_and_each_gets_its_result(db: Database) -> None:
    commits: list[int] = []
    event.listen(db.engine, "commit", lambda _connection: commits.append(1))
    writes = GroupCommit(db)
    ids = await asyncio.gather(*(writes.run(_add(n)) for n in range(50)))
    assert len(set(ids)) == 50
    assert len(commits) < 10  # not fifty transactions
    assert await db.run(lambda s: s.scalar(select(func.count()).select_from(Contact))) == 50


async def test_a_failing_write_fails_only_its_own_caller(db: Database) -> None:
    writes = GroupCommit(db)

    def broken(_session: Session) -> None:
        raise ValueError("bad write")

    results = await asyncio.gather(
        writes.run(_add(1)),
        writes.run(broken),
        writes.run(_add(2)),
        return_exceptions=True,
    )
    assert isinstance(results[1], ValueError)
    assert all(isinstance(r, int) for r in (results[0], results[2]))
    assert await db.run(lambda s: s.scalar(select(func.count()).select_from(Contact))) == 2


async def test_a_lone_write_is_committed_at_once(db: Database) -> None:
    commits: list[int] = []
    event.listen(db.engine, "commit", lambda _connection: commits.append(1))
    contact_id = await GroupCommit(db).run(_add(1))
    assert commits == [1]
    assert await db.run(lambda s: s.get(Contact, contact_id)) is not None


async def test_flush_returns_once_every_write_handed_in_is_committed(db: Database) -> None:
    writes = GroupCommit(db)
    callers = [asyncio.ensure_future(writes.run(_add(n))) for n in range(30)]
    await asyncio.sleep(0)  # the writes are handed in; none of their callers has been answered yet
    await writes.flush()
    assert await db.run(lambda s: s.scalar(select(func.count()).select_from(Contact))) == 30
    await asyncio.gather(*callers)
    await GroupCommit(db).flush()  # nothing handed in: returns at once
