"""The console's JSON shapes (``docs/console-api.md``): staff accounts, queue items, transcript entries."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.messaging.models import InboundMessage
from bot.messaging.transcripts import transcript
from bot.platform.db import aware
from handoff.models import AgentNote, HandoffRequest, StaffUser


def user_json(user: StaffUser) -> dict[str, Any]:
    """A staff account as the console shows it (never its hash)."""
    return {"id": user.id, "email": user.email, "role": user.role, "spanish": user.spanish, "active": user.active}


def items(session: Session, rows: list[HandoffRequest], now: datetime) -> list[dict[str, Any]]:
    """Handoffs as the console's ITEMs (agents' emails and residents' latest words in two queries)."""
    agent_ids = {r.agent_id for r in rows if r.agent_id}
    emails = (
        dict(session.execute(select(StaffUser.id, StaffUser.email).where(StaffUser.id.in_(agent_ids))).all())
        if agent_ids
        else {}
    )
    conversation_ids = {r.conversation_id for r in rows}
    latest = (
        select(func.max(InboundMessage.id))
        .where(InboundMessage.conversation_id.in_(conversation_ids))
        .group_by(InboundMessage.conversation_id)
    )
    previews = (
        dict(
            session.execute(
                select(InboundMessage.conversation_id, InboundMessage.body).where(InboundMessage.id.in_(latest))
            ).all()
        )
        if conversation_ids
        else {}
    )
    items = []
    for r in rows:
        end = aware(r.claimed_at) if r.claimed_at else now
        items.append(
            {
                "id": r.id,
                "conversation_id": r.conversation_id,
                "status": r.status,
                "reason": r.reason,
                "priority": r.priority,
                "language": r.language or "en",
                "channel": r.channel or "webchat",
                "interpreter": bool(r.interpreter_language),
                "interpreter_language": r.interpreter_language,
                "callback": bool(r.callback),
                "waited_seconds": max(0, int((end - aware(r.created_at)).total_seconds())),
                "created_at": aware(r.created_at).isoformat(),
                "claimed_at": aware(r.claimed_at).isoformat() if r.claimed_at else None,
                "agent": {"id": r.agent_id, "email": emails.get(r.agent_id, "")} if r.agent_id else None,
                "report": r.report,
                "preview": (previews.get(r.conversation_id) or "")[:200],
            }
        )
    return items


def note_entry(note: AgentNote, email: str) -> dict[str, Any]:
    """An internal note as a transcript ENTRY."""
    return {
        "id": f"n{note.id}",
        "kind": "note",
        "text": note.body,
        "at": aware(note.created_at).isoformat(),
        "author": email,
        "status": None,
        "media": [],
    }


_KINDS = {"bot": "bot", "keyword": "system", "system": "system", "agent": "agent", "broadcast": "system"}


def transcript_entries(session: Session, request_row: HandoffRequest) -> list[dict[str, Any]]:
    """The whole conversation (what the bot said included) with the internal notes, oldest first."""
    entries: list[tuple[Any, dict[str, Any]]] = []
    for entry in transcript(session, request_row.conversation_id):
        kind = "resident" if entry.from_resident else _KINDS.get(str(entry.origin), "system")
        entries.append(
            (
                aware(entry.at),
                {
                    "id": f"{'i' if entry.from_resident else 'o'}{entry.id}",
                    "kind": kind,
                    "text": entry.text,
                    "at": aware(entry.at).isoformat(),
                    "author": None,
                    "status": None if entry.from_resident else entry.status,
                    "media": [],
                },
            )
        )
    notes = session.execute(
        select(AgentNote, StaffUser.email)
        .join(StaffUser, StaffUser.id == AgentNote.user_id)
        .join(HandoffRequest, HandoffRequest.id == AgentNote.handoff_id)
        .where(HandoffRequest.conversation_id == request_row.conversation_id)
    ).all()
    entries.extend((aware(note.created_at), note_entry(note, email)) for note, email in notes)
    entries.sort(key=lambda pair: pair[0])
    return [entry for _, entry in entries]
