"""Photos through the widget: accepted, refused by type or size, filed with the report."""

from __future__ import annotations

import io
import json
import urllib.request
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Page, Request, WebSocketRoute, expect

from tests.channels.webchat.widget_page import (
    CASE,
    UI_TIMEOUT,
    Chat,
    answer_graffiti_questions,
    get_json,
    png_bytes,
    post_multipart,
    relay_socket,
)
from tests.harness.stack import RunningStack

pytestmark = pytest.mark.browser


def test_photo_upload_accepted_and_text_file_refused(stack: RunningStack, chat: Chat, page: Page) -> None:
    chat.open()
    answer = chat.say("there is graffiti on the fence at SE Division St and 50th Ave")
    question = answer_graffiti_questions(chat, answer, stop_at_photo=True)
    assert "photo" in question.lower(), question

    # A text file is refused in the resident's language, and nothing is sent.
    _, words = get_json(f"{stack.front_door_url}/webchat/strings/en.json")
    users_before = chat.user_messages.count()
    chat.upload("notes.txt", "text/plain", b"not a photo")
    expect(chat.alert).to_have_text(words["upload_wrong_type"])
    expect(chat.user_messages).to_have_count(users_before)

    # The server refuses it too (in Spanish when asked), whatever the browser claims.
    _, palabras = get_json(f"{stack.front_door_url}/webchat/strings/es.json")
    status, refusal = post_multipart(
        f"{stack.front_door_url}/webchat/upload?lang=es",
        {"conversation_id": chat.conversation_id()},
        "notes.png",
        "image/png",
        b"not a photo",
    )
    assert status == 415, refusal
    assert refusal["message"] == palabras["upload_wrong_type"]

    # A real PNG is uploaded, shown as sent, and the report goes on to the summary.
    before = chat.bot_messages.count()
    chat.upload("wall.png", "image/png", png_bytes())
    expect(chat.user_messages.last).to_contain_text(words["photo_sent"], timeout=UI_TIMEOUT)
    expect(chat.alert).to_be_hidden()
    summary = chat.wait_for_answer(before)
    assert "didn't get a photo" not in summary, summary
    expect(chat.reply_button("Yes, file it")).to_be_visible()
    filed = chat.click_reply("Yes, file it")
    case = CASE.search(filed)
    assert case, filed
    status, requests = get_json(f"{stack.front_door_url}/open311/v2/requests/{case.group(0)}.json")
    assert status == 200, requests
    assert requests[0]["service_code"] == "graffiti"
    media_url = requests[0]["media_url"]
    assert media_url and "/media/" in media_url, requests
    with urllib.request.urlopen(stack.front_door_url + "/media/" + media_url.rsplit("/media/", 1)[1], timeout=30) as r:
        assert r.headers["Content-Type"] == "image/png"
        served = Image.open(io.BytesIO(r.read()))
    sent = Image.open(io.BytesIO(png_bytes()))
    # The same picture, written again without its metadata.
    assert served.size == sent.size and served.convert("RGBA").tobytes() == sent.convert("RGBA").tobytes()


def test_widget_uses_the_limits_the_session_frame_announces(stack: RunningStack, page: Page) -> None:
    """The widget checks photos, text length and languages against the server's limits, not its own."""
    small, large = png_bytes(1, 1), png_bytes(64, 64)
    assert len(small) < len(large)
    announced = {
        "max_photo_bytes": len(small),
        "photo_types": ["image/png"],
        "max_text_chars": 12,
        "languages": ["en"],
    }
    state: dict[str, Any] = {"sessions": [], "uploads": []}

    def from_server(ws: WebSocketRoute, message: str | bytes) -> None:
        frame = json.loads(message)
        if frame.get("type") == "session":
            state["sessions"].append(frame)
            message = json.dumps({**frame, "limits": {**(frame.get("limits") or {}), **announced}})
        ws.send(message)

    def on_request(request: Request) -> None:
        if "/webchat/upload" in request.url:
            state["uploads"].append(request.url)

    relay_socket(page, from_server=from_server)
    page.on("request", on_request)
    chat = Chat(page, stack.front_door_url).load()
    # Before any session frame (the socket opens with the panel): today's defaults.
    expect(page.locator("#pdx311-webchat .langs button[lang=es]")).to_have_count(1)
    expect(page.locator("#pdx311-webchat textarea")).to_have_attribute("maxlength", "10000")
    chat.open()
    chat.say("hello")
    # What the server itself announced (the frame the widget would have used without the rewrite).
    assert state["sessions"], "no session frame reached the widget"
    server_limits = state["sessions"][0].get("limits")
    assert server_limits, state["sessions"][0]
    assert server_limits["max_photo_bytes"] == 5 * 1024 * 1024, server_limits
    assert set(server_limits["photo_types"]) == {"image/jpeg", "image/png", "image/gif", "image/webp"}, server_limits
    assert server_limits["max_text_chars"] == 10_000, server_limits
    assert set(server_limits["languages"]) == {"en", "es"}, server_limits

    # Languages: only the announced ones are offered.
    expect(chat.language_button("Español")).to_have_count(0)
    expect(page.locator("#pdx311-webchat .langs button[lang=es]")).to_have_count(0)
    expect(chat.textbox()).to_have_attribute("maxlength", "12")

    # Text: cut at the announced length.
    before = chat.bot_messages.count()
    chat.textbox().evaluate("(box, text) => { box.value = text; }", "what can you help me with?")
    chat.button("Send").click()
    chat.wait_for_answer(before)
    assert chat.user_texts()[-1] == "what can you help me with?"[:12], chat.user_texts()

    # Photos: a type the server accepts by default but did not announce is refused, without an upload.
    _, words = get_json(f"{stack.front_door_url}/webchat/strings/en.json")
    users_before = chat.user_messages.count()
    chat.upload("wall.jpg", "image/jpeg", b"\xff\xd8\xff\xe0 not really a jpeg")
    expect(chat.alert).to_have_text(words["upload_wrong_type"])

    # Photos: over the announced size (far under the default 5 MB) is refused, without an upload.
    chat.upload("wall.png", "image/png", large)
    expect(chat.alert).to_have_text(words["upload_too_large"])
    expect(chat.user_messages).to_have_count(users_before)
    assert state["uploads"] == []

    # Within the announced limits it goes through.
    chat.upload("dot.png", "image/png", small)
    expect(chat.user_messages.last).to_contain_text(words["photo_sent"], timeout=UI_TIMEOUT)
    expect(chat.alert).to_be_hidden()
    assert len(state["uploads"]) == 1, state["uploads"]
