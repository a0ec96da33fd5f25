"""Importing an existing subscriber list (a city moving from another alerting system).

Columns ``phone,language,zip,consented_at``. A row is refused, with its line and the reason, when the number
is not a valid US number, the language is not ``en``/``es``, the ZIP code is outside Portland and Multnomah
County, the consent time is missing or unreadable (carriers require it), the number said STOP, or the number
was already in the file; the other rows are imported. An imported subscriber is active at once: the consent
was given to the old system, and its time is kept.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

import phonenumbers
from sqlalchemy.orm import Session

from bot.messaging.conversations import get_or_create_contact, get_or_create_conversation, sms_conversation_id
from bot.messaging.vocabulary import Channel
from bot.platform.pii import PiiVault
from broadcasts.models import AlertSubscription
from broadcasts.subscriptions import subscription_of, valid_zip
from broadcasts.vocabulary import ConsentMethod, SubscriptionStatus

COLUMNS = ("phone", "language", "zip", "consented_at")


@dataclass
class ImportReport:
    """How many rows were added, updated and refused (with each refusal's line and reason)."""

    added: int = 0
    updated: int = 0
    refused: list[tuple[int, str]] = field(default_factory=list)


def normalize_phone(raw: str) -> str | None:
    """A US number in E.164 form (``+15035550100``), or None if it is not a valid one."""
    try:
        number = phonenumbers.parse(raw.strip(), "US")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number) or number.country_code != 1:
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _consent_time(raw: str) -> datetime | None:
    try:
        value = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def import_rows(session: Session, vault: PiiVault, rows: Iterable[dict[str, str]]) -> ImportReport:
    """Import parsed CSV rows (line numbers count the header as line 1)."""
    report = ImportReport()
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        phone = normalize_phone(row.get("phone") or "")
        language = (row.get("language") or "").strip().lower()
        zip_raw = (row.get("zip") or "").strip()
        consented = _consent_time(row.get("consented_at") or "")
        reason = (
            "not a valid US phone number" if phone is None
            else "the number is in the file twice" if phone in seen
            else "language must be en or es" if language not in ("en", "es")
            else f"ZIP {zip_raw} is outside Portland and Multnomah County" if zip_raw and valid_zip(zip_raw) is None
            else "consented_at is missing or not a date and time" if consented is None
            else None
        )  # fmt: skip
        if reason is not None or phone is None or consented is None:
            report.refused.append((line, reason or "unreadable row"))
            continue
        seen.add(phone)
        contact = get_or_create_contact(session, vault, Channel.SMS, phone)
        if contact.opted_out:
            report.refused.append((line, "the number texted STOP: it gets no messages"))
            continue
        get_or_create_conversation(session, sms_conversation_id(contact.address_hash), Channel.SMS, contact.id)
        subscription = subscription_of(session, contact.id)
        if subscription is None:
            subscription = AlertSubscription(contact_id=contact.id, requested_at=consented)
            session.add(subscription)
            report.added += 1
        else:
            report.updated += 1
        subscription.language = language
        subscription.zip = zip_raw or None
        if subscription.status != SubscriptionStatus.ACTIVE:
            subscription.consent_method = ConsentMethod.IMPORT
            subscription.consented_at = consented
        subscription.status = SubscriptionStatus.ACTIVE
        session.flush()
    return report


def read_csv(path: str) -> tuple[list[dict[str, str]], str | None]:
    """The file's rows, or a sentence saying why it cannot be read as the expected CSV."""
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                return [], f"the file needs the columns {','.join(COLUMNS)} (missing: {', '.join(missing)})"
            return [dict(r) for r in reader], None
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        return [], f"cannot read {path}: {err}"
