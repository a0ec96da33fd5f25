"""The SMS channel: Twilio's inbound webhook and status callbacks, and carrier keywords."""

from __future__ import annotations

import logging
from urllib.parse import parse_qsl

from aiohttp import web
from sqlalchemy import select
from twilio.request_validator import RequestValidator

from bot.conversations import get_or_create_contact, get_or_create_conversation, set_opt_out, sms_conversation_id
from bot.db import Database
from bot.inbox import PROCESSED, InboundDraft, Inbox
from bot.language import detect_language
from bot.models import Contact, Conversation, InboundMessage, OutboundMessage
from bot.outbox import Outbox, OutgoingMessage
from bot.pii import PiiVault
from bot.settings import Settings
from bot.sms_keywords import Keyword, classify, keyword_language, keyword_reply
from bot.sms_render import match_choice

logger = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
MAX_BODY_BYTES = 64 * 1024
MAX_MEDIA = 10
STATUS_ORDER = ["accepted", "scheduled", "queued", "sending", "sent", "delivered", "undelivered", "failed", "read"]


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
        keyword = classify(body)
        draft = await self._db.run(lambda s: self._draft(s, params, body, media))
        accepted = await self._inbox.accept(draft)
        if accepted.duplicate:
            logger.info("sms.inbound.duplicate id=%s", accepted.message_id)
            return
        if keyword is not None:
            await self._answer_keyword(draft.conversation_id, accepted.message_id, keyword, body)
            return
        self._inbox.schedule(accepted.message_id, draft.conversation_id)

    def _draft(self, session, params: dict[str, str], body: str, media: list[dict[str, str]]):  # type: ignore[no-untyped-def]
        contact = get_or_create_contact(session, self._vault, "sms", params["From"])
        conversation_id = sms_conversation_id(contact.address_hash)
        get_or_create_conversation(session, conversation_id, "sms", contact.id)
        choice = match_choice(body, _last_buttons(session, conversation_id)) if body.strip() else None
        draft = InboundDraft(
            channel="sms",
            conversation_id=conversation_id,
            external_id=params["MessageSid"],
            body=body,
            media=media,
            payload=choice["payload"] if choice else None,
        )
        return draft

    async def _answer_keyword(self, conversation_id: str, message_id: int, keyword: Keyword, body: str) -> None:
        def apply(session) -> str:  # type: ignore[no-untyped-def]
            conversation = session.get(Conversation, conversation_id)
            language = keyword_language(body) or conversation.language or detect_language(body)
            if keyword in (Keyword.OPT_OUT, Keyword.OPT_IN):
                set_opt_out(session.get(Contact, conversation.contact_id), keyword is Keyword.OPT_OUT)
            session.get(InboundMessage, message_id).status = PROCESSED
            return language

        language = await self._db.run(apply)
        logger.info("sms.keyword %s", keyword.name)
        reply = OutgoingMessage(keyword_reply(keyword, language))
        await self._outbox.send(conversation_id, [reply], origin="keyword", inbound_id=message_id)

    async def status_view(self, request: web.Request) -> web.Response:
        """POST /sms/status: Twilio's delivery report for a message we sent."""
        params = await self._signed_params(request)
        sid, status = params.get("MessageSid", ""), params.get("MessageStatus", "")
        if not sid:
            raise web.HTTPBadRequest(text="MessageSid is required")
        if status not in STATUS_ORDER:
            logger.info("sms.status.ignored status=%s", status[:20])
            return web.Response(status=204)

        def record(session) -> bool:  # type: ignore[no-untyped-def]
            row = session.scalars(select(OutboundMessage).where(OutboundMessage.provider_sid.contains(sid))).first()
            if row is None:
                return False
            if row.status not in STATUS_ORDER or STATUS_ORDER.index(status) >= STATUS_ORDER.index(row.status):
                row.status = status
                row.error = params.get("ErrorCode") or row.error
            return True

        found = await self._db.run(record)
        logger.info("sms.status sid_known=%s status=%s", found, status)
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


def _last_buttons(session, conversation_id: str) -> list[dict[str, str]]:  # type: ignore[no-untyped-def]
    """The buttons of the assistant's latest answer (the choices a reply of "1" refers to)."""
    recent = session.scalars(
        select(OutboundMessage)
        .where(OutboundMessage.conversation_id == conversation_id, OutboundMessage.origin == "bot")
        .order_by(OutboundMessage.id.desc())
        .limit(5)
    ).all()
    latest_turn = [m for m in recent if recent and m.inbound_id == recent[0].inbound_id]
    for message in latest_turn:
        buttons = (message.payload or {}).get("buttons")
        if buttons:
            return list(buttons)
    return []
