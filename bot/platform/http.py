"""The front door's one outgoing HTTP session, opened on first use inside the running event loop."""

from __future__ import annotations

import aiohttp


class HttpClient:
    """Holds one ``aiohttp.ClientSession`` for the clients that call out (Rasa, photo downloads)."""

    def __init__(self, session: aiohttp.ClientSession | None = None) -> None:
        self._session = session

    @property
    def session(self) -> aiohttp.ClientSession:
        """The shared session (created the first time it is needed)."""
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession()
        return self._session

    async def close(self) -> None:
        """Close the session, if one was opened."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None
