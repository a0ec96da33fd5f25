"""The outbox against the real twilio library and the local fake of Twilio: nothing lost, nothing sent twice.

Every test runs on SQLite and on PostgreSQL (the ``db`` fixture).
"""

from __future__ import annotations

import asyncio
import functools
import random
from collections.abc import AsyncIterator, Callable
from datetime import timedelta

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.channels.sms.transport import SmsTransport, render_sms
from bot.channels.sms.twilio_client import TwilioSmsSender
from bot.messaging import deliveries
from bot.messaging.conversations import get_or_create_contact, get_or_create_conversation, sms_conversation_id
from bot.messaging.models import Contact, OutboundMessage, OutboundPart
from bot.messaging.outbox import Outbox, OutgoingMessage
from bot.messaging.vocabulary import Channel, Origin, OutboundStatus
from bot.platform.db import Database, utcnow
from bot.platform.exceptions import DeliveryError
from bot.platform.pii import PiiVault
from bot.platform.settings import Settings
from tests.harness.fakes.twilio_api import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, FakeTwilioServer

PHONE = "+15035550123"
VAULT = PiiVault("outbox-test-key")
LONG_REPLY = " ".join(f"Sentence number {n} of a long answer about the report you filed." for n in range(12))


@pytest.fixture
async def fake() -> AsyncIterator[FakeTwilioServer]:
    async with FakeTwilioServer() as server:
        yield server


@pytest.fixture
async def sender(fake: FakeTwilioServer) -> AsyncIterator[TwilioSmsSender]:
    settings = Settings(
        twilio_account_sid=DEFAULT_ACCOUNT_SID,
        twilio_auth_token=DEFAULT_AUTH_TOKEN,
        twilio_from_number="+15035550199",
        twilio_api_base_url=fake.base_url,
    )
    async with TwilioSmsSender(settings, timeout=0.5) as twilio:
        yield twilio


@pytest.fixture
async def outbox(db: Database, sender: TwilioSmsSender) -> AsyncIterator[Outbox]:
    box = Outbox(db, {Channel.SMS: SmsTransport(sender, VAULT, "http://127.0.0.1:9/sms/status")})
    yield box
    await box.close()


def _conversation(session: Session) -> str:
    contact = get_or_create_contact(session, VAULT, Channel.SMS, PHONE)
    conversation_id = sms_conversation_id(contact.address_hash)
    get_or_create_conversation(session, conversation_id, Channel.SMS, contact.id)
    return conversation_id


async def _store(db: Database, *texts: str, origin: Origin = Origin.BOT) -> list[int]:
    def store(session: Session) -> list[int]:
        return Outbox.store(session, _conversation(session), [OutgoingMessage(t) for t in texts], origin)

    return await db.run(store)


async def _row(db: Database, message_id: int) -> OutboundMessage:
    return await db.run(lambda session: session.get(OutboundMessage, message_id))


async def _make_due(db: Database) -> None:
    """Skip the backoff wait: the queued retries are due now."""

    def due(session: Session) -> None:
        session.execute(
            update(OutboundMessage)
            .where(OutboundMessage.status == OutboundStatus.QUEUED)
            .values(next_attempt_at=utcnow() - timedelta(seconds=1))
        )

    await db.run(due)


async def test_a_long_reply_is_recorded_part_by_part_and_reports_match_exact_sids(
    db: Database, outbox: Outbox, fake: FakeTwilioServer
) -> None:
    [message_id] = await _store(db, LONG_REPLY)
    await outbox.deliver(message_id)
    bodies = render_sms(LONG_REPLY, [], "en")
    assert len(bodies) >= 2 and [m.body for m in fake.messages] == bodies
    parts = await db.run(lambda s: list(s.scalars(select(OutboundPart).where(OutboundPart.message_id == message_id))))
    assert [(p.position, p.provider_sid) for p in sorted(parts, key=lambda p: p.position)] == [
        (n, m.sid) for n, m in enumerate(fake.messages)
    ]
    assert (await _row(db, message_id)).status == OutboundStatus.SENT
    # A SID that merely contains part of a known one is not a match (no LIKE '%…%').
    assert not await outbox.record_status(fake.messages[0].sid[:20], "delivered")
    assert await outbox.record_status(fake.messages[0].sid, "delivered")
    assert (await _row(db, message_id)).status == OutboundStatus.SENT  # one part delivered is not all
    for message in fake.messages[1:]:
        assert await outbox.record_status(message.sid, "delivered")
    assert (await _row(db, message_id)).status == OutboundStatus.DELIVERED


async def test_rate_limit_and_server_errors_are_retried_without_duplicates(
    db: Database, outbox: Outbox, fake: FakeTwilioServer
) -> None:
    [message_id] = await _store(db, "Your case number is PDX-2026-000042.")
    fake.state.fail_next(1, 429)
    await outbox.deliver(message_id)
    row = await _row(db, message_id)
    assert row.status == OutboundStatus.QUEUED and row.attempts == 1 and row.next_attempt_at is not None
    assert fake.messages == []
    fake.state.fail_next(1, 503)
    await _make_due(db)
    assert await outbox.retry_queued() == 1
    assert (await _row(db, message_id)).status == OutboundStatus.QUEUED
    await _make_due(db)
    await outbox.retry_queued()
    row = await _row(db, message_id)
    assert row.status == OutboundStatus.SENT and row.attempts == 3
    assert [m.body for m in fake.messages] == ["Your case number is PDX-2026-000042."]


