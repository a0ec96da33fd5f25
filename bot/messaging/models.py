"""The message path's tables: residents' contacts, conversations, every message both ways, and photos."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)

from bot.messaging.vocabulary import ConversationMode, InboundStatus, Origin, OutboundStatus
from bot.platform.db import Base, utcnow


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
    mode = Column(String(16), nullable=False, default=ConversationMode.BOT)
    #: The form question the assistant last asked (a slot name), sent to Rasa with the next message.
    question = Column(String(64), nullable=True)
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
    #: What the channel received besides the text: {"items": [attachments], "payload": quick-reply, "language": asked}
    details = Column("media", JSON, nullable=False, default=dict)
    status = Column(String(16), nullable=False, default=InboundStatus.PENDING, index=True)
    attempts = Column(Integer, nullable=False, default=0)
    #: When the next try is due after a failure (None: now); the sweeper skips it until then.
    next_attempt_at = Column(DateTime(timezone=True), nullable=True)
    error = Column(Text, nullable=True)
    received_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    processed_at = Column(DateTime(timezone=True), nullable=True)


class OutboundMessage(Base):
    """Every message sent to a resident, whatever its origin (bot, agent, broadcast)."""

    __tablename__ = "outbound_messages"
    __table_args__ = (Index("uq_outbound_broadcast_conversation", "broadcast_id", "conversation_id", unique=True),)

    id = Column(Integer, primary_key=True)
    conversation_id = Column(String(64), ForeignKey("conversations.id"), nullable=False, index=True)
    channel = Column(String(16), nullable=False)
    origin = Column(String(16), nullable=False, default=Origin.BOT)
    inbound_id = Column(Integer, ForeignKey("inbound_messages.id"), nullable=True)
    #: The broadcast this message belongs to (origin ``broadcast``): one message per conversation and broadcast.
    broadcast_id = Column(Integer, nullable=True)
    body = Column(Text, nullable=False, default="")
    payload = Column(JSON, nullable=False, default=dict)
    status = Column(String(16), nullable=False, default=OutboundStatus.QUEUED, index=True)
    #: The first part's provider id (every part's is in ``outbound_parts``).
    provider_sid = Column(String(64), nullable=True, index=True)
    error = Column(Text, nullable=True)
    #: Delivery tries so far; a retryable failure puts the message back in the queue until ``next_attempt_at``.
    attempts = Column(Integer, nullable=False, default=0)
    next_attempt_at = Column(DateTime(timezone=True), nullable=True)
    #: When the current claim was taken: a message ``sending`` for too long was left by a crash.
    claimed_at = Column(DateTime(timezone=True), nullable=True)
    #: Whether the provider must be asked if the next part already went out (after a timeout or a crash).
    verify = Column(Boolean, nullable=False, default=False)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    sent_at = Column(DateTime(timezone=True), nullable=True)


class OutboundPart(Base):
    """One provider message of an outbound message (a long SMS reply is several), with its delivery report."""

    __tablename__ = "outbound_parts"
    __table_args__ = (UniqueConstraint("message_id", "position", name="uq_outbound_part_position"),)

    id = Column(Integer, primary_key=True)
    message_id = Column(Integer, ForeignKey("outbound_messages.id"), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    provider_sid = Column(String(64), nullable=False, unique=True)
    status = Column(String(16), nullable=False, default=OutboundStatus.SENT)
    error_code = Column(String(16), nullable=True)
    created_at = Column(DateTime(timezone=True), nullable=False, default=utcnow)
    updated_at = Column(DateTime(timezone=True), nullable=False, default=utcnow, onupdate=utcnow)


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
