"""The broadcasters' page and API: compose with a preview, approve, cancel, watch (``docs/broadcasts-api.md``).

Every API view goes through the console's gate (``handoff.console.access``): the console's session, the
``broadcaster`` role (admins too), and the same origin with the CSRF token for changes; refusals are audited.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.platform.db import Database, aware
from bot.platform.settings import Settings
from broadcasts import service
from broadcasts.models import Broadcast
from handoff import auth
from handoff.console.access import SECURITY_HEADERS, Access, error, ok, read_json
from handoff.models import StaffUser
from handoff.vocabulary import Role

STATIC = Path(__file__).resolve().parent / "static"
STATUSES = ("queued", "sending", "sent", "delivered", "undelivered", "failed", "suppressed", "cancelled")


def broadcast_json(session: Session, broadcast: Broadcast) -> dict[str, Any]:
    """A broadcast as the page shows it, with its messages per language and status."""
    ids = {i for i in (broadcast.created_by, broadcast.approved_by) if i}
    emails = dict(session.execute(select(StaffUser.id, StaffUser.email).where(StaffUser.id.in_(ids))).all())
    counts = service.progress(session, broadcast.id)
    when = {k: getattr(broadcast, k) for k in ("created_at", "approved_at", "started_at", "finished_at")}
    return {
        "id": broadcast.id,
        "severity": broadcast.severity,
        "status": broadcast.status,
        "text_en": broadcast.text_en,
        "text_es": broadcast.text_es,
        "zips": broadcast.zips,
        "created_by": emails.get(broadcast.created_by),
        "approved_by": emails.get(broadcast.approved_by),
        **{k: aware(v).isoformat() if v else None for k, v in when.items()},
        "recipients": broadcast.recipients if (broadcast.recipients or 0) >= 0 else None,
        "progress": {lang: {s: counts[lang].get(s, 0) for s in STATUSES} for lang in ("en", "es")},
    }


class BroadcastViews:
    """The page and its API; ``wake`` tells the front door's sender that a broadcast is ready."""

    def __init__(self, settings: Settings, db: Database, access: Access, wake: Callable[[], None]) -> None:
        self._settings = settings
        self._db = db
        self._access = access
        self._wake = wake

    def setup(self, app: web.Application) -> None:
        """Mount the page and the API."""
        r, staff = app.router, self._access.staff
        r.add_get("/console/broadcasts", self.page)
        r.add_get("/console/broadcasts/static/{name}", self.static)
        r.add_get("/console/api/broadcasts", staff(self.list, Role.BROADCASTER))
        r.add_post("/console/api/broadcasts/preview", staff(self.preview, Role.BROADCASTER, write=True))
        r.add_post("/console/api/broadcasts", staff(self.create, Role.BROADCASTER, write=True))
        r.add_get("/console/api/broadcasts/{id:\\d+}", staff(self.one, Role.BROADCASTER))
        for action in ("approve", "cancel"):
            r.add_post(f"/console/api/broadcasts/{{id:\\d+}}/{action}", staff(self.act, Role.BROADCASTER, write=True))

    async def page(self, request: web.Request) -> web.StreamResponse:
        """The broadcasts page (it asks the API who is signed in)."""
        return web.FileResponse(STATIC / "broadcasts.html", headers=SECURITY_HEADERS)

    async def static(self, request: web.Request) -> web.StreamResponse:
        """The page's script and styles."""
        name = request.match_info["name"]
        if name not in {"broadcasts.js", "broadcasts.css"}:
            raise web.HTTPNotFound()
        return web.FileResponse(
            STATIC / name, headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}
        )

    async def list(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """The latest broadcasts with their progress."""

        def run(session: Session) -> list[dict[str, Any]]:
            rows = session.scalars(select(Broadcast).order_by(Broadcast.id.desc()).limit(50))
            return [broadcast_json(session, b) for b in rows]

        return ok(
            {
                "broadcasts": await self._db.run(run),
                "approval_required": self._settings.broadcast_emergency_approval,
                "rate": self._settings.broadcast_rate,
            }
        )

    async def preview(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """Recipients, segments, encoding and time to deliver, before anything is stored."""
        try:
            draft = _draft(await read_json(request))
        except service.InvalidBroadcast as err:
            return error(422, "Some fields need attention.", fields=err.fields)
        shown = await self._db.run(lambda s: service.preview(s, draft, self._settings.broadcast_rate or None))
        return ok(
            {
                "recipients": shown.recipients,
                "total": shown.total,
                "segments": shown.segments,
                "encoding": shown.encoding,
                "seconds": shown.seconds,
                "bodies": draft.bodies,
            }
        )

    async def create(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """Store the alert: an emergency waits for a second broadcaster; any other starts sending."""
        try:
            draft = _draft(await read_json(request))
        except service.InvalidBroadcast as err:
            return error(422, "Some fields need attention.", fields=err.fields)
        user_id, address = signed_in.user.id, request.remote

        def run(session: Session) -> dict[str, Any]:
            approval = self._settings.broadcast_emergency_approval
            broadcast = service.create(session, draft, user_id, "console", approval_required=approval)
            auth.audit(session, user_id, "broadcast_create", f"broadcast:{broadcast.id}", address=address)
            return broadcast_json(session, broadcast)

        created = await self._db.run(run)
        self._wake()
        return ok({"broadcast": created}, status=201)

    async def one(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """One broadcast with its progress."""
        broadcast_id = int(request.match_info["id"])
        try:
            return ok({"broadcast": await self._db.run(lambda s: broadcast_json(s, service.get(s, broadcast_id)))})
        except service.NotAllowed as err:
            return error(404, str(err))

    async def act(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """Approve (a second broadcaster) or cancel."""
        broadcast_id = int(request.match_info["id"])
        action = request.path.rsplit("/", 1)[-1]
        user_id, address = signed_in.user.id, request.remote

        def run(session: Session) -> dict[str, Any]:
            if action == "approve":
                service.approve(session, broadcast_id, user_id)
            else:
                service.cancel(session, broadcast_id, user_id)
            auth.audit(session, user_id, f"broadcast_{action}", f"broadcast:{broadcast_id}", address=address)
            return broadcast_json(session, service.get(session, broadcast_id))

        try:
            changed = await self._db.run(run)
        except service.NotAllowed as err:
            refused = str(err)
            await self._db.run(
                lambda s: auth.audit(
                    s, user_id, f"broadcast_{action}", f"broadcast:{broadcast_id}", "refused", address, why=refused
                )
            )
            return error(409, refused)
        self._wake()
        return ok({"broadcast": changed})


def _draft(body: dict[str, Any]) -> service.Draft:
    zips = body.get("zips")
    return service.check(
        str(body.get("text_en") or ""),
        str(body.get("text_es") or ""),
        str(body.get("severity") or ""),
        zips if isinstance(zips, list | str) else None,
    )
