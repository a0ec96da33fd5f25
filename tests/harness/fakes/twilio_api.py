"""A local stand-in for Twilio's Messages REST API, for tests and offline runs.

It answers ``POST`` and ``GET /2010-04-01/Accounts/{AccountSid}/Messages.json`` as Twilio does
(basic auth, form fields, error codes, the message resource, a recipient's latest messages), keeps
every accepted message in memory, can fail the next requests on demand (429, 5xx, an error code such
as 21610) or accept a message and answer late (so that the sender times out after it was sent), and
can post signed status callbacks.

Use it from pytest with ``async with FakeTwilioServer() as fake:`` (``fake.base_url`` goes
into ``Settings.twilio_api_base_url``), or run it on its own::

    python -m tests.harness.fakes.twilio_api --port 8081 --post-status-callbacks

Fake-only endpoints: ``GET /_fake/health``, ``GET /_fake/messages``, ``DELETE
/_fake/messages``, ``POST /_fake/fail?count=N&status=500[&code=21610]`` and
``POST /_fake/delay?count=N&seconds=S``.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import re
import secrets
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any

from aiohttp import BasicAuth, ClientError, ClientSession, ClientTimeout, web
from twilio.request_validator import RequestValidator

from bot.language.segments import segment_count

logger = logging.getLogger(__name__)

API_VERSION = "2010-04-01"
DEFAULT_ACCOUNT_SID = "AC" + "0" * 31 + "1"
DEFAULT_AUTH_TOKEN = "fake-auth-token"
POOL_NUMBER = "+15035550100"
MAX_BODY_CHARS = 1600
MAX_MEDIA = 10

_E164 = re.compile(r"\+[1-9]\d{7,14}")
_SENDER = re.compile(r"\+[1-9]\d{7,14}|\d{5,6}|[A-Za-z0-9 ]{1,11}")
_SERVICE_SID = re.compile(r"MG[0-9a-f]{32}")


@dataclass
class FakeMessage:
    """One message accepted by the fake."""

    sid: str
    account_sid: str
    to: str
    from_: str | None
    messaging_service_sid: str | None
    body: str
    media_urls: list[str]
    status_callback: str | None
    status: str
    date_created: datetime

    def resource(self) -> dict[str, Any]:
        """The message as Twilio's API returns it."""
        uri = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{self.sid}"
        created = format_datetime(self.date_created)
        return {
            "account_sid": self.account_sid,
            "api_version": API_VERSION,
            "body": self.body,
            "date_created": created,
            "date_sent": None,
            "date_updated": created,
            "direction": "outbound-api",
            "error_code": None,
            "error_message": None,
            "from": self.from_,
            "messaging_service_sid": self.messaging_service_sid,
            "num_media": str(len(self.media_urls)),
            "num_segments": str(max(1, segment_count(self.body))),
            "price": None,
            "price_unit": "USD",
            "sid": self.sid,
            "status": self.status,
            "subresource_uris": {"media": f"{uri}/Media.json", "feedback": f"{uri}/Feedback.json"},
            "to": self.to,
            "uri": f"{uri}.json",
        }

    def record(self) -> dict[str, Any]:
        """The message with the fields a test wants to check, as ``GET /_fake/messages`` shows it."""
        return {**self.resource(), "media_urls": list(self.media_urls), "status_callback": self.status_callback}


@dataclass
class FakeTwilioState:
    """Everything the fake remembers."""

    auth_token_by_sid: dict[str, str]
    post_status_callbacks: bool = False
    messages: list[FakeMessage] = field(default_factory=list)
    callbacks: list[dict[str, Any]] = field(default_factory=list)
    fail_count: int = 0
    fail_status: int = 500
    fail_code: int | None = None
    delay_count: int = 0
    delay_seconds: float = 0.0
    tasks: set[asyncio.Task[None]] = field(default_factory=set)
    session: ClientSession | None = None

    def fail_next(self, count: int, status: int = 500, code: int | None = None) -> None:
        """Make the next ``count`` message creations fail with ``status`` (429, 5xx, or 400 with ``code``)."""
        self.fail_count, self.fail_status, self.fail_code = count, status, code

    def delay_next(self, count: int, seconds: float) -> None:
        """Accept the next ``count`` messages but answer only after ``seconds`` (a sender may time out)."""
        self.delay_count, self.delay_seconds = count, seconds

    async def drain(self) -> None:
        """Wait for the status callbacks still being posted."""
        while pending := [task for task in self.tasks if not task.done()]:
            await asyncio.gather(*pending, return_exceptions=True)


