"""A small client for the Rasa server's HTTP interfaces (REST channel and tracker events)."""

from __future__ import annotations

from typing import Any

import aiohttp

from bot.platform.exceptions import RasaNotReady, RasaUnavailable
from bot.platform.http import HttpClient

DEFAULT_TIMEOUT = 60.0
#: Answers that mean "not ready yet" (no model loaded, or starting up), not "this message failed".
NOT_READY_STATUSES = frozenset({409, 502, 503, 504})


class RasaClient:
    """Talks to one Rasa server through the front door's injectable HTTP session."""

    def __init__(self, base_url: str, http: HttpClient, timeout: float = DEFAULT_TIMEOUT) -> None:
        self._base_url = base_url.rstrip("/")
        self._http = http
        self._timeout = aiohttp.ClientTimeout(total=timeout)

    async def _request(self, method: str, path: str, payload: Any) -> Any:
        try:
            async with self._http.session.request(
                method, f"{self._base_url}{path}", json=payload, timeout=self._timeout
            ) as response:
                if response.status in NOT_READY_STATUSES:
                    raise RasaNotReady(f"{method} {path} answered {response.status}")
                if response.status >= 400:
                    raise RasaUnavailable(f"{method} {path} answered {response.status}")
                return await response.json(content_type=None)
        except (aiohttp.ClientConnectionError, ConnectionError) as err:
            raise RasaNotReady(f"{method} {path}: not reachable ({err.__class__.__name__})") from err
        except (TimeoutError, aiohttp.ClientError, ValueError) as err:
            raise RasaUnavailable(f"{method} {path} failed: {err.__class__.__name__}") from err

    async def send_message(
        self, sender: str, text: str, metadata: dict[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Send one resident message through the REST channel; returns the bot's messages."""
        payload = {"sender": sender, "message": text, "metadata": metadata or {}}
        answer = await self._request("POST", "/webhooks/rest/webhook", payload)
        return answer if isinstance(answer, list) else []

    async def set_slots(self, sender: str, slots: dict[str, Any]) -> None:
        """Append ``slot`` events to the conversation (language, media) before a message."""
        await self.append_events(
            sender, [{"event": "slot", "name": name, "value": value} for name, value in slots.items()]
        )

    async def append_events(self, sender: str, events: list[dict[str, Any]]) -> None:
        """Append events to the conversation's tracker (Rasa's own event format)."""
        await self._request("POST", f"/conversations/{sender}/tracker/events?include_events=NONE", events)

    async def pause(self, sender: str) -> None:
        """Pause the conversation in Rasa (staff have it): Rasa predicts nothing until it is resumed."""
        await self.append_events(sender, [{"event": "pause"}])

    async def resume(self, sender: str) -> None:
        """Resume a paused conversation: the assistant answers again, its slots and form as they were.

        The pause came in the middle of a turn (the handoff action's own event), so the turn is closed
        with ``action_listen``: the resident's next message then starts a turn as usual.
        """
        await self.append_events(sender, [{"event": "resume"}, {"event": "action", "name": "action_listen"}])

    async def tracker(self, sender: str) -> dict[str, Any]:
        """The conversation's current state (slots, active form, paused), without its events."""
        answer = await self._request("GET", f"/conversations/{sender}/tracker?include_events=NONE", None)
        return answer if isinstance(answer, dict) else {}

    async def is_ready(self) -> bool:
        """Whether the server answers and has a model loaded."""
        try:
            status = await self._request("GET", "/status", None)
        except RasaUnavailable:
            return False
        return bool(status.get("model_file")) if isinstance(status, dict) else False
