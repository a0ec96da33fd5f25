"""The one place every resident message goes: stored durably, then routed (Rasa, or an agent)."""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.db import Database
from bot.exceptions import MediaRejected, RasaUnavailable
from bot.i18n import N_, translate
from bot.language import detect_language
from bot.models import Conversation, InboundMessage, utcnow
from bot.outbox import Outbox, OutgoingMessage
from bot.rasa_client import RasaClient

logger = logging.getLogger(__name__)

PENDING, PROCESSED, FAILED, FOR_AGENT = "pending", "processed", "failed", "for_agent"
MAX_ATTEMPTS = 5
NLU_TEXT_LIMIT = 1000
ASSISTANT_UNAVAILABLE = N_(
    "Sorry, the assistant is not available right now. Please try again later, or call 311 at 503-823-4000."
)
PHOTO_REFUSED = N_("Sorry, I can only accept photos (JPEG, PNG, GIF or WebP) up to 5 MB.")
NOTHING_SENT = N_("I didn't get any text. Tell me what you would like to report or ask.")
MediaStore = Callable[[str, list[dict[str, Any]]], Awaitable[str]]


@dataclass
class InboundDraft:
    """A message as a channel received it."""

    channel: str
    conversation_id: str
    external_id: str
    body: str
    media: list[dict[str, Any]] = field(default_factory=list)
    payload: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Accepted:
    """The result of storing a message: its id, and whether it had been stored before."""

    message_id: int
    duplicate: bool


class Inbox:
    """Stores each inbound message once, then processes each conversation's messages in order."""

    def __init__(self, db: Database, rasa: RasaClient, outbox: Outbox, store_media: MediaStore) -> None:
        self._db = db
        self._rasa = rasa
        self._outbox = outbox
        self._store_media = store_media
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)
        self._tasks: set[asyncio.Task[None]] = set()

    async def accept(self, draft: InboundDraft) -> Accepted:
        """Write the message durably; a repeated ``(channel, external_id)`` is not stored twice."""

        def store(session) -> Accepted:  # type: ignore[no-untyped-def]
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
                media={"items": draft.media, "payload": draft.payload, "language": draft.language},
                status=PENDING,
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

    async def recover(self, older_than: timedelta = timedelta(0)) -> int:
        """Schedule every message still pending (after a restart or a Rasa outage)."""
        cutoff = utcnow() - older_than
        pending = await self._db.run(
            lambda s: s.execute(
                select(InboundMessage.id, InboundMessage.conversation_id)
                .where(InboundMessage.status == PENDING, InboundMessage.received_at <= cutoff)
                .order_by(InboundMessage.id)
            ).all()
        )
        for message_id, conversation_id in pending:
            self.schedule(message_id, conversation_id)
        return len(pending)

    async def process(self, message_id: int, conversation_id: str) -> None:
        """Route a stored message, after any earlier pending message of its conversation, in order."""
        async with self._locks[conversation_id]:
            for pending_id in await self._db.run(lambda s: _pending_up_to(s, conversation_id, message_id)):
                try:
                    await self._process(pending_id)
                except RasaUnavailable as err:
                    await self._failed_attempt(pending_id, conversation_id, str(err))
                    return
                except Exception:  # the boundary: log once, keep the message for a retry
                    logger.exception("inbox.process.error id=%s", pending_id)
                    await self._failed_attempt(pending_id, conversation_id, "internal error")
                    return

    async def _process(self, message_id: int) -> None:
        turn = await self._db.run(lambda s: _begin(s, message_id))
        if turn is None:
            return
        replies: list[OutgoingMessage] = []
        slots: dict[str, Any] = {}
        if turn.media:
            try:
                slots["media_url"] = await self._store_media(turn.conversation_id, turn.media)
            except MediaRejected:
                replies.append(OutgoingMessage(translate(turn.language, PHOTO_REFUSED)))
        text = turn.text or ("/inform" if slots else "")
        if slots:
            await self._rasa.set_slots(turn.conversation_id, slots)
        if text:
            metadata = {"channel": turn.channel, "language": turn.language}
            answer = await self._rasa.send_message(turn.conversation_id, text, metadata)
            replies.extend(OutgoingMessage.from_rasa(m) for m in answer)
        elif not replies:
            replies.append(OutgoingMessage(translate(turn.language, NOTHING_SENT)))

        def finish(session) -> list[int]:  # type: ignore[no-untyped-def]
            _set_status(session, message_id, PROCESSED)
            return self._outbox.store(session, turn.conversation_id, replies, "bot", message_id)

        await self._outbox.deliver_all(await self._db.run(finish))

    async def _failed_attempt(self, message_id: int, conversation_id: str, error: str) -> None:
        def bump(session) -> int:  # type: ignore[no-untyped-def]
            message = session.get(InboundMessage, message_id)
            message.attempts += 1
            message.error = error
            if message.attempts >= MAX_ATTEMPTS:
                message.status = FAILED
            return message.attempts

        attempts = await self._db.run(bump)
        logger.warning("inbox.process.retry id=%s attempt=%s: %s", message_id, attempts, error)
        if attempts >= MAX_ATTEMPTS:
            language = await self._db.run(lambda s: s.get(Conversation, conversation_id).language)
            apology = OutgoingMessage(translate(language, ASSISTANT_UNAVAILABLE))
            await self._outbox.send(conversation_id, [apology], origin="system", inbound_id=message_id)


@dataclass(frozen=True)
class Turn:
    """What processing one stored message needs, read in one transaction."""

    conversation_id: str
    channel: str
    language: str
    text: str
    media: list[dict[str, Any]]


def _begin(session, message_id: int) -> Turn | None:  # type: ignore[no-untyped-def]
    """Load a pending message; route agent-mode conversations away; settle the conversation's language."""
    message = session.get(InboundMessage, message_id)
    if message is None or message.status != PENDING:
        return None
    conversation = session.get(Conversation, message.conversation_id)
    if conversation.mode != "bot":
        _set_status(session, message_id, FOR_AGENT)
        return None
    meta = message.media or {}
    body = message.body or ""
    language = meta.get("language") or detect_language(body, conversation.language)
    conversation.language = language
    text = meta.get("payload") or body[:NLU_TEXT_LIMIT]
    return Turn(conversation.id, conversation.channel, language, text if text.strip() else "", meta.get("items") or [])


def _set_status(session, message_id: int, status: str) -> None:  # type: ignore[no-untyped-def]
    message = session.get(InboundMessage, message_id)
    message.status = status
    message.error = None
    message.processed_at = utcnow()


def _pending_up_to(session, conversation_id: str, message_id: int) -> list[int]:  # type: ignore[no-untyped-def]
    return list(
        session.scalars(
            select(InboundMessage.id)
            .where(
                InboundMessage.conversation_id == conversation_id,
                InboundMessage.status == PENDING,
                InboundMessage.id <= message_id,
            )
            .order_by(InboundMessage.id)
        )
    )
