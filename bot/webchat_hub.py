"""Open web chat sockets by conversation, and the outbox's web chat channel."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from aiohttp import web

from bot.outbox import Delivery

logger = logging.getLogger(__name__)


class WebchatHub:
    """The sockets open for each conversation (a resident may have several tabs)."""

    def __init__(self) -> None:
        self._sockets: dict[str, set[web.WebSocketResponse]] = defaultdict(set)

    def add(self, conversation_id: str, ws: web.WebSocketResponse) -> None:
        """Register a socket."""
        self._sockets[conversation_id].add(ws)

    def remove(self, conversation_id: str, ws: web.WebSocketResponse) -> None:
        """Forget a socket."""
        sockets = self._sockets.get(conversation_id)
        if sockets is not None:
            sockets.discard(ws)
            if not sockets:
                del self._sockets[conversation_id]

    async def push(self, conversation_id: str, frame: dict[str, Any]) -> int:
        """Send ``frame`` to every open socket of the conversation; returns how many got it."""
        sent = 0
        for ws in list(self._sockets.get(conversation_id, ())):
            if ws.closed:
                self.remove(conversation_id, ws)
                continue
            try:
                await ws.send_json(frame)
                sent += 1
            except (ConnectionError, RuntimeError):
                self.remove(conversation_id, ws)
        return sent

    async def close_all(self) -> None:
        """Close every socket (on shutdown)."""
        for sockets in list(self._sockets.values()):
            for ws in list(sockets):
                await ws.close(code=1001, message=b"server shutdown")
        self._sockets.clear()


def message_frame(
    delivery_id: int, text: str, buttons: list[dict[str, Any]], image: str | None, language: str | None
) -> dict[str, Any]:
    """The widget's frame for one assistant message (``seq`` orders and de-duplicates them)."""
    return {
        "type": "message",
        "from": "bot",
        "seq": delivery_id,
        "text": text,
        "buttons": buttons,
        "image": image,
        "language": language,
    }


class WebchatTransport:
    """Delivers to the open sockets; a closed widget gets the message on its next resume."""

    def __init__(self, hub: WebchatHub) -> None:
        self._hub = hub

    async def deliver(self, delivery: Delivery) -> str | None:
        """Push to the widget."""
        await self._hub.push(
            delivery.conversation_id,
            message_frame(delivery.id, delivery.text, delivery.buttons, delivery.image, delivery.language),
        )
        return None