STATE = web.AppKey("fake_twilio_state", FakeTwilioState)


def _error(status: int, code: int, message: str, detail: str | None = None, **headers: str) -> web.Response:
    payload: dict[str, Any] = {"code": code, "message": message}
    if detail:
        payload["detail"] = detail
    payload.update(more_info=f"https://www.twilio.com/docs/errors/{code}", status=status)
    return web.json_response(payload, status=status, headers=headers)


def _authenticated(request: web.Request, state: FakeTwilioState) -> str | None:
    """The account SID the request authenticates as, if its credentials are right."""
    header = request.headers.get("Authorization", "")
    try:
        auth = BasicAuth.decode(header)
    except ValueError:
        return None
    expected = state.auth_token_by_sid.get(auth.login)
    return auth.login if expected is not None and secrets.compare_digest(expected, auth.password) else None


def _validate(form: Any) -> web.Response | None:
    """A Twilio-style 400 for the first invalid field, or None."""
    to, sender, service = form.get("To", ""), form.get("From", ""), form.get("MessagingServiceSid", "")
    media, callback = form.getall("MediaUrl", []), form.get("StatusCallback", "")
    if not to:
        return _error(400, 21604, "A 'To' phone number is required.")
    if not _E164.fullmatch(to):
        return _error(400, 21211, f"The 'To' number {to} is not a valid phone number.")
    if not sender and not service:
        return _error(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required to send a message")
    if sender and not _SENDER.fullmatch(sender):
        problem = f"The 'From' number {sender} is not a valid phone number, shortcode, or alphanumeric sender ID."
        return _error(400, 21212, problem)
    if service and not _SERVICE_SID.fullmatch(service):
        return _error(400, 21702, "The Messaging Service Sid is invalid.")
    if not form.get("Body") and not media:
        return _error(400, 21602, "Message body is required.")
    if len(form.get("Body", "")) > MAX_BODY_CHARS:
        return _error(400, 21617, "The concatenated message body exceeds the 1600 character limit.")
    if len(media) > MAX_MEDIA or any(not m.startswith(("http://", "https://")) for m in media):
        return _error(400, 21620, "Invalid media URL(s).")
    if callback and not callback.startswith(("http://", "https://")):
        return _error(400, 21609, "Invalid StatusCallback url")
    return None


async def create_message(request: web.Request) -> web.Response:
    """``POST /2010-04-01/Accounts/{AccountSid}/Messages.json``."""
    state = request.app[STATE]
    if state.fail_count > 0:
        state.fail_count -= 1
        if state.fail_code == 21610:
            return _error(400, 21610, "Attempt to send to unsubscribed recipient")
        if state.fail_status == 429:
            return _error(429, 20429, "Too Many Requests", **{"Retry-After": "1"})
        return _error(state.fail_status, state.fail_code or 20500, "Internal Server Error")
    account_sid = _authenticated(request, state)
    if account_sid is None:
        detail = "Your AccountSid or AuthToken was incorrect."
        return _error(401, 20003, "Authenticate", detail, **{"WWW-Authenticate": 'Basic realm="Twilio API"'})
    if account_sid != request.match_info["account_sid"]:
        return _error(404, 20404, f"The requested resource {request.path} was not found")
    form = await request.post()
    problem = _validate(form)
    if problem is not None:
        return problem
    service = str(form.get("MessagingServiceSid", "")) or None
    sender = str(form.get("From", "")) or None
    message = FakeMessage(
        sid="SM" + secrets.token_hex(16),
        account_sid=account_sid,
        to=str(form["To"]),
        from_=sender,
        messaging_service_sid=service,
        body=str(form.get("Body", "")),
        media_urls=[str(url) for url in form.getall("MediaUrl", [])],
        status_callback=str(form.get("StatusCallback", "")) or None,
        # Twilio answers "accepted" while a Messaging Service still has to pick the sender.
        status="accepted" if service and not sender else "queued",
        date_created=datetime.now(UTC).replace(microsecond=0),
    )
    state.messages.append(message)
    if message.status_callback and state.post_status_callbacks:
        task = asyncio.create_task(_post_status_callbacks(state, message))
        state.tasks.add(task)
        task.add_done_callback(state.tasks.discard)
    if state.delay_count > 0:
        state.delay_count -= 1
        await asyncio.sleep(state.delay_seconds)
    return web.json_response(message.resource(), status=201)


async def list_account_messages(request: web.Request) -> web.Response:
    """``GET /2010-04-01/Accounts/{AccountSid}/Messages.json[?To=…&PageSize=N]``: newest first, as Twilio lists."""
    state = request.app[STATE]
    account_sid = _authenticated(request, state)
    if account_sid is None or account_sid != request.match_info["account_sid"]:
        return _error(401, 20003, "Authenticate")
    to = request.query.get("To")
    try:
        page_size = max(1, min(1000, int(request.query.get("PageSize", "50"))))
    except ValueError:
        return _error(400, 20001, "PageSize must be a number")
    found = [m for m in reversed(state.messages) if m.account_sid == account_sid and (to is None or m.to == to)]
    uri = f"/{API_VERSION}/Accounts/{account_sid}/Messages.json"
    return web.json_response(
        {
            "messages": [m.resource() for m in found[:page_size]],
            "end": min(page_size, len(found)) - 1,
            "first_page_uri": f"{uri}?PageSize={page_size}&Page=0",
            "next_page_uri": None,
            "page": 0,
            "page_size": page_size,
            "previous_page_uri": None,
            "start": 0,
            "uri": f"{uri}?PageSize={page_size}&Page=0",
        }
    )


async def _post_status_callbacks(state: FakeTwilioState, message: FakeMessage) -> None:
    """Post "sent" then "delivered" to the message's StatusCallback, signed as Twilio signs."""
    assert message.status_callback is not None and state.session is not None
    validator = RequestValidator(state.auth_token_by_sid[message.account_sid])
    for status in ("sent", "delivered"):
        message.status = status
        params = {
            "AccountSid": message.account_sid,
            "ApiVersion": API_VERSION,
            "From": message.from_ or POOL_NUMBER,
            "MessageSid": message.sid,
            "MessageStatus": status,
            "SmsSid": message.sid,
            "SmsStatus": status,
            "To": message.to,
        }
        if message.messaging_service_sid:
            params["MessagingServiceSid"] = message.messaging_service_sid
        signature = validator.compute_signature(message.status_callback, params)
        outcome: dict[str, Any] = {"url": message.status_callback, "params": params, "signature": signature}
        try:
            async with state.session.post(
                message.status_callback, data=params, headers={"X-Twilio-Signature": signature}
            ) as response:
                outcome["response_status"] = response.status
        except (ClientError, TimeoutError) as err:
            outcome["error"] = type(err).__name__
        state.callbacks.append(outcome)


async def fail(request: web.Request) -> web.Response:
    """``POST /_fake/fail?count=N&status=500``: fail the next N Messages API requests."""
    try:
        count = int(request.query.get("count", "1"))
        status = int(request.query.get("status", "500"))
        code = int(request.query["code"]) if "code" in request.query else None
    except ValueError as err:
        raise web.HTTPBadRequest(text="count, status and code must be integers") from err
    request.app[STATE].fail_next(count, status, code)
    return web.json_response({"count": count, "status": status, "code": code})


async def delay(request: web.Request) -> web.Response:
    """``POST /_fake/delay?count=N&seconds=S``: accept the next N messages, answer after S seconds."""
    try:
        count = int(request.query.get("count", "1"))
        seconds = float(request.query.get("seconds", "5"))
    except ValueError as err:
        raise web.HTTPBadRequest(text="count and seconds must be numbers") from err
    request.app[STATE].delay_next(count, seconds)
    return web.json_response({"count": count, "seconds": seconds})


async def list_messages(request: web.Request) -> web.Response:
    """``GET /_fake/messages``: every accepted message, oldest first."""
    return web.json_response({"messages": [m.record() for m in request.app[STATE].messages]})


async def clear_messages(request: web.Request) -> web.Response:
    """``DELETE /_fake/messages``: forget the messages and callbacks."""
    state = request.app[STATE]
    state.messages.clear()
    state.callbacks.clear()
    return web.Response(status=204)


# A 1x1 PNG: what an MMS photo looks like to the webhook's media download.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c63f8cfc0f01f00050001ff89993d1d0000000049454e44ae426082"
)


