"""Compose, approve and send an emergency alert in real browsers, with two broadcaster accounts; the open
widget shows it as a banner and each subscriber gets one text.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.platform.db import Database
from bot.platform.pii import PiiVault
from broadcasts.imports import import_rows
from tests.broadcasts.support import CONSENTED
from tests.channels.webchat.widget_page import Chat
from tests.harness.browser import chromium
from tests.harness.clients import http_json
from tests.harness.stack import TEST_PII_KEY, RunningStack
from tests.harness.staff import PASSWORD, add_staff

pytestmark = pytest.mark.stack
UI = 15_000
SUBSCRIBERS = {"+19714000001": "en", "+19714000002": "es", "+19714000003": "en"}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as launched:
        yield launched


def sign_in(page: Page, base_url: str, email: str) -> None:
    page.goto(base_url + "/console/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/console/broadcasts$"), timeout=UI)  # a broadcaster's own page
    expect(page.get_by_label("English text")).to_be_visible(timeout=UI)


def test_two_broadcasters_compose_approve_and_send(stack: RunningStack, browser: Browser) -> None:
    rows = [
        {"phone": p, "language": lang, "zip": "97232", "consented_at": CONSENTED} for p, lang in SUBSCRIBERS.items()
    ]
    with Database(stack.database_url).session() as session:
        assert not import_rows(session, PiiVault(TEST_PII_KEY), rows).refused
    first, second, resident = (browser.new_context(viewport={"width": 1280, "height": 900}) for _ in range(3))
    problems: list[str] = []
    try:
        writer, approver, widget_page = first.new_page(), second.new_page(), resident.new_page()
        for page in (writer, approver, widget_page):
            page.on("pageerror", lambda err: problems.append(str(err)))
            page.on("dialog", lambda dialog: (problems.append(dialog.message), dialog.dismiss()))
        chat = Chat(widget_page, stack.front_door_url).load()
        chat.open()

        sign_in(writer, stack.front_door_url, add_staff(stack.database_url, "broadcaster"))
        english = "Boil water notice for NE Portland (97232) until further notice."
        spanish = "Aviso de hervir el agua en el noreste de Portland (97232) hasta nuevo aviso."
        writer.get_by_label("English text").fill(english)
        writer.get_by_label("Spanish text").fill(spanish)
        writer.get_by_label("Severity").select_option("emergency")
        writer.get_by_label("ZIP codes").fill("97232")
        writer.get_by_role("button", name="Preview").click()
        preview = writer.get_by_role("region", name="Preview")
        expect(preview).to_contain_text("English 2", timeout=UI)
        expect(preview).to_contain_text("Spanish 1")
        expect(preview).to_contain_text("second broadcaster")
        writer.get_by_role("button", name="Submit broadcast").click()
        item = writer.get_by_role("list", name="Broadcasts").get_by_role("listitem").filter(has_text=english[:40]).first
        expect(item).to_contain_text("Waiting for approval", timeout=UI)
        item.get_by_role("button", name="Approve").click()
        expect(item.get_by_role("alert")).to_contain_text("second broadcaster", timeout=UI)  # not their own

        sign_in(approver, stack.front_door_url, add_staff(stack.database_url, "broadcaster"))
        theirs = approver.get_by_role("list", name="Broadcasts").get_by_role("listitem").filter(has_text=english[:40])
        theirs.first.get_by_role("button", name="Approve").click()
        expect(theirs.first.locator(".status-sent")).to_be_visible(timeout=60_000)

        banner = widget_page.locator("#pdx311-webchat").get_by_role("alert").filter(has_text="Boil water")
        expect(banner).to_be_visible(timeout=UI)
    finally:
        for context in (first, second, resident):
            context.close()
    assert problems == []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        _, listing = http_json("GET", stack.twilio_url + "/_fake/messages")
        sent = [
            m for m in listing["messages"] if m["to"] in SUBSCRIBERS and ("hervir" in m["body"] or "Boil" in m["body"])
        ]
        if len(sent) >= 3:
            break
        time.sleep(0.3)
    by_number = {m["to"]: m["body"] for m in sent}
    assert len(sent) == 3 and set(by_number) == set(SUBSCRIBERS)
    assert by_number["+19714000002"].startswith("Aviso de hervir") and by_number["+19714000001"].startswith("Boil")