async def test_the_retry_happens_by_itself_after_the_backoff(
    db: Database, outbox: Outbox, fake: FakeTwilioServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deliveries, "BACKOFF_BASE_SECONDS", 0.05)
    [message_id] = await _store(db, "Thanks, we have your report.")
    fake.state.fail_next(1, 500)
    await outbox.deliver(message_id)
    for _ in range(100):
        if (await _row(db, message_id)).status == OutboundStatus.SENT:
            break
        await asyncio.sleep(0.05)
    assert (await _row(db, message_id)).status == OutboundStatus.SENT
    assert len(fake.messages) == 1


async def test_permanent_errors_are_not_retried(db: Database, outbox: Outbox, fake: FakeTwilioServer) -> None:
    [message_id] = await _store(db, "Hello")
    fake.state.fail_next(1, 400, code=21211)
    await outbox.deliver(message_id)
    row = await _row(db, message_id)
    assert row.status == OutboundStatus.FAILED and "21211" in (row.error or "")
    assert await outbox.retry_queued(older_than=timedelta(0)) == 0


async def test_error_21610_marks_the_number_opted_out_and_later_messages_are_suppressed(
    db: Database, outbox: Outbox, fake: FakeTwilioServer
) -> None:
    first, second = await _store(db, "One", "Two")
    fake.state.fail_next(1, 400, code=21610)
    await outbox.deliver_all([first, second])
    assert (await _row(db, first)).status == OutboundStatus.FAILED
    assert (await _row(db, second)).status == OutboundStatus.SUPPRESSED  # checked again when claimed
    contact = await db.run(lambda s: s.scalars(select(Contact)).one())
    assert contact.opted_out and contact.opted_out_at is not None
    assert fake.messages == []


async def test_opting_out_after_a_message_was_queued_stops_it(
    db: Database, outbox: Outbox, fake: FakeTwilioServer
) -> None:
    [message_id] = await _store(db, "A reply written before the resident texted STOP")

    def opt_out(session: Session) -> None:
        session.scalars(select(Contact)).one().opted_out = True

    await db.run(opt_out)
    await outbox.deliver(message_id)
    assert (await _row(db, message_id)).status == OutboundStatus.SUPPRESSED
    assert fake.messages == []


async def test_a_timeout_after_twilio_accepted_is_checked_not_resent(
    db: Database, outbox: Outbox, fake: FakeTwilioServer
) -> None:
    [message_id] = await _store(db, "Your case number is PDX-2026-000077.")
    fake.state.delay_next(1, 1.5)
    await outbox.deliver(message_id)
    row = await _row(db, message_id)
    assert row.status == OutboundStatus.QUEUED and row.verify
    await _make_due(db)
    await outbox.retry_queued()
    row = await _row(db, message_id)
    assert row.status == OutboundStatus.SENT
    assert len(fake.messages) == 1 and row.provider_sid == fake.messages[0].sid


async def test_a_message_left_sending_by_a_crash_is_finished_once(
    db: Database, outbox: Outbox, fake: FakeTwilioServer, sender: TwilioSmsSender
) -> None:
    [message_id] = await _store(db, LONG_REPLY)
    bodies = render_sms(LONG_REPLY, [], "en")
    # The crashed process had claimed the message and sent its first part, which Twilio accepted.
    crashed = await db.run(lambda s: deliveries.claim(s, message_id, utcnow() - timedelta(minutes=5)))
    assert crashed is not None
    first_sid = await sender.send(PHONE, bodies[0])
    assert await outbox.retry_queued() == 1  # recovered as stuck, checked with Twilio, resumed
    assert [m.body for m in fake.messages] == bodies  # the first part exactly once
    parts = await db.run(lambda s: list(s.scalars(select(OutboundPart).order_by(OutboundPart.position))))
    assert parts[0].provider_sid == first_sid and len(parts) == len(bodies)
    assert (await _row(db, message_id)).status == OutboundStatus.SENT


async def test_a_message_is_claimed_once_even_by_concurrent_senders(db: Database, outbox: Outbox) -> None:
    [message_id] = await _store(db, "Hello")
    claims = await asyncio.gather(*(db.run(lambda s: deliveries.claim(s, message_id)) for _ in range(8)))
    assert sum(c is not None for c in claims) == 1


