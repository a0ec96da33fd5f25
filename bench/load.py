"""Load generators for the benchmark: one message through Rasa, SMS or web chat, closed and open loops.

Every call starts a new conversation (a new sender, phone number or socket) with one message
and returns the seconds until the first answer:

* Rasa: the REST webhook's response.
* SMS: from the signed webhook POST until the front door hands the first reply to (fake)
  Twilio. ``Arrivals`` wraps the fake Twilio API running in this process and stamps each
  message as its request arrives, so nothing is polled.
* Web chat: from sending the message frame until the first bot frame on the socket.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import aiohttp
from aiohttp import web

from tests.harness.clients import TwilioWebhooks, WebchatClient
from tests.harness.fakes.twilio_api import POOL_NUMBER, create_fake_twilio

#: First messages of new conversations, as residents send them: greetings and reports.
MESSAGES: tuple[tuple[str, str], ...] = (
    ("en", "hello"),
    ("es", "hola"),
    ("en", "there's a tent camp blocking the sidewalk on SE 82nd and Division"),
    ("es", "hay un campamento tapando la banqueta en la 82 y Division"),
    ("en", "hi"),
    ("es", "buenas tardes"),
    ("en", "abandoned car on my street for 3 weeks"),
    ("es", "hay un carro abandonado en mi calle hace 3 semanas"),
    ("en", "someone spray painted graffiti on the wall at NE 42nd and Sandy"),
    ("es", "alguien pinto grafiti en la pared de la 42 y Sandy"),
)
REPLY_TIMEOUT = 30.0
#: Why calls failed, by exception name, over the whole run.
FAILURES: Counter[str] = Counter()

Call = Callable[[str, str], Awaitable[float]]


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0-100) of ``values``, interpolated linearly between ranks."""
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low, high = math.floor(rank), math.ceil(rank)
    if ordered[high] == math.inf:
        return math.inf
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def summarize(latencies: Sequence[float | None]) -> dict[str, Any]:
    """Count, failures and p50/p95/p99 in milliseconds; a failure counts as an infinite latency (None)."""
    values = [math.inf if v is None else v for v in latencies]
    summary: dict[str, Any] = {"count": len(values), "failed": sum(v == math.inf for v in values)}
    for q in (50, 95, 99):
        value = percentile(values, q) if values else math.inf
        summary[f"p{q}_ms"] = None if value == math.inf else round(value * 1000, 1)
    return summary


