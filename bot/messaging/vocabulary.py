"""The message path's vocabulary: channels, origins, statuses and conversation modes, with their allowed moves.

Every module that stores or compares one of these uses the enums here, never a bare string. The
transition tables are data (a status may become only what its entry lists), so a new status is added
in one place and the rules can be read at a glance.
"""

from __future__ import annotations

from enum import StrEnum

from bot.platform.states import Status


class Channel(StrEnum):
    """How a resident reaches 311."""

    SMS = "sms"
    WEBCHAT = "webchat"
    REST = "rest"
    """A conversation the front door never saw (``rasa shell``, Rasa's REST channel in tests)."""


class Origin(StrEnum):
    """Who or what wrote an outbound message."""

    BOT = "bot"
    KEYWORD = "keyword"
    """The carrier-keyword answers (STOP, START, HELP): the only thing an opted-out number still gets."""
    SYSTEM = "system"
    AGENT = "agent"
    BROADCAST = "broadcast"

    @property
    def reaches_opted_out(self) -> bool:
        """Whether a number that opted out still gets messages of this origin (only the opt-out's confirmation)."""
        return self is Origin.KEYWORD


class InboundStatus(Status):
    """Where a resident's stored message is on its way."""

    PENDING = "pending"
    PROCESSED = "processed"
    FOR_AGENT = "for_agent"
    FAILED = "failed"


InboundStatus.allow_moves(
    {
        InboundStatus.PENDING: frozenset({InboundStatus.PROCESSED, InboundStatus.FOR_AGENT, InboundStatus.FAILED}),
        InboundStatus.PROCESSED: frozenset(),
        InboundStatus.FOR_AGENT: frozenset(),
        InboundStatus.FAILED: frozenset({InboundStatus.PENDING}),
    }
)


class OutboundStatus(Status):
    """An outbound message's life: ours until it is handed over, then the provider's delivery reports."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    READ = "read"
    FAILED = "failed"
    SUPPRESSED = "suppressed"
    """Never sent: the number had opted out when the message was stored."""
    CANCELLED = "cancelled"
    """Never sent: its broadcast was cancelled first."""


OutboundStatus.allow_moves(
    {
        OutboundStatus.QUEUED: frozenset({OutboundStatus.SENDING, OutboundStatus.SUPPRESSED, OutboundStatus.CANCELLED}),
        # From sending, straight to a delivery report when the provider's reports came before our own record.
        OutboundStatus.SENDING: frozenset(
            {
                OutboundStatus.SENT,
                OutboundStatus.DELIVERED,
                OutboundStatus.UNDELIVERED,
                OutboundStatus.READ,
                OutboundStatus.FAILED,
                OutboundStatus.QUEUED,
            }
        ),
        OutboundStatus.SENT: frozenset(
            {OutboundStatus.DELIVERED, OutboundStatus.UNDELIVERED, OutboundStatus.FAILED, OutboundStatus.READ}
        ),
        OutboundStatus.DELIVERED: frozenset({OutboundStatus.READ}),
        OutboundStatus.UNDELIVERED: frozenset(),
        OutboundStatus.READ: frozenset(),
        OutboundStatus.FAILED: frozenset(),
        OutboundStatus.SUPPRESSED: frozenset(),
        OutboundStatus.CANCELLED: frozenset(),
    }
)

#: Twilio's status-callback values that move our record (``queued``/``sending`` there are Twilio's own queue).
PROVIDER_STATUSES: dict[str, OutboundStatus] = {
    "sent": OutboundStatus.SENT,
    "delivered": OutboundStatus.DELIVERED,
    "undelivered": OutboundStatus.UNDELIVERED,
    "failed": OutboundStatus.FAILED,
    "read": OutboundStatus.READ,
}
#: Twilio's statuses that say nothing new once we have handed a message over.
PROVIDER_INTERIM_STATUSES = frozenset({"accepted", "scheduled", "queued", "sending", "receiving", "received"})


class ConversationMode(Status):
    """Who answers the resident: the assistant, or 311 staff (waiting for one, or with one)."""

    BOT = "bot"
    WAITING = "waiting"
    AGENT = "agent"

    @property
    def answered_by_bot(self) -> bool:
        """Whether the assistant (Rasa) handles the resident's messages."""
        return self is ConversationMode.BOT


ConversationMode.allow_moves(
    {
        ConversationMode.BOT: frozenset({ConversationMode.WAITING}),
        ConversationMode.WAITING: frozenset({ConversationMode.AGENT, ConversationMode.BOT}),
        ConversationMode.AGENT: frozenset({ConversationMode.BOT, ConversationMode.WAITING}),
    }
)
