"""Signing up for text alerts from the web chat widget: ``POST /alerts/subscribe`` (``docs/broadcasts-api.md``).

The widget runs on other sites, so the endpoint is readable from any origin (no credentials). It records a
pending request and texts the number for the YES that confirms it (double opt-in); nothing is active until
the phone's owner answers. Requests are limited per address.
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.language.i18n import N_, normalize_language, translate
from bot.messaging.conversations import get_or_create_contact, get_or_create_conversation, sms_conversation_id
from bot.messaging.outbox import Outbox, OutgoingMessage
from bot.messaging.vocabulary import Channel, Origin
from bot.platform.db import Database
from bot.platform.pii import PiiVault
from bot.platform.ratelimit import RateLimiter
from broadcasts.imports import normalize_phone
from broadcasts.subscriptions import CONFIRM_QUESTION, confirmation_prompt, request_alerts, valid_zip
from broadcasts.vocabulary import ConsentMethod

CORS = {"Access-Control-Allow-Origin": "*"}
REQUESTS_PER_MINUTE = 5
SENT = N_("We texted {phone}. Reply YES to that text to start getting alerts.")
BAD_PHONE = N_("Please enter a US mobile number, for example 503-555-0123.")
BAD_ZIP = N_("That ZIP code is not in Portland or Multnomah County. Leave it empty to get every alert.")
TOO_MANY = N_("Too many requests. Please try again in a minute.")
OPTED_OUT = N_("This number texted STOP. Text START to 311 first, then sign up again.")


class AlertSignup:
    """The widget's sign-up form's endpoint."""

    def __init__(self, db: Database, vault: PiiVault, outbox: Outbox) -> None:
        self._db = db
        self._vault = vault
        self._outbox = outbox
        self._limiter = RateLimiter(REQUESTS_PER_MINUTE)

    async def subscribe(self, request: web.Request) -> web.Response:
        """Record the request and text the number for its YES."""
        try:
            body: Any = await request.json()
        except ValueError:
            body = {}
        body = body if isinstance(body, dict) else {}
        language = normalize_language(str(body.get("language") or "en"))
        if self._limiter.retry_after(request.remote or ""):
            return web.json_response({"error": translate(language, TOO_MANY)}, status=429, headers=CORS)
        phone = normalize_phone(str(body.get("phone") or "")[:40])
        if phone is None:
            return web.json_response({"error": translate(language, BAD_PHONE)}, status=400, headers=CORS)
        zip_raw = str(body.get("zip") or "").strip()[:10]
        if zip_raw and valid_zip(zip_raw) is None:
            return web.json_response({"error": translate(language, BAD_ZIP)}, status=400, headers=CORS)

        def record(session: Session) -> list[int] | None:
            contact = get_or_create_contact(session, self._vault, Channel.SMS, phone)
            if contact.opted_out:
                return None
            conversation_id = sms_conversation_id(contact.address_hash)
            conversation = get_or_create_conversation(session, conversation_id, Channel.SMS, contact.id)
            conversation.language = conversation.language or language
            pending = request_alerts(session, contact.id, language, zip_raw or None, ConsentMethod.WEBCHAT_FORM)
            conversation.question = CONFIRM_QUESTION
            prompt = OutgoingMessage(confirmation_prompt(language, pending.zip))
            return self._outbox.store(session, conversation_id, [prompt], Origin.KEYWORD)

        ids = await self._db.run(record)
        if ids is None:
            return web.json_response({"error": translate(language, OPTED_OUT)}, status=400, headers=CORS)
        await self._outbox.deliver_all(ids)
        digits = phone.removeprefix("+1")
        shown = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
        return web.json_response({"message": translate(language, SENT, phone=shown)}, headers=CORS)
