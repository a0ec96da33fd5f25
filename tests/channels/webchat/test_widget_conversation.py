"""Conversations through the widget: a report end to end, reloads, languages, text safety, a person."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from tests.channels.webchat.widget_page import (
    BOT_TIMEOUT,
    CASE,
    Chat,
    answer_graffiti_questions,
    get_json,
    user_turns,
)
from tests.harness.stack import RunningStack

pytestmark = pytest.mark.browser


def test_graffiti_report_end_to_end(stack: RunningStack, chat: Chat) -> None:
    chat.open()
    answer = chat.say("someone tagged the wall behind Lents library")
    assert answer.strip()
    filed = answer_graffiti_questions(chat, answer)
    case = CASE.search(filed)
    assert case, filed
    expect(chat.log).to_contain_text(case.group(0))

    status, requests = get_json(f"{stack.front_door_url}/open311/v2/requests/{case.group(0)}.json")
    assert status == 200, requests
    assert requests[0]["service_code"] == "graffiti"


def test_reload_keeps_the_conversation_without_duplicates(stack: RunningStack, chat: Chat, page: Page) -> None:
    chat.open()
    first = "there's a tent camp blocking the sidewalk on SE Powell and 82nd"
    question = chat.say(first)
    assert "danger" in question.lower(), question
    before_users, before_bots = chat.user_texts(), chat.bot_texts()
    conversation = chat.conversation_id()

    page.reload()
    chat.open()
    expect(chat.bot_messages).to_have_count(len(before_bots), timeout=BOT_TIMEOUT)
    expect(chat.user_messages).to_have_count(len(before_users))
    time.sleep(1.5)  # anything duplicated by a late live frame would show up by now
    assert chat.user_texts() == before_users
    assert chat.bot_texts() == before_bots
    assert chat.user_texts().count(first) == 1
    assert chat.conversation_id() == conversation

    # The conversation goes on where it was: the danger question gets the summary.
    summary = chat.click_reply("No")
    assert "Powell" in summary and "file" in summary.lower(), summary

    # Reload right after sending: the message is kept (outbox) and sent once, answered once.
    before = chat.bot_messages.count()
    chat.type_and_send("No, change something")
    page.reload()
    chat.open()
    chat.wait_for_answer(before, timeout=90_000)  # at worst the front door's sweeper picks the message up
    time.sleep(2)
    assert chat.user_texts().count("No, change something") == 1, chat.user_texts()
    assert chat.bot_texts()[: len(before_bots)] == before_bots
    chat.assert_no_duplicate_bot_messages()
    assert chat.conversation_id() == conversation
    assert user_turns(stack, conversation).count("No, change something") == 1


def test_spanish_toggle_switches_labels_and_answers(chat: Chat, page: Page) -> None:
    chat.open()
    chat.choose_language("Español")
    expect(chat.textbox("Mensaje")).to_be_visible()
    expect(chat.button("Enviar")).to_be_visible()
    expect(chat.language_button("Español")).to_have_attribute("aria-pressed", "true")
    expect(chat.panel).to_have_attribute("lang", "es")

    answer = chat.say("hola", box="Mensaje", send="Enviar")
    assert re.search(r"¡Hola|Soy|puedo|ayudar", answer), answer

    # The choice survives a reload (the conversation's language comes back from the server).
    page.reload()
    expect(page.get_by_role("button", name=re.compile("311"))).to_be_visible()
    chat.open()
    expect(chat.textbox("Mensaje")).to_be_visible()

    # And back to English.
    chat.choose_language("English")
    expect(chat.textbox("Message")).to_be_visible()
    expect(chat.panel).to_have_attribute("lang", "en")


def test_html_in_a_message_is_shown_as_text(chat: Chat) -> None:
    chat.open()
    attack = "<img src=x onerror=alert(1)>"
    chat.say(attack)
    assert attack in chat.user_texts()
    expect(chat.log.get_by_text(attack, exact=True)).to_have_count(1)
    expect(chat.log.locator("img")).to_have_count(0)
    # The page fixture fails the test if an alert() dialog opened.


def test_talk_to_a_person_button_sends_the_request(chat: Chat, page: Page) -> None:
    chat.open()
    before = chat.bot_messages.count()
    page.get_by_role("button", name="Talk to a person").click()
    answer = chat.wait_for_answer(before)
    assert chat.user_texts() == ["I want to talk to a person"]
    assert re.search(r"staff|person", answer, re.I), answer


def test_end_chat_forgets_the_conversation_on_this_device(chat: Chat, page: Page) -> None:
    chat.open()
    assert chat.say("hello").strip()
    first = chat.conversation_id()
    assert first
    chat.button("End chat").click()
    expect(page.get_by_role("dialog", name="PDX 311 chat")).to_be_hidden()
    stored = page.evaluate("() => localStorage.getItem('pdx311.webchat.conversation')")
    assert stored is None  # nothing left in this browser's storage
    page.reload()
    chat.open()
    expect(chat.user_messages).to_have_count(0)
    assert chat.say("hello again").strip()
    assert chat.conversation_id() != first  # the next person starts afresh
