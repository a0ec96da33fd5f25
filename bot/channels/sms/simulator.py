"""A local SMS simulator for development: text the assistant as a phone number, without Twilio."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.channels.sms.transport import render_sms
from bot.channels.sms.webhook import SmsChannel
from bot.messaging.conversations import sms_conversation_id
from bot.messaging.models import Conversation
from bot.messaging.transcripts import transcript
from bot.platform.db import Database
from bot.platform.pii import PiiVault

PAGE = Path(__file__).resolve().parent / "static" / "simulator.html"


class SmsSimulator:
    """Feeds texts into the SMS channel exactly as Twilio's webhook would, and shows the replies."""

    def __init__(self, db: Database, sms: SmsChannel, vault: PiiVault) -> None:
        self._db = db
        self._sms = sms
        self._vault = vault

    async def page_view(self, request: web.Request) -> web.FileResponse:
        """GET /dev/sms."""
        return web.FileResponse(PAGE)

    async def send_view(self, request: web.Request) -> web.Response:
        """POST /dev/sms/send with JSON ``{"from": "+15035550100", "body": "hola"}``."""
        try:
            data = await request.json()
        except ValueError as err:
            raise web.HTTPBadRequest(text="expected JSON") from err
        phone = str(data.get("from") or "").strip()
        if not phone:
            raise web.HTTPBadRequest(text="from is required")
        sid = "SM" + uuid.uuid4().hex
        await self._sms.receive(
            {"MessageSid": sid, "From": phone, "To": "311", "Body": str(data.get("body") or ""), "NumMedia": "0"}
        )
        return web.json_response({"MessageSid": sid})

    async def thread_view(self, request: web.Request) -> web.Response:
        """GET /dev/sms/messages?from=...: the texts both ways, as the phone would show them."""
        phone = request.query.get("from", "").strip()
        if not phone:
            raise web.HTTPBadRequest(text="from is required")
        conversation_id = sms_conversation_id(self._vault.lookup_hash(phone))
        return web.json_response(await self._db.run(lambda s: _thread(s, conversation_id)))


def _thread(session: Session, conversation_id: str) -> list[dict[str, Any]]:
    conversation = session.get(Conversation, conversation_id)
    language = (conversation.language if conversation else None) or "en"
    frames: list[dict[str, Any]] = []
    for entry in transcript(session, conversation_id):
        if entry.from_resident:
            frames.append({"from": "resident", "text": entry.text})
            continue
        frames.extend(
            {"from": "311", "text": part, "status": entry.status}
            for part in render_sms(entry.text, entry.buttons, language)
        )
    return frames
