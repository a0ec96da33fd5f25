"""The inbox and outbox: stored before answered, processed once, answered after a restart, retried when Rasa is down."""

from __future__ import annotations

import asyncio
from datetime import UTC, timedelta
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sqlalchemy import select

from bot.channels.sms.keywords import answer_keyword
from bot.language.i18n import translate
from bot.messaging.conversations import get_or_create_contact, get_or_create_conversation, sms_conversation_id
from bot.messaging.inbox import (
    LONG_WAIT,
    MAX_ATTEMPTS,
    RECOVERY_CONCURRENCY,
    RETRY_CAP_SECONDS,
    WAIT_CAP_SECONDS,
    WAIT_NOTICE,
    InboundDraft,
    Inbox,
)
from bot.messaging.models import Contact, InboundMessage, OutboundMessage
from bot.messaging.outbox import Delivery, Outbox, PartRecorder
from bot.messaging.rasa_client import RasaClient
from bot.messaging.vocabulary import ConversationMode, InboundStatus
from bot.platform.db import Database, utcnow
from bot.platform.http import HttpClient
from bot.platform.pii import PiiVault


class FakeRasa:
    """Rasa's REST webhook and tracker-events endpoint, answering an echo."""

    def __init__(self) -> None:
        self.received: list[dict[str, Any]] = []
        self.slot_events: list[list[dict[str, Any]]] = []
        self.down = False
        self.loading = False
        self.question: str | None = None  # the form question the next answer asks (as the NLG marks it)
        self.delay = 0.0
        self.delays: dict[str, float] = {}  # per message text: later messages may be answered faster
        self.in_flight = 0
        self.max_in_flight = 0
        app = web.Application()
        app.router.add_post("/webhooks/rest/webhook", self.webhook)
        app.router.add_post("/conversations/{sender}/tracker/events", self.events)
        self.server = TestServer(app, host="127.0.0.1")

    async def webhook(self, request: web.Request) -> web.Response:
        if self.loading:
            return web.Response(status=409, text="no model loaded yet")
        if self.down:
            return web.Response(status=500)
        body = await request.json()
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            await asyncio.sleep(self.delays.get(body["message"], self.delay))
        finally:
            self.in_flight -= 1
        self.received.append(body)
        answer: list[dict[str, Any]] = [
            {
                "recipient_id": body["sender"],
                "text": f"echo: {body['message']}",
                "buttons": [{"title": "Yes", "payload": "/affirm"}],
            }
        ]
        if self.question is not None:
            answer.append({"recipient_id": body["sender"], "custom": {"question": self.question}})
        return web.json_response(answer)

    async def events(self, request: web.Request) -> web.Response:
        self.slot_events.append(await request.json())
        return web.json_response({})


class RecordingTransport:
    def __init__(self) -> None:
        self.delivered: list[Delivery] = []

    async def deliver(self, delivery: Delivery, record_part: PartRecorder) -> None:
        self.delivered.append(delivery)
        await record_part(0, f"SID{delivery.id}")


@pytest.fixture
async def rasa() -> Any:
    fake = FakeRasa()
    await fake.server.start_server()
    yield fake
    await fake.server.close()


async def _media(conversation_id: str, items: list[dict[str, Any]]) -> str:
    return "http://media/1"


class RecordingRouter:
    def __init__(self) -> None:
        self.routed: list[tuple[int, str]] = []

    async def route(self, message_id: int, conversation_id: str) -> None:
        self.routed.append((message_id, conversation_id))


def make_inbox(
    db: Database, rasa: FakeRasa, session: aiohttp.ClientSession, router: RecordingRouter | None = None
) -> tuple[Inbox, RecordingTransport]:
    transport = RecordingTransport()
    outbox = Outbox(db, {"webchat": transport})
    client = RasaClient(str(rasa.server.make_url("")), HttpClient(session), timeout=5)
    return Inbox(db, client, outbox, _media, router or RecordingRouter()), transport


def draft(external_id: str, body: str = "hola, hay grafiti en mi casa") -> InboundDraft:
    return InboundDraft(channel="webchat", conversation_id="web-test", external_id=external_id, body=body)


async def test_stored_once_and_answered_once(db: Database, rasa: FakeRasa) -> None:
    await db.run(lambda s: get_or_create_conversation(s, "web-test", "webchat"))
    async with aiohttp.ClientSession() as session:
        inbox, transport = make_inbox(db, rasa, session)
        first = await inbox.accept(draft("m1"))
        again = await inbox.accept(draft("m1"))
        assert again.duplicate and again.message_id == first.message_id
        await inbox.schedule(first.message_id, "web-test")
        await inbox.process(first.message_id, "web-test")  # a second processing attempt changes nothing
    assert [d.text for d in transport.delivered] == ["echo: hola, hay grafiti en mi casa"]
    assert rasa.slot_events == []  # the language is the front door's record, read by the NLG and the actions
    assert rasa.received[0]["metadata"] == {
        "channel": "webchat",
        "language": "es",
        "question": None,
        "message_id": first.message_id,  # ties the turn to the message: filing is idempotent on it
    }
    assert transport.delivered[0].buttons == [{"title": "Yes", "payload": "/affirm"}]


