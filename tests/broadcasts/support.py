"""Subscribers and a sending pipeline for the broadcast tests: the real outbox and twilio client, a fake Twilio."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import bot.channels.sms as sms
from bot.messaging.outbox import Outbox
from bot.platform.db import Database
from bot.platform.pii import PiiVault
from bot.platform.settings import Settings
from broadcasts.imports import import_rows
from broadcasts.pacing import PacedSender, Pacer
from broadcasts.sender import BroadcastSender, broadcast_outbox
from tests.harness.fakes.twilio_api import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN

VAULT = PiiVault("broadcast-tests-key")
CONSENTED = datetime(2026, 1, 15, 9, 30, tzinfo=UTC).isoformat()


def phone(n: int) -> str:
    """The n-th test number (valid US numbers in the 503 area code)."""
    return f"+1503555{n:04d}" if n < 10000 else f"+1971555{n - 10000:04d}"


def subscribe(db: Database, numbers: list[tuple[str, str, str]]) -> None:
    """Import (phone, language, zip) subscribers as active, with a consent time."""
    rows = [{"phone": p, "language": lang, "zip": z, "consented_at": CONSENTED} for p, lang, z in numbers]
    with db.session() as session:
        report = import_rows(session, VAULT, rows)
    assert not report.refused, report.refused


def settings_for(database_url: str, twilio_url: str, tmp: Path) -> Settings:
    """Settings of a deployment whose Twilio is the fake."""
    return Settings.from_env(
        {
            "DATABASE_URL": database_url,
            "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
            "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
            "TWILIO_FROM_NUMBER": "+15035550100",
            "TWILIO_API_BASE_URL": twilio_url,
            "PII_ENCRYPTION_KEY": "broadcast-tests-key",
            "MEDIA_DIR": str(tmp),
        },
        env_file=Path("/nonexistent"),
    )


def sending(settings: Settings, db: Database, rate: float | None) -> tuple[BroadcastSender, Outbox, object]:
    """A broadcast sender over the real SMS transport, paced at ``rate``; also its outbox and twilio client."""
    pacer = Pacer(rate)
    transport, twilio = sms.make_transport(settings, VAULT, lambda sender: PacedSender(sender, pacer))
    outbox = broadcast_outbox(db, transport, timedelta(seconds=5))
    return BroadcastSender(db, outbox, timedelta(seconds=5), pacer), outbox, twilio
