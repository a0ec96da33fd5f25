"""Signing up for alerts over the SMS webhook, in both languages: keywords, YES, ZIP, language, words, STOP."""

from __future__ import annotations

import random
import time

import pytest

from tests.harness.stack import RunningStack

pytestmark = pytest.mark.stack


def phone() -> str:
    return f"+1503{random.randint(2000000, 9999999)}"


def subscription(stack: RunningStack, number: str) -> tuple[str, str, str | None, str | None]:
    rows = stack.query(
        "SELECT s.status, s.language, s.zip, s.consent_method FROM alert_subscriptions s "
        "JOIN conversations c ON c.contact_id = s.contact_id WHERE c.id = :c",
        c=stack.sms_conversation(number),
    )
    return tuple(rows[0]) if rows else ("none", "", None, None)  # type: ignore[return-value]


def test_english_keywords_double_opt_in_zip_language_and_ending(stack: RunningStack) -> None:
    number = phone()
    asked = stack.converse(number, "ALERTS 97211")
    assert "reply YES" in asked and "97211" in asked and "STOP" in asked, asked
    assert subscription(stack, number)[0] == "pending"
    assert "signed up" in stack.converse(number, "Yes")
    assert subscription(stack, number) == ("active", "en", "97211", "sms_keyword")
    assert "actualizaron" in stack.converse(number, "ALERTS ES")
    assert subscription(stack, number)[1] == "es"
    assert "97233" in stack.converse(number, "alertas 97233")
    ended = stack.converse(number, "please stop sending me the emergency alerts")
    assert "alertas" in ended.lower() or "alerts" in ended.lower(), ended
    assert subscription(stack, number)[0] == "ended"
    opted_out = stack.scalar(
        "SELECT opted_out FROM contacts WHERE id = (SELECT contact_id FROM conversations WHERE id = :c)",
        c=stack.sms_conversation(number),
    )
    assert not opted_out  # ending the alerts is not STOP: the resident can still text 311


def test_spanish_words_then_si(stack: RunningStack) -> None:
    number = phone()
    asked = stack.converse(number, "ALERTAS")
    assert "responda SÍ" in asked and "PARAR" in asked, asked
    assert "recibirá alertas" in stack.converse(number, "sí")
    assert subscription(stack, number) == ("active", "es", None, "sms_keyword")
    assert "no es un código postal" in stack.converse(number, "ALERTAS 98101")
    assert subscription(stack, number)[2] is None


def test_asking_in_words_then_yes(stack: RunningStack) -> None:
    number = phone()
    asked = stack.converse(number, "can i sign up to get emergency alerts by text")
    assert "reply YES" in asked, asked
    assert "signed up" in stack.converse(number, "yes please")
    assert subscription(stack, number)[::3] == ("active", "sms_words")


def test_stop_ends_every_text_alerts_included(stack: RunningStack) -> None:
    number = phone()
    stack.converse(number, "ALERTS")
    stack.converse(number, "YES")
    stack.converse(number, "STOP")
    before = len(stack.sent_to(number))
    stack.text(number, "ALERTS")
    time.sleep(3)
    assert len(stack.sent_to(number)) == before  # nothing more is sent to a number that said STOP
    assert subscription(stack, number)[0] == "active"  # kept, but the opt-out wins at every send