async def media(request: web.Request) -> web.Response:
    """``GET /_fake/media/{name}``: a photo (``*.png``) or a text file, as Twilio's media URLs serve them."""
    if _authenticated(request, request.app[STATE]) is None:
        return _error(401, 20003, "Authenticate")
    if request.match_info["name"].endswith(".png"):
        return web.Response(body=TINY_PNG, content_type="image/png")
    return web.Response(text="not a photo", content_type="text/plain")


async def health(request: web.Request) -> web.Response:
    """``GET /_fake/health``."""
    return web.json_response({"status": "ok"})


def create_fake_twilio(
    auth_token_by_sid: dict[str, str] | None = None, *, post_status_callbacks: bool = False
) -> web.Application:
    """Build the fake Twilio API application.

    Args:
        auth_token_by_sid: Accepted credentials; defaults to
            ``{DEFAULT_ACCOUNT_SID: DEFAULT_AUTH_TOKEN}``.
        post_status_callbacks: Whether to post "sent" and "delivered" to StatusCallback URLs.

    Returns:
        The application; its state is ``app[STATE]``.
    """
    app = web.Application()
    app[STATE] = FakeTwilioState(
        auth_token_by_sid=dict(auth_token_by_sid or {DEFAULT_ACCOUNT_SID: DEFAULT_AUTH_TOKEN}),
        post_status_callbacks=post_status_callbacks,
    )
    app.cleanup_ctx.append(_callback_session)
    app.router.add_post(f"/{API_VERSION}/Accounts/{{account_sid}}/Messages.json", create_message)
    app.router.add_get(f"/{API_VERSION}/Accounts/{{account_sid}}/Messages.json", list_account_messages)
    app.router.add_get("/_fake/health", health)
    app.router.add_get("/_fake/media/{name}", media)
    app.router.add_get("/_fake/messages", list_messages)
    app.router.add_delete("/_fake/messages", clear_messages)
    app.router.add_post("/_fake/fail", fail)
    app.router.add_post("/_fake/delay", delay)
    return app


