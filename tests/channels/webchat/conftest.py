"""Fixtures for the web chat widget's browser tests: headless Chromium and a fresh page per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.channels.webchat.widget_page import UI_TIMEOUT, Chat
from tests.harness.browser import chromium
from tests.harness.stack import RunningStack


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the module's tests."""
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile (so a new conversation) on a desktop-sized window."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    context.set_default_timeout(UI_TIMEOUT)
    tab = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    tab.on("pageerror", lambda err: errors.append(str(err)))
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
    assert not dialogs, f"the page opened dialogs (injected script?): {dialogs}"


@pytest.fixture
def chat(stack: RunningStack, page: Page) -> Chat:
    """The assistant's own demo page, loaded, with the widget's launcher showing (the panel still closed)."""
    return Chat(page, stack.front_door_url).load()