class Arrivals:
    """When the fake Twilio API received the first message to each phone number."""

    def __init__(self) -> None:
        self._first: dict[str, float] = {}
        self._waiters: dict[str, asyncio.Future[float]] = {}
        self._texts: dict[tuple[str, str], asyncio.Future[float]] = {}
        self.times: list[float] = []
        """The arrival time of every message accepted (the broadcasts' pacing is judged on these)."""

    @web.middleware
    async def middleware(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Stamp accepted Messages API requests with the time they arrived."""
        arrived = time.perf_counter()
        response = await handler(request)
        if request.method == "POST" and response.status == 201:
            self.times.append(arrived)
            form = await request.post()
            to = str(form.get("To", ""))
            text = self._texts.get((to, str(form.get("Body", ""))))
            if text is not None and not text.done():
                text.set_result(arrived)
            if to not in self._first:
                self._first[to] = arrived
                waiter = self._waiters.pop(to, None)
                if waiter is not None and not waiter.done():
                    waiter.set_result(arrived)
        return response

    def expect(self, to: str, body: str) -> asyncio.Future[float]:
        """A future for the arrival time of a message to ``to`` with exactly ``body`` (set up before sending)."""
        return self._texts.setdefault((to, body), asyncio.get_running_loop().create_future())

    async def wait(self, to: str, timeout: float = REPLY_TIMEOUT) -> float:
        """The arrival time of the first message to ``to``, waiting for it if needed."""
        if to in self._first:
            return self._first[to]
        waiter = self._waiters.setdefault(to, asyncio.get_running_loop().create_future())
        try:
            return await asyncio.wait_for(waiter, timeout)
        finally:
            self._waiters.pop(to, None)


async def serve_fake_twilio(port: int, arrivals: Arrivals, status_callbacks: bool = True) -> web.AppRunner:
    """Run the fake Twilio API on ``port`` (with status callbacks, as Twilio posts them, unless told not to)."""
    app = create_fake_twilio(post_status_callbacks=status_callbacks)
    app.middlewares.append(arrivals.middleware)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


class Clients:
    """One message in a new conversation through each path; each call returns seconds to the answer."""

    def __init__(
        self, session: aiohttp.ClientSession, front_door_url: str, rasa_url: str, auth_token: str, arrivals: Arrivals
    ) -> None:
        self._session = session
        self._front = front_door_url
        self._rasa = rasa_url
        self._twilio = TwilioWebhooks(front_door_url, auth_token, POOL_NUMBER)
        self._arrivals = arrivals
        self._numbers = itertools.count(1)

    async def rasa(self, text: str, lang: str) -> float:
        """POST to Rasa's REST webhook, as the front door does, and read the whole answer."""
        payload = {
            "sender": f"bench-{uuid.uuid4().hex}",
            "message": text,
            "metadata": {"channel": "sms", "language": lang},
        }
        start = time.perf_counter()
        async with self._session.post(f"{self._rasa}/webhooks/rest/webhook", json=payload) as response:
            response.raise_for_status()
            answer = await response.json()
        if not answer:
            raise RuntimeError("Rasa answered nothing")
        return time.perf_counter() - start

    async def sms(self, text: str, lang: str) -> float:
        """Text from a new phone number as Twilio would; wait for the first reply at fake Twilio."""
        phone = f"+1971{next(self._numbers):07d}"
        params = self._twilio.inbound(phone, text)
        start = time.perf_counter()
        status = await self._twilio.post_async(self._session, params)
        if status != 200:
            raise RuntimeError(f"the SMS webhook answered {status}")
        return await self._arrivals.wait(phone) - start

    async def webchat(self, text: str, lang: str) -> float:
        """Open the widget's socket, resume, send the message and wait for the first bot frame."""
        widget = WebchatClient(self._session, self._front)
        try:
            await widget.connect()
            await widget.wait_for(lambda f: f.get("type") == "history", REPLY_TIMEOUT)
            start = time.perf_counter()
            await widget.say(text)
            frame = await widget.wait_for(_bot_or_error, REPLY_TIMEOUT)
            if frame.get("type") == "error":
                raise RuntimeError(f"web chat error frame: {frame.get('code')}")
            return time.perf_counter() - start
        finally:
            await widget.close()


def _bot_or_error(frame: dict[str, Any]) -> bool:
    return frame.get("type") == "error" or (frame.get("type") == "message" and frame.get("from") == "bot")


async def _timed(call: Call, index: int) -> float | None:
    """One call with the ``index``-th message; None when it failed or timed out."""
    lang, text = MESSAGES[index % len(MESSAGES)]
    try:
        return await call(text, lang)
    except Exception as err:  # noqa: BLE001 - a failed call is a result to count, not a crash
        FAILURES[type(err).__name__] += 1
        return None


async def closed_loop(call: Call, concurrency: int, count: int) -> list[float | None]:
    """``count`` calls by ``concurrency`` workers, each sending its next message when answered."""
    indexes = iter(range(count))
    latencies: list[float | None] = []

    async def worker() -> None:
        for index in indexes:
            latencies.append(await _timed(call, index))

    await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies


async def open_loop(call: Call, rate: float, seconds: float) -> list[float | None]:
    """Start calls at ``rate`` per second for ``seconds``, whether or not earlier ones were answered."""
    loop = asyncio.get_running_loop()
    start = loop.time()
    tasks = []
    for index in range(round(rate * seconds)):
        await asyncio.sleep(max(start + index / rate - loop.time(), 0))
        tasks.append(asyncio.create_task(_timed(call, index)))
    return list(await asyncio.gather(*tasks))


async def parse_latencies(session: aiohttp.ClientSession, rasa_url: str, texts: Sequence[str]) -> list[float | None]:
    """Seconds per ``POST /model/parse`` for each text, one at a time."""
    latencies: list[float | None] = []
    for text in texts:
        start = time.perf_counter()
        try:
            async with session.post(f"{rasa_url}/model/parse", json={"text": text}) as response:
                response.raise_for_status()
                await response.read()
            latencies.append(time.perf_counter() - start)
        except (TimeoutError, aiohttp.ClientError) as err:
            FAILURES[type(err).__name__] += 1
            latencies.append(None)
    return latencies
