"""Tests for bot.channels.sms.twilio_client against the local fake of Twilio's Messages API."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import aiohttp
import pytest
from aiohttp import web
from twilio.request_validator import RequestValidator

from bot.channels.sms.twilio_client import SmsSendError, TwilioSmsSender
from bot.platform.exceptions import DeliveryError
from bot.platform.settings import ROOT, Settings
from tests.harness.fakes.twilio_api import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, FakeTwilioServer
from tests.harness.stack import free_port

TO = "+15035551234"
FROM = "+15035550199"
SERVICE_SID = "MG" + "a" * 32


@pytest.fixture
async def fake() -> AsyncIterator[FakeTwilioServer]:
    async with FakeTwilioServer() as server:
        yield server


@pytest.fixture
def settings(fake: FakeTwilioServer) -> Settings:
    return Settings(
        twilio_account_sid=DEFAULT_ACCOUNT_SID,
        twilio_auth_token=DEFAULT_AUTH_TOKEN,
        twilio_from_number=FROM,
        twilio_api_base_url=fake.base_url,
    )


@pytest.fixture
async def sender(settings: Settings) -> AsyncIterator[TwilioSmsSender]:
    async with TwilioSmsSender(settings) as sms:
        yield sms


async def test_send_returns_the_message_sid(fake: FakeTwilioServer, sender: TwilioSmsSender) -> None:
    sid = await sender.send(TO, "¿Dónde está el vehículo?")
    assert re.fullmatch(r"SM[0-9a-f]{32}", sid)
    [message] = fake.messages
    assert (message.sid, message.to, message.from_, message.body) == (sid, TO, FROM, "¿Dónde está el vehículo?")
    assert message.messaging_service_sid is None
    assert message.status == "queued"
    assert message.resource()["num_segments"] == "1"


async def test_media_urls_and_status_callback(fake: FakeTwilioServer, sender: TwilioSmsSender) -> None:
    media = ["https://example.org/a.jpg", "https://example.org/b.png"]
    await sender.send(TO, "Here is the map.", media_urls=media, status_callback="https://bot.example/sms/status")
    [message] = fake.messages
    assert message.media_urls == media
    assert message.status_callback == "https://bot.example/sms/status"
    assert message.resource()["num_media"] == "2"


async def test_messaging_service_replaces_the_from_number(fake: FakeTwilioServer, settings: Settings) -> None:
    async with TwilioSmsSender(replace(settings, twilio_messaging_service_sid=SERVICE_SID)) as sms:
        await sms.send(TO, "Hello")
    [message] = fake.messages
    assert message.messaging_service_sid == SERVICE_SID
    assert message.from_ is None
    assert message.status == "accepted"


async def test_wrong_credentials(settings: Settings) -> None:
    async with TwilioSmsSender(replace(settings, twilio_auth_token="wrong")) as sms:
        with pytest.raises(SmsSendError) as caught:
            await sms.send(TO, "Hello")
    assert (caught.value.status, caught.value.code, caught.value.retryable) == (401, 20003, False)
    assert isinstance(caught.value, DeliveryError)


@pytest.mark.parametrize("status", [500, 429])
async def test_server_failures_are_retryable(fake: FakeTwilioServer, sender: TwilioSmsSender, status: int) -> None:
    fake.state.fail_next(1, status)
    with pytest.raises(SmsSendError) as caught:
        await sender.send(TO, "Hello")
    assert caught.value.status == status
    assert caught.value.retryable
    assert fake.messages == []
    await sender.send(TO, "Hello")  # only the next request failed
    assert len(fake.messages) == 1


async def test_fail_endpoint(fake: FakeTwilioServer, sender: TwilioSmsSender) -> None:
    async with (
        aiohttp.ClientSession() as http,
        http.post(f"{fake.base_url}/_fake/fail", params={"count": "2", "status": "500"}) as response,
    ):
        assert response.status == 200
    for _ in range(2):
        with pytest.raises(SmsSendError):
            await sender.send(TO, "Hello")
    await sender.send(TO, "Hello")


async def test_rejected_number_keeps_it_out_of_the_error(sender: TwilioSmsSender) -> None:
    with pytest.raises(SmsSendError) as caught:
        await sender.send("503-555-1234", "Hello")
    assert caught.value.code == 21211
    assert "555" not in str(caught.value)


async def test_empty_body_is_refused(sender: TwilioSmsSender) -> None:
    with pytest.raises(SmsSendError) as caught:
        await sender.send(TO, "")
    assert caught.value.code == 21602


async def test_unreachable_api(settings: Settings) -> None:
    sms = TwilioSmsSender(replace(settings, twilio_api_base_url=f"http://127.0.0.1:{free_port()}"))
    try:
        with pytest.raises(SmsSendError) as caught:
            await sms.send(TO, "Hello")
        assert caught.value.retryable
        assert not caught.value.outcome_unknown  # it never connected, so nothing can have been sent
    finally:
        await sms.close()


async def test_refusals_are_final(sender: TwilioSmsSender) -> None:
    with pytest.raises(SmsSendError) as caught:
        await sender.send("503-555-1234", "Hello")
    assert not caught.value.retryable and not caught.value.opted_out


async def test_opted_out_recipient_is_reported(fake: FakeTwilioServer, sender: TwilioSmsSender) -> None:
    fake.state.fail_next(1, 400, code=21610)
    with pytest.raises(SmsSendError) as caught:
        await sender.send(TO, "Hello")
    assert caught.value.code == 21610
    assert caught.value.opted_out and not caught.value.retryable


async def test_timeout_after_sending_is_an_unknown_outcome_that_find_sent_resolves(
    fake: FakeTwilioServer, settings: Settings
) -> None:
    started = datetime.now(UTC)
    fake.state.delay_next(1, 2.0)
    async with TwilioSmsSender(settings, timeout=0.3) as sms:
        with pytest.raises(SmsSendError) as caught:
            await sms.send(TO, "Your case number is PDX-2026-000001.")
        assert caught.value.outcome_unknown and caught.value.retryable
        assert len(fake.messages) == 1  # Twilio has it although we never heard back
        await sms.send("+15035559999", "Your case number is PDX-2026-000001.")  # someone else's, same text
        found = await sms.find_sent(TO, "Your case number is PDX-2026-000001.", started)
        assert found == fake.messages[0].sid
        assert await sms.find_sent(TO, "Another text", started) is None
        assert await sms.find_sent(TO, "Your case number is PDX-2026-000001.", started + timedelta(hours=1)) is None


async def test_unconfigured_sender_fails_without_connecting() -> None:
    async with TwilioSmsSender(Settings(twilio_api_base_url="http://127.0.0.1:9")) as sms:
        with pytest.raises(SmsSendError):
            await sms.send(TO, "Hello")
    unsent = Settings(twilio_account_sid="AC1", twilio_auth_token="t", twilio_api_base_url="http://127.0.0.1:9")
    async with TwilioSmsSender(unsent) as sms:
        with pytest.raises(SmsSendError):
            await sms.send(TO, "Hello")


async def test_region_and_edge_do_not_redirect_a_custom_base_url(
    fake: FakeTwilioServer, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TWILIO_REGION", "ie1")
    monkeypatch.setenv("TWILIO_EDGE", "dublin")
    async with TwilioSmsSender(replace(settings, twilio_api_base_url=fake.base_url + "/")) as sms:
        await sms.send(TO, "Hello")
    assert len(fake.messages) == 1


async def test_sender_can_be_reused_after_close(fake: FakeTwilioServer, settings: Settings) -> None:
    sms = TwilioSmsSender(settings)
    await sms.send(TO, "one")
    await sms.close()
    await sms.send(TO, "two")
    await sms.close()
    assert [m.body for m in fake.messages] == ["one", "two"]


async def test_signed_status_callbacks() -> None:
    received: list[tuple[str, dict[str, str], str]] = []

    async def status(request: web.Request) -> web.Response:
        form = await request.post()
        # Rebuilt from the known public base, as a webhook behind a proxy must do.
        url = f"{base}{request.path_qs}"
        received.append((url, {k: str(v) for k, v in form.items()}, request.headers["X-Twilio-Signature"]))
        return web.Response(status=204)

    app = web.Application()
    app.router.add_post("/sms/status", status)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    base = f"http://127.0.0.1:{runner.addresses[0][1]}"
    callback = f"{base}/sms/status?conversation=c1"
    try:
        async with FakeTwilioServer(post_status_callbacks=True) as fake:
            settings = Settings(
                twilio_account_sid=DEFAULT_ACCOUNT_SID,
                twilio_auth_token=DEFAULT_AUTH_TOKEN,
                twilio_from_number=FROM,
                twilio_api_base_url=fake.base_url,
            )
            async with TwilioSmsSender(settings) as sms:
                sid = await sms.send(TO, "Hello", status_callback=callback)
            await fake.state.drain()
            assert fake.messages[0].status == "delivered"
    finally:
        await runner.cleanup()
    assert [params["MessageStatus"] for _, params, _ in received] == ["sent", "delivered"]
    validator = RequestValidator(DEFAULT_AUTH_TOKEN)
    for url, params, signature in received:
        assert url == callback
        assert params["MessageSid"] == sid
        assert (params["AccountSid"], params["To"], params["From"]) == (DEFAULT_ACCOUNT_SID, TO, FROM)
        assert validator.validate(url, params, signature)


async def test_fake_accessors(fake: FakeTwilioServer, sender: TwilioSmsSender) -> None:
    await sender.send(TO, "Hello")
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{fake.base_url}/_fake/health") as response:
            assert await response.json() == {"status": "ok"}
        async with http.get(f"{fake.base_url}/_fake/messages") as response:
            [record] = (await response.json())["messages"]
        assert (record["to"], record["body"], record["status"]) == (TO, "Hello", "queued")
        async with http.delete(f"{fake.base_url}/_fake/messages") as response:
            assert response.status == 204
    assert fake.messages == []


async def test_fake_runs_as_a_process() -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.harness.fakes.twilio_api", "--port", str(port)],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(100):
                try:
                    async with http.get(f"http://127.0.0.1:{port}/_fake/health") as response:
                        assert response.status == 200
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.1)
            else:
                pytest.fail("the fake did not start")
    finally:
        process.terminate()
        process.wait(timeout=10)
