"""Residents' alert subscriptions: SMS keywords with double opt-in, words, the widget's form, and imports.

Texting ``ALERTS`` (or ``ALERTAS``), optionally with a ZIP code or a language (``ALERTS 97211``,
``ALERTAS ES``), asks for alerts: the answer asks for a YES (SÍ) and says how to stop; only that YES, given
right after, makes the subscription active, and the consent (when, how, which number) is recorded. The same
keywords change the language or the ZIP of an active subscription (``ALERTS ALL`` clears the ZIP). STOP
remains the carrier's opt-out: nothing at all is sent to a number that said it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.language.i18n import N_, translate
from bot.language.text import fold
from bot.messaging.models import Contact, Conversation, InboundMessage
from bot.messaging.outbox import OutgoingMessage
from bot.messaging.routing import Interception
from bot.messaging.vocabulary import Origin
from bot.platform.db import utcnow
from broadcasts.models import AlertSubscription
from broadcasts.vocabulary import ConsentMethod, SubscriptionStatus

#: The question a pending subscription waits on (kept in ``conversations.question`` until the next turn).
CONFIRM_QUESTION = "alerts_confirm"

#: ZIP codes of Portland and Multnomah County (residential; PO-box-only codes are left out).
SERVICE_AREA_ZIPS = frozenset(
    {
        "97010", "97019", "97024", "97030", "97060", "97080",
        "97201", "97202", "97203", "97204", "97205", "97206", "97209", "97210", "97211", "97212", "97213",
        "97214", "97215", "97216", "97217", "97218", "97219", "97220", "97221", "97222", "97223", "97225",
        "97227", "97229", "97230", "97231", "97232", "97233", "97236", "97239", "97266",
    }
)  # fmt: skip

_KEYWORD = re.compile(r"(alerts?|alertas?)(?:\s+(.*))?")
_LANGUAGE_WORDS = {"en": "en", "english": "en", "ingles": "en", "es": "es", "spanish": "es", "espanol": "es"}
_ALL_WORDS = frozenset({"all", "todas", "todos", "todo"})
_YES = frozenset({"yes", "y", "si", "yes please", "si por favor", "ok", "okay", "claro"})

ASK_CONFIRM = N_(
    "PDX 311 alerts: reply YES to get emergency alerts by text{where}. Reply STOP to end all texts. "
    "Msg & data rates may apply."
)
# Translators: "{zip}" is a ZIP code; this is inserted into the sentences about alerts.
FOR_ZIP = N_(" for ZIP {zip}")
CONFIRMED = N_(
    "You're signed up for PDX 311 emergency alerts{where}. Text ALERTS ES for Spanish, ALERTS and your ZIP "
    "to change the area, or STOP to end all texts."
)
UPDATED = N_("Your PDX 311 alerts are updated{where}. Text STOP to end all texts.")
BAD_ZIP = N_("{zip} is not a Portland or Multnomah County ZIP code. Text ALERTS and your 5-digit ZIP, or ALERTS ALL.")


@dataclass(frozen=True)
class AlertRequest:
    """What an ``ALERTS`` keyword message asks: the alerts' language, and a ZIP change if any."""

    language: str
    zip: str | None = None
    clear_zip: bool = False
    bad_zip: str | None = None


def read_keyword(body: str, conversation_language: str | None) -> AlertRequest | None:
    """The ``ALERTS`` / ``ALERTAS`` keyword message, or None when the message is something else.

    The language is the one named (``ALERTS ES``), else Spanish for ``ALERTAS``, else the conversation's.
    """
    text = fold(body, drop_punctuation=True).strip()
    match = _KEYWORD.fullmatch(text) if len(text) <= 40 else None
    if match is None:
        return None
    language = "es" if match.group(1).startswith("alerta") else (conversation_language or "en")
    zip_code: str | None = None
    clear_zip = False
    bad_zip: str | None = None
    for word in (match.group(2) or "").split():
        if word in _LANGUAGE_WORDS:
            language = _LANGUAGE_WORDS[word]
        elif word in _ALL_WORDS:
            zip_code, clear_zip = None, True
        elif re.fullmatch(r"\d{5}", word):
            zip_code, bad_zip = valid_zip(word), None if valid_zip(word) else word
        else:
            return None  # "alerts for my street please": words for the assistant, not a keyword
    return AlertRequest(language, zip_code, clear_zip, bad_zip)


