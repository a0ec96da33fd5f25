"""The handoff in real browsers: a resident (web chat, or SMS) asks for a person, an agent in the console
sees the conversation arrive without reloading, claims it, replies, and returns it to the assistant.
"""

from __future__ import annotations

import contextlib
import re
import time
import uuid
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, WebSocketRoute, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from sqlalchemy import text

from bot.platform.db import Database
from tests.channels.webchat.widget_page import BOT_TIMEOUT, Chat
from tests.harness.browser import chromium
from tests.harness.stack import RunningStack
from tests.harness.staff import PASSWORD, add_staff

pytestmark = pytest.mark.stack
UI = 15_000


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def watched(context: BrowserContext) -> tuple[Page, list[str]]:
    """A tab that records JavaScript errors and dialogs (an injected script would open one)."""
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda err: problems.append(f"error: {err}"))
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    return page, problems


def droppable_socket(page: Page) -> Callable[[bool], None]:
    """Route the console's live socket through the test; the returned switch cuts it (and refuses new ones)."""
    state = {"down": False}
    open_routes: list[tuple[WebSocketRoute, WebSocketRoute]] = []

    def route(ws: WebSocketRoute) -> None:
        if state["down"]:
            ws.close()
            return
        open_routes.append((ws, ws.connect_to_server()))

    def switch(down: bool) -> None:
        state["down"] = down
        if down:
            for ws, server in open_routes:
                server.close()
                ws.close()
            open_routes.clear()

    page.route_web_socket(re.compile(r".*/console/ws"), route)
    return switch


def sign_in(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + "/console/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=UI)


def claim(page: Page, marker: str) -> None:
    item = page.get_by_role("list", name="Queue").get_by_role("listitem").filter(has_text=marker)
    expect(item).to_be_visible(timeout=BOT_TIMEOUT)  # arrives live: the page is never reloaded
    item.get_by_role("button", name="Claim").click()
    expect(page.get_by_role("region", name="Conversation")).to_contain_text(marker, timeout=UI)


def reply(page: Page, text: str) -> None:
    page.get_by_label("Reply", exact=True).fill(text)
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("region", name="Conversation")).to_contain_text(text, timeout=UI)


def test_web_chat_resident_and_agent_in_two_browsers(stack: RunningStack, browser: Browser) -> None:
    agent_context = browser.new_context(viewport={"width": 1280, "height": 800})
    colleague_context = browser.new_context(viewport={"width": 1280, "height": 800})
    resident_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    try:
        console, console_problems = watched(agent_context)
        sign_in(console, stack.front_door_url, add_staff(stack.database_url, "agent"))
        colleague, colleague_problems = watched(colleague_context)
        sign_in(colleague, stack.front_door_url, add_staff(stack.database_url, "agent"))
        page, page_problems = watched(resident_context)
        chat = Chat(page, stack.front_door_url).load()
        chat.open()
        before = chat.bot_messages.count()
        chat.button("Talk to a person").click()
        assert "311 staff" in chat.wait_for_answer(before)
        marker = f"<img src=x onerror=alert(1)> tent by the school {uuid.uuid4().hex[:6]}"
        chat.type_and_send(marker)

        waiting_there = colleague.get_by_role("list", name="Queue").get_by_role("listitem").filter(has_text=marker)
        expect(waiting_there).to_be_visible(timeout=BOT_TIMEOUT)
        claim(console, marker)
        expect(waiting_there).to_have_count(0, timeout=UI)  # the other window hears of the claim live
        expect(console.get_by_role("region", name="Conversation")).to_contain_text("I want to talk to a person")
        before = chat.bot_messages.count()
        reply(console, "Hi, this is 311. Which <b>school</b> is it?")
        assert "Which <b>school</b> is it?" in chat.wait_for_answer(before)  # shown as text, never as HTML
        expect(page.locator(".msg.staff").last).to_contain_text("311 staff")

        console.get_by_label("Internal note").fill("caller sounded worried")
        console.get_by_role("button", name="Add note").click()
        expect(console.get_by_role("region", name="Conversation")).to_contain_text("caller sounded worried")

        before = chat.bot_messages.count()
        console.get_by_role("button", name="Return to assistant").click()
        assert "back with the 311 assistant" in chat.wait_for_answer(before)
        answer = chat.say("I want to report graffiti")
        assert re.search(r"where", answer, re.IGNORECASE), answer
        assert "caller sounded worried" not in "\n".join(chat.bot_texts())
    finally:
        agent_context.close()
        colleague_context.close()
        resident_context.close()
    assert console_problems == [] and colleague_problems == [] and page_problems == []


