"""The live-agent side: the handoff queue, routing of residents' messages to staff, and (later) the console."""

from __future__ import annotations

from handoff.routing import QueueRouter

__all__ = ["agent_router"]


def agent_router() -> QueueRouter:
    """The router the inbox uses for conversations that staff handle."""
    return QueueRouter()
