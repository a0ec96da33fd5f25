"""The web chat channel: the widget's WebSocket, photo uploads and the widget's own words."""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections import defaultdict, deque
from typing import Any

from aiohttp import WSMsgType, web
from sqlalchemy import select

from bot.conversations import get_or_create_conversation, new_webchat_id
from bot.db import Database
from bot.exceptions import MediaRejected
from bot.i18n import N_, SUPPORTED_LANGUAGES, gettext_for, normalize_language, translate
from bot.inbox import InboundDraft, Inbox
from bot.media import MediaStore
from bot.models import Conversation, InboundMessage, OutboundMessage
from bot.rasa_client import RasaClient
from bot.settings import Settings
from bot.webchat_hub import WebchatHub, message_frame

logger = logging.getLogger(__name__)

MAX_FRAME_BYTES = 64 * 1024
#: The widget is embedded on other sites: its words and uploads are readable cross-origin (no credentials).
CORS = {"Access-Control-Allow-Origin": "*"}
MAX_TEXT_CHARS = 10_000
WIDGET_STRINGS = {
    "title": N_("PDX 311 chat"),
    "open": N_("Chat with 311"),
    "close": N_("Close chat"),
    "message_label": N_("Message"),
    "placeholder": N_("Type your message"),
    "send": N_("Send"),
    "attach": N_("Attach a photo"),
    "human": N_("Talk to a person"),
    "human_message": N_("I want to talk to a person"),
    "typing": N_("The assistant is typing…"),
    "reconnecting": N_("Connection lost. Reconnecting…"),
    "you": N_("You"),
    "assistant": N_("311 assistant"),
    "upload_too_large": N_("That photo is too large. The limit is 5 MB."),
    "upload_wrong_type": N_("Please attach a photo (JPEG, PNG, GIF or WebP)."),
    "rate_limited": N_("You're sending messages very fast. Please wait a moment."),
    "photo_sent": N_("Photo sent"),
    "language": N_("Language"),
    "emergency": N_("Emergency? Call 911."),
}


def widget_strings(lang: str) -> dict[str, str]:
    """The widget's interface words in ``lang``."""
    return {key: gettext_for(lang, msgid) for key, msgid in WIDGET_STRINGS.items()}


