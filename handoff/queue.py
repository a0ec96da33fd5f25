"""The handoff queue: conversations the assistant passes to 311 staff, and every move of one.

Each function works inside the caller's transaction. A move is checked against the status table
(``handoff.vocabulary``), sets the conversation's mode to match (``waiting``/``agent``/``bot``) and appends a
live event, so every console hears of it whichever process made it. A claim is one conditional ``UPDATE``
whose row count says whether this agent got it: two agents can never hold the same conversation.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from bot.messaging.conversations import get_or_create_conversation
from bot.messaging.models import Conversation
from bot.messaging.vocabulary import Channel, ConversationMode
from bot.platform.db import aware, utcnow
from handoff import presence
from handoff.models import HandoffEvent, HandoffRequest, StaffUser
from handoff.vocabulary import HandoffReason, HandoffStatus, LiveEvent

#: Until a waiting Spanish conversation has waited this long, only Spanish-speaking agents see it first.
SPANISH_FIRST = timedelta(seconds=60)
DEFAULT_HANDLE_TIME = timedelta(minutes=6)
"""The handle time assumed before there are enough closed conversations to measure it."""
HANDLE_TIME_SAMPLE = 50


class HandoffError(Exception):
    """Base of the queue's refusals; the message is a sentence for staff."""


class HandoffNotFound(HandoffError):
    """No such handoff."""


class ClaimConflict(HandoffError):
    """Someone else holds (or just claimed) the conversation, or it is closed."""


@dataclass(frozen=True)
class Placement:
    """What the resident is told on joining the queue."""

    handoff_id: int
    position: int
    wait_minutes: int
    already_waiting: bool


def record_event(session: Session, kind: LiveEvent, request: HandoffRequest) -> None:
    """Append a live event (in the caller's transaction: consoles hear of the change only if it commits)."""
    session.add(HandoffEvent(kind=kind, handoff_id=request.id, conversation_id=request.conversation_id))


def open_request(session: Session, conversation_id: str) -> HandoffRequest | None:
    """The conversation's handoff that is waiting or claimed, if any."""
    return session.scalars(
        select(HandoffRequest)
        .where(
            HandoffRequest.conversation_id == conversation_id,
            HandoffRequest.status.in_([HandoffStatus.WAITING, HandoffStatus.CLAIMED]),
        )
        .order_by(HandoffRequest.id.desc())
    ).first()


def enqueue(
    session: Session,
    conversation_id: str,
    reason: HandoffReason,
    *,
    language: str | None = None,
    interpreter_language: str | None = None,
    callback: bool = False,
    report: dict[str, object] | None = None,
    now: datetime | None = None,
) -> Placement:
    """Put a conversation in the queue once (asking again keeps its place) and hand it to staff."""
    now = now or utcnow()
    existing = open_request(session, conversation_id)
    if existing is not None:
        return Placement(existing.id, position(session, existing), wait_minutes(session, existing, now), True)
    conversation = get_or_create_conversation(session, conversation_id, channel=Channel.REST)
    mode = ConversationMode(conversation.mode)
    if mode.can_become(ConversationMode.WAITING):
        conversation.mode = ConversationMode.WAITING
    request = HandoffRequest(
        conversation_id=conversation_id,
        reason=reason,
        status=HandoffStatus.WAITING,
        priority=reason.priority - (10 if callback else 0),
        language=language or conversation.language or "en",
        channel=conversation.channel,
        interpreter_language=interpreter_language,
        callback=callback,
        report=report,
        created_at=now,
    )
    session.add(request)
    session.flush()
    record_event(session, LiveEvent.QUEUE, request)
    return Placement(request.id, position(session, request), wait_minutes(session, request, now), False)


def position(session: Session, request: HandoffRequest) -> int:
    """The request's place among the waiting (1 = next): ahead are higher priorities and older equals."""
    ahead = session.scalar(
        select(func.count())
        .select_from(HandoffRequest)
        .where(
            HandoffRequest.status == HandoffStatus.WAITING,
            HandoffRequest.id != request.id,
            (HandoffRequest.priority > request.priority)
            | ((HandoffRequest.priority == request.priority) & (HandoffRequest.id < request.id)),
        )
    )
    return int(ahead or 0) + 1


def average_handle_time(session: Session) -> timedelta:
    """The mean time agents held recent closed conversations (DEFAULT_HANDLE_TIME before there are any)."""
    rows = session.execute(
        select(HandoffRequest.claimed_at, HandoffRequest.closed_at)
        .where(HandoffRequest.claimed_at.is_not(None), HandoffRequest.closed_at.is_not(None))
        .order_by(HandoffRequest.id.desc())
        .limit(HANDLE_TIME_SAMPLE)
    ).all()
    if len(rows) < 5:
        return DEFAULT_HANDLE_TIME
    total = sum(((aware(closed) - aware(claimed)) for claimed, closed in rows), timedelta())
    return total / len(rows)


def wait_minutes(session: Session, request: HandoffRequest, now: datetime, agents_online: int | None = None) -> int:
    """A realistic wait: the conversations ahead, shared among the agents on, each taking the usual time."""
    agents = max(1, agents_online if agents_online is not None else presence.agents_online(session, now))
    handle_minutes = average_handle_time(session).total_seconds() / 60
    ahead = position(session, request) - 1
    # The ones ahead are shared among the agents; then, on average, half a conversation until one is free.
    return max(1, math.ceil((ahead / agents + 0.5) * handle_minutes))


def get(session: Session, handoff_id: int) -> HandoffRequest:
    """The handoff ``handoff_id``.

    Raises:
        HandoffNotFound: There is none.
    """
    request = session.get(HandoffRequest, handoff_id)
    if request is None:
        raise HandoffNotFound("No such conversation in the queue.")
    return request


