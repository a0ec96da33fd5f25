"""Rasa's NLG endpoint: every response the dialogue engine says is rendered here from the catalogs."""

from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from bot.responses import UnknownResponse, render

logger = logging.getLogger(__name__)


def render_request(body: dict[str, Any]) -> dict[str, Any]:
    """Render one NLG request: the response name, its arguments and the tracker's slots."""
    name = body.get("response") or ""
    arguments = body.get("arguments") or {}
    slots = (body.get("tracker") or {}).get("slots") or {}
    values = {**slots, **arguments}
    lang = arguments.get("language") or slots.get("language")
    return render(name, lang, values)


async def nlg_view(request: web.Request) -> web.Response:
    """POST /nlg from the Rasa server."""
    try:
        body = await request.json()
    except ValueError as err:
        raise web.HTTPBadRequest(text="expected a JSON body") from err
    try:
        return web.json_response(render_request(body))
    except UnknownResponse as err:
        logger.error("nlg.unknown_response %s", err)
        return web.json_response({"text": ""})
