"""Broadcasts from composing to queued messages: checks, recipients, approval, enqueueing, cancelling, progress.

Every function works inside the caller's transaction. Enqueueing writes one outbox message per recipient in
one ``INSERT … SELECT`` (100,000 in seconds, not minutes) and only once: the broadcast's ``recipients`` is
claimed by a conditional ``UPDATE`` first, and a unique index forbids a second message to the same
conversation for the same broadcast.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import JSON, Integer, String, and_, case, cast, func, literal, select, text, update
from sqlalchemy.orm import Session

from bot.language.segments import measure
from bot.messaging.models import Contact, Conversation, OutboundMessage
from bot.messaging.vocabulary import Channel, Origin, OutboundStatus
from bot.platform.db import utcnow
from broadcasts.models import AlertSubscription, Broadcast
from broadcasts.subscriptions import valid_zip
from broadcasts.vocabulary import BroadcastStatus, Severity, SubscriptionStatus

MAX_SEGMENTS = 10
MAX_CHARS = 1600
#: Appended to an alert when it still fits in the segments it already takes (carriers want it on every alert).
STOP_SUFFIX = {"en": " Reply STOP to end.", "es": " Responda PARAR para cancelar."}


class BroadcastError(Exception):
    """Base of the refusals; the message is a sentence for staff."""


class InvalidBroadcast(BroadcastError):
    """The alert cannot be sent as written; ``fields`` names each problem."""

    def __init__(self, fields: dict[str, str]) -> None:
        super().__init__("; ".join(f"{k}: {v}" for k, v in fields.items()))
        self.fields = fields


class NotAllowed(BroadcastError):
    """The move is not allowed now (closed, already approved, approving one's own emergency…)."""


@dataclass(frozen=True)
class Preview:
    """What staff see before sending: recipients, segments and encoding per language, time to deliver."""

    recipients: dict[str, int]
    segments: dict[str, int]
    encoding: dict[str, str]
    seconds: float | None

    @property
    def total(self) -> int:
        """Recipients in all."""
        return sum(self.recipients.values())


@dataclass(frozen=True)
class Draft:
    """A checked alert, ready to be stored."""

    text_en: str
    text_es: str
    severity: Severity
    zips: list[str] | None
    rate: float | None
    bodies: dict[str, str] = field(default_factory=dict)


def with_stop(text: str, language: str) -> str:
    """The alert with the short stop instruction, when it fits in the segments the alert takes anyway."""
    longer = text + STOP_SUFFIX[language]
    return longer if measure(longer)[0] <= measure(text)[0] and len(longer) <= MAX_CHARS else text


def check(text_en: str, text_es: str, severity: str, zips: list[str] | str | None, rate: float | None = None) -> Draft:
    """Check a composed alert.

    Raises:
        InvalidBroadcast: A missing language, an alert over 10 segments (with its count), an unknown
            severity, a ZIP code outside the service area, or a rate that is not positive.
    """
    problems: dict[str, str] = {}
    texts = {"en": (text_en or "").strip(), "es": (text_es or "").strip()}
    for language, body in texts.items():
        name = "English" if language == "en" else "Spanish"
        if not body:
            problems[f"text_{language}"] = f"The {name} text is required: every alert goes out in both languages."
            continue
        segments, _ = measure(body)
        if segments > MAX_SEGMENTS or len(body) > MAX_CHARS:
            problems[f"text_{language}"] = (
                f"The {name} text takes {segments} SMS segments; the most is {MAX_SEGMENTS}. Shorten it."
            )
    try:
        level = Severity(severity)
    except ValueError:
        problems["severity"] = "Choose emergency, urgent or advisory."
        level = Severity.ADVISORY
    wanted = [z.strip() for z in (zips.split(",") if isinstance(zips, str) else zips or []) if z.strip()]
    outside = [z for z in wanted if valid_zip(z) is None]
    if outside:
        problems["zips"] = f"Not Portland or Multnomah County ZIP codes: {', '.join(outside)}."
    if rate is not None and not (rate >= 0 and math.isfinite(rate)):
        problems["rate"] = "The rate must be a number of messages per second (0 for no limit)."
    if problems:
        raise InvalidBroadcast(problems)
    bodies = {language: with_stop(text, language) for language, text in texts.items()}
    return Draft(texts["en"], texts["es"], level, sorted(set(wanted)) or None, rate, bodies)


def _recipients(zips: list[str] | None):  # type: ignore[no-untyped-def]
    """Active subscribers who have not opted out (in the ZIP codes, if any), with their SMS conversation."""
    conditions = [
        AlertSubscription.status == SubscriptionStatus.ACTIVE,
        Contact.opted_out.is_(False),
        Conversation.channel == Channel.SMS,
    ]
    if zips:
        conditions.append(AlertSubscription.zip.in_(zips))
    return (
        select(Conversation.id.label("conversation_id"), AlertSubscription.language.label("language"))
        .select_from(AlertSubscription)
        .join(Contact, Contact.id == AlertSubscription.contact_id)
        .join(Conversation, Conversation.contact_id == Contact.id)
        .where(and_(*conditions))
    )


def preview(session: Session, draft: Draft, sending_rate: float | None) -> Preview:
    """Recipients per language, SMS segments and encoding per language, and the time to deliver at the rate."""
    query = _recipients(draft.zips).subquery()
    counts = dict(session.execute(select(query.c.language, func.count()).group_by(query.c.language)).all())
    recipients = {"en": int(sum(v for k, v in counts.items() if k != "es")), "es": int(counts.get("es", 0))}
    measured = {language: measure(body) for language, body in draft.bodies.items()}
    rate = draft.rate if draft.rate is not None else sending_rate
    total = sum(recipients.values())
    return Preview(
        recipients,
        {k: v[0] for k, v in measured.items()},
        {k: v[1] for k, v in measured.items()},
        round(total / rate, 1) if rate else None,
    )


def create(session: Session, draft: Draft, created_by: int | None, via: str, approval_required: bool) -> Broadcast:
    """Store a checked alert: an emergency waits for a second broadcaster when approval is required."""
    waits = draft.severity is Severity.EMERGENCY and approval_required
    broadcast = Broadcast(
        text_en=draft.bodies["en"],
        text_es=draft.bodies["es"],
        severity=draft.severity,
        zips=draft.zips,
        rate=draft.rate,
        created_by=created_by,
        created_via=via,
        status=BroadcastStatus.AWAITING_APPROVAL if waits else BroadcastStatus.APPROVED,
        approved_at=None if waits else utcnow(),
    )
    session.add(broadcast)
    session.flush()
    return broadcast


def approve(session: Session, broadcast_id: int, approver: int | None, now: datetime | None = None) -> Broadcast:
    """A second broadcaster approves an emergency alert (``approver`` None: the command-line operator).

    Raises:
        NotAllowed: It is not waiting for approval, or the approver wrote it.
    """
    broadcast = get(session, broadcast_id)
    if broadcast.status != BroadcastStatus.AWAITING_APPROVAL:
        raise NotAllowed("This broadcast is not waiting for approval.")
    if approver is not None and approver == broadcast.created_by:
        raise NotAllowed("An emergency alert needs a second broadcaster: someone else must approve it.")
    broadcast.status = BroadcastStatus.APPROVED
    broadcast.approved_by = approver
    broadcast.approved_at = now or utcnow()
    return broadcast


def get(session: Session, broadcast_id: int) -> Broadcast:
    """The broadcast ``broadcast_id``.

    Raises:
        NotAllowed: There is none.
    """
    broadcast = session.get(Broadcast, broadcast_id)
    if broadcast is None:
        raise NotAllowed(f"There is no broadcast {broadcast_id}.")
    return broadcast


def enqueue(session: Session, broadcast_id: int, now: datetime | None = None) -> int:
    """Queue one outbox message per recipient, once; returns how many (0 if it was done before)."""
    now = now or utcnow()
    claimed = session.execute(
        update(Broadcast)
        .where(Broadcast.id == broadcast_id, Broadcast.recipients.is_(None))
        .values(recipients=-1)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        return 0
    broadcast = get(session, broadcast_id)
    session.refresh(broadcast)
    recipients = _recipients(broadcast.zips).subquery()
    payload = json.dumps({"buttons": [], "image": None, "segments_per_message": MAX_SEGMENTS})
    columns = ["conversation_id", "channel", "origin", "body", "payload", "status", "attempts", "verify"]
    rows = select(
        recipients.c.conversation_id,
        literal(Channel.SMS, String),
        literal(Origin.BROADCAST, String),
        case((recipients.c.language == "es", broadcast.text_es), else_=broadcast.text_en),
        cast(literal(payload, String), JSON),
        literal(OutboundStatus.QUEUED, String),
        literal(0, Integer),
        literal(False),
    )
    insert = OutboundMessage.__table__.insert().from_select(
        [*columns, "created_at", "broadcast_id"],
        rows.add_columns(literal(now), literal(broadcast_id, Integer)),
    )
    count = session.execute(insert).rowcount
    broadcast.recipients = count
    if session.get_bind().dialect.name == "postgresql":
        # Up to 100,000 rows at once: without fresh statistics the planner scans every queued message for
        # each claim's "earlier message of this conversation" check instead of using the conversation index.
        session.execute(text("ANALYZE outbound_messages"))
    return int(count)


def cancel(session: Session, broadcast_id: int, by: int | None) -> int:
    """Cancel a broadcast; its messages not yet handed to Twilio are never sent. Returns how many were stopped.

    Raises:
        NotAllowed: It was already sent or cancelled.
    """
    broadcast = get(session, broadcast_id)
    if not BroadcastStatus(broadcast.status).can_become(BroadcastStatus.CANCELLED):
        raise NotAllowed("This broadcast is finished; there is nothing to cancel.")
    broadcast.status = BroadcastStatus.CANCELLED
    broadcast.cancelled_by = by
    broadcast.finished_at = utcnow()
    return int(
        session.execute(
            update(OutboundMessage)
            .where(OutboundMessage.broadcast_id == broadcast_id, OutboundMessage.status == OutboundStatus.QUEUED)
            .values(status=OutboundStatus.CANCELLED)
            .execution_options(synchronize_session=False)
        ).rowcount
    )


def progress(session: Session, broadcast_id: int) -> dict[str, dict[str, int]]:
    """Messages per language and status (queued, sending, sent, delivered, undelivered, failed, …)."""
    broadcast = get(session, broadcast_id)
    language = case((OutboundMessage.body == broadcast.text_es, "es"), else_="en")
    rows = session.execute(
        select(language, OutboundMessage.status, func.count())
        .where(OutboundMessage.broadcast_id == broadcast_id)
        .group_by(language, OutboundMessage.status)
    ).all()
    counts: dict[str, dict[str, int]] = {"en": {}, "es": {}}
    for lang, status, count in rows:
        counts[str(lang)][str(status)] = int(count)
    return counts