class RateLimiter:
    """At most ``limit`` messages per conversation in any 60 seconds."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._times: dict[str, deque[float]] = defaultdict(deque)

    def retry_after(self, key: str) -> float:
        """Seconds to wait before ``key`` may send again (0 means it may send now and is counted)."""
        now = time.monotonic()
        times = self._times[key]
        while times and now - times[0] > 60:
            times.popleft()
        if len(times) >= self._limit:
            return round(60 - (now - times[0]), 1)
        times.append(now)
        return 0.0


class WebchatChannel:
    """One WebSocket per open widget; messages are stored by the inbox before they are acknowledged."""

    def __init__(
        self, settings: Settings, db: Database, inbox: Inbox, hub: WebchatHub, media: MediaStore, rasa: RasaClient
    ) -> None:
        self._settings = settings
        self._db = db
        self._inbox = inbox
        self._hub = hub
        self._media = media
        self._rasa = rasa
        self._limiter = RateLimiter(settings.webchat_rate_per_minute)

    async def _conversation(self, requested: str | None) -> tuple[str, str | None]:
        def find_or_create(session) -> tuple[str, str | None]:  # type: ignore[no-untyped-def]
            existing = session.get(Conversation, requested) if requested else None
            if existing is not None and existing.channel == "webchat":
                return existing.id, existing.language
            conversation = get_or_create_conversation(session, new_webchat_id(), "webchat")
            return conversation.id, None

        return await self._db.run(find_or_create)

    async def socket_view(self, request: web.Request) -> web.WebSocketResponse:
        """GET /webchat/ws: the widget's connection."""
        ws = web.WebSocketResponse(heartbeat=25, max_msg_size=MAX_FRAME_BYTES)
        await ws.prepare(request)
        conversation_id, language = await self._conversation(request.query.get("conversation_id"))
        self._hub.add(conversation_id, ws)
        await ws.send_json({"type": "session", "conversation_id": conversation_id, "language": language})
        try:
            async for frame in ws:
                if frame.type != WSMsgType.TEXT:
                    continue
                try:
                    data = json.loads(frame.data)
                except ValueError:
                    await ws.send_json({"type": "error", "code": "bad_frame"})
                    continue
                if isinstance(data, dict):
                    await self._handle(ws, conversation_id, data)
        finally:
            self._hub.remove(conversation_id, ws)
        return ws

    async def _handle(self, ws: web.WebSocketResponse, conversation_id: str, data: dict[str, Any]) -> None:
        kind = data.get("type")
        if kind == "resume":
            await self._resume(ws, conversation_id, _int(data.get("after_seq")))
        elif kind == "message":
            await self._message(ws, conversation_id, data)
        elif kind == "language":
            await self._language(ws, conversation_id, normalize_language(str(data.get("language"))))
        else:
            await ws.send_json({"type": "error", "code": "unknown_type"})

    async def _message(self, ws: web.WebSocketResponse, conversation_id: str, data: dict[str, Any]) -> None:
        client_id = str(data.get("client_id") or uuid.uuid4())[:64]
        text = str(data.get("text") or "")[:MAX_TEXT_CHARS]
        token = data.get("media_token")
        if not text.strip() and not token:
            await ws.send_json({"type": "error", "code": "empty", "client_id": client_id})
            return
        wait = self._limiter.retry_after(conversation_id)
        if wait:
            language = await self._db.run(lambda s: s.get(Conversation, conversation_id).language)
            await ws.send_json(
                {
                    "type": "error",
                    "code": "rate_limited",
                    "client_id": client_id,
                    "retry_after": wait,
                    "message": translate(language, WIDGET_STRINGS["rate_limited"]),
                }
            )
            return
        payload = data.get("payload")
        draft = InboundDraft(
            channel="webchat",
            conversation_id=conversation_id,
            external_id=f"{conversation_id}:{client_id}",
            body=text,
            media=[{"token": str(token)}] if token else [],
            payload=str(payload)[:500] if isinstance(payload, str) and payload.startswith("/") else None,
        )
        accepted = await self._inbox.accept(draft)
        if not accepted.duplicate:
            task = self._inbox.schedule(accepted.message_id, conversation_id)
            task.add_done_callback(lambda _t: _spawn_typing_off(self._hub, conversation_id))
        try:
            await ws.send_json({"type": "ack", "client_id": client_id, "duplicate": accepted.duplicate})
            if not accepted.duplicate:
                await self._hub.push(conversation_id, {"type": "typing", "on": True})
        except (ConnectionError, RuntimeError):
            logger.info("webchat.ack.undelivered")  # stored and scheduled; the widget re-sends and is de-duplicated

    async def _resume(self, ws: web.WebSocketResponse, conversation_id: str, after_seq: int) -> None:
        history = await self._db.run(lambda s: _history(s, conversation_id, after_seq))
        await ws.send_json({"type": "history", "messages": history})

    async def _language(self, ws: web.WebSocketResponse, conversation_id: str, language: str) -> None:
        def store(session) -> None:  # type: ignore[no-untyped-def]
            session.get(Conversation, conversation_id).language = language

        await self._db.run(store)
        try:
            await self._rasa.set_slots(conversation_id, {"language": language})
        except Exception:  # the language is stored; the next message sets the slot again
            logger.warning("webchat.language.slot_not_set")
        await ws.send_json({"type": "session", "conversation_id": conversation_id, "language": language})

    async def upload_view(self, request: web.Request) -> web.Response:
        """POST /webchat/upload: one photo for a conversation; returns its token."""
        language = normalize_language(request.query.get("lang"))
        if request.content_length and request.content_length > self._settings.max_upload_bytes + 64 * 1024:
            return _refuse(413, "upload_too_large", language)
        try:
            form = await request.post()
        except (ValueError, web.HTTPException):
            return _refuse(413, "upload_too_large", language)
        conversation_id = str(form.get("conversation_id") or "")
        upload = form.get("file")
        exists = await self._db.run(lambda s: s.get(Conversation, conversation_id) is not None)
        if not exists or not isinstance(upload, web.FileField):
            raise web.HTTPBadRequest(text="conversation_id and file are required")
        data = upload.file.read(self._settings.max_upload_bytes + 1)
        try:
            token = await self._media.save(conversation_id, data, upload.content_type or "")
        except MediaRejected as err:
            too_large = "large" in str(err)
            return _refuse(
                413 if too_large else 415, "upload_too_large" if too_large else "upload_wrong_type", language
            )
        return web.json_response({"token": token, "url": self._media.url_for(token)}, headers=CORS)

    async def strings_view(self, request: web.Request) -> web.Response:
        """GET /webchat/strings/{lang}.json."""
        lang = request.match_info["lang"]
        if lang not in SUPPORTED_LANGUAGES:
            raise web.HTTPNotFound()
        return web.json_response(widget_strings(lang), headers={"Cache-Control": "max-age=300", **CORS})


def _refuse(status: int, key: str, language: str) -> web.Response:
    return web.json_response(
        {"error": key, "message": translate(language, WIDGET_STRINGS[key])}, status=status, headers=CORS
    )


def _spawn_typing_off(hub: WebchatHub, conversation_id: str) -> None:
    import asyncio

    asyncio.get_running_loop().create_task(hub.push(conversation_id, {"type": "typing", "on": False}))


def _int(value: Any) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0


def _history(session, conversation_id: str, after_seq: int) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    """The conversation so far: the assistant's messages after ``after_seq``; from the start, the resident's too."""
    language = session.get(Conversation, conversation_id).language
    rows = session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.conversation_id == conversation_id, OutboundMessage.id > after_seq)
        .order_by(OutboundMessage.id)
    )
    items: list[tuple[Any, int, dict[str, Any]]] = []
    for r in rows:
        payload = r.payload or {}
        frame = message_frame(r.id, r.body, list(payload.get("buttons") or []), payload.get("image"), language)
        items.append((r.created_at, 1, frame))
    if after_seq == 0:
        for m in session.scalars(select(InboundMessage).where(InboundMessage.conversation_id == conversation_id)):
            frame = {
                "type": "message",
                "from": "user",
                "client_id": m.external_id.split(":", 1)[-1],
                "text": m.body,
                "has_media": bool((m.media or {}).get("items")),
            }
            items.append((m.received_at, 0, frame))
    items.sort(key=lambda item: (item[0], item[1]))
    return [frame for _, _, frame in items]