async def test_a_message_stored_before_a_crash_is_answered_after_restart(db: Database, rasa: FakeRasa) -> None:
    await db.run(lambda s: get_or_create_conversation(s, "web-test", "webchat"))
    async with aiohttp.ClientSession() as session:
        crashed, _ = make_inbox(db, rasa, session)
        await crashed.accept(draft("before-crash", "graffiti on my fence"))  # stored, never processed
        restarted, transport = make_inbox(db, rasa, session)
        assert await restarted.recover() == 1
        await restarted.drain()
    assert [d.text for d in transport.delivered] == ["echo: graffiti on my fence"]
    statuses = await db.run(lambda s: list(s.scalars(select(InboundMessage.status))))
    assert statuses == ["processed"]


async def test_rasa_outage_keeps_the_message_and_finally_apologises(db: Database, rasa: FakeRasa) -> None:
    await db.run(lambda s: get_or_create_conversation(s, "web-test", "webchat"))
    rasa.down = True
    async with aiohttp.ClientSession() as session:
        inbox, transport = make_inbox(db, rasa, session)
        accepted = await inbox.accept(draft("during-outage", "tents on 82nd"))
        await inbox.process(accepted.message_id, "web-test")
        message = await db.run(lambda s: s.get(InboundMessage, accepted.message_id))
        assert message.status == "pending" and message.attempts == 1 and transport.delivered == []
        assert message.next_attempt_at is not None
        rasa.down = False
        assert await inbox.recover() == 0  # not due yet: the sweeper backs off
        assert await inbox.recover(now=utcnow() + timedelta(seconds=RETRY_CAP_SECONDS)) == 1
        await inbox.drain()
    assert [d.text for d in transport.delivered] == ["echo: tents on 82nd"]


async def test_after_repeated_failures_the_resident_is_told(db: Database, rasa: FakeRasa) -> None:
    await db.run(lambda s: get_or_create_conversation(s, "web-test", "webchat"))
    rasa.down = True
    async with aiohttp.ClientSession() as session:
        inbox, transport = make_inbox(db, rasa, session)
        accepted = await inbox.accept(draft("doomed", "hello"))
        for _ in range(MAX_ATTEMPTS):
            await inbox.process(accepted.message_id, "web-test")
    assert len(transport.delivered) == 1 and "311" in transport.delivered[0].text
    rows = await db.run(lambda s: list(s.scalars(select(OutboundMessage.origin))))
    assert rows == ["system"]


async def test_concurrent_messages_of_one_conversation_keep_their_order(db: Database, rasa: FakeRasa) -> None:
    await db.run(lambda s: get_or_create_conversation(s, "web-test", "webchat"))
    rasa.delays = {f"message {i}": 0.05 * (5 - i) for i in range(5)}  # without ordering, the last would win
    async with aiohttp.ClientSession() as session:
        inbox, transport = make_inbox(db, rasa, session)
        ids = [(await inbox.accept(draft(f"m{i}", f"message {i}"))).message_id for i in range(5)]
        await asyncio.gather(*(inbox.process(i, "web-test") for i in reversed(ids)))
    assert [d.text for d in transport.delivered] == [f"echo: message {i}" for i in range(5)]


async def test_the_question_asked_travels_with_the_next_answer_and_is_never_delivered(
    db: Database, rasa: FakeRasa
) -> None:
    await db.run(lambda s: get_or_create_conversation(s, "web-test", "webchat"))
    async with aiohttp.ClientSession() as session:
        inbox, transport = make_inbox(db, rasa, session)
        rasa.question = "vehicle_plate"
        first = await inbox.accept(draft("q1", "white ford van"))
        await inbox.process(first.message_id, "web-test")
        rasa.question = None
        second = await inbox.accept(draft("q2", "no plate, sorry"))
        await inbox.process(second.message_id, "web-test")
        third = await inbox.accept(draft("q3", "thanks"))
        await inbox.process(third.message_id, "web-test")
    assert [r["metadata"]["question"] for r in rasa.received] == [None, "vehicle_plate", None]
    assert [d.text for d in transport.delivered] == ["echo: white ford van", "echo: no plate, sorry", "echo: thanks"]


