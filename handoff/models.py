"""The staff side's tables: the handoff queue, staff accounts and sessions, notes, the audit log, live events."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, DateTime, ForeignKey, Integer, String, Text

from bot.platform.db import Base, utcnow
from handoff.vocabulary import HandoffStatus


class HandoffRequest(Base):
    """A conversation waiting for, or taken by, a 311 agent; its timings are the handoff metrics."""

    __tablename__ = "handoff_requests"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(64), ForeignKey("conversations.id"), nullable=False, index=True)
    reason = Column(String(64), nullable=False)
    status = Column(String(16), nullable=False, default=HandoffStatus.WAITING, index=True)
    priority = Column(Integer, nullable=False, default=0)
    language = Column(String(8), nullable=True)
    channel = Column(String(16), nullable=True)
    #: The language an interpreter is needed for (None: English or Spanish).
    interpreter_language = Column(String(8), nullable=True)
    #: Asked for outside staffed hours: a callback item, after the live conversations.
    callback = Column(Boolean, nullable=False, default=False)
    agent_id = Column(Integer, ForeignKey("staff_users.id"), nullable=True, index=True)
    #: The report in progress when the assistant handed off: {"service": name, "slots": {slot: value}}.
    report = Column(JSON, nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    claimed_at = Column(DateTime(timezone=True), nullable=True)
    first_reply_at = Column(DateTime(timezone=True), nullable=True)
    closed_at = Column(DateTime(timezone=True), nullable=True)


class StaffUser(Base):
    """A 311 staff account: agent, supervisor or admin."""

    __tablename__ = "staff_users"

    id = Column(Integer, primary_key=True)
    email = Column(String(254), nullable=False, unique=True)
    password_hash = Column(String(255), nullable=False)
    role = Column(String(16), nullable=False)
    spanish = Column(Boolean, nullable=False, default=False)
    active = Column(Boolean, nullable=False, default=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class StaffSession(Base):
    """A signed-in console; the cookie holds a random token, the table only its hash."""

    __tablename__ = "staff_sessions"

    token_hash = Column(String(64), primary_key=True)
    user_id = Column(Integer, ForeignKey("staff_users.id"), nullable=False, index=True)
    csrf_token = Column(String(64), nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    last_seen_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    ended_at = Column(DateTime(timezone=True), nullable=True)


class LoginFailure(Base):
    """A failed sign-in, counted by email and by address for throttling."""

    __tablename__ = "staff_login_failures"

    id = Column(Integer, primary_key=True)
    email = Column(String(254), nullable=False, index=True)
    address = Column(String(64), nullable=False, index=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class AgentNote(Base):
    """An internal note on a handed-off conversation: staff see it, the resident never does."""

    __tablename__ = "agent_notes"

    id = Column(Integer, primary_key=True)
    handoff_id = Column(Integer, ForeignKey("handoff_requests.id"), nullable=False, index=True)
    user_id = Column(Integer, ForeignKey("staff_users.id"), nullable=False)
    body = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class AuditEvent(Base):
    """Who viewed or did what in the console, refusals included."""

    __tablename__ = "audit_events"

    id = Column(Integer, primary_key=True)
    at = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    user_id = Column(Integer, ForeignKey("staff_users.id"), nullable=True, index=True)
    action = Column(String(64), nullable=False)
    target = Column(String(128), nullable=True)
    outcome = Column(String(16), nullable=False, default="ok")
    address = Column(String(64), nullable=True)
    details = Column(JSON, nullable=False, default=dict)


class HandoffEvent(Base):
    """One change the open consoles must hear of, from any process (the live feed's log; ids are its seqs)."""

    __tablename__ = "handoff_events"
    __table_args__ = {"sqlite_autoincrement": True}

    id = Column(Integer, primary_key=True)
    kind = Column(String(16), nullable=False)
    handoff_id = Column(Integer, nullable=True)
    conversation_id = Column(String(64), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