def valid_zip(value: str | None) -> str | None:
    """The ZIP code if it is in the service area (None for none or one outside it)."""
    value = (value or "").strip()
    return value if value in SERVICE_AREA_ZIPS else None


def subscription_of(session: Session, contact_id: int) -> AlertSubscription | None:
    """The contact's subscription, whatever its state."""
    return session.scalars(select(AlertSubscription).where(AlertSubscription.contact_id == contact_id)).first()


def request_alerts(
    session: Session,
    contact_id: int,
    language: str,
    zip_code: str | None,
    method: ConsentMethod,
    now: datetime | None = None,
) -> AlertSubscription:
    """Record a request for alerts (pending until confirmed); an active subscription keeps its consent."""
    now = now or utcnow()
    subscription = subscription_of(session, contact_id)
    if subscription is None:
        subscription = AlertSubscription(contact_id=contact_id, consent_method=method, requested_at=now)
        session.add(subscription)
    if subscription.status != SubscriptionStatus.ACTIVE:
        subscription.status = SubscriptionStatus.PENDING
        subscription.consent_method = method
        subscription.requested_at = now
        subscription.ended_at = None
    subscription.language = language
    subscription.zip = zip_code if zip_code is not None else subscription.zip
    session.flush()
    return subscription


def confirm(session: Session, subscription: AlertSubscription, now: datetime | None = None) -> None:
    """The resident's YES: the subscription is active from now (the consent's time)."""
    subscription.status = SubscriptionStatus.ACTIVE
    subscription.consented_at = now or utcnow()


def end_alerts(session: Session, contact_id: int, now: datetime | None = None) -> bool:
    """End the contact's alerts (not their other texts); whether there was a subscription to end."""
    subscription = subscription_of(session, contact_id)
    if subscription is None or subscription.status == SubscriptionStatus.ENDED:
        return False
    subscription.status = SubscriptionStatus.ENDED
    subscription.ended_at = now or utcnow()
    return True


def _is_yes(body: str) -> bool:
    return fold(body, drop_punctuation=True).strip() in _YES


def _where(language: str, zip_code: str | None) -> str:
    return translate(language, FOR_ZIP, zip=zip_code) if zip_code else ""


def confirmation_prompt(language: str, zip_code: str | None) -> str:
    """The double opt-in question (with how to stop)."""
    return translate(language, ASK_CONFIRM, where=_where(language, zip_code))


def answer_alert_keyword(session: Session, message: InboundMessage, conversation: Conversation) -> Interception | None:
    """The SMS channel's hook for alerts: ``ALERTS`` keywords, and the YES that confirms a request."""
    if conversation.contact_id is None:
        return None
    contact = session.get(Contact, conversation.contact_id)
    if contact is None or contact.opted_out:
        return None  # after STOP only START/HELP are answered (the carrier keywords)
    body = message.body or ""
    subscription = subscription_of(session, contact.id)
    waiting = subscription is not None and subscription.status == SubscriptionStatus.PENDING
    if subscription is not None and waiting and conversation.question == CONFIRM_QUESTION and _is_yes(body):
        confirm(session, subscription)
        conversation.question = None
        text = translate(subscription.language, CONFIRMED, where=_where(subscription.language, subscription.zip))
        return Interception([OutgoingMessage(text)], Origin.KEYWORD)
    request = read_keyword(body, conversation.language)
    if request is None:
        return None
    if request.bad_zip:
        return Interception(
            [OutgoingMessage(translate(request.language, BAD_ZIP, zip=request.bad_zip))], Origin.KEYWORD
        )
    if subscription is not None and subscription.status == SubscriptionStatus.ACTIVE:
        subscription.language = request.language
        if request.zip or request.clear_zip:
            subscription.zip = request.zip
        text = translate(subscription.language, UPDATED, where=_where(subscription.language, subscription.zip))
        return Interception([OutgoingMessage(text)], Origin.KEYWORD)
    asked = request_alerts(session, contact.id, request.language, request.zip, ConsentMethod.SMS_KEYWORD)
    conversation.question = CONFIRM_QUESTION
    return Interception([OutgoingMessage(confirmation_prompt(request.language, asked.zip))], Origin.KEYWORD)
