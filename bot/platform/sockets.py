"""Open WebSockets grouped by a key (a conversation for the widget; later, a console room)."""

from __future__ import annotations

import logging
from collections import defaultdict
from typing import Any

from aiohttp import web

logger = logging.getLogger(__name__)


class SocketHub:
    """The sockets open for each key (a resident may have several tabs open on one conversation)."""

    def __init__(self) -> None:
        self._sockets: dict[str, set[web.WebSocketResponse]] = defaultdict(set)

    def add(self, key: str, ws: web.WebSocketResponse) -> None:
        """Register a socket."""
        self._sockets[key].add(ws)

    def remove(self, key: str, ws: web.WebSocketResponse) -> None:
        """Forget a socket."""
        sockets = self._sockets.get(key)
        if sockets is not None:
            sockets.discard(ws)
            if not sockets:
                del self._sockets[key]

    async def push(self, key: str, frame: dict[str, Any]) -> int:
        """Send ``frame`` to every open socket of ``key``; returns how many got it."""
        sent = 0
        for ws in list(self._sockets.get(key, ())):
            if ws.closed:
                self.remove(key, ws)
                continue
            try:
                await ws.send_json(frame)
                sent += 1
            except (ConnectionError, RuntimeError):
                self.remove(key, ws)
        return sent

    async def push_all(self, frame: dict[str, Any]) -> int:
        """Send ``frame`` to every open socket (a City alert to every open widget); returns how many got it."""
        sent = 0
        for key in list(self._sockets):
            sent += await self.push(key, frame)
        return sent

    async def close_all(self) -> None:
        """Close every socket (on shutdown)."""
        for sockets in list(self._sockets.values()):
            for ws in list(sockets):
                await ws.close(code=1001, message=b"server shutdown")
        self._sockets.clear()
