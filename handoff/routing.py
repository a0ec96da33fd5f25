"""Routing a resident's message to staff while their conversation waits for, or is with, an agent."""

from __future__ import annotations

import logging

from sqlalchemy import select

from bot.platform.db import Database
from handoff.models import HandoffRequest
from handoff.queue import WAITING

logger = logging.getLogger(__name__)


class QueueRouter:
    """The inbox's ``AgentRouter``: the message is already stored for staff; note which request it joins."""

    def __init__(self, db: Database) -> None:
        self._db = db

    async def route(self, message_id: int, conversation_id: str) -> None:
        """Log the message against the conversation's open handoff request (the console reads the transcript)."""
        request_id = await self._db.run(
            lambda s: s.scalars(
                select(HandoffRequest.id).where(
                    HandoffRequest.conversation_id == conversation_id, HandoffRequest.status == WAITING
                )
            ).first()
        )
        logger.info("handoff.message id=%s request=%s", message_id, request_id)
