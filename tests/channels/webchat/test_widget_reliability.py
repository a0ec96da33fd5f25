"""The widget's connection under trouble: dropped sockets and rate limits lose and duplicate nothing."""

from __future__ import annotations

import json
import re
import time
from typing import Any

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect

from tests.channels.webchat.widget_page import (
    BOT_TIMEOUT,
    UI_TIMEOUT,
    WEBCHAT_SOCKET,
    Chat,
    relay_socket,
    user_turns,
)
from tests.harness.stack import RunningStack

pytestmark = pytest.mark.browser


def test_reconnects_after_a_drop_without_losing_or_duplicating(stack: RunningStack, page: Page) -> None:
    """The socket dies right after a message goes out (before its ack), then stays down a while."""
    state: dict[str, Any] = {"block": False, "drop_next_message": False, "sent_frames": []}

    def route(ws: WebSocketRoute) -> None:
        if state["block"]:
            ws.close(code=1011, reason="network down")
            return
        server = ws.connect_to_server()

        def from_page(message: str | bytes) -> None:
            server.send(message)
            frame = json.loads(message)
            state["sent_frames"].append(frame)
            if frame.get("type") == "message" and state["drop_next_message"]:
                state["drop_next_message"] = False
                state["block"] = True
                server.close()
                ws.close(code=1011, reason="network down")

        ws.on_message(from_page)

    page.route_web_socket(WEBCHAT_SOCKET, route)
    chat = Chat(page, stack.front_door_url).load()
    chat.open()
    chat.say("hello")
    greetings = chat.bot_messages.count()

    state["drop_next_message"] = True
    before = chat.bot_messages.count()
    chat.type_and_send("what can you help me with?")
    expect(chat.status).to_have_text(re.compile(r"\S"), timeout=UI_TIMEOUT)
    time.sleep(2)
    state["block"] = False  # the network is back
    chat.wait_for_answer(before)
    expect(chat.status).to_be_hidden(timeout=BOT_TIMEOUT)
    time.sleep(2)

    assert chat.user_texts() == ["hello", "what can you help me with?"]
    resent = [f for f in state["sent_frames"] if f.get("type") == "message" and f["text"].startswith("what can")]
    assert len(resent) >= 2 and len({f["client_id"] for f in resent}) == 1, resent
    assert chat.bot_messages.count() > greetings
    chat.assert_no_duplicate_bot_messages()
    # It reached the assistant once, although the widget sent it twice.
    assert user_turns(stack, chat.conversation_id()).count("what can you help me with?") == 1


def test_rate_limited_message_is_kept_and_retried(stack: RunningStack, page: Page) -> None:
    """A rate_limited error keeps the message; the widget sends it again after retry_after."""
    state: dict[str, Any] = {"limited": False, "frames": []}

    def from_page(ws: WebSocketRoute, server: WebSocketRoute, message: str | bytes) -> None:
        frame = json.loads(message)
        state["frames"].append(frame)
        if frame.get("type") == "message" and not state["limited"]:
            state["limited"] = True
            ws.send(
                json.dumps(
                    {
                        "type": "error",
                        "code": "rate_limited",
                        "client_id": frame["client_id"],
                        "retry_after": 2,
                        "message": "You're sending messages very fast.",
                    }
                )
            )
            return
        server.send(message)

    relay_socket(page, from_page=from_page)
    chat = Chat(page, stack.front_door_url).load()
    chat.open()
    chat.type_and_send("hello")
    expect(chat.alert).to_have_text("You're sending messages very fast.")
    chat.wait_for_answer(0)
    expect(chat.alert).to_be_hidden()
    sends = [f for f in state["frames"] if f.get("type") == "message"]
    assert len(sends) == 2 and sends[0]["client_id"] == sends[1]["client_id"], sends
    assert chat.user_texts() == ["hello"]
