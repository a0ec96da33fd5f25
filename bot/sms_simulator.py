"""A local SMS simulator (only without Twilio credentials): text the assistant as a phone number."""

from __future__ import annotations

import uuid
from typing import Any

from aiohttp import web
from sqlalchemy import select

from bot.conversations import sms_conversation_id
from bot.db import Database
from bot.models import Conversation, InboundMessage, OutboundMessage
from bot.outbox import Delivery
from bot.pii import PiiVault
from bot.settings import ROOT
from bot.sms import SmsChannel
from bot.sms_transport import render_sms

PAGE = ROOT / "bot" / "static" / "sms_simulator.html"


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


def _thread(session, conversation_id: str) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    conversation = session.get(Conversation, conversation_id)
    language = (conversation.language if conversation else None) or "en"
    items: list[tuple[Any, int, dict[str, Any]]] = []
    for m in session.scalars(select(InboundMessage).where(InboundMessage.conversation_id == conversation_id)):
        items.append((m.received_at, m.id, {"from": "resident", "text": m.body}))
    for r in session.scalars(select(OutboundMessage).where(OutboundMessage.conversation_id == conversation_id)):
        delivery = Delivery(
            r.id, conversation_id, "sms", language, r.body, list((r.payload or {}).get("buttons") or []), None, None
        )
        for part in render_sms(delivery):
            items.append((r.created_at, r.id, {"from": "311", "text": part, "status": r.status}))
    items.sort(key=lambda item: (item[0], item[1]))
    return [frame for _, _, frame in items]