async def _callback_session(app: web.Application) -> AsyncIterator[None]:
    state = app[STATE]
    state.session = ClientSession(timeout=ClientTimeout(total=10))
    yield
    for task in list(state.tasks):
        task.cancel()
    await asyncio.gather(*list(state.tasks), return_exceptions=True)
    await state.session.close()


class FakeTwilioServer:
    """Runs the fake on an ephemeral 127.0.0.1 port for the length of an ``async with``."""

    def __init__(self, auth_token_by_sid: dict[str, str] | None = None, *, post_status_callbacks: bool = False) -> None:
        """Prepare the application; nothing listens until ``start()``.

        Args:
            auth_token_by_sid: Accepted credentials (see ``create_fake_twilio``).
            post_status_callbacks: Whether to post signed status callbacks.
        """
        self.app = create_fake_twilio(auth_token_by_sid, post_status_callbacks=post_status_callbacks)
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def state(self) -> FakeTwilioState:
        """The fake's memory."""
        return self.app[STATE]

    @property
    def messages(self) -> list[FakeMessage]:
        """Accepted messages, oldest first."""
        return self.state.messages

    @property
    def base_url(self) -> str:
        """What ``Settings.twilio_api_base_url`` should be."""
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> None:
        """Listen on a free port."""
        self._runner = web.AppRunner(self.app)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.port = int(self._runner.addresses[0][1])

    async def close(self) -> None:
        """Stop listening and cancel pending callbacks."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> FakeTwilioServer:
        """Start the server."""
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Stop the server."""
        await self.close()


def main(argv: list[str] | None = None) -> None:
    """Run the fake in the foreground until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8081)
    parser.add_argument("--account-sid", default=DEFAULT_ACCOUNT_SID)
    parser.add_argument("--auth-token", default=DEFAULT_AUTH_TOKEN)
    parser.add_argument("--post-status-callbacks", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    app = create_fake_twilio({args.account_sid: args.auth_token}, post_status_callbacks=args.post_status_callbacks)
    web.run_app(app, host=args.host, port=args.port)


if __name__ == "__main__":
    main()
