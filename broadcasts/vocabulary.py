"""The broadcasts' vocabulary: severities, a broadcast's statuses with their allowed moves, subscription states."""

from __future__ import annotations

from enum import StrEnum

from bot.platform.states import Status


class Severity(StrEnum):
    """How urgent an alert is; an emergency needs a second broadcaster's approval (unless switched off)."""

    EMERGENCY = "emergency"
    URGENT = "urgent"
    ADVISORY = "advisory"


class BroadcastStatus(Status):
    """A broadcast's life: waiting for approval, approved, sending, then sent or cancelled."""

    AWAITING_APPROVAL = "awaiting_approval"
    APPROVED = "approved"
    SENDING = "sending"
    SENT = "sent"
    """Every recipient's message was handed to Twilio or failed permanently."""
    CANCELLED = "cancelled"


BroadcastStatus.allow_moves(
    {
        BroadcastStatus.AWAITING_APPROVAL: frozenset({BroadcastStatus.APPROVED, BroadcastStatus.CANCELLED}),
        BroadcastStatus.APPROVED: frozenset({BroadcastStatus.SENDING, BroadcastStatus.CANCELLED}),
        BroadcastStatus.SENDING: frozenset({BroadcastStatus.SENT, BroadcastStatus.CANCELLED}),
        BroadcastStatus.SENT: frozenset(),
        BroadcastStatus.CANCELLED: frozenset(),
    }
)


class SubscriptionStatus(StrEnum):
    """A resident's alert subscription: asked (waiting for YES), active, or ended."""

    PENDING = "pending"
    ACTIVE = "active"
    ENDED = "ended"


class ConsentMethod(StrEnum):
    """How the resident asked for alerts (recorded with the time and the number, as carriers require)."""

    SMS_KEYWORD = "sms_keyword"
    SMS_WORDS = "sms_words"
    WEBCHAT_FORM = "webchat_form"
    IMPORT = "import"
