"""Conversations and residents' contacts: who is talking, on which channel, in which language."""

from __future__ import annotations

import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.messaging.models import Contact, Conversation
from bot.messaging.vocabulary import Channel, ConversationMode
from bot.platform.db import utcnow
from bot.platform.pii import PiiVault

WEBCHAT_ID_BYTES = 24


def new_webchat_id() -> str:
    """An unguessable conversation id for a web chat visitor."""
    return "web-" + secrets.token_urlsafe(WEBCHAT_ID_BYTES)


_WEBCHAT_ID = re.compile(r"web-[A-Za-z0-9_-]{32}")


def is_webchat_id(value: str | None) -> bool:
    """Whether ``value`` has the shape of an id ``new_webchat_id`` makes (32 URL-safe characters)."""
    return bool(value) and _WEBCHAT_ID.fullmatch(value or "") is not None


def sms_conversation_id(address_hash: str) -> str:
    """The conversation id of a phone number: derived from its keyed hash, never the number."""
    return "sms-" + address_hash[:40]


def get_or_create_contact(session: Session, vault: PiiVault, channel: str, address: str) -> Contact:
    """The contact for ``address`` (a phone number), created encrypted on first contact."""
    digest = vault.lookup_hash(address)
    contact = session.scalars(select(Contact).where(Contact.address_hash == digest)).first()
    if contact is None:
        contact = Contact(channel=channel, address_hash=digest, address_encrypted=vault.encrypt(address))
        session.add(contact)
        session.flush()
    return contact


def get_or_create_conversation(
    session: Session, conversation_id: str, channel: str, contact_id: int | None = None
) -> Conversation:
    """The conversation ``conversation_id``, created on first message."""
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        conversation = Conversation(
            id=conversation_id, channel=channel, contact_id=contact_id, mode=ConversationMode.BOT
        )
        session.add(conversation)
        session.flush()
    return conversation


def conversation_facts(session: Session, conversation_id: str) -> tuple[str, int | None]:
    """The channel and contact of a conversation (``rest`` for one the front door never saw)."""
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        return Channel.REST, None
    return conversation.channel, conversation.contact_id


def set_opt_out(contact: Contact, opted_out: bool) -> None:
    """Record a carrier-keyword opt-out or opt-in."""
    contact.opted_out = opted_out
    contact.opted_out_at = utcnow() if opted_out else None


def conversation_language(session: Session, conversation_id: str) -> str | None:
    """The conversation's language record (None for a conversation the front door never saw)."""
    conversation = session.get(Conversation, conversation_id)
    return conversation.language if conversation else None
