"""The one place every resident message goes: stored durably, then routed (Rasa, staff, or its channel).

A little long: storing, ordering, routing and the retry policy of one message are kept together so that its
whole path, and what happens when the assistant is down, is read in one module.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.language.detection import detect_language
from bot.language.i18n import N_, translate
from bot.language.interpreters import detect_other_language, interpreter_note
from bot.messaging.models import Conversation, InboundMessage
from bot.messaging.outbox import Outbox, OutgoingMessage
from bot.messaging.rasa_client import RasaClient
from bot.messaging.routing import AgentRouter, Interceptor
from bot.messaging.turns import Accepted, InboundDraft, Routed, Turn, split_answer
from bot.messaging.vocabulary import ConversationMode, InboundStatus, Origin
from bot.platform.db import Database, aware, utcnow
from bot.platform.exceptions import MediaRejected, RasaNotReady, RasaUnavailable
from bot.platform.locks import KeyedLocks
from bot.platform.retry import backoff

__all__ = ["Accepted", "InboundDraft", "Inbox"]

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
"""Tries when the assistant answers with an error before the apology (waits of 5 s doubling: 5–11 minutes in all)."""
RETRY_BASE_SECONDS = 5.0
RETRY_CAP_SECONDS = 600.0
WAIT_CAP_SECONDS = 120.0
"""While the assistant restarts, messages are tried again at most this far apart, for as long as it takes."""
RECOVERY_CONCURRENCY = 4
"""Conversations recovered at once after an outage: the assistant is not flooded as it comes back."""
RECOVERY_BATCH = 200
NLU_TEXT_LIMIT = 1000
ASSISTANT_UNAVAILABLE = N_(
    "Sorry, the assistant is not available right now. Please try again later, or call 311 at 503-823-4000."
)
# Translators: sent once when the assistant has been unavailable (restarting) for a while; the answer follows.
WAIT_NOTICE = N_("Sorry for the wait: the assistant is restarting. You will get an answer here in a few minutes.")
#: How long a message may wait for the assistant before the resident is told (once) that it is coming.
LONG_WAIT = timedelta(minutes=2)
PHOTO_REFUSED = N_("Sorry, I can only accept photos (JPEG, PNG, GIF or WebP) up to 5 MB.")
NOTHING_SENT = N_("I didn't get any text. Tell me what you would like to report or ask.")
INTERPRETER_REASON = "interpreter"
MediaSaver = Callable[[str, list[dict[str, Any]]], Awaitable[str]]


class Inbox:
    """Stores each inbound message once, then processes each conversation's messages in order."""

    def __init__(
        self,
        db: Database,
        rasa: RasaClient,
        outbox: Outbox,
        save_media: MediaSaver,
        agent_router: AgentRouter,
        interceptors: Mapping[str, Interceptor] | None = None,
    ) -> None:
        self._db = db
        self._rasa = rasa
        self._outbox = outbox
        self._save_media = save_media
        self._agent_router = agent_router
        self._interceptors = dict(interceptors or {})
        self._locks = KeyedLocks()
        self._tasks: set[asyncio.Task[None]] = set()
        self._recovering: set[int] = set()
        self._recovery_slots = asyncio.Semaphore(RECOVERY_CONCURRENCY)

    async def accept(self, draft: InboundDraft) -> Accepted:
        """Write the message durably; a repeated ``(channel, external_id)`` is not stored twice."""

        def store(session: Session) -> Accepted:
            existing = session.scalars(
                select(InboundMessage.id).where(
                    InboundMessage.channel == draft.channel, InboundMessage.external_id == draft.external_id
                )
            ).first()
            if existing is not None:
                return Accepted(existing, duplicate=True)
            message = InboundMessage(
                conversation_id=draft.conversation_id,
                channel=draft.channel,
                external_id=draft.external_id,
                body=draft.body,
                details={"items": draft.media, "payload": draft.payload, "language": draft.language},
                status=InboundStatus.PENDING,
            )
            session.add(message)
            session.flush()
            return Accepted(message.id, duplicate=False)

        try:
            return await self._db.run(store)
        except IntegrityError:
            return await self._db.run(store)  # a concurrent retry stored it first

    def schedule(self, message_id: int, conversation_id: str) -> asyncio.Task[None]:
        """Process the message in the background (the webhook has already answered)."""
        task = asyncio.create_task(self.process(message_id, conversation_id))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    async def drain(self) -> None:
        """Wait for the messages being processed (on shutdown and in tests)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def recover(self, older_than: timedelta = timedelta(0), now: datetime | None = None) -> int:
        """Schedule the messages still pending whose next try is due (after a restart or an outage).

        At most RECOVERY_CONCURRENCY are processed at once, and a message already being recovered is
        not scheduled again by the next sweep. Returns how many were scheduled.
        """
        now = now or utcnow()
        pending = await self._db.run(
            lambda s: s.execute(
                select(InboundMessage.id, InboundMessage.conversation_id)
                .where(
                    InboundMessage.status == InboundStatus.PENDING,
                    InboundMessage.received_at <= now - older_than,
                    or_(InboundMessage.next_attempt_at.is_(None), InboundMessage.next_attempt_at <= now),
                )
                .order_by(InboundMessage.id)
                .limit(RECOVERY_BATCH)
            ).all()
        )
        scheduled = 0
        for message_id, conversation_id in pending:
            if message_id in self._recovering:
                continue
            self._recovering.add(message_id)
            task = asyncio.create_task(self._recover_one(message_id, conversation_id))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            scheduled += 1
        return scheduled

    async def _recover_one(self, message_id: int, conversation_id: str) -> None:
        try:
            async with self._recovery_slots:
                await self.process(message_id, conversation_id)
        finally:
            self._recovering.discard(message_id)

    async def process(self, message_id: int, conversation_id: str) -> None:
        """Route a stored message, after any earlier pending message of its conversation, in order."""
        async with self._locks.hold(conversation_id):
            for pending_id in await self._db.run(lambda s: _pending_up_to(s, conversation_id, message_id)):
                try:
                    await self._process(pending_id, conversation_id)
                except RasaNotReady as err:
                    await self._waiting(pending_id, conversation_id, str(err))
                    return
                except RasaUnavailable as err:
                    await self._failed_attempt(pending_id, conversation_id, str(err))
                    return
                except Exception:  # the boundary: log once, keep the message for a retry
                    logger.exception("inbox.process.error id=%s", pending_id)
                    await self._failed_attempt(pending_id, conversation_id, "internal error")
                    return

    async def _process(self, message_id: int, conversation_id: str) -> None:
        begun = await self._db.run(lambda s: self._begin(s, message_id))
        if isinstance(begun, Routed):
            if begun.handed_off:
                await self._agent_router.handed_off(conversation_id)
            if begun.for_agent:
                await self._agent_router.route(message_id, conversation_id)
            await self._outbox.deliver_all(begun.reply_ids)
            return
        if begun is None:
            return
        turn = begun
        replies: list[OutgoingMessage] = []
        slots: dict[str, Any] = {}
        if turn.media:
            try:
                slots["media_url"] = await self._save_media(turn.conversation_id, turn.media)
            except MediaRejected:
                replies.append(OutgoingMessage(translate(turn.language, PHOTO_REFUSED)))
        text = turn.text or ("/inform" if slots else "")
        if slots:
            await self._rasa.set_slots(turn.conversation_id, slots)
        question = turn.question
        if text:
            # The message id ties the turn to this message: a turn tried again files nothing twice.
            metadata = {
                "channel": turn.channel,
                "language": turn.language,
                "question": turn.question,
                "message_id": message_id,
            }
            answer = await self._rasa.send_message(turn.conversation_id, text, metadata)
            said, question = split_answer(answer)
            replies.extend(said)
        elif not replies:
            replies.append(OutgoingMessage(translate(turn.language, NOTHING_SENT)))

        def finish(session: Session) -> list[int]:
            _set_status(session, message_id, InboundStatus.PROCESSED)
            session.get(Conversation, turn.conversation_id).question = question
            return self._outbox.store(session, turn.conversation_id, replies, Origin.BOT, message_id)

        await self._outbox.deliver_all(await self._db.run(finish))

    def _begin(self, session: Session, message_id: int) -> Turn | Routed | None:
        """Load a pending message; let its channel answer it, or route it to staff; settle the language."""
        message = session.get(InboundMessage, message_id)
        if message is None or message.status != InboundStatus.PENDING:
            return None
        conversation = session.get(Conversation, message.conversation_id)
        interceptor = self._interceptors.get(message.channel)
        interception = interceptor(session, message, conversation) if interceptor else None
        if interception is not None:
            _set_status(session, message_id, InboundStatus.PROCESSED)
            ids = self._outbox.store(session, conversation.id, interception.replies, interception.origin, message_id)
            return Routed(reply_ids=ids)
        if not ConversationMode(conversation.mode).answered_by_bot:
            _set_status(session, message_id, InboundStatus.FOR_AGENT)
            return Routed(for_agent=True)
        details = message.details or {}
        body = message.body or ""
        other = None if details.get("language") or details.get("payload") else detect_other_language(body)
        if other is not None:
            # A language the assistant does not speak: a person, with an interpreter, and a note in theirs.
            self._agent_router.hand_off(session, conversation, INTERPRETER_REASON, other)
            _set_status(session, message_id, InboundStatus.FOR_AGENT)
            note = OutgoingMessage(interpreter_note(other))
            ids = self._outbox.store(session, conversation.id, [note], Origin.SYSTEM, message_id)
            return Routed(for_agent=True, reply_ids=ids, handed_off=True)
        language = details.get("language") or detect_language(body, conversation.language)
        conversation.language = language
        text = details.get("payload") or body[:NLU_TEXT_LIMIT]
        items = details.get("items") or []
        return Turn(
            conversation.id, conversation.channel, language, text if text.strip() else "", items, conversation.question
        )

    async def _waiting(self, message_id: int, conversation_id: str, error: str) -> None:
        """The assistant is restarting: keep the message pending (no attempt is used up) and retry later.

        The sweeper tries again; a resident who has waited LONG_WAIT is told once that the answer is coming.
        """

        def note(session: Session) -> str | None:
            message = session.get(InboundMessage, message_id)
            message.error = error
            details = dict(message.details or {})
            details["waits"] = int(details.get("waits", 0)) + 1
            message.next_attempt_at = utcnow() + backoff(details["waits"], RETRY_BASE_SECONDS, WAIT_CAP_SECONDS)
            message.details = details
            received = aware(message.received_at)
            if details.get("told_wait") or utcnow() - received < LONG_WAIT:
                return None
            details["told_wait"] = True
            message.details = details
            return str(session.get(Conversation, conversation_id).language or "en")

        logger.warning("inbox.process.waiting id=%s: %s", message_id, error)
        language = await self._db.run(note)
        if language is not None:
            notice = OutgoingMessage(translate(language, WAIT_NOTICE))
            await self._outbox.send(conversation_id, [notice], origin=Origin.SYSTEM, inbound_id=message_id)

    async def _failed_attempt(self, message_id: int, conversation_id: str, error: str) -> None:
        def bump(session: Session) -> int:
            message = session.get(InboundMessage, message_id)
            message.attempts += 1
            message.error = error
            message.next_attempt_at = utcnow() + backoff(message.attempts, RETRY_BASE_SECONDS, RETRY_CAP_SECONDS)
            if message.attempts >= MAX_ATTEMPTS:
                message.status = InboundStatus.FAILED
            return int(message.attempts)

        attempts = await self._db.run(bump)
        logger.warning("inbox.process.retry id=%s attempt=%s: %s", message_id, attempts, error)
        if attempts >= MAX_ATTEMPTS:
            language = await self._db.run(lambda s: s.get(Conversation, conversation_id).language)
            apology = OutgoingMessage(translate(language, ASSISTANT_UNAVAILABLE))
            await self._outbox.send(conversation_id, [apology], origin=Origin.SYSTEM, inbound_id=message_id)


def _set_status(session: Session, message_id: int, status: InboundStatus) -> None:
    message = session.get(InboundMessage, message_id)
    if not InboundStatus(message.status).can_become(status):
        raise ValueError(f"inbound message {message_id} cannot go from {message.status} to {status}")
    message.status = status
    message.error = None
    message.processed_at = utcnow()


def _pending_up_to(session: Session, conversation_id: str, message_id: int) -> list[int]:
    return list(
        session.scalars(
            select(InboundMessage.id)
            .where(
                InboundMessage.conversation_id == conversation_id,
                InboundMessage.status == InboundStatus.PENDING,
                InboundMessage.id <= message_id,
            )
            .order_by(InboundMessage.id)
        )
    )
