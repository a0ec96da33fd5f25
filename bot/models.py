"""Database tables: service requests, residents' contacts, conversations and the message log."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import declarative_base

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
Base = declarative_base(metadata=MetaData(naming_convention=NAMING))


def utcnow() -> datetime:
    """Timezone-aware now, in UTC."""
    return datetime.now(UTC)


class ServiceRequest(Base):
    """A resident's report (an Open311 service request)."""

    __tablename__ = "service_requests"
    __table_args__ = {"sqlite_autoincrement": True}

    id = Column(Integer, primary_key=True)
    service_request_id = Column(String(32), unique=True, nullable=True, index=True)
    service_code = Column(String(32), nullable=False, index=True)
    status = Column(String(32), nullable=False, default="open", index=True)
    status_notes = Column(Text, nullable=True)
    description = Column(Text, nullable=False, default="")
    address_string = Column(Text, nullable=True)
    lat = Column(Float, nullable=True)
    long = Column(Float, nullable=True)
    media_url = Column(Text, nullable=True)
    attributes = Column(JSON, nullable=False, default=dict)
    language = Column(String(8), nullable=False, default="en")
    channel = Column(String(16), nullable=False, default="api")
    conversation_id = Column(String(64), nullable=True, index=True)
    contact_id = Column(Integer, ForeignKey("contacts.id"), nullable=True)
    agency_responsible = Column(String(128), nullable=True)
    requested_datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow, index=True)
    updated_datetime = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)


class Contact(Base):
    """A resident's phone number, encrypted, found by its keyed hash."""

    __tablename__ = "contacts"

    id = Column(Integer, primary_key=True)
    channel = Column(String(16), nullable=False)
    address_hash = Column(String(64), nullable=False, unique=True)
    address_encrypted = Column(LargeBinary, nullable=False)
    language = Column(String(8), nullable=True)
    opted_out = Column(Boolean, nullable=False, default=False)
    opted_out_at = Column(DateTime(timezone=True), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class Conversation(Base):
    """One resident's conversation on one channel; its id is Rasa's sender id."""

    __tablename__ = "conversations"

    id = Column(String(64), primary_key=True)
    channel = Column(String(16), nullable=False)
    contact_id = Column(Integer, ForeignKey("contacts.id"), nullable=True)
    language = Column(String(8), nullable=True)
    mode = Column(String(16), nullable=False, default="bot")
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)


class InboundMessage(Base):
    """Every message a resident sent, stored before it is processed."""

    __tablename__ = "inbound_messages"
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_inbound_channel_external_id"),)

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(64), ForeignKey("conversations.id"), nullable=False, index=True)
    channel = Column(String(16), nullable=False)
    external_id = Column(String(128), nullable=False)
    body = Column(Text, nullable=False, default="")
    media = Column(JSON, nullable=False, default=list)
    status = Column(String(16), nullable=False, default="pending", index=True)
    attempts = Column(Integer, nullable=False, default=0)
    error = Column(Text, nullable=True)
    received_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    processed_at = Column(DateTime(timezone=True), nullable=True)


class OutboundMessage(Base):
    """Every message sent to a resident, whatever its origin (bot, agent, broadcast)."""

    __tablename__ = "outbound_messages"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(64), ForeignKey("conversations.id"), nullable=False, index=True)
    channel = Column(String(16), nullable=False)
    origin = Column(String(16), nullable=False, default="bot")
    inbound_id = Column(Integer, ForeignKey("inbound_messages.id"), nullable=True)
    body = Column(Text, nullable=False, default="")
    payload = Column(JSON, nullable=False, default=dict)
    status = Column(String(16), nullable=False, default="queued", index=True)
    provider_sid = Column(String(64), nullable=True, index=True)
    error = Column(Text, nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    sent_at = Column(DateTime(timezone=True), nullable=True)


class Media(Base):
    """A photo a resident sent, kept on disk and served under an unguessable token."""

    __tablename__ = "media"

    id = Column(Integer, primary_key=True)
    token = Column(String(64), nullable=False, unique=True)
    conversation_id = Column(String(64), nullable=True, index=True)
    content_type = Column(String(64), nullable=False)
    size = Column(Integer, nullable=False)
    path = Column(Text, nullable=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)


class HandoffRequest(Base):
    """A conversation waiting for (or taken by) a 311 agent."""

    __tablename__ = "handoff_requests"

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(64), ForeignKey("conversations.id"), nullable=False, index=True)
    reason = Column(String(64), nullable=False)
    status = Column(String(16), nullable=False, default="waiting", index=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    closed_at = Column(DateTime(timezone=True), nullable=True)