def _set_mode(session: Session, conversation_id: str, mode: ConversationMode) -> None:
    conversation = session.get(Conversation, conversation_id)
    if conversation is not None and ConversationMode(conversation.mode).can_become(mode):
        conversation.mode = mode


def claim(session: Session, handoff_id: int, agent: StaffUser, now: datetime | None = None) -> HandoffRequest:
    """Give a waiting conversation to ``agent``: atomic, so of two agents claiming at once exactly one gets it.

    Raises:
        ClaimConflict: It was claimed by someone else, or is no longer waiting.
    """
    now = now or utcnow()
    won = session.execute(
        update(HandoffRequest)
        .where(HandoffRequest.id == handoff_id, HandoffRequest.status == HandoffStatus.WAITING)
        .values(status=HandoffStatus.CLAIMED, agent_id=agent.id, claimed_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    request = get(session, handoff_id)
    session.refresh(request)
    if won != 1:
        if request.status == HandoffStatus.CLAIMED and request.agent_id == agent.id:
            return request  # a repeated click
        taken = request.status == HandoffStatus.CLAIMED
        raise ClaimConflict("Already claimed by another agent." if taken else "This conversation is closed.")
    _set_mode(session, request.conversation_id, ConversationMode.AGENT)
    record_event(session, LiveEvent.QUEUE, request)
    return request


def held_by(session: Session, handoff_id: int, agent: StaffUser) -> HandoffRequest:
    """The handoff, checked to be claimed by ``agent`` (replies, notes by the holder, closing).

    Raises:
        ClaimConflict: It is not (or no longer) this agent's.
    """
    request = get(session, handoff_id)
    if request.status != HandoffStatus.CLAIMED:
        waiting = request.status == HandoffStatus.WAITING
        raise ClaimConflict("Claim this conversation first." if waiting else "This conversation is closed.")
    if request.agent_id != agent.id:
        raise ClaimConflict("This conversation is held by another agent.")
    return request


def _close(session: Session, request: HandoffRequest, status: HandoffStatus, now: datetime | None) -> HandoffRequest:
    if not HandoffStatus(request.status).can_become(status):
        raise ClaimConflict("This conversation is closed.")
    request.status = status
    request.closed_at = now or utcnow()
    _set_mode(session, request.conversation_id, ConversationMode.BOT)
    record_event(session, LiveEvent.QUEUE, request)
    return request


def resolve(session: Session, handoff_id: int, agent: StaffUser, now: datetime | None = None) -> HandoffRequest:
    """The agent closes the conversation as resolved; the assistant answers the resident's next message."""
    return _close(session, held_by(session, handoff_id, agent), HandoffStatus.RESOLVED, now)


def return_to_assistant(
    session: Session, handoff_id: int, agent: StaffUser, now: datetime | None = None
) -> HandoffRequest:
    """The agent gives the conversation back to the assistant."""
    return _close(session, held_by(session, handoff_id, agent), HandoffStatus.RETURNED, now)


def abandon(session: Session, conversation_id: str, now: datetime | None = None) -> HandoffRequest | None:
    """The resident leaves the queue ("cancel") while still waiting; None if no agent-free wait is open."""
    request = open_request(session, conversation_id)
    if request is None or request.status != HandoffStatus.WAITING:
        return None
    return _close(session, request, HandoffStatus.ABANDONED, now)


def reassign(session: Session, handoff_id: int, to: StaffUser, now: datetime | None = None) -> HandoffRequest:
    """A supervisor gives an open conversation to another agent.

    Raises:
        ClaimConflict: It is closed, or the agent's account is disabled.
    """
    request = get(session, handoff_id)
    if not HandoffStatus(request.status).is_open:
        raise ClaimConflict("This conversation is closed.")
    if not to.active:
        raise ClaimConflict("That account is disabled.")
    request.status = HandoffStatus.CLAIMED
    request.agent_id = to.id
    request.claimed_at = request.claimed_at or now or utcnow()
    _set_mode(session, request.conversation_id, ConversationMode.AGENT)
    record_event(session, LiveEvent.QUEUE, request)
    return request


def first_reply(session: Session, request: HandoffRequest, now: datetime | None = None) -> None:
    """Note the time of the agent's first reply (the "time to first reply" metric) and tell the consoles."""
    if request.first_reply_at is None:
        request.first_reply_at = now or utcnow()
    record_event(session, LiveEvent.TRANSCRIPT, request)


def waiting_for(session: Session, agent: StaffUser, now: datetime | None = None) -> list[HandoffRequest]:
    """The waiting conversations as ``agent`` sees them: priority, then oldest first.

    Spanish conversations are offered first to Spanish-speaking agents: others see one only after it
    has waited SPANISH_FIRST (or at once if no Spanish-speaking agent is on).
    """
    now = now or utcnow()
    rows = list(
        session.scalars(
            select(HandoffRequest)
            .where(HandoffRequest.status == HandoffStatus.WAITING)
            .order_by(HandoffRequest.priority.desc(), HandoffRequest.id)
        )
    )
    if agent.spanish:
        spanish = [r for r in rows if r.language == "es"]
        return sorted(rows, key=lambda r: (-r.priority, r.language != "es", r.id)) if spanish else rows
    if not any(r.language == "es" for r in rows) or not presence.spanish_agents_online(session, now):
        return rows
    return [r for r in rows if r.language != "es" or now - aware(r.created_at) >= SPANISH_FIRST]


def claimed(session: Session) -> list[HandoffRequest]:
    """Every conversation held by an agent, oldest claim first."""
    return list(
        session.scalars(
            select(HandoffRequest)
            .where(HandoffRequest.status == HandoffStatus.CLAIMED)
            .order_by(HandoffRequest.claimed_at)
        )
    )
