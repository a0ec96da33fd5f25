"""The web chat channel: the widget's WebSocket, photo uploads and the widget's own words."""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from aiohttp import WSMsgType, web
from sqlalchemy.orm import Session

from bot.channels.webchat.assets import widget_script
from bot.channels.webchat.protocol import (
    MAX_FRAME_BYTES,
    MAX_TEXT_CHARS,
    WIDGET_STRINGS,
    history_frames,
    session_frame,
    widget_strings,
)
from bot.language.i18n import SUPPORTED_LANGUAGES, normalize_language, translate
from bot.messaging.conversations import get_or_create_conversation, is_webchat_id, new_webchat_id
from bot.messaging.inbox import InboundDraft, Inbox
from bot.messaging.media import MediaStore
from bot.messaging.models import Conversation
from bot.messaging.rasa_client import RasaClient
from bot.messaging.transcripts import transcript
from bot.messaging.vocabulary import Channel
from bot.platform.db import Database
from bot.platform.exceptions import MediaRejected
from bot.platform.ratelimit import RateLimiter
from bot.platform.settings import Settings
from bot.platform.sockets import SocketHub

logger = logging.getLogger(__name__)

#: The widget is embedded on other sites: its words and uploads are readable cross-origin (no credentials).
CORS = {"Access-Control-Allow-Origin": "*"}
STATIC = Path(__file__).resolve().parent / "static"
LANGUAGE_SWITCHES_PER_MINUTE = 6
UPLOADS_PER_MINUTE = 10


@dataclass
class _Widget:
    """One open widget connection: its socket, conversation, address, and whether the conversation is stored."""

    ws: web.WebSocketResponse
    conversation_id: str
    address: str
    stored: bool