async def test_a_message_waits_for_a_loading_assistant_and_the_resident_is_told_once(
    db: Database, rasa: FakeRasa
) -> None:
    await db.run(lambda s: get_or_create_conversation(s, "web-test", "webchat"))
    rasa.loading = True
    async with aiohttp.ClientSession() as session:
        inbox, transport = make_inbox(db, rasa, session)
        accepted = await inbox.accept(draft("while-loading", "tents on 82nd"))
        for _ in range(MAX_ATTEMPTS + 2):  # many sweeps while Rasa loads its model: no attempt is used up
            await inbox.process(accepted.message_id, "web-test")
        message = await db.run(lambda s: s.get(InboundMessage, accepted.message_id))
        assert (message.status, message.attempts, transport.delivered) == ("pending", 0, [])

        def age(session: Any) -> None:
            session.get(InboundMessage, accepted.message_id).received_at = utcnow() - LONG_WAIT

        await db.run(age)
        for _ in range(3):
            await inbox.process(accepted.message_id, "web-test")
        assert [d.text for d in transport.delivered] == [translate("en", WAIT_NOTICE)]
        rasa.loading = False
        await inbox.recover(now=utcnow() + timedelta(seconds=WAIT_CAP_SECONDS))
        await inbox.drain()
    assert [d.text for d in transport.delivered][1:] == ["echo: tents on 82nd"]


async def test_a_conversation_with_staff_goes_to_the_router_not_to_rasa(db: Database, rasa: FakeRasa) -> None:
    def waiting(session: Any) -> None:
        get_or_create_conversation(session, "web-test", "webchat").mode = ConversationMode.WAITING

    await db.run(waiting)
    router = RecordingRouter()
    async with aiohttp.ClientSession() as session:
        inbox, transport = make_inbox(db, rasa, session, router)
        accepted = await inbox.accept(draft("for-staff", "is anyone there?"))
        await inbox.process(accepted.message_id, "web-test")
    message = await db.run(lambda s: s.get(InboundMessage, accepted.message_id))
    assert message.status == InboundStatus.FOR_AGENT
    assert router.routed == [(accepted.message_id, "web-test")]
    assert rasa.received == [] and transport.delivered == []


async def test_retries_back_off_and_keep_going_while_the_assistant_loads(db: Database, rasa: FakeRasa) -> None:
    await db.run(lambda s: get_or_create_conversation(s, "web-test", "webchat"))
    rasa.loading = True
    async with aiohttp.ClientSession() as session:
        inbox, _ = make_inbox(db, rasa, session)
        accepted = await inbox.accept(draft("slow-start", "graffiti"))
        waits = []
        for _ in range(8):
            await inbox.process(accepted.message_id, "web-test")
            message = await db.run(lambda s: s.get(InboundMessage, accepted.message_id))
            due = message.next_attempt_at
            waits.append((due.replace(tzinfo=due.tzinfo or UTC) - utcnow()).total_seconds())
        assert waits[0] < 10 and waits[3] > waits[0]  # grows
        assert max(waits) <= WAIT_CAP_SECONDS  # capped
        assert message.status == InboundStatus.PENDING and message.attempts == 0  # never given up


async def test_recovery_after_an_outage_is_bounded(db: Database, rasa: FakeRasa) -> None:
    rasa.delay = 0.05
    async with aiohttp.ClientSession() as session:
        inbox, transport = make_inbox(db, rasa, session)
        for n in range(12):  # twelve residents wrote while the front door was down
            await db.run(lambda s, n=n: get_or_create_conversation(s, f"web-{n}", "webchat"))
            await inbox.accept(InboundDraft("webchat", f"web-{n}", f"outage-{n}", body="hi"))
        assert await inbox.recover() == 12
        assert await inbox.recover() == 0  # the next sweep does not schedule them again
        await inbox.drain()
    assert len(transport.delivered) == 12
    assert 1 < rasa.max_in_flight <= RECOVERY_CONCURRENCY


async def test_stop_stored_before_a_crash_opts_out_and_never_reaches_the_dialogue(db: Database, rasa: FakeRasa) -> None:
    vault = PiiVault("k")

    def sms_conversation(session: Any) -> str:
        contact = get_or_create_contact(session, vault, "sms", "+15035550777")
        conversation_id = sms_conversation_id(contact.address_hash)
        get_or_create_conversation(session, conversation_id, "sms", contact.id)
        return conversation_id

    conversation_id = await db.run(sms_conversation)
    async with aiohttp.ClientSession() as session:
        client = RasaClient(str(rasa.server.make_url("")), HttpClient(session), timeout=5)
        crashed = Inbox(db, client, Outbox(db, {}), _media, RecordingRouter(), {"sms": answer_keyword})
        await crashed.accept(InboundDraft("sms", conversation_id, "SM-stop", "STOP"))  # stored; then the crash
        sent = RecordingTransport()
        restarted = Inbox(db, client, Outbox(db, {"sms": sent}), _media, RecordingRouter(), {"sms": answer_keyword})
        assert await restarted.recover() == 1
        await restarted.drain()
    assert rasa.received == []  # "STOP" was never sent to the dialogue
    contact = await db.run(lambda s: s.scalars(select(Contact)).one())
    assert contact.opted_out
    assert len(sent.delivered) == 1  # only the opt-out confirmation
