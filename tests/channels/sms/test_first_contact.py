"""Two first texts from a new number at the same moment: both are stored, neither gets an error.

Run on SQLite and PostgreSQL. A barrier makes both webhook calls look the number up before either
has created it, which is the race Twilio's parallel webhooks produce.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import bot.channels.sms.webhook as webhook
from bot.channels.sms.webhook import SmsChannel
from bot.messaging.inbox import Inbox
from bot.messaging.models import Contact, Conversation, InboundMessage
from bot.messaging.outbox import Outbox
from bot.platform.db import Database
from bot.platform.pii import PiiVault
from bot.platform.settings import Settings

NEW_NUMBER = "+15035550777"


class StoringInbox(Inbox):
    """The real inbox's storing; processing is not what this test is about."""

    def schedule(self, message_id: int, conversation_id: str) -> Any:
        return None


@pytest.fixture
def channel(db: Database) -> SmsChannel:
    outbox = Outbox(db, {})
    inbox = StoringInbox(db, None, outbox, None, None)  # type: ignore[arg-type]
    return SmsChannel(Settings(twilio_validate_signatures=False), db, inbox, outbox, PiiVault("k"))


async def test_simultaneous_first_texts_are_both_stored(
    db: Database, channel: SmsChannel, monkeypatch: pytest.MonkeyPatch
) -> None:
    barrier = threading.Barrier(2, timeout=10)
    calls = itertools.count()
    original = webhook.get_or_create_contact

    def racing(session: Session, *args: Any) -> Contact:
        if next(calls) < 2:  # the two first lookups meet; a retry (on whichever worker thread) goes straight on
            session.scalar(select(func.count()).select_from(Contact))  # both look before either creates
            barrier.wait()
        return original(session, *args)

    monkeypatch.setattr(webhook, "get_or_create_contact", racing)
    texts = [{"MessageSid": f"SM{n:032d}", "From": NEW_NUMBER, "Body": f"text {n}"} for n in (1, 2)]
    await asyncio.gather(*(channel.receive(params) for params in texts))

    def counts(session: Session) -> tuple[int, int, int]:
        return (
            session.scalar(select(func.count()).select_from(Contact)) or 0,
            session.scalar(select(func.count()).select_from(Conversation)) or 0,
            session.scalar(select(func.count()).select_from(InboundMessage)) or 0,
        )

    assert await db.run(counts) == (1, 1, 2)


async def test_the_same_message_sid_twice_at_once_is_stored_once(db: Database, channel: SmsChannel) -> None:
    params = {"MessageSid": "SM" + "9" * 32, "From": NEW_NUMBER, "Body": "hello"}
    await channel.receive(dict(params))  # the contact exists; now Twilio retries twice in parallel
    await asyncio.gather(*(channel.receive(dict(params)) for _ in range(4)))
    stored = await db.run(lambda s: s.scalar(select(func.count()).select_from(InboundMessage)))
    assert stored == 1
