"""Purge what residents sent and were sent, once it is older than the retention period.

``python -m bot.messaging.retention [--days N]`` (default ``RETENTION_DAYS``, 365) deletes photos (files
and records), both directions of every message, their delivery records, and the Rasa server's stored
conversation events older than the cutoff. It keeps what must outlive a conversation: contacts (an
opt-out is for ever), conversations' settings, and service requests (public records, with Open311).
Run it daily from cron or a systemd timer.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, inspect, select, text
from sqlalchemy.orm import Session

from bot.messaging.models import InboundMessage, Media, OutboundMessage, OutboundPart
from bot.platform.db import Database, utcnow
from bot.platform.settings import Settings

RASA_EVENTS_TABLE = "events"
"""Where Rasa's SQL tracker store keeps each conversation's events (with a Unix ``timestamp``)."""


@dataclass(frozen=True)
class Purged:
    """How much was deleted."""

    photos: int
    inbound: int
    outbound: int
    rasa_events: int


def purge(db: Database, days: int, now: datetime | None = None) -> Purged:
    """Delete photos, messages and Rasa events older than ``days`` days; returns the counts.

    Raises:
        ValueError: If ``days`` is less than 1 (nothing would be kept).
    """
    if days < 1:
        raise ValueError("the retention period must be at least one day")
    cutoff = (now or utcnow()) - timedelta(days=days)

    def run(session: Session) -> tuple[Purged, list[str]]:
        def remove(model: Any, *conditions: Any) -> int:
            statement = delete(model).where(*conditions).execution_options(synchronize_session=False)
            return int(session.execute(statement).rowcount or 0)

        old_media = session.execute(select(Media.id, Media.path).where(Media.created_at < cutoff)).all()
        remove(Media, Media.id.in_([row.id for row in old_media]))
        old_outbound = select(OutboundMessage.id).where(OutboundMessage.created_at < cutoff)
        remove(OutboundPart, OutboundPart.message_id.in_(old_outbound))
        outbound = remove(OutboundMessage, OutboundMessage.created_at < cutoff)
        # Replies of the kept messages may point at old inbound ones: those links are cleared first.
        old_inbound = select(InboundMessage.id).where(InboundMessage.received_at < cutoff)
        session.execute(
            OutboundMessage.__table__.update()
            .where(OutboundMessage.inbound_id.in_(old_inbound))
            .values(inbound_id=None)
        )
        inbound = remove(InboundMessage, InboundMessage.received_at < cutoff)
        events = 0
        if inspect(session.connection()).has_table(RASA_EVENTS_TABLE):
            events = session.execute(
                text(f"DELETE FROM {RASA_EVENTS_TABLE} WHERE timestamp < :cutoff"), {"cutoff": cutoff.timestamp()}
            ).rowcount
        counts = Purged(len(old_media), inbound, outbound, int(events or 0))
        return counts, [row.path for row in old_media]

    with db.session() as session:
        counts, paths = run(session)
    for path in paths:  # after the commit: a file is never missing for a record that is kept
        Path(path).unlink(missing_ok=True)
    return counts


def main(argv: list[str] | None = None) -> None:
    """The command line."""
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=settings.retention_days, help="keep this many days")
    args = parser.parse_args(argv)
    counts = purge(Database(settings.database_url), args.days)
    print(
        f"purged older than {args.days} days: {counts.photos} photos, {counts.inbound} messages received, "
        f"{counts.outbound} messages sent, {counts.rasa_events} assistant events"
    )


if __name__ == "__main__":
    main()
