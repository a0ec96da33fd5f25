"""The handoff queue's table."""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Integer, String

from bot.platform.db import Base, utcnow


class HandoffRequest(Base):
    """A conversation waiting for (or taken by) a 311 agent."""

    __tablename__ = "handoff_requests"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(64), ForeignKey("conversations.id"), nullable=False, index=True)
    reason = Column(String(64), nullable=False)
    status = Column(String(16), nullable=False, default="waiting", index=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    closed_at = Column(DateTime(timezone=True), nullable=True)
