"""Who may use the console's API: a live session, the role the view needs, origin and CSRF for changes.

A state-changing request needs the same origin and the session's CSRF token. Refusals are answered with their
status and recorded in the audit log.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from aiohttp import web

from bot.platform.db import Database
from bot.platform.settings import Settings
from handoff import auth
from handoff.vocabulary import Role

COOKIE = "pdx311_console"
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
    ),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
StaffView = Callable[[web.Request, auth.SignedIn], Awaitable[web.StreamResponse]]


def error(status: int, message: str, **extra: Any) -> web.Response:
    """A refusal: ``{"error": sentence}`` with its status."""
    return web.json_response({"error": message, **extra}, status=status, headers={"Cache-Control": "no-store"})


def ok(payload: dict[str, Any], status: int = 200) -> web.Response:
    """A JSON answer that is never cached."""
    return web.json_response(payload, status=status, headers={"Cache-Control": "no-store"})


async def read_json(request: web.Request) -> dict[str, Any]:
    """The request's JSON object (400 if it is not JSON)."""
    try:
        body = await request.json()
    except (ValueError, UnicodeDecodeError):
        raise web.HTTPBadRequest(
            text=json.dumps({"error": "The request body is not JSON."}), content_type="application/json"
        ) from None
    return body if isinstance(body, dict) else {}


class Access:
    """The console's gate: sessions (with the deployment's expiry), origins, CSRF and roles."""

    def __init__(self, settings: Settings, db: Database) -> None:
        self._db = db
        own = urlsplit(settings.public_base_url)
        self._own_origin = f"{own.scheme}://{own.netloc}"
        self.secure = settings.public_base_url.startswith("https://")
        self.idle = timedelta(minutes=settings.console_idle_minutes)
        self.absolute = timedelta(hours=settings.console_max_hours)

    def same_origin(self, request: web.Request) -> bool:
        """Whether the request comes from the console's own pages."""
        origin = request.headers.get("Origin")
        return origin in {self._own_origin, f"{request.scheme}://{request.host}"}

    async def signed_in(self, request: web.Request, touch: bool = True) -> auth.SignedIn | None:
        """The staff member behind the request's session cookie, if the session is still valid."""
        token = request.cookies.get(COOKIE)
        return await self._db.run(lambda s: auth.current(s, token, touch=touch, idle=self.idle, absolute=self.absolute))

    def staff(self, view: StaffView, role: Role, write: bool = False) -> Handler:
        """Wrap ``view``: signed in, allowed, and (for changes) same-origin with the CSRF token; refusals audited."""

        async def handler(request: web.Request) -> web.StreamResponse:
            signed_in = await self.signed_in(request)
            address = request.remote or ""
            if signed_in is None:
                return error(401, "Your session has expired. Sign in again.")
            refusal: tuple[int, str] | None = None
            if write and not self.same_origin(request):
                refusal = (403, "This request did not come from the console.")
            elif write and not auth.csrf_ok(signed_in, request.headers.get("X-CSRF-Token")):
                refusal = (403, "The security token is missing or out of date. Reload the console.")
            elif not Role(signed_in.user.role).includes(role):
                refusal = (403, f"This needs the {role} role.")
            if refusal is not None:
                user_id, action, why = signed_in.user.id, f"{request.method} {request.path}"[:64], refusal[1]
                await self._db.run(lambda s: auth.audit(s, user_id, action, None, "refused", address, why=why))
                return error(*refusal)
            return await view(request, signed_in)

        return handler
