"""The SMS channel's webhooks: Twilio's inbound messages (stored, then routed by the inbox) and status callbacks."""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from twilio.request_validator import RequestValidator

from bot.channels.sms.choices import match_choice
from bot.messaging.conversations import get_or_create_contact, get_or_create_conversation, sms_conversation_id
from bot.messaging.inbox import InboundDraft, Inbox
from bot.messaging.models import OutboundMessage
from bot.messaging.outbox import Outbox
from bot.messaging.vocabulary import Channel, Origin
from bot.platform.db import Database
from bot.platform.pii import PiiVault
from bot.platform.settings import Settings

logger = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
MAX_BODY_BYTES = 64 * 1024
MAX_MEDIA = 10


class SmsChannel:
    """Receives texts (stored first, answered fast) and Twilio's delivery reports."""

    def __init__(self, settings: Settings, db: Database, inbox: Inbox, outbox: Outbox, vault: PiiVault) -> None:
        self._settings = settings
        self._db = db
        self._inbox = inbox
        self._outbox = outbox
        self._vault = vault
        self._validator = RequestValidator(settings.twilio_auth_token) if settings.twilio_auth_token else None

    async def _signed_params(self, request: web.Request) -> dict[str, str]:
        """The form parameters, only if Twilio's signature over them is valid (else 403)."""
        raw = await request.content.read(MAX_BODY_BYTES + 1)
        if len(raw) > MAX_BODY_BYTES:
            raise web.HTTPRequestEntityTooLarge(max_size=MAX_BODY_BYTES, actual_size=len(raw))
        params = dict(parse_qsl(raw.decode("utf-8", errors="replace"), keep_blank_values=True))
        if not self._settings.twilio_validate_signatures:
            return params
        signature = request.headers.get("X-Twilio-Signature", "")
        url = f"{self._settings.public_base_url}{request.path_qs}"
        if self._validator is None or not signature or not self._validator.validate(url, params, signature):
            logger.warning("sms.signature.rejected path=%s", request.path)
            raise web.HTTPForbidden(text="invalid Twilio signature")
        return params

    async def inbound_view(self, request: web.Request) -> web.Response:
        """POST /sms/inbound: store the text, answer Twilio at once, reply later by REST."""
        params = await self._signed_params(request)
        if not params.get("MessageSid") or not params.get("From"):
            raise web.HTTPBadRequest(text="MessageSid and From are required")
        await self.receive(params)
        return web.Response(text=EMPTY_TWIML, content_type="text/xml")

    async def receive(self, params: dict[str, str]) -> None:
        """Store and route one text in Twilio's webhook format (the simulator uses this too)."""
        body = params.get("Body", "")
        media = _media_items(params)
        try:
            draft = await self._db.run(lambda s: self._draft(s, params, body, media))
        except IntegrityError:  # two first texts from a new number at once: the other one created the contact
            draft = await self._db.run(lambda s: self._draft(s, params, body, media))
        accepted = await self._inbox.accept(draft)
        if accepted.duplicate:
            logger.info("sms.inbound.duplicate id=%s", accepted.message_id)
            return
        self._inbox.schedule(accepted.message_id, draft.conversation_id)

    def _draft(self, session: Session, params: dict[str, str], body: str, media: list[dict[str, str]]) -> InboundDraft:
        contact = get_or_create_contact(session, self._vault, Channel.SMS, params["From"])
        conversation_id = sms_conversation_id(contact.address_hash)
        get_or_create_conversation(session, conversation_id, Channel.SMS, contact.id)
        choice = match_choice(body, _last_buttons(session, conversation_id)) if body.strip() else None
        return InboundDraft(
            channel=Channel.SMS,
            conversation_id=conversation_id,
            external_id=params["MessageSid"],
            body=body,
            media=media,
            payload=choice["payload"] if choice else None,
        )

    async def status_view(self, request: web.Request) -> web.Response:
        """POST /sms/status: Twilio's delivery report for a message we sent (recorded by the outbox)."""
        params = await self._signed_params(request)
        sid, status = params.get("MessageSid", ""), params.get("MessageStatus", "")
        if not sid:
            raise web.HTTPBadRequest(text="MessageSid is required")
        found = await self._outbox.record_status(sid, status, params.get("ErrorCode") or None)
        logger.info("sms.status sid_known=%s status=%s", found, status[:20])
        return web.Response(status=204)


def _media_items(params: dict[str, str]) -> list[dict[str, str]]:
    try:
        count = min(int(params.get("NumMedia") or 0), MAX_MEDIA)
    except ValueError:
        count = 0
    return [
        {"url": params[f"MediaUrl{n}"], "content_type": params.get(f"MediaContentType{n}", "")}
        for n in range(count)
        if params.get(f"MediaUrl{n}")
    ]


def _last_buttons(session: Session, conversation_id: str) -> list[dict[str, str]]:
    """The buttons of the assistant's latest answer (the choices a reply of "1" refers to)."""
    recent = session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.conversation_id == conversation_id, OutboundMessage.origin == Origin.BOT)
        .order_by(OutboundMessage.id.desc())
        .limit(5)
    ).all()
    latest_turn = [m for m in recent if recent and m.inbound_id == recent[0].inbound_id]
    for message in latest_turn:
        buttons = (message.payload or {}).get("buttons")
        if buttons:
            return list(buttons)
    return []
