"""Who of the staff is on: a console counts as online while its session was seen recently."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from handoff.models import HandoffRequest, StaffSession, StaffUser
from handoff.vocabulary import HandoffStatus

#: A console that has not been heard from for this long (its socket pings every 25 s) is offline.
ONLINE_WINDOW = timedelta(seconds=90)


def _online_ids(session: Session, now: datetime) -> Select:
    return (
        select(StaffSession.user_id)
        .join(StaffUser, StaffUser.id == StaffSession.user_id)
        .where(StaffSession.ended_at.is_(None), StaffSession.last_seen_at >= now - ONLINE_WINDOW, StaffUser.active)
        .distinct()
    )


def agents_online(session: Session, now: datetime) -> int:
    """How many staff have a console open."""
    return int(session.scalar(select(func.count()).select_from(_online_ids(session, now).subquery())) or 0)


def spanish_agents_online(session: Session, now: datetime) -> bool:
    """Whether a Spanish-speaking agent has a console open."""
    ids = _online_ids(session, now).where(StaffUser.spanish)
    return session.scalars(ids.limit(1)).first() is not None


def staff_overview(session: Session, now: datetime) -> list[dict[str, object]]:
    """Every active account with whether it is online and how many conversations it holds (the supervisor's view)."""
    online = set(session.scalars(_online_ids(session, now)))
    loads = dict(
        session.execute(
            select(HandoffRequest.agent_id, func.count())
            .where(HandoffRequest.status == HandoffStatus.CLAIMED)
            .group_by(HandoffRequest.agent_id)
        ).all()
    )
    users = session.scalars(select(StaffUser).where(StaffUser.active).order_by(StaffUser.email))
    return [
        {"id": u.id, "email": u.email, "online": u.id in online, "load": int(loads.get(u.id, 0)), "spanish": u.spanish}
        for u in users
    ]
