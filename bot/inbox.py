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

    def schedule(self, message_id: int) -> asyncio.Task[None]:
        """Process the message in the background (the webhook has already answered)."""
        task = asyncio.create_task(self.process(message_id))
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
        ids = await self._db.run(
            lambda s: list(
                s.scalars(
                    select(InboundMessage.id)
                    .where(InboundMessage.status == PENDING, InboundMessage.received_at <= cutoff)
                    .order_by(InboundMessage.id)
                )
            )
        )
        for message_id in ids:
            self.schedule(message_id)
        return len(ids)

    async def process(self, message_id: int) -> None:
        """Route a stored message, after any earlier pending message of its conversation, in order."""
        conversation_id = await self._db.run(lambda s: s.get(InboundMessage, message_id).conversation_id)
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
        message, conversation = await self._db.run(lambda s: _load(s, message_id))
        if message is None or message.status != PENDING:
            return
        if conversation.mode != "bot":
            await self._mark(message_id, FOR_AGENT)
            return
        meta = message.media or {}
        body = message.body or ""
        previous = conversation.language
        language = meta.get("language") or detect_language(body, previous)
        slots: dict[str, Any] = {}
        if language != previous or previous is None:
            slots["language"] = language
            await self._db.run(lambda s: _set_language(s, conversation.id, language))
        replies: list[OutgoingMessage] = []
        if meta.get("items"):
            try:
                slots["media_url"] = await self._store_media(conversation.id, meta["items"])
            except MediaRejected:
                replies.append(OutgoingMessage(translate(language, PHOTO_REFUSED)))
        text = meta.get("payload") or body[:NLU_TEXT_LIMIT]
        if not text.strip():
            text = "/inform" if "media_url" in slots else ""
        if slots:
            await self._rasa.set_slots(conversation.id, slots)
        if text.strip():
            answer = await self._rasa.send_message(
                conversation.id, text, {"channel": conversation.channel, "language": language}
            )
            replies.extend(OutgoingMessage.from_rasa(m) for m in answer)
        elif not replies:
            replies.append(OutgoingMessage(translate(language, NOTHING_SENT)))
        await self._mark(message_id, PROCESSED)
        await self._outbox.send(conversation.id, replies, origin="bot", inbound_id=message_id)

    async def _mark(self, message_id: int, status: str, error: str | None = None) -> None:
        def mark(session) -> None:  # type: ignore[no-untyped-def]
            message = session.get(InboundMessage, message_id)
            message.status = status
            message.error = error
            message.processed_at = utcnow()

        await self._db.run(mark)

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


def _load(session, message_id: int):  # type: ignore[no-untyped-def]
    message = session.get(InboundMessage, message_id)
    conversation = session.get(Conversation, message.conversation_id) if message else None
    return message, conversation


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


def _set_language(session, conversation_id: str, language: str) -> None:  # type: ignore[no-untyped-def]
    session.get(Conversation, conversation_id).language = language
