"""The widget's accessibility: roles and names, focus, keyboard, contrast."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.channels.webchat.widget_page import RESULTS, Chat

pytestmark = pytest.mark.browser


def test_widget_opens_with_accessible_controls(chat: Chat, page: Page) -> None:
    launcher = page.get_by_role("button", name="Chat with 311")
    expect(launcher).to_have_attribute("aria-expanded", "false")
    launcher.click()

    dialog = page.get_by_role("dialog", name="PDX 311 chat")
    expect(dialog).to_be_visible()
    expect(dialog).to_have_attribute("lang", "en")
    message = chat.textbox("Message")
    expect(message).to_be_visible()
    expect(message).to_be_focused()
    expect(chat.button("Send")).to_be_visible()
    expect(page.get_by_role("button", name="Talk to a person")).to_be_visible()
    expect(page.get_by_role("button", name="Attach a photo")).to_be_visible()
    expect(page.get_by_role("button", name="Close chat")).to_be_visible()
    expect(chat.language_button("English")).to_have_attribute("aria-pressed", "true")
    expect(chat.language_button("Español")).to_have_attribute("aria-pressed", "false")
    expect(chat.log).to_have_attribute("aria-live", "polite")
    expect(page.get_by_text("Emergency? Call 911.")).to_be_visible()
    expect(launcher).to_have_attribute("aria-expanded", "true")

    # The file input takes only images; the label really labels the message box.
    expect(chat.file_input).to_have_attribute("accept", "image/*")
    expect(page.locator("#pdx311-webchat label[for=pdx311-message]")).to_have_text("Message")

    # Tab moves on from the message box, and the focused control shows a focus indicator.
    message.fill("hello")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Attach a photo")).to_be_focused()
    outline = page.get_by_role("button", name="Attach a photo").evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline not in ("none", ""), "no visible focus indicator"
    message.fill("")

    # A first exchange: the greeting's quick replies are real buttons; all text has enough contrast.
    greeting = chat.say("hello")
    assert greeting.strip()
    assert chat.log.get_by_role("button").count() >= 1, "the greeting offers no quick replies"
    assert chat.contrast_problems() == []
    RESULTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(RESULTS / "widget.png"))

    # Escape closes the panel and gives focus back to the launcher.
    message.focus()
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")