async def test_messages_claimed_together_are_each_claimed_once_and_in_turn(db: Database) -> None:
    def store(session: Session) -> list[int]:
        ids = []
        for n in range(20):  # twenty residents, and a second reply to the first of them
            contact = get_or_create_contact(session, VAULT, Channel.SMS, f"+1503555{n:04d}")
            conversation_id = sms_conversation_id(contact.address_hash)
            get_or_create_conversation(session, conversation_id, Channel.SMS, contact.id)
            ids += Outbox.store(session, conversation_id, [OutgoingMessage(f"Alert {n}")])
        return ids + Outbox.store(
            session, sms_conversation_id(VAULT.lookup_hash("+15035550000")), [OutgoingMessage("2")]
        )

    ids = await _store_with(db, store)
    batches = [ids[k::3] for k in range(3)] * 2  # six senders, each batch wanted by two of them
    claimed = await asyncio.gather(*(db.run(functools.partial(deliveries.claim_many, message_ids=b)) for b in batches))
    taken = [d.id for batch in claimed for d in batch]
    assert sorted(taken) == ids[:-1]  # each once; the second reply waits for the first
    first = next(d for batch in claimed for d in batch if d.id == ids[0])
    assert first.text == "Alert 0" and VAULT.decrypt(first.address or b"") == "+15035550000"
    assert (await _row(db, ids[-1])).status == OutboundStatus.QUEUED


async def test_a_batch_claim_suppresses_opted_out_recipients(db: Database) -> None:
    first, second = await _store(db, "One", "Two")
    await db.run(lambda s: s.execute(update(Contact).values(opted_out=True)))
    assert await db.run(lambda s: deliveries.claim_many(s, [first, second])) == []
    assert {(await _row(db, m)).status for m in (first, second)} == {OutboundStatus.SUPPRESSED}


async def _store_with(db: Database, store: Callable[[Session], list[int]]) -> list[int]:
    return await db.run(store)


async def test_replies_keep_their_order_when_the_first_must_wait(
    db: Database, outbox: Outbox, fake: FakeTwilioServer
) -> None:
    first, second, third = await _store(db, "First", "Second", "Third")
    fake.state.fail_next(1, 500)
    await outbox.deliver_all([first, second, third])
    assert fake.messages == []  # the later replies wait for the first
    assert (await _row(db, second)).status == OutboundStatus.QUEUED
    await _make_due(db)
    await outbox.retry_queued()  # the first is retried; the replies held behind it follow, in order
    assert [m.body for m in fake.messages] == ["First", "Second", "Third"]


async def test_retries_stop_after_the_last_attempt(
    db: Database, outbox: Outbox, fake: FakeTwilioServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(deliveries, "MAX_ATTEMPTS", 2)
    [message_id] = await _store(db, "Hello")
    fake.state.fail_next(5, 500)
    await outbox.deliver(message_id)
    await _make_due(db)
    await outbox.retry_queued()
    row = await _row(db, message_id)
    assert row.status == OutboundStatus.FAILED and row.attempts == 2


def test_backoff_grows_exponentially_with_jitter_and_is_capped() -> None:
    import random

    rng = random.Random(7)
    waits = [deliveries.backoff(n, rng).total_seconds() for n in range(1, 14)]
    assert 1.0 <= waits[0] <= 2.0
    assert 8.0 <= waits[3] <= 16.0
    assert all(w <= deliveries.BACKOFF_CAP_SECONDS for w in waits)
    assert waits[-1] >= deliveries.BACKOFF_CAP_SECONDS / 2
    assert len({round(w, 6) for w in waits}) == len(waits)  # jittered: no two the same


async def test_a_report_that_arrives_before_its_part_is_recorded_is_kept(db: Database, outbox: Outbox) -> None:
    [message_id] = await _store(db, "Hello")
    assert await db.run(lambda s: deliveries.claim(s, message_id)) is not None
    early = asyncio.create_task(outbox.record_status("SM" + "e" * 32, "delivered"))
    await asyncio.sleep(0.15)  # Twilio's callback is already waiting when the sender records the part
    await db.run(lambda s: deliveries.record_part(s, message_id, 0, "SM" + "e" * 32))
    await db.run(lambda s: deliveries.finish(s, message_id))
    assert await early
    assert (await _row(db, message_id)).status == OutboundStatus.DELIVERED


async def test_a_doubt_about_a_part_survives_a_failed_look_up(db: Database) -> None:
    [message_id] = await _store(db, "Your case number is PDX-2026-000099.")
    await db.run(lambda s: deliveries.claim(s, message_id))
    await db.run(lambda s: deliveries.fail(s, message_id, DeliveryError("timeout", outcome_unknown=True)))
    await _make_due(db)
    await db.run(lambda s: deliveries.claim(s, message_id))
    # Asking Twilio failed (a known, retryable error): the next try must still ask before sending.
    await db.run(lambda s: deliveries.fail(s, message_id, DeliveryError("lookup failed", retryable=True)))
    assert (await _row(db, message_id)).verify


def test_the_retries_cover_an_incident_of_several_minutes() -> None:
    waits = [deliveries.backoff(n, random.Random(n)).total_seconds() for n in range(1, deliveries.MAX_ATTEMPTS)]
    ceilings = [deliveries.BACKOFF_BASE_SECONDS * 2 ** (n - 1) for n in range(1, deliveries.MAX_ATTEMPTS)]
    longest = sum(min(deliveries.BACKOFF_CAP_SECONDS, ceiling) for ceiling in ceilings)
    assert 8 * 60 <= sum(waits) <= longest <= 17 * 60 + 5  # what the README promises: 8½–17 minutes
