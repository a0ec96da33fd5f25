"""Sending broadcasts through the real outbox and twilio client against the fake Twilio API (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import math
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

import broadcasts.pacing as pacing
from bot.messaging.models import Contact, OutboundMessage
from bot.platform.db import Database
from broadcasts import service
from broadcasts.pacing import CATCH_UP, HEADROOM, WINDOW, Pacer
from broadcasts.vocabulary import BroadcastStatus
from tests.broadcasts.support import VAULT, phone, sending, settings_for, subscribe
from tests.harness.fakes.twilio_api import FakeTwilioServer

EN = "Heat warning: cooling centers are open today 10am-10pm. Call 211 for a ride."
ES = "Alerta de calor: los centros de enfriamiento abren hoy de 10am a 10pm. Llame al 211 para transporte."


def create(db: Database, zips: str = "", rate: float | None = None) -> int:
    with db.session() as session:
        draft = service.check(EN, ES, "urgent", zips, rate)
        return service.create(session, draft, None, "cli", approval_required=True).id


async def test_each_subscriber_gets_one_message_in_their_language(db: Database, tmp_path: Path) -> None:
    subscribe(db, [(phone(i), "es" if i % 3 == 0 else "en", "97211" if i % 2 else "97206") for i in range(30)])
    broadcast_id = create(db, zips="97211")
    async with FakeTwilioServer() as fake:
        sender, outbox, twilio = sending(settings_for(str(db.engine.url), fake.base_url, tmp_path), db, None)
        outcome = await sender.run(broadcast_id)
        await outbox.close()
        await twilio.close()  # type: ignore[attr-defined]
        received = Counter(m.to for m in fake.messages)
        bodies = {m.to: m.body for m in fake.messages}
    targeted = [i for i in range(30) if i % 2]
    assert outcome.status == BroadcastStatus.SENT and outcome.handed_over == len(targeted)
    assert received == Counter({phone(i): 1 for i in targeted})
    for i in targeted:
        assert bodies[phone(i)].startswith(ES if i % 3 == 0 else EN)
        assert bodies[phone(i)].endswith("PARAR para cancelar." if i % 3 == 0 else "Reply STOP to end.")


async def test_429_and_500_are_retried_and_21610_opts_the_number_out(db: Database, tmp_path: Path) -> None:
    subscribe(db, [(phone(i), "en", "97211") for i in range(12)])
    async with FakeTwilioServer() as fake:
        settings = settings_for(str(db.engine.url), fake.base_url, tmp_path)
        outcomes = []
        for failure in ((1, 400, 21610), (2, 429, None), (2, 500, None)):
            broadcast_id = create(db)
            fake.state.fail_next(*failure)
            sender, outbox, twilio = sending(settings, db, None)
            outcomes.append(await sender.run(broadcast_id))
            await outbox.close()
            await twilio.close()  # type: ignore[attr-defined]
        received = Counter(m.to for m in fake.messages)
    # The first broadcast met a number that had texted STOP at the carrier: it is marked opted out...
    assert outcomes[0].counts == {"failed": 1, "sent": 11}
    stopped = await db.run(lambda s: s.scalars(select(Contact.id).where(Contact.opted_out)).all())
    assert len(stopped) == 1
    # ...and gets nothing more; the throttled and failed sends were tried again and went out once each.
    assert [o.counts for o in outcomes[1:]] == [{"sent": 11}, {"sent": 11}]
    assert sorted(received.values()) == [3] * 11  # the opted-out number never appears: its send was refused


async def test_a_permanent_error_is_recorded_and_not_retried(db: Database, tmp_path: Path) -> None:
    subscribe(db, [(phone(i), "en", "97211") for i in range(3)])
    broadcast_id = create(db)
    async with FakeTwilioServer() as fake:
        sender, outbox, twilio = sending(settings_for(str(db.engine.url), fake.base_url, tmp_path), db, None)
        fake.state.fail_next(1, 400, 21211)  # "invalid To number"
        outcome = await sender.run(broadcast_id)
        await outbox.close()
        await twilio.close()  # type: ignore[attr-defined]
        accepted = len(fake.messages)
    assert outcome.counts == {"failed": 1, "sent": 2} and accepted == 2
    failed = await db.run(
        lambda s: s.execute(
            select(OutboundMessage.attempts, OutboundMessage.error).where(OutboundMessage.status == "failed")
        ).one()
    )
    assert failed[0] == 1 and "21211" in (failed[1] or "")


async def test_an_opt_out_during_a_broadcast_is_honoured_for_everything_not_yet_sent(
    db: Database, tmp_path: Path
) -> None:
    subscribe(db, [(phone(i), "en", "97211") for i in range(40)])
    broadcast_id = create(db, rate=20)
    async with FakeTwilioServer() as fake:
        sender, outbox, twilio = sending(settings_for(str(db.engine.url), fake.base_url, tmp_path), db, 20)
        run = asyncio.create_task(sender.run(broadcast_id))
        while len(fake.messages) < 10:
            await asyncio.sleep(0.02)
        late = [phone(i) for i in range(30, 40)]  # these text STOP now, while the broadcast is under way

        def stop(session: object) -> None:
            for number in late:
                contact = session.scalars(  # type: ignore[attr-defined]
                    select(Contact).where(Contact.address_hash == VAULT.lookup_hash(number))
                ).one()
                contact.opted_out = True

        await db.run(stop)
        outcome = await run
        await outbox.close()
        await twilio.close()  # type: ignore[attr-defined]
        received = Counter(m.to for m in fake.messages)
    assert all(received[number] == 0 for number in late)
    assert outcome.counts.get("suppressed") == 10 and outcome.handed_over == 30


async def test_the_pace_never_exceeds_the_rate_in_any_second() -> None:
    pacer, loop = Pacer(50), asyncio.get_running_loop()
    times: list[float] = []

    async def send() -> None:
        await pacer.wait()
        times.append(loop.time())

    started = loop.time()
    await asyncio.gather(*(send() for _ in range(120)))
    elapsed = loop.time() - started
    assert 120 / elapsed == pytest.approx(50, rel=0.03)
    times.sort()
    assert max(sum(1 for t in times if start <= t < start + 1) for start in times) <= 50


class Clock:
    """The pacer's wall clock and sleep; each wake-up is late by the next of ``oversleeps`` (then on time)."""

    def __init__(self, oversleeps: list[float]) -> None:
        self.now = 1_000.0
        self.oversleeps = list(oversleeps)

    def time(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds + (self.oversleeps.pop(0) if self.oversleeps else 0.0)


def _fake_clock(monkeypatch: pytest.MonkeyPatch, oversleeps: list[float]) -> Clock:
    clock = Clock(oversleeps)
    monkeypatch.setattr(pacing, "time", SimpleNamespace(time=clock.time))
    monkeypatch.setattr(pacing, "asyncio", SimpleNamespace(sleep=clock.sleep))
    return clock


INTERVAL = 1 / (10 * HEADROOM)


async def test_a_send_woken_late_still_goes_and_the_next_makes_up_the_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _fake_clock(monkeypatch, [0.05])
    pacer = Pacer(10)
    await pacer.wait()  # the first slot is now
    await pacer.wait()  # its slot is one interval on; woken 50 ms late
    assert clock.now - 1_000.0 == pytest.approx(INTERVAL + 0.05)
    went = clock.now
    await pacer.wait()  # the third slot is only 50 ms away: kept, not pushed a whole interval on
    assert clock.now - 1_000.0 == pytest.approx(2 * INTERVAL)
    assert clock.now - went < INTERVAL


async def test_a_stalled_sender_makes_up_only_a_few_slots(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = _fake_clock(monkeypatch, [])
    pacer = Pacer(10)
    await pacer.wait()
    clock.now += 2.0  # twenty slots missed
    stalled = clock.now
    for _ in range(CATCH_UP + 1):  # the catch-up: at once
        await pacer.wait()
    assert clock.now == stalled
    await pacer.wait()  # then the grid again, the rest of the missed slots dropped
    assert clock.now - stalled == pytest.approx(INTERVAL)


async def test_a_pacer_started_after_its_origin_joins_the_grid_without_a_burst(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = _fake_clock(monkeypatch, [])
    pacer = Pacer(10, origin=clock.now - 0.55)  # a helper process ready 0.55 s after the broadcast's grid began
    sent = []
    for _ in range(3):
        await pacer.wait()
        sent.append(clock.now - 1_000.0)
    first = math.ceil(0.55 / INTERVAL) * INTERVAL - 0.55  # the next slot of the grid, not at once
    assert sent == pytest.approx([first, first + INTERVAL, first + 2 * INTERVAL])


@given(
    rate=st.sampled_from([1.0, 3.0, 10.0, 100.0]),
    steps=st.lists(st.tuples(st.floats(0, 0.3), st.floats(0, 0.05), st.integers(1, 5)), min_size=1, max_size=60),
)
@settings(max_examples=200, deadline=None)
def test_no_window_holds_more_than_the_rate_whatever_the_delays(
    rate: float, steps: list[tuple[float, float, int]]
) -> None:
    """Gaps in the calls, late wake-ups and several sends waiting at once: ``rate`` at most in any ``WINDOW``."""

    async def play() -> list[float]:
        clock = Clock([])
        sent: list[float] = []
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(pacing, "time", SimpleNamespace(time=clock.time))
            patch.setattr(pacing, "asyncio", SimpleNamespace(sleep=clock.sleep))
            pacer = Pacer(rate)
            for gap, oversleep, together in steps:
                clock.now += gap
                for _ in range(together):
                    clock.oversleeps.append(oversleep)
                    await pacer.wait()
                    sent.append(clock.now)
        return sent

    sent = asyncio.run(play())
    limit = math.floor(rate)
    assert all(sent[k + limit] - sent[k] >= WINDOW - 1e-9 for k in range(len(sent) - limit))
