"""The web chat WebSocket protocol against the running assistant: acks, de-duplication, resume, limits."""

from __future__ import annotations

import asyncio
import io
import re
from typing import Any

import aiohttp
import pytest

from bot.platform.settings import Settings
from tests.harness.clients import WebchatClient
from tests.harness.fakes.twilio_api import TINY_PNG
from tests.harness.stack import RunningStack

pytestmark = pytest.mark.stack
PNG = TINY_PNG  # a real 1x1 image: photos are decoded before they are stored


async def test_message_is_acked_answered_and_deduplicated(stack: RunningStack) -> None:
    async with aiohttp.ClientSession() as session:
        widget = WebchatClient(session, stack.front_door_url)
        await widget.connect()
        assert widget.conversation_id and widget.conversation_id.startswith("web-") and len(widget.conversation_id) > 30
        client_id = await widget.say("hello")
        await widget.wait_for(lambda f: f.get("type") == "ack" and f["client_id"] == client_id)
        await widget.wait_for(lambda f: f.get("from") == "bot")
        await widget.say("hello", client_id=client_id)  # a resend after a network drop
        await widget.wait_for(lambda f: f.get("type") == "ack" and f.get("duplicate"))
        await asyncio.sleep(2)
        greetings = widget.bot_texts()
        await widget.close()
        assert len(greetings) == 1, greetings


async def test_reconnect_resumes_without_losing_or_duplicating(stack: RunningStack) -> None:
    async with aiohttp.ClientSession() as session:
        first = WebchatClient(session, stack.front_door_url)
        await first.connect()
        await first.say("graffiti on the fence at SE 82nd and Foster")
        await first.wait_for(lambda f: f.get("from") == "bot")
        seen = max(f["seq"] for f in first.frames if f.get("from") == "bot")
        await first.close()
        second = WebchatClient(session, stack.front_door_url)
        await second.connect(first.conversation_id, after_seq=0)
        history = await second.wait_for(lambda f: f.get("type") == "history")
        assert second.conversation_id == first.conversation_id
        users = [m for m in history["messages"] if m["from"] == "user"]
        assert [m["text"] for m in users] == ["graffiti on the fence at SE 82nd and Foster"]
        bots = [m["seq"] for m in history["messages"] if m["from"] == "bot"]
        assert bots == sorted(set(bots)) and seen in bots
        third = WebchatClient(session, stack.front_door_url)
        await third.connect(first.conversation_id, after_seq=seen)
        later = await third.wait_for(lambda f: f.get("type") == "history")
        assert all(m["seq"] > seen for m in later["messages"])
        await second.close()
        await third.close()


async def test_unknown_or_guessed_ids_get_a_new_conversation(stack: RunningStack) -> None:
    async with aiohttp.ClientSession() as session:
        widget = WebchatClient(session, stack.front_door_url)
        await widget.connect("sms-" + "0" * 40)
        assert widget.conversation_id != "sms-" + "0" * 40 and widget.conversation_id.startswith("web-")
        await widget.close()


async def test_flood_is_rate_limited_and_nothing_is_lost(stack: RunningStack) -> None:
    async with aiohttp.ClientSession() as session:
        widget = WebchatClient(session, stack.front_door_url)
        await widget.connect()
        for i in range(40):
            await widget.say(f"spam {i}")
        await widget.wait_for(lambda f: f.get("type") == "error" and f.get("code") == "rate_limited")
        await widget.wait_until(lambda frames: sum(f.get("type") in ("ack", "error") for f in frames) >= 40)
        limited = [f for f in widget.frames if f.get("code") == "rate_limited"]
        acked = [f for f in widget.frames if f.get("type") == "ack"]
        assert len(acked) + len(limited) == 40 and 0 < len(acked) <= 30
        assert limited[0]["retry_after"] > 0 and limited[0]["message"]
        await widget.close()


