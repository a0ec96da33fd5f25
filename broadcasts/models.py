"""The broadcasts' tables: alert subscriptions (with their consent record) and broadcasts.

Each recipient of a broadcast is one row of the outbox's ``outbound_messages`` (origin ``broadcast``, with
its ``broadcast_id``): the same claims, retries, delivery records and opt-out checks as every message.
"""

from __future__ import annotations

from sqlalchemy import JSON, Column, DateTime, Float, ForeignKey, Integer, String, Text

from bot.platform.db import Base, utcnow
from broadcasts.vocabulary import BroadcastStatus, SubscriptionStatus


class AlertSubscription(Base):
    """A phone number that asked for emergency alerts: its language, ZIP and consent."""

    __tablename__ = "alert_subscriptions"

    id = Column(Integer, primary_key=True)
    contact_id = Column(Integer, ForeignKey("contacts.id"), nullable=False, unique=True)
    language = Column(String(8), nullable=False, default="en")
    zip = Column(String(5), nullable=True, index=True)
    status = Column(String(16), nullable=False, default=SubscriptionStatus.PENDING, index=True)
    consent_method = Column(String(16), nullable=False)
    #: When the resident asked, and when they confirmed (double opt-in) or were imported with consent.
    requested_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    consented_at = Column(DateTime(timezone=True), nullable=True)
    ended_at = Column(DateTime(timezone=True), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)


class Broadcast(Base):
    """One alert in English and Spanish to the active subscribers (all, or those in some ZIP codes)."""

    __tablename__ = "broadcasts"
    __table_args__ = {"sqlite_autoincrement": True}

    id = Column(Integer, primary_key=True)
    text_en = Column(Text, nullable=False)
    text_es = Column(Text, nullable=False)
    severity = Column(String(16), nullable=False)
    #: ZIP codes targeted; None for everyone.
    zips = Column(JSON, nullable=True)
    status = Column(String(20), nullable=False, default=BroadcastStatus.AWAITING_APPROVAL, index=True)
    #: Messages per second handed to Twilio (None: as fast as the sender goes).
    rate = Column(Float, nullable=True)
    created_by = Column(Integer, ForeignKey("staff_users.id"), nullable=True)
    created_via = Column(String(16), nullable=False, default="console")
    approved_by = Column(Integer, ForeignKey("staff_users.id"), nullable=True)
    cancelled_by = Column(Integer, ForeignKey("staff_users.id"), nullable=True)
    recipients = Column(Integer, nullable=True)
    """How many messages were queued (set once, when the recipients are enqueued)."""
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    approved_at = Column(DateTime(timezone=True), nullable=True)
    started_at = Column(DateTime(timezone=True), nullable=True)
    finished_at = Column(DateTime(timezone=True), nullable=True)
