"""Routing a resident's message to staff while their conversation waits for, or is with, an agent."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


class QueueRouter:
    """The inbox's ``AgentRouter``: the message is stored and marked ``for_agent``; staff read it in the transcript.

    The agent console will push it to the agent holding the conversation from here.
    """

    async def route(self, message_id: int, conversation_id: str) -> None:
        """Note that a message is waiting for staff."""
        logger.info("handoff.message id=%s", message_id)
