"""The live-agent figures: how fast a handoff reaches the consoles, and an agent's reply the resident.

With QUEUED conversations already waiting and AGENTS consoles connected (each with its live socket), a
resident asks for a person; the time runs from the request to the conversation being in the queue an
agent's console loads after its live socket announced it (the Rasa turn included). Then an agent claims
it and replies: the time from the reply's POST to the message reaching the (fake) Twilio API, or the
widget's socket.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from typing import Any

import aiohttp

from bench.load import Arrivals, summarize
from bot.messaging.conversations import get_or_create_conversation, sms_conversation_id
from bot.messaging.vocabulary import Channel
from bot.platform.db import Database
from bot.platform.pii import PiiVault
from handoff import queue
from handoff.auth import create_user
from handoff.vocabulary import HandoffReason, Role
from tests.harness.clients import TwilioWebhooks, WebchatClient
from tests.harness.stack import TEST_PII_KEY, RunningStack

QUEUED = 200
AGENTS = 20
SAMPLES = 20
PASSWORD = "bench password long enough"
ASK = "I want to talk to a person"


class Console:
    """One signed-in console: its own cookies, its CSRF token and its live socket's arrivals."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True), headers={"Origin": base_url})
        self.csrf = ""
        self.announced: dict[str, float] = {}
        self._reader: asyncio.Task[None] | None = None

    async def sign_in(self, email: str) -> None:
        """Sign in and open the live socket."""
        async with self.http.post(
            f"{self.base_url}/console/api/login", json={"email": email, "password": PASSWORD}
        ) as r:
            assert r.status == 200, await r.text()
            self.csrf = (await r.json())["csrf_token"]
        ws = await self.http.ws_connect(self.base_url.replace("http", "ws", 1) + "/console/ws")
        await ws.send_json({"type": "resume", "after_seq": 0})
        self._reader = asyncio.create_task(self._read(ws))

    async def _read(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for message in ws:
            frame = message.json()
            event = frame.get("event") or {}
            if frame.get("type") == "message" and event.get("kind") == "queue":
                self.announced.setdefault(str(event.get("conversation_id")), time.perf_counter())

    async def call(self, method: str, path: str, body: Any = None) -> Any:
        """One API call (it must succeed); its JSON answer."""
        headers = {"X-CSRF-Token": self.csrf}
        async with self.http.request(method, f"{self.base_url}/console/api/{path}", json=body, headers=headers) as r:
            assert r.status in (200, 201), await r.text()
            return await r.json()

    async def close(self) -> None:
        """Stop reading and close the session."""
        if self._reader is not None:
            self._reader.cancel()
        await self.http.close()


async def _announced(consoles: list[Console], conversation_id: str, timeout: float = 60) -> Console:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        for console in consoles:
            if conversation_id in console.announced:
                return console
        await asyncio.sleep(0.005)
    raise TimeoutError(f"{conversation_id} never announced")


async def _in_queue(console: Console, conversation_id: str) -> dict[str, Any]:
    while True:
        listing = await console.call("GET", "queue")
        for item in listing["waiting"]:
            if item["conversation_id"] == conversation_id:
                return dict(item)
        await asyncio.sleep(0.02)


async def measure_handoff(session: aiohttp.ClientSession, stack: RunningStack, arrivals: Arrivals) -> dict[str, Any]:
    """Handoff-to-console and reply-delivery latencies (p50/p95/p99 in ms)."""
    db = Database(stack.database_url)
    run = uuid.uuid4().hex[:6]
    with db.session() as s:
        emails = [create_user(s, f"bench{run}-{i}@example.org", PASSWORD, Role.AGENT).email for i in range(AGENTS)]
        for i in range(QUEUED):
            get_or_create_conversation(s, f"bench-{run}-{i}", Channel.SMS)
            queue.enqueue(s, f"bench-{run}-{i}", HandoffReason.ASKED)
    consoles = [Console(stack.front_door_url) for _ in emails]
    try:
        for console, email in zip(consoles, emails, strict=True):
            await console.sign_in(email)
        twilio = TwilioWebhooks(stack.front_door_url, stack.auth_token, "+15035550100")
        vault = PiiVault(TEST_PII_KEY)
        handoff: list[float | None] = []
        sms_reply: list[float | None] = []
        for n in range(SAMPLES):
            phone = f"+1541{int(run, 16) % 1000:03d}{n:04d}"
            conversation_id = sms_conversation_id(vault.lookup_hash(phone))
            start = time.perf_counter()
            await twilio.post_async(session, twilio.inbound(phone, ASK))
            try:
                console = await _announced(consoles, conversation_id)
                item = await _in_queue(console, conversation_id)
                handoff.append(time.perf_counter() - start)
            except TimeoutError:
                handoff.append(None)
                continue
            await console.call("POST", f"handoffs/{item['id']}/claim")
            text = f"Hello from 311, reply {n}"
            arrived = arrivals.expect(phone, text)
            start = time.perf_counter()
            await console.call("POST", f"handoffs/{item['id']}/reply", {"text": text})
            try:
                sms_reply.append(await asyncio.wait_for(arrived, 30) - start)
            except TimeoutError:
                sms_reply.append(None)
            await console.call("POST", f"handoffs/{item['id']}/resolve")
        webchat_reply = [await _webchat_reply(session, stack, consoles[0], n) for n in range(SAMPLES // 2)]
    finally:
        for console in consoles:
            await console.close()
    return {
        "queued": QUEUED,
        "agents": AGENTS,
        "handoff_to_console": summarize(handoff),
        "reply_sms": summarize(sms_reply),
        "reply_webchat": summarize(webchat_reply),
    }


async def _webchat_reply(session: aiohttp.ClientSession, stack: RunningStack, console: Console, n: int) -> float | None:
    widget = WebchatClient(session, stack.front_door_url)
    try:
        await widget.connect()
        await widget.say(ASK)
        await _announced([console], str(widget.conversation_id))
        item = await _in_queue(console, str(widget.conversation_id))
        await console.call("POST", f"handoffs/{item['id']}/claim")
        text = f"Hello from 311 on the web, {n}"
        start = time.perf_counter()
        await console.call("POST", f"handoffs/{item['id']}/reply", {"text": text})
        await widget.wait_for(lambda f: f.get("type") == "message" and f.get("text") == text, 30)
        latency = time.perf_counter() - start
        await console.call("POST", f"handoffs/{item['id']}/resolve")
        return latency
    except (TimeoutError, AssertionError):
        return None
    finally:
        await widget.close()
