"""Rasa's NLG endpoint: every response the dialogue engine says is rendered here from the catalogs.

The conversation's language is the front door's own record (``conversations.language``, set by
language detection and the widget's toggle); an explicit ``language`` argument (an action that
switches language in the same turn) wins, and the tracker's ``language`` slot is the fallback
for conversations the front door never saw.
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.language.responses import UnknownResponse, render

logger = logging.getLogger(__name__)
FALLBACK_RESPONSE = "utter_default"
ASK_PREFIX = "utter_ask_"
CONFIRM_PREFIX = "utter_confirm_"
CONFIRMATION_QUESTION = "report_confirmed"


def question_of(response: str) -> str | None:
    """The form question a response asks (the slot it fills), if it asks one.

    ``utter_ask_<slot>`` asks for ``<slot>``; the confirmation summaries ask ``report_confirmed``.
    """
    if response.startswith(ASK_PREFIX):
        return response[len(ASK_PREFIX) :]
    if response.startswith(CONFIRM_PREFIX):
        return CONFIRMATION_QUESTION
    return None


def render_request(body: dict[str, Any], known_language: str | None = None) -> dict[str, Any]:
    """Render one NLG request: the response name, its arguments and the tracker's slots.

    Every response carries ``custom.question`` (the form question it asks, or None), which reaches the
    front door in Rasa's answer; the last one of a turn is the question the resident is answering next.
    """
    name = body.get("response") or ""
    arguments = body.get("arguments") or {}
    slots = (body.get("tracker") or {}).get("slots") or {}
    lang = arguments.get("language") or known_language or slots.get("language")
    message = render(name, lang, {**slots, **arguments})
    message["custom"] = {"question": question_of(name)}
    return message


LanguageLookup = Callable[[str], Awaitable[str | None]]


LOOPBACK = frozenset({"127.0.0.1", "::1"})


class NlgEndpoint:
    """POST /nlg from the Rasa server; ``language_of(sender_id)`` reads the conversation's language record.

    Only the Rasa server may call it: with a token configured (``NLG_TOKEN``, which Rasa sends as the
    ``token`` query parameter) the token must match; without one, only callers on this machine are answered.
    """

    def __init__(self, language_of: LanguageLookup, token: str = "") -> None:
        self._language_of = language_of
        self._token = token

    def _allowed(self, request: web.Request) -> bool:
        if self._token:
            return hmac.compare_digest(request.query.get("token", ""), self._token)
        return request.remote in LOOPBACK

    async def view(self, request: web.Request) -> web.Response:
        """Render the requested response in the conversation's language."""
        if not self._allowed(request):
            raise web.HTTPForbidden(text="the NLG endpoint answers the Rasa server only")
        try:
            body = await request.json()
        except ValueError as err:
            raise web.HTTPBadRequest(text="expected a JSON body") from err
        sender = str((body.get("tracker") or {}).get("sender_id") or "")
        language = await self._language_of(sender) if sender else None
        try:
            return web.json_response(render_request(body, language))
        except UnknownResponse as err:
            logger.error("nlg.unknown_response %s", err)
            return web.json_response(render_request({**body, "response": FALLBACK_RESPONSE}, language))


def setup(app: web.Application, language_of: LanguageLookup, token: str = "") -> None:
    """Mount ``POST /nlg`` (Rasa's NLG endpoint) on the front door."""
    app.router.add_post("/nlg", NlgEndpoint(language_of, token).view)