def test_sms_resident_and_agent_in_the_console(stack: RunningStack, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        console, problems = watched(context)
        drop = droppable_socket(console)
        sign_in(console, stack.front_door_url, add_staff(stack.database_url, "agent"))
        resident = "+15035550177"
        assert "311 staff" in stack.converse(resident, "can I talk to someone at 311")
        marker = f"the car on my street {uuid.uuid4().hex[:6]}"
        drop(True)  # the agent's network drops while the resident writes
        expect(console.get_by_role("status").filter(has_text=re.compile("reconnecting|disconnected"))).to_be_visible(
            timeout=UI
        )
        stack.text(resident, marker)
        time.sleep(1)
        drop(False)
        claim(console, marker)  # the console catches up when the connection is back
        count = len(stack.sent_to(resident))
        box = console.get_by_label("Reply", exact=True)
        box.fill("Thanks, what color is the car?")
        expect(console.get_by_text(re.compile(r"1 SMS segment"))).to_be_visible()
        console.get_by_role("button", name="Send", exact=True).click()
        assert stack.wait_replies(resident, count + 1)[-1]["body"] == "Thanks, what color is the car?"
        console.get_by_role("button", name="Resolve").click()
        assert "closed this conversation" in stack.wait_replies(resident, count + 2)[-1]["body"]
        answer = stack.converse(resident, "I want to report an abandoned car")
        assert "where" in answer.lower(), answer
    finally:
        context.close()
    assert problems == []


def test_a_session_that_expires_mid_reply_keeps_the_typed_reply(stack: RunningStack, browser: Browser) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        console, problems = watched(context)
        email = add_staff(stack.database_url, "agent")
        sign_in(console, stack.front_door_url, email)
        resident = "+15035550178"
        stack.converse(resident, "agent")
        marker = f"still waiting {uuid.uuid4().hex[:6]}"
        stack.text(resident, marker)
        claim(console, marker)
        draft = "We will send a crew to the corner of SE 82nd and Powell this week."
        console.get_by_label("Reply", exact=True).fill(draft)
        _end_sessions(stack, email)
        # The console may notice first (a refresh is refused) and already ask to sign in again.
        with contextlib.suppress(PlaywrightTimeoutError):
            console.get_by_role("button", name="Send", exact=True).click(timeout=3000)
        expect(console.get_by_label("Password")).to_be_visible(timeout=40_000)
        console.get_by_label("Email").fill(email)
        console.get_by_label("Password").fill(PASSWORD)
        console.get_by_role("button", name="Sign in").click()
        expect(console.get_by_label("Reply", exact=True)).to_have_value(draft, timeout=UI)
        count = len(stack.sent_to(resident))
        console.get_by_role("button", name="Send", exact=True).click()
        assert stack.wait_replies(resident, count + 1)[-1]["body"] == draft
    finally:
        context.close()
    assert problems == []


def _end_sessions(stack: RunningStack, email: str) -> None:
    """Expire the account's sessions on the server (as the idle timeout would)."""
    with Database(stack.database_url).session() as session:
        session.execute(
            text(
                "UPDATE staff_sessions SET ended_at = CURRENT_TIMESTAMP "
                "WHERE user_id = (SELECT id FROM staff_users WHERE email = :email)"
            ),
            {"email": email},
        )
