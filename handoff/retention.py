"""Purging the staff side's short-lived records (``python -m handoff purge``).

The live feed's log, ended sessions, old sign-in failures, and internal notes as old as the transcripts
``bot.messaging.retention`` purges; audit records are kept.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_

from bot.platform.db import Database, utcnow
from handoff.models import AgentNote, HandoffEvent, LoginFailure, StaffSession

LIVE_EVENTS_KEPT = timedelta(days=1)
"""A console away longer than this reloads everything anyway."""
SESSIONS_KEPT = timedelta(days=30)


@dataclass(frozen=True)
class Purged:
    """How many rows of each kind were removed."""

    events: int
    sessions: int
    failures: int
    notes: int


def purge(db: Database, days: int, now: datetime | None = None) -> Purged:
    """Remove what is past keeping; ``days`` is the transcripts' retention (``RETENTION_DAYS``)."""
    now = now or utcnow()
    with db.session() as session:
        events = session.execute(delete(HandoffEvent).where(HandoffEvent.created_at < now - LIVE_EVENTS_KEPT))
        sessions = session.execute(
            delete(StaffSession).where(
                or_(StaffSession.ended_at < now - SESSIONS_KEPT, StaffSession.last_seen_at < now - SESSIONS_KEPT)
            )
        )
        failures = session.execute(delete(LoginFailure).where(LoginFailure.at < now - LIVE_EVENTS_KEPT))
        notes = session.execute(delete(AgentNote).where(AgentNote.created_at < now - timedelta(days=days)))
        return Purged(events.rowcount, sessions.rowcount, failures.rowcount, notes.rowcount)
