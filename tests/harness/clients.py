"""Clients that talk to the running assistant as its outside parties do: Twilio, a widget, anyone over HTTP."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any

import aiohttp
import requests
from twilio.request_validator import RequestValidator

from tests.harness.fakes.twilio_api import DEFAULT_ACCOUNT_SID

Frame = dict[str, Any]


def http_json(method: str, url: str, data: Any = None, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    """A small blocking HTTP client (JSON in and out; a str or bytes body is sent as given)."""
    body = None
    all_headers = dict(headers or {})
    if isinstance(data, (dict, list)) and not all_headers.get("Content-Type", "").startswith("application/x-www"):
        body = json.dumps(data).encode()
        all_headers.setdefault("Content-Type", "application/json")
    elif isinstance(data, (bytes, str)):
        body = data.encode() if isinstance(data, str) else data
    request = urllib.request.Request(url, data=body, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            raw = response.read()
            status = response.status
    except urllib.error.HTTPError as err:
        raw, status = err.read(), err.code
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode("utf-8", "replace")


class TwilioWebhooks:
    """Builds and signs webhook requests exactly as Twilio does for the front door at ``base_url``."""

    def __init__(self, base_url: str, auth_token: str, to_number: str) -> None:
        self.base_url = base_url
        self.to_number = to_number
        self._validator = RequestValidator(auth_token)

    def sign(self, path: str, params: dict[str, str]) -> str:
        """Twilio's ``X-Twilio-Signature`` for a POST of ``params`` to ``path``."""
        return self._validator.compute_signature(self.base_url + path, params)

    def inbound(self, phone: str, body: str, sid: str | None = None, **extra: str) -> dict[str, str]:
        """The form parameters of one incoming text."""
        return {
            "MessageSid": sid or "SM" + uuid.uuid4().hex,
            "AccountSid": DEFAULT_ACCOUNT_SID,
            "From": phone,
            "To": self.to_number,
            "Body": body,
            "NumMedia": "0",
            **extra,
        }

    def post(
        self, params: dict[str, str], signature: str | None = "auto", path: str = "/sms/inbound"
    ) -> tuple[int, Any]:
        """POST a webhook request (signed unless ``signature`` says otherwise), blocking."""
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if signature == "auto":
            signature = self.sign(path, params)
        if signature is not None:
            headers["X-Twilio-Signature"] = signature
        return http_json("POST", self.base_url + path, urllib.parse.urlencode(params), headers)

    async def post_async(self, session: aiohttp.ClientSession, params: dict[str, str]) -> int:
        """POST a signed incoming text with ``session``; returns the HTTP status."""
        headers = {"X-Twilio-Signature": self.sign("/sms/inbound", params)}
        async with session.post(self.base_url + "/sms/inbound", data=params, headers=headers) as response:
            await response.read()
            return response.status


class WebchatClient:
    """A scripted widget speaking the web chat protocol over one socket; every frame is collected."""

    def __init__(self, session: aiohttp.ClientSession, base_url: str) -> None:
        self.session, self.base_url = session, base_url
        self.frames: list[Frame] = []
        self.ws: aiohttp.ClientWebSocketResponse | None = None
        self.conversation_id: str | None = None
        self.session_frame: Frame = {}
        self._reader: asyncio.Task[None] | None = None
        self._arrived = asyncio.Event()

    async def connect(self, conversation_id: str | None = None, after_seq: int = 0) -> None:
        """Open the socket, read the session frame and ask for the history after ``after_seq``."""
        query = f"?conversation_id={conversation_id}" if conversation_id else ""
        self.ws = await self.session.ws_connect(self.base_url.replace("http", "ws", 1) + "/webchat/ws" + query)
        self.session_frame = await self.ws.receive_json(timeout=30)
        assert self.session_frame["type"] == "session", self.session_frame
        self.conversation_id = self.session_frame["conversation_id"]
        self._reader = asyncio.create_task(self._read())
        await self.ws.send_json({"type": "resume", "after_seq": after_seq})

    async def _read(self) -> None:
        assert self.ws is not None
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.TEXT:
                self.frames.append(message.json())
                self._arrived.set()
        self._arrived.set()

    async def say(self, text: str, client_id: str | None = None, **extra: Any) -> str:
        """Send a message frame; returns its client id."""
        client_id = client_id or uuid.uuid4().hex
        assert self.ws is not None
        await self.ws.send_json({"type": "message", "client_id": client_id, "text": text, **extra})
        return client_id

    def bot_texts(self) -> list[str]:
        """The assistant's messages received so far (live and replayed)."""
        return [f["text"] for f in self.frames if f.get("type") == "message" and f.get("from") == "bot"]

    async def wait_for(self, predicate: Callable[[Frame], bool], timeout: float = 30, after: int = 0) -> Frame:
        """The first frame (from index ``after``) ``predicate`` accepts; an AssertionError after ``timeout``."""
        found: list[Frame] = []

        def arrived(frames: list[Frame]) -> bool:
            found.extend(frame for frame in frames[after:] if predicate(frame))
            return bool(found)

        await self.wait_until(arrived, timeout)
        return found[0]

    async def wait_until(self, condition: Callable[[list[Frame]], bool], timeout: float = 30) -> None:
        """Wait until ``condition(frames)`` holds; an AssertionError after ``timeout``."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while not condition(self.frames):
            self._arrived.clear()
            remaining = deadline - loop.time()
            if remaining <= 0 or (self._reader is not None and self._reader.done()):
                raise AssertionError(f"condition not met; last frames {self.frames[-10:]}")
            try:
                await asyncio.wait_for(self._arrived.wait(), remaining)
            except TimeoutError:
                continue

    async def close(self) -> None:
        """Close the socket and stop reading."""
        if self.ws is not None:
            await self.ws.close()
        if self._reader is not None:
            await self._reader


class ConsoleClient:
    """The agent console's API as a signed-in browser uses it: session cookie, same-origin, CSRF token."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url.rstrip("/")
        self.http = requests.Session()
        self.http.headers["Origin"] = self.base_url
        self.csrf = ""
        self.user: dict[str, Any] = {}

    def call(self, method: str, path: str, body: Any = None, csrf: bool = True) -> tuple[int, Any]:
        """One API call; returns the status and the JSON answer."""
        headers = {"X-CSRF-Token": self.csrf} if csrf and self.csrf else {}
        response = self.http.request(
            method, f"{self.base_url}/console/api/{path}", json=body, headers=headers, timeout=30
        )
        try:
            return response.status_code, response.json()
        except ValueError:
            return response.status_code, response.text

    def sign_in(self, email: str, password: str) -> int:
        """Sign in; keeps the CSRF token; returns the status."""
        status, body = self.call("POST", "login", {"email": email, "password": password})
        if status == 200:
            self.csrf, self.user = body["csrf_token"], body["user"]
        return status

    def queue(self) -> dict[str, list[dict[str, Any]]]:
        """The queue as this agent sees it."""
        status, body = self.call("GET", "queue")
        assert status == 200, body
        return dict(body)

    def waiting_for(self, conversation_id: str, timeout: float = 30) -> dict[str, Any]:
        """Wait until the conversation shows in this agent's queue; its item."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for item in self.queue()["waiting"]:
                if item["conversation_id"] == conversation_id:
                    return item
            time.sleep(0.2)
        raise AssertionError(f"{conversation_id} never reached the queue: {self.queue()}")
