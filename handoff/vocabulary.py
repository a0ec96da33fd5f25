"""The staff side's vocabulary: handoff statuses with their allowed moves, reasons, outcomes and staff roles."""

from __future__ import annotations

from enum import StrEnum

from bot.platform.states import Status


class HandoffStatus(Status):
    """Where a handed-off conversation is: waiting in the queue, with an agent, or closed (and how)."""

    WAITING = "waiting"
    CLAIMED = "claimed"
    RESOLVED = "resolved"
    """Closed by the agent: the resident's need was met."""
    RETURNED = "returned"
    """Given back to the assistant by the agent."""
    ABANDONED = "abandoned"
    """The resident left the queue ("cancel") before an agent took it."""

    @property
    def is_open(self) -> bool:
        """Whether the conversation is still with staff (waiting or claimed)."""
        return self in (HandoffStatus.WAITING, HandoffStatus.CLAIMED)


HandoffStatus.allow_moves(
    {
        HandoffStatus.WAITING: frozenset({HandoffStatus.CLAIMED, HandoffStatus.ABANDONED, HandoffStatus.RETURNED}),
        # Claimed -> claimed is a reassignment by a supervisor; claimed -> waiting, an agent putting it back.
        HandoffStatus.CLAIMED: frozenset(
            {HandoffStatus.CLAIMED, HandoffStatus.WAITING, HandoffStatus.RESOLVED, HandoffStatus.RETURNED}
        ),
        HandoffStatus.RESOLVED: frozenset(),
        HandoffStatus.RETURNED: frozenset(),
        HandoffStatus.ABANDONED: frozenset(),
    }
)


class HandoffReason(StrEnum):
    """Why the assistant passed the conversation to staff (recorded for the analytics)."""

    ASKED = "asked"
    """The resident asked for a person (in words or with the widget's button)."""
    NOT_UNDERSTOOD = "not_understood"
    """The assistant did not understand twice in a row."""
    FORM_FAILED = "form_failed"
    """A report question failed validation three times."""
    ACTION_ERROR = "action_error"
    """One of the assistant's actions failed."""
    INTERPRETER = "interpreter"
    """The resident writes in a language other than English or Spanish."""

    @property
    def priority(self) -> int:
        """Queue priority (higher first): a failure of ours, then a resident who needs an interpreter."""
        return {HandoffReason.ACTION_ERROR: 2, HandoffReason.INTERPRETER: 1}.get(self, 0)


class Role(StrEnum):
    """Staff roles: agent < supervisor < admin; a broadcaster sends alerts only; an admin may do everything."""

    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"
    BROADCASTER = "broadcaster"

    def includes(self, required: Role) -> bool:
        """Whether this role may do what ``required`` may."""
        return required in _INCLUDES[self]


_INCLUDES: dict[Role, frozenset[Role]] = {
    Role.AGENT: frozenset({Role.AGENT}),
    Role.SUPERVISOR: frozenset({Role.AGENT, Role.SUPERVISOR}),
    Role.BROADCASTER: frozenset({Role.BROADCASTER}),
    Role.ADMIN: frozenset(Role),
}


class LiveEvent(StrEnum):
    """What changed, as told to open consoles (they reload what the event names)."""

    QUEUE = "queue"
    TRANSCRIPT = "transcript"
