"""Alert subscriptions: the keywords read, the double opt-in and its consent record (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from bot.messaging.conversations import get_or_create_contact, get_or_create_conversation, sms_conversation_id
from bot.messaging.models import Conversation, InboundMessage
from bot.platform.db import Database
from broadcasts.models import AlertSubscription
from broadcasts.subscriptions import answer_alert_keyword, end_alerts, read_keyword
from tests.broadcasts.support import VAULT


@pytest.mark.parametrize(
    ("text", "language", "zip_code", "bad_zip"),
    [
        ("ALERTS", "en", None, None),
        ("alertas", "es", None, None),
        ("Alertas!", "es", None, None),
        ("ALERTS ES", "es", None, None),
        ("alertas ingles", "en", None, None),
        ("ALERTS 97211", "en", "97211", None),
        ("alertas 97233", "es", "97233", None),
        ("ALERTS 10001", "en", None, "10001"),
    ],
)
def test_keywords_are_read(text: str, language: str, zip_code: str | None, bad_zip: str | None) -> None:
    request = read_keyword(text, "en")
    assert request is not None
    assert (request.language, request.zip, request.bad_zip) == (language, zip_code, bad_zip)


@pytest.mark.parametrize("text", ["alerts for my street please", "are there any alerts today", "no alerts", "stop"])
def test_other_words_are_for_the_assistant(text: str) -> None:
    assert read_keyword(text, "en") is None


def _text(db: Database, number: str, body: str) -> str:
    """Run the SMS hook on ``body`` from ``number``; the reply (or "" when the message is not for it)."""
    with db.session() as session:
        contact = get_or_create_contact(session, VAULT, "sms", number)
        conversation = get_or_create_conversation(session, sms_conversation_id(contact.address_hash), "sms", contact.id)
        message = InboundMessage(
            conversation_id=conversation.id, channel="sms", external_id=uuid.uuid4().hex, body=body
        )
        session.add(message)
        session.flush()
        answer = answer_alert_keyword(session, message, conversation)
        return answer.replies[0].text if answer else ""


def test_double_opt_in_records_the_consent(db: Database) -> None:
    assert "reply YES" in _text(db, "+15035551000", "ALERTS 97211")
    with db.session() as session:
        pending = session.scalars(select(AlertSubscription)).one()
        assert (pending.status, pending.zip, pending.language, pending.consented_at) == ("pending", "97211", "en", None)
    assert "signed up" in _text(db, "+15035551000", "yes")
    assert _text(db, "+15035551000", "yes") == ""  # a later yes is an ordinary answer again
    with db.session() as session:
        active = session.scalars(select(AlertSubscription)).one()
        assert active.status == "active" and active.consent_method == "sms_keyword" and active.consented_at
        assert session.scalars(select(Conversation.question)).one() is None
    assert "actualizaron" in _text(db, "+15035551000", "ALERTAS")  # now in Spanish
    assert "97233" in _text(db, "+15035551000", "ALERTS 97233 EN")
    with db.session() as session:
        assert session.execute(select(AlertSubscription.language, AlertSubscription.zip)).one() == ("en", "97233")


def test_a_yes_without_a_pending_request_is_not_consent(db: Database) -> None:
    assert _text(db, "+15035551001", "yes") == ""
    with db.session() as session:
        assert session.scalars(select(AlertSubscription)).first() is None


def test_a_zip_outside_the_area_is_refused(db: Database) -> None:
    assert "not a Portland or Multnomah County ZIP" in _text(db, "+15035551002", "ALERTS 98101")
    with db.session() as session:
        assert session.scalars(select(AlertSubscription)).first() is None


def test_ending_alerts_keeps_other_texts(db: Database) -> None:
    _text(db, "+15035551003", "ALERTS")
    _text(db, "+15035551003", "YES")
    with db.session() as session:
        subscription = session.scalars(select(AlertSubscription)).one()
        assert end_alerts(session, subscription.contact_id)
        assert not end_alerts(session, subscription.contact_id)
        assert subscription.status == "ended" and subscription.ended_at is not None
