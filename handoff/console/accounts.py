"""The console's session views (sign in and out) and the supervisor's and admin's views (the floor, accounts)."""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.platform.db import Database, aware, utcnow
from handoff import auth, presence
from handoff.console.access import COOKIE, Access, error, ok, read_json
from handoff.console.serialize import items, user_json
from handoff.models import HandoffRequest, StaffUser
from handoff.vocabulary import HandoffStatus, Role


class AccountViews:
    """Sign-in, the supervisor's overview and the admin's account management."""

    def __init__(self, access: Access, db: Database) -> None:
        self._access = access
        self._db = db

    def setup(self, app: web.Application) -> None:
        """Mount the routes."""
        r, staff = app.router, self._access.staff
        r.add_get("/console/api/session", self.session)
        r.add_post("/console/api/login", self.login)
        r.add_post("/console/api/logout", staff(self.logout, Role.AGENT, write=True))
        r.add_get("/console/api/stats", staff(self.stats, Role.SUPERVISOR))
        r.add_get("/console/api/users", staff(self.users, Role.ADMIN))
        r.add_post("/console/api/users", staff(self.create_user, Role.ADMIN, write=True))
        r.add_post("/console/api/users/{id:\\d+}", staff(self.update_user, Role.ADMIN, write=True))

    async def session(self, request: web.Request) -> web.Response:
        """Who is signed in (and the CSRF token), or that nobody is."""
        signed_in = await self._access.signed_in(request, touch=False)
        if signed_in is None:
            return ok({"signed_in": False})
        return ok({"signed_in": True, "user": user_json(signed_in.user), "csrf_token": signed_in.csrf_token})

    async def login(self, request: web.Request) -> web.Response:
        """Sign in with email and password (throttled; every attempt audited)."""
        if not self._access.same_origin(request):
            return error(403, "This request did not come from the console.")
        body = await read_json(request)
        email, password = str(body.get("email") or ""), str(body.get("password") or "")
        if not email or not password:
            return error(400, "Enter your email and password.")
        address = request.remote or ""
        outcome = await self._db.run(lambda s: auth.sign_in(s, email, password, address))
        if isinstance(outcome, auth.TooManyAttempts):
            return error(429, str(outcome), retry_after=outcome.retry_after)
        if isinstance(outcome, auth.AuthError):
            return error(401, str(outcome))
        user = await self._db.run(lambda s: s.get(StaffUser, outcome.user_id))
        response = ok({"user": user_json(user), "csrf_token": outcome.csrf_token})
        response.set_cookie(
            COOKIE,
            outcome.token,
            httponly=True,
            secure=self._access.secure,
            samesite="Strict",
            path="/console",
            max_age=int(self._access.absolute.total_seconds()),
        )
        return response

    async def logout(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """End the session."""
        token = request.cookies.get(COOKIE)
        user_id = signed_in.user.id

        def run(session: Session) -> None:
            auth.sign_out(session, token)
            auth.audit(session, user_id, "sign_out", address=request.remote)

        await self._db.run(run)
        response = ok({})
        response.del_cookie(COOKIE, path="/console")
        return response

    async def stats(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """Queue length, longest wait, agents online with their load, recent conversations."""

        def run(session: Session) -> dict[str, Any]:
            now = utcnow()
            waiting = list(
                session.scalars(select(HandoffRequest).where(HandoffRequest.status == HandoffStatus.WAITING))
            )
            recent = list(session.scalars(select(HandoffRequest).order_by(HandoffRequest.id.desc()).limit(50)))
            longest = max((int((now - aware(r.created_at)).total_seconds()) for r in waiting), default=0)
            return {
                "queue_length": len(waiting),
                "longest_wait_seconds": longest,
                "agents": presence.staff_overview(session, now),
                "recent": items(session, recent, now),
            }

        return ok(await self._db.run(run))

    async def users(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """Every staff account."""
        rows = await self._db.run(lambda s: list(s.scalars(select(StaffUser).order_by(StaffUser.email))))
        return ok({"users": [user_json(u) for u in rows]})

    async def create_user(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """An admin creates an account."""
        body = await read_json(request)
        admin_id = signed_in.user.id
        try:
            role = Role(str(body.get("role") or ""))
        except ValueError:
            return error(400, "Choose a role: agent, supervisor or admin.")

        def run(session: Session) -> StaffUser:
            user = auth.create_user(
                session, str(body.get("email") or ""), str(body.get("password") or ""), role, bool(body.get("spanish"))
            )
            auth.audit(session, admin_id, "user_create", user.email, address=request.remote, role=role)
            return user

        try:
            user = await self._db.run(run)
        except auth.InvalidAccount as err:
            return error(409 if "exists" in str(err) else 400, str(err))
        return ok({"user": user_json(user)}, status=201)

    async def update_user(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """An admin changes an account's role, language or whether it is active."""
        body = await read_json(request)
        target, admin_id = int(request.match_info["id"]), signed_in.user.id

        def run(session: Session) -> StaffUser | None:
            user = session.get(StaffUser, target)
            if user is None:
                return None
            if "role" in body:
                user.role = Role(str(body["role"]))
            if "active" in body:
                if user.id == admin_id and not body["active"]:
                    raise auth.InvalidAccount("You cannot disable your own account.")
                user.active = bool(body["active"])
            if "spanish" in body:
                user.spanish = bool(body["spanish"])
            auth.audit(
                session,
                admin_id,
                "user_update",
                user.email,
                address=request.remote,
                **{k: body[k] for k in ("role", "active", "spanish") if k in body},
            )
            return user

        try:
            user = await self._db.run(run)
        except ValueError:
            return error(400, "Choose a role: agent, supervisor or admin.")
        except auth.InvalidAccount as err:
            return error(400, str(err))
        return ok({"user": user_json(user)}) if user else error(404, "No such account.")