async def test_bad_frames_get_an_error_not_a_disconnect(stack: RunningStack) -> None:
    async with aiohttp.ClientSession() as session:
        widget = WebchatClient(session, stack.front_door_url)
        await widget.connect()
        assert widget.ws is not None
        await widget.ws.send_str("{not json")
        await widget.wait_for(lambda f: f.get("code") == "bad_frame")
        await widget.say("   ")
        await widget.wait_for(lambda f: f.get("code") == "empty")
        await widget.say("x" * 20_000)
        await widget.wait_for(lambda f: f.get("type") == "ack")
        await widget.close()


async def test_uploads_accept_photos_and_refuse_the_rest(stack: RunningStack) -> None:
    async with aiohttp.ClientSession() as session:
        widget = WebchatClient(session, stack.front_door_url)
        await widget.connect()

        async def upload(data: bytes, name: str, kind: str, lang: str = "en") -> tuple[int, dict[str, Any]]:
            form = aiohttp.FormData()
            form.add_field("conversation_id", widget.conversation_id)
            form.add_field("file", io.BytesIO(data), filename=name, content_type=kind)
            # A refused upload is answered before its body is read, so each upload gets its own connection.
            async with (
                aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as fresh,
                fresh.post(f"{stack.front_door_url}/webchat/upload?lang={lang}", data=form) as response,
            ):
                return response.status, await response.json()

        status, body = await upload(PNG, "tag.png", "image/png")
        assert status == 200 and re.fullmatch(r"[\w-]{20,}", body["token"])
        async with session.get(body["url"].replace("http://127.0.0.1", "http://127.0.0.1")) as response:
            assert response.status == 200 and response.headers["Content-Type"] == "image/png"
        status, body = await upload(b"hello", "notes.txt", "text/plain", "es")
        assert status == 415 and "foto" in body["message"].lower()
        status, body = await upload(b"\x89PNG\r\n\x1a\n" + b"0" * (6 * 1024 * 1024), "big.png", "image/png")
        assert status == 413
        status, body = await upload(b"<html>not a photo</html>", "x.jpg", "image/jpeg")
        assert status == 415
        await widget.close()


async def test_a_page_not_allowed_cannot_open_the_chat(stack: RunningStack) -> None:
    url = stack.front_door_url.replace("http", "ws", 1) + "/webchat/ws"
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(url, headers={"Origin": "https://evil.example"})
        assert refused.value.status == 403
        allowed = f"http://127.0.0.1:{stack.embedding_site_port}"
        async with session.ws_connect(url, headers={"Origin": allowed}) as ws:
            assert (await ws.receive_json(timeout=30))["type"] == "session"
        async with session.ws_connect(url, headers={"Origin": stack.front_door_url}) as ws:  # the demo page
            assert (await ws.receive_json(timeout=30))["type"] == "session"


def _conversations(stack: RunningStack, conversation_id: str) -> int:
    return int(stack.scalar("select count(*) from conversations where id = :id", id=conversation_id) or 0)


async def test_a_conversation_is_created_by_its_first_message_not_by_connecting(stack: RunningStack) -> None:
    async with aiohttp.ClientSession() as session:
        widget = WebchatClient(session, stack.front_door_url)
        await widget.connect()
        assert widget.conversation_id
        await asyncio.sleep(0.5)
        assert _conversations(stack, widget.conversation_id) == 0  # a page view stores nothing
        client_id = await widget.say("hello")
        await widget.wait_for(lambda f: f.get("type") == "ack" and f["client_id"] == client_id)
        assert _conversations(stack, widget.conversation_id) == 1
        await widget.close()


async def test_open_connections_per_address_are_bounded(stack: RunningStack) -> None:
    url = stack.front_door_url.replace("http", "ws", 1) + "/webchat/ws"
    async with aiohttp.ClientSession() as session:
        sockets = [await session.ws_connect(url) for _ in range(Settings().webchat_address_sockets)]  # the default
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(url)
        assert refused.value.status == 429
        await sockets.pop().close()
        await asyncio.sleep(0.2)
        async with session.ws_connect(url) as again:  # a closed one frees its place
            assert (await again.receive_json(timeout=30))["type"] == "session"
        for ws in sockets:
            await ws.close()
