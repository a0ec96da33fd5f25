"""The outbox's records, each inside its caller's transaction: claim, record parts, finish, retry, recover.

A claim is one conditional ``UPDATE … WHERE status = 'queued'`` checked by its row count, so two senders
(a retry and the sweeper, or two front-door processes on one PostgreSQL) never both send a message. A
message is claimed only when no earlier message of its conversation is still queued or being sent, so a
conversation's replies go out in order. Every part handed to the provider is recorded at once with its
id: a message tried again resumes after its last recorded part instead of sending the whole text again.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from bot.messaging.models import Contact, Conversation, OutboundMessage, OutboundPart
from bot.messaging.vocabulary import Origin, OutboundStatus
from bot.platform import retry
from bot.platform.db import utcnow
from bot.platform.exceptions import DeliveryError

MAX_ATTEMPTS = 10
"""Tries before a retryable failure becomes final: nine waits of 2 s doubling to 512 s, with jitter 8½–17 minutes
in all, long enough to ride out a Twilio incident of several minutes."""
BACKOFF_BASE_SECONDS = 2.0
BACKOFF_CAP_SECONDS = 600.0
STUCK_AFTER = timedelta(minutes=2)
"""A claim older than this was left by a crash or a shutdown (one send takes at most seconds)."""
OPTED_OUT_CODE = "21610"
_PENDING = (OutboundStatus.QUEUED, OutboundStatus.SENDING)
SEGMENTS_PER_MESSAGE = 4
"""A long reply is split into messages of at most this many segments (each is read as it arrives)."""


@dataclass(frozen=True)
class Delivery:
    """One claimed outbound message with what its channel needs to deliver it."""

    id: int
    conversation_id: str
    channel: str
    language: str
    text: str
    buttons: list[dict[str, Any]]
    image: str | None
    address: bytes | None
    created_at: datetime
    parts_sent: int = 0
    """Parts already handed to the provider by an earlier try: they are not sent again."""
    verify: bool = False
    """Whether the provider must first be asked if the next part already went out."""
    origin: Origin = Origin.BOT
    """Who wrote it (the web chat labels a 311 staff member's words as theirs)."""
    segments_per_message: int = 4
    """How many SMS segments one provider message may carry before the text is split (an alert: up to 10)."""


def backoff(attempts: int, rng: random.Random | None = None) -> timedelta:
    """How long to wait after the ``attempts``-th failed try of a delivery."""
    return retry.backoff(attempts, BACKOFF_BASE_SECONDS, BACKOFF_CAP_SECONDS, rng)


def claim(session: Session, message_id: int, now: datetime | None = None) -> Delivery | None:
    """Take a queued, due message for sending; None if it is not queued, not due, waits its turn or is taken."""
    claimed = claim_many(session, [message_id], now)
    return claimed[0] if claimed else None


def claim_many(session: Session, message_ids: list[int], now: datetime | None = None) -> list[Delivery]:
    """Take those of ``message_ids`` that are queued and due for sending, in one transaction (in id order).

    Each is claimed by its own conditional ``UPDATE`` checked by its row count. A message whose recipient
    opted out is suppressed instead (unless its origin reaches opted-out residents); one that waits for an
    earlier message of its conversation, is not due, or was taken by another sender is left as it is.
    """
    now = now or utcnow()
    candidates = session.execute(
        select(OutboundMessage.id, OutboundMessage.origin, Contact.opted_out)
        .join(Conversation, Conversation.id == OutboundMessage.conversation_id)
        .outerjoin(Contact, Contact.id == Conversation.contact_id)
        .where(OutboundMessage.id.in_(message_ids), OutboundMessage.status == OutboundStatus.QUEUED)
        .order_by(OutboundMessage.id)
    ).all()
    opted_out = [c.id for c in candidates if c.opted_out and not Origin(c.origin).reaches_opted_out]
    if opted_out:
        session.execute(
            update(OutboundMessage)
            .where(OutboundMessage.id.in_(opted_out), OutboundMessage.status == OutboundStatus.QUEUED)
            .values(status=OutboundStatus.SUPPRESSED, error="opted out before sending")
            .execution_options(synchronize_session=False)
        )
    earlier = aliased(OutboundMessage)
    waits_its_turn = exists().where(
        earlier.conversation_id == OutboundMessage.conversation_id,
        earlier.id < OutboundMessage.id,
        earlier.status.in_(_PENDING),
    )
    taken = []
    for candidate in (c for c in candidates if c.id not in opted_out):
        result = session.execute(
            update(OutboundMessage)
            .where(
                OutboundMessage.id == candidate.id,
                OutboundMessage.status == OutboundStatus.QUEUED,
                or_(OutboundMessage.next_attempt_at.is_(None), OutboundMessage.next_attempt_at <= now),
                ~waits_its_turn,
            )
            .values(status=OutboundStatus.SENDING, claimed_at=now, attempts=OutboundMessage.attempts + 1)
            .execution_options(synchronize_session=False)
        )
        if result.rowcount == 1:
            taken.append(candidate.id)
    return _deliveries(session, taken) if taken else []


def _deliveries(session: Session, message_ids: list[int]) -> list[Delivery]:
    """What the channels need to deliver these claimed messages (two queries, whatever their number)."""
    rows = session.execute(
        select(OutboundMessage, Conversation.language, Contact.address_encrypted)
        .join(Conversation, Conversation.id == OutboundMessage.conversation_id)
        .outerjoin(Contact, Contact.id == Conversation.contact_id)
        .where(OutboundMessage.id.in_(message_ids))
        .order_by(OutboundMessage.id)
        .execution_options(populate_existing=True)
    ).all()
    parts_sent = dict(
        session.execute(
            select(OutboundPart.message_id, func.count())
            .where(OutboundPart.message_id.in_(message_ids))
            .group_by(OutboundPart.message_id)
        ).all()
    )
    deliveries = []
    for row, language, address in rows:
        payload = row.payload or {}
        deliveries.append(
            Delivery(
                id=row.id,
                conversation_id=row.conversation_id,
                channel=row.channel,
                language=language or "en",
                text=row.body,
                buttons=list(payload.get("buttons") or []),
                image=payload.get("image"),
                address=bytes(address) if address is not None else None,
                created_at=row.created_at,
                parts_sent=int(parts_sent.get(row.id, 0)),
                verify=bool(row.verify),
                origin=Origin(row.origin),
                segments_per_message=int(payload.get("segments_per_message") or SEGMENTS_PER_MESSAGE),
            )
        )
    return deliveries


def record_part(session: Session, message_id: int, position: int, provider_sid: str) -> None:
    """Record one part the provider accepted (before anything else can go wrong)."""
    session.add(OutboundPart(message_id=message_id, position=position, provider_sid=provider_sid))
    if position == 0:
        session.get(OutboundMessage, message_id).provider_sid = provider_sid


def finish(session: Session, message_id: int) -> None:
    """Every part is with the provider: the message is sent (or further on, if reports came first)."""
    row = session.get(OutboundMessage, message_id)
    if row.status != OutboundStatus.SENDING:
        return
    done = _overall(session, message_id) or OutboundStatus.SENT
    if OutboundStatus(row.status).can_become(done):
        row.status = done
    row.error = None
    row.verify = False
    row.sent_at = utcnow()


def fail(session: Session, message_id: int, error: DeliveryError, now: datetime | None = None) -> timedelta | None:
    """Record a failed try: back in the queue after a backoff if it may succeed later, else failed for good.

    A recipient who opted out at the carrier is marked opted out. Returns the wait before the next try, if any.
    """
    now = now or utcnow()
    row = session.get(OutboundMessage, message_id)
    if row.status != OutboundStatus.SENDING:
        return None
    row.error = str(error)[:500]
    row.claimed_at = None
    if error.opted_out:
        _mark_opted_out(session, row.conversation_id, now)
    if error.retryable and not error.opted_out and row.attempts < MAX_ATTEMPTS:
        wait = backoff(row.attempts)
        row.status = OutboundStatus.QUEUED
        row.next_attempt_at = now + wait
        # Once in doubt, stay in doubt until the part is accounted for: a failed look-up is not an answer.
        row.verify = bool(row.verify) or error.outcome_unknown
        return wait
    row.status = OutboundStatus.FAILED
    return None


def recover_stuck(session: Session, now: datetime | None = None, stuck_after: timedelta = STUCK_AFTER) -> int:
    """Put messages left ``sending`` by a crash back in the queue, to be checked with the provider first."""
    now = now or utcnow()
    result = session.execute(
        update(OutboundMessage)
        .where(
            OutboundMessage.status == OutboundStatus.SENDING,
            or_(OutboundMessage.claimed_at.is_(None), OutboundMessage.claimed_at < now - stuck_after),
        )
        .values(status=OutboundStatus.QUEUED, claimed_at=None, verify=True, next_attempt_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)


def due(session: Session, now: datetime, unscheduled_before: datetime, limit: int = 500) -> list[int]:
    """Queued messages whose time has come: retries now due, and first tries left behind before the cutoff."""
    return list(
        session.scalars(
            select(OutboundMessage.id)
            .where(
                OutboundMessage.status == OutboundStatus.QUEUED,
                or_(
                    OutboundMessage.next_attempt_at <= now,
                    and_(OutboundMessage.next_attempt_at.is_(None), OutboundMessage.created_at < unscheduled_before),
                ),
            )
            .order_by(OutboundMessage.id)
            .limit(limit)
        )
    )


def next_in_line(session: Session, after_id: int, now: datetime | None = None) -> list[int]:
    """The queued messages of ``after_id``'s conversation that come after it and are due (held back for order)."""
    now = now or utcnow()
    conversation_id = session.get(OutboundMessage, after_id).conversation_id
    return list(
        session.scalars(
            select(OutboundMessage.id)
            .where(
                OutboundMessage.conversation_id == conversation_id,
                OutboundMessage.id > after_id,
                OutboundMessage.status == OutboundStatus.QUEUED,
                or_(OutboundMessage.next_attempt_at.is_(None), OutboundMessage.next_attempt_at <= now),
            )
            .order_by(OutboundMessage.id)
        )
    )


def record_report(session: Session, provider_sid: str, status: OutboundStatus, error_code: str | None) -> bool:
    """Apply a provider's delivery report to the part with that exact id, then to its message; False if unknown."""
    part = find_part(session, provider_sid)
    if part is None:
        return False
    if OutboundStatus(part.status).can_become(status):
        part.status = status
        part.error_code = error_code or part.error_code
    message = session.get(OutboundMessage, part.message_id)
    if error_code == OPTED_OUT_CODE:
        _mark_opted_out(session, message.conversation_id, utcnow())
    overall = _overall(session, message.id)
    if overall is not None and OutboundStatus(message.status).can_become(overall):
        message.status = overall
        message.error = error_code or message.error
    return True


def find_part(session: Session, provider_sid: str) -> OutboundPart | None:
    """The part the provider knows by ``provider_sid`` (an exact, indexed match)."""
    return session.scalars(select(OutboundPart).where(OutboundPart.provider_sid == provider_sid)).first()


def _overall(session: Session, message_id: int) -> OutboundStatus | None:
    """A message's status from its parts: failed if any failed, delivered (or read) when all are, else sent."""
    query = select(OutboundPart.status).where(OutboundPart.message_id == message_id)
    statuses = {OutboundStatus(status) for status in session.scalars(query)}
    if not statuses:
        return None
    for worst in (OutboundStatus.FAILED, OutboundStatus.UNDELIVERED):
        if worst in statuses:
            return worst
    if statuses == {OutboundStatus.READ}:
        return OutboundStatus.READ
    if statuses <= {OutboundStatus.DELIVERED, OutboundStatus.READ}:
        return OutboundStatus.DELIVERED
    return OutboundStatus.SENT


def _mark_opted_out(session: Session, conversation_id: str, now: datetime) -> None:
    conversation = session.get(Conversation, conversation_id)
    contact = session.get(Contact, conversation.contact_id) if conversation and conversation.contact_id else None
    if contact is not None and not contact.opted_out:
        contact.opted_out = True
        contact.opted_out_at = now
