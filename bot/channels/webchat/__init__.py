"""The web chat channel: the widget's WebSocket, uploads, interface words, the widget script and a demo page."""

from __future__ import annotations

from aiohttp import web

from bot.channels.webchat.assets import CONNECTION_SCRIPT
from bot.channels.webchat.transport import WebchatTransport
from bot.channels.webchat.views import STATIC, WebchatChannel, demo_view, widget_view
from bot.messaging.deps import Deps

__all__ = ["CONNECTION_SCRIPT", "WebchatTransport", "setup"]


def setup(app: web.Application, deps: Deps) -> None:
    """Mount the widget's routes on the front door."""
    channel = WebchatChannel(deps.settings, deps.db, deps.inbox, deps.hub, deps.media, deps.rasa)
    app.router.add_get("/webchat/ws", channel.socket_view)
    app.router.add_post("/webchat/upload", channel.upload_view)
    app.router.add_get("/webchat/strings/{lang}.json", channel.strings_view)
    app.router.add_get("/widget.js", widget_view)
    app.router.add_get("/", demo_view)
    app.router.add_static("/static/webchat/", STATIC)