class WebchatChannel:
    """One WebSocket per open widget; messages are stored by the inbox before they are acknowledged."""

    def __init__(
        self, settings: Settings, db: Database, inbox: Inbox, hub: SocketHub, media: MediaStore, rasa: RasaClient
    ) -> None:
        self._settings = settings
        self._db = db
        self._inbox = inbox
        self._hub = hub
        self._media = media
        self._rasa = rasa
        self._limiter = RateLimiter(settings.webchat_rate_per_minute)
        self._ip_messages = RateLimiter(settings.webchat_address_messages_per_minute)
        self._language_switches = RateLimiter(LANGUAGE_SWITCHES_PER_MINUTE)
        self._uploads = RateLimiter(UPLOADS_PER_MINUTE)
        self._sockets_by_ip: Counter[str] = Counter()
        own = urlsplit(settings.public_base_url)
        self._origins = frozenset(
            {
                f"{own.scheme}://{own.netloc}",
                f"http://127.0.0.1:{settings.port}",
                f"http://localhost:{settings.port}",
                *settings.webchat_origins,
            }
        )

    async def _conversation(self, requested: str | None) -> tuple[str, str | None, bool]:
        """The widget's conversation (id, language, stored): an existing one, or one created by its first message."""

        def find(session: Session) -> tuple[str, str | None, bool] | None:
            existing = session.get(Conversation, requested) if requested else None
            if existing is not None and existing.channel == Channel.WEBCHAT:
                return existing.id, existing.language, True
            return None

        found = await self._db.run(find)
        if found is not None:
            return found
        return (requested if requested and is_webchat_id(requested) else new_webchat_id()), None, False

    async def _store_conversation(self, conversation_id: str) -> None:
        await self._db.run(lambda s: get_or_create_conversation(s, conversation_id, Channel.WEBCHAT))

    async def socket_view(self, request: web.Request) -> web.StreamResponse:
        """GET /webchat/ws: the widget's connection (from an allowed page; a bounded number per address)."""
        origin = request.headers.get("Origin")
        if origin is not None and origin.rstrip("/") not in self._origins:
            logger.warning("webchat.origin.refused")
            raise web.HTTPForbidden(text="this page may not open the 311 chat")
        address = request.remote or "?"
        if self._sockets_by_ip[address] >= self._settings.webchat_address_sockets:
            raise web.HTTPTooManyRequests(text="too many open chats from this address")
        ws = web.WebSocketResponse(heartbeat=25, max_msg_size=MAX_FRAME_BYTES)
        await ws.prepare(request)
        self._sockets_by_ip[address] += 1
        try:
            return await self._serve(ws, request.query.get("conversation_id"), address)
        finally:
            self._sockets_by_ip[address] -= 1
            if self._sockets_by_ip[address] <= 0:
                del self._sockets_by_ip[address]

    async def _serve(self, ws: web.WebSocketResponse, requested: str | None, address: str) -> web.WebSocketResponse:
        conversation_id, language, stored = await self._conversation(requested)
        widget = _Widget(ws, conversation_id, address, stored)
        self._hub.add(conversation_id, ws)
        await ws.send_json(session_frame(conversation_id, language, self._settings))
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
                    await self._handle(widget, data)
        finally:
            self._hub.remove(conversation_id, ws)
        return ws

    async def _handle(self, widget: _Widget, data: dict[str, Any]) -> None:
        kind = data.get("type")
        if kind == "resume":
            await self._resume(widget.ws, widget.conversation_id, _int(data.get("after_seq")))
        elif kind == "message":
            await self._message(widget, data)
        elif kind == "language":
            if self._language_switches.retry_after(widget.conversation_id):
                await widget.ws.send_json({"type": "error", "code": "rate_limited"})
                return
            await self._language(widget, normalize_language(str(data.get("language"))))
        else:
            await widget.ws.send_json({"type": "error", "code": "unknown_type"})

    async def _message(self, widget: _Widget, data: dict[str, Any]) -> None:
        ws, conversation_id = widget.ws, widget.conversation_id
        client_id = str(data.get("client_id") or uuid.uuid4())[:64]
        text = str(data.get("text") or "")[:MAX_TEXT_CHARS]
        token = data.get("media_token")
        if not text.strip() and not token:
            await ws.send_json({"type": "error", "code": "empty", "client_id": client_id})
            return
        wait = self._limiter.retry_after(conversation_id) or self._ip_messages.retry_after(widget.address)
        if wait:
            language = await self._db.run(lambda s: getattr(s.get(Conversation, conversation_id), "language", None))
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
        if not widget.stored:  # the first real message creates the conversation
            await self._store_conversation(conversation_id)
            widget.stored = True
        draft = InboundDraft(
            channel=Channel.WEBCHAT,
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
        def read(session: Session) -> list[dict[str, Any]]:
            conversation = session.get(Conversation, conversation_id)
            if conversation is None:  # nothing said yet
                return []
            language = conversation.language
            entries = transcript(session, conversation_id, after_id=after_seq, residents=after_seq == 0)
            return history_frames(entries, language)

        await ws.send_json({"type": "history", "messages": await self._db.run(read)})

    async def _language(self, widget: _Widget, language: str) -> None:
        ws, conversation_id = widget.ws, widget.conversation_id

        def store(session: Session) -> None:
            get_or_create_conversation(session, conversation_id, Channel.WEBCHAT).language = language

        await self._db.run(store)
        widget.stored = True
        try:
            await self._rasa.set_slots(conversation_id, {"language": language})
        except Exception:  # the language is stored; the next message sets the slot again
            logger.warning("webchat.language.slot_not_set")
        await ws.send_json(session_frame(conversation_id, language, self._settings))

    async def upload_view(self, request: web.Request) -> web.Response:
        """POST /webchat/upload: one photo for a conversation; returns its token."""
        language = normalize_language(request.query.get("lang"))
        if self._uploads.retry_after(request.remote or "?"):
            return _refuse(429, "rate_limited", language)
        if request.content_length and request.content_length > self._settings.max_upload_bytes + 64 * 1024:
            return _refuse(413, "upload_too_large", language)
        try:
            form = await request.post()
        except (ValueError, web.HTTPException):
            return _refuse(413, "upload_too_large", language)
        conversation_id = str(form.get("conversation_id") or "")
        upload = form.get("file")
        if not is_webchat_id(conversation_id) or not isinstance(upload, web.FileField):
            raise web.HTTPBadRequest(text="conversation_id and file are required")
        await self._store_conversation(conversation_id)  # a photo sent before any text starts it too
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


async def widget_view(request: web.Request) -> web.Response:
    """GET /widget.js: the widget's modules as one script (no build step)."""
    return web.Response(
        text=widget_script(), content_type="application/javascript", headers={"Cache-Control": "max-age=300", **CORS}
    )


async def demo_view(request: web.Request) -> web.FileResponse:
    """GET /: a demo City page with the widget embedded."""
    return web.FileResponse(STATIC / "demo.html")


def _refuse(status: int, key: str, language: str) -> web.Response:
    return web.json_response(
        {"error": key, "message": translate(language, WIDGET_STRINGS[key])}, status=status, headers=CORS
    )


def _spawn_typing_off(hub: SocketHub, conversation_id: str) -> None:
    asyncio.get_running_loop().create_task(hub.push(conversation_id, {"type": "typing", "on": False}))


def _int(value: Any) -> int:
    try:
        return max(int(value), 0)
    except (TypeError, ValueError):
        return 0
