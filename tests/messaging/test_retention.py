"""Retention: old photos and transcripts are purged; contacts (opt-outs), recent messages and reports stay."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from bot.messaging.conversations import get_or_create_contact, get_or_create_conversation, set_opt_out
from bot.messaging.models import Contact, InboundMessage, Media, OutboundMessage, OutboundPart
from bot.messaging.retention import purge
from bot.platform.db import Database, utcnow
from bot.platform.pii import PiiVault
from bot.platform.settings import ROOT
from tests.harness.databases import migrate


def _seed(session: Session, media_dir: Path, age: timedelta, tag: str) -> Path:
    when = utcnow() - age
    contact = get_or_create_contact(session, PiiVault("k"), "sms", f"+1503555{len(tag):04d}")
    set_opt_out(contact, True)
    conversation = get_or_create_conversation(session, f"sms-{tag}", "sms", contact.id)
    inbound = InboundMessage(
        conversation_id=conversation.id, channel="sms", external_id=f"SM{tag}", body=f"text {tag}", received_at=when
    )
    session.add(inbound)
    session.flush()
    outbound = OutboundMessage(
        conversation_id=conversation.id, channel="sms", inbound_id=inbound.id, body="reply", created_at=when
    )
    session.add(outbound)
    session.flush()
    session.add(OutboundPart(message_id=outbound.id, position=0, provider_sid=f"SM{tag}-part"))
    photo = media_dir / f"{tag}.jpg"
    photo.write_bytes(b"photo")
    session.add(
        Media(
            token=tag,
            conversation_id=conversation.id,
            content_type="image/jpeg",
            size=5,
            path=str(photo),
            created_at=when,
        )
    )
    return photo


async def test_only_what_is_older_than_the_period_is_purged(db: Database, tmp_path: Path) -> None:
    old = await db.run(lambda s: _seed(s, tmp_path, timedelta(days=400), "old"))
    recent = await db.run(lambda s: _seed(s, tmp_path, timedelta(days=3), "recent-one"))
    counts = purge(db, 365)
    assert (counts.photos, counts.inbound, counts.outbound) == (1, 1, 1)
    assert not old.exists() and recent.exists()

    def remaining(session: Session) -> tuple[int, ...]:
        return tuple(
            int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (InboundMessage, OutboundMessage, OutboundPart, Media, Contact)
        )

    assert await db.run(remaining) == (1, 1, 1, 1, 2)  # contacts stay: an opt-out is for ever
    opted_out = await db.run(lambda s: [c.opted_out for c in s.scalars(select(Contact))])
    assert all(opted_out)


def test_a_period_of_zero_days_is_refused(db: Database) -> None:
    with pytest.raises(ValueError):
        purge(db, 0)


def test_the_command_prints_what_it_purged(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'r.db'}"
    migrate(url)
    Database(url).engine.dispose()
    with Database(url).session() as session:
        _seed(session, tmp_path, timedelta(days=40), "cmd")
        session.execute(text("SELECT 1"))
    env = {**os.environ, "PYTHONPATH": str(ROOT), "DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, "-m", "bot.messaging.retention", "--days", "30"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "1 photos, 1 messages received, 1 messages sent" in done.stdout
