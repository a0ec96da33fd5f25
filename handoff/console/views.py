"""The console's page, its live socket and the conversation views (``docs/console-api.md``).

Every API view is wrapped by ``Access.staff`` (session, role, origin, CSRF; refusals audited); opening a
conversation is audited too. The sign-in and staff views are in ``accounts``, filing and look-ups in ``reports``.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from aiohttp import WSMsgType, web
from sqlalchemy.orm import Session

from bot.messaging.models import Contact, Conversation
from bot.platform.db import Database, utcnow
from bot.platform.exceptions import RasaNotReady, RasaUnavailable
from handoff import auth, queue
from handoff.console.access import SECURITY_HEADERS, Access, error, ok, read_json
from handoff.console.live import LiveFeed
from handoff.console.serialize import items, note_entry, transcript_entries
from handoff.desk import AssistantUnavailable, HandoffDesk, ResidentOptedOut
from handoff.models import HandoffRequest
from handoff.queue import ClaimConflict, HandoffError, HandoffNotFound
from handoff.vocabulary import Role

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent / "static"
SOCKET_CHECK_SECONDS = 25.0
#: Slots that are the dialogue's bookkeeping, not something the resident said (not shown to the agent).
BOOKKEEPING_SLOTS = frozenset(
    {"language", "report_confirmed", "correcting", "failed_attempts", "requested_slot", "session_started_metadata"}
)
Tracker = Callable[[str], Awaitable[dict[str, Any]]]


class ConsoleViews:
    """The console's page, socket, queue and conversation actions."""

    def __init__(
        self, access: Access, db: Database, desk: HandoffDesk, live: LiveFeed, tracker: Tracker, connection_script: Path
    ) -> None:
        self._access = access
        self._db = db
        self._desk = desk
        self._live = live
        self._tracker = tracker
        self._connection_script = connection_script

    def setup(self, app: web.Application) -> None:
        """Mount the page, the socket and the conversation routes."""
        r, staff = app.router, self._access.staff
        r.add_get("/console", self.redirect)
        r.add_get("/console/", self.page)
        r.add_get("/console/static/{name}", self.static)
        r.add_get("/console/ws", self.socket)
        r.add_get("/console/api/queue", staff(self.queue, Role.AGENT))
        r.add_get("/console/api/handoffs/{id:\\d+}", staff(self.handoff, Role.AGENT))
        for action in ("claim", "reply", "notes", "return", "resolve"):
            r.add_post(f"/console/api/handoffs/{{id:\\d+}}/{action}", staff(self.act, Role.AGENT, write=True))
        r.add_post("/console/api/handoffs/{id:\\d+}/reassign", staff(self.reassign, Role.SUPERVISOR, write=True))

    async def redirect(self, request: web.Request) -> web.StreamResponse:
        """/console goes to /console/."""
        raise web.HTTPFound("/console/")

    async def page(self, request: web.Request) -> web.StreamResponse:
        """The console's single page."""
        return web.FileResponse(STATIC / "index.html", headers=SECURITY_HEADERS)

    async def static(self, request: web.Request) -> web.StreamResponse:
        """The console's own scripts and styles, the staff pages' shared kit, and the shared reliable connection."""
        name = request.match_info["name"]
        path = self._connection_script if name == "connection.js" else STATIC / name
        if name not in {"console.js", "console.css", "connection.js", "kit.js", "kit.css"} or not path.is_file():
            raise web.HTTPNotFound()
        return web.FileResponse(path, headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"})

    async def queue(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """The waiting conversations as this agent sees them, theirs, and the ones other agents hold."""
        user = signed_in.user

        def run(session: Session) -> dict[str, Any]:
            now = utcnow()
            waiting = queue.waiting_for(session, user, now)
            held = queue.claimed(session)
            listed = items(session, waiting + held, now)
            mine = [i for i in listed[len(waiting) :] if i["agent"] and i["agent"]["id"] == user.id]
            others = [i for i in listed[len(waiting) :] if i not in mine]
            return {"waiting": listed[: len(waiting)], "mine": mine, "others": others}

        return ok(await self._db.run(run))

    async def handoff(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """One conversation: the item, the whole transcript with notes, the slots filled so far (audited)."""
        handoff_id = int(request.match_info["id"])
        user_id = signed_in.user.id

        def run(session: Session) -> dict[str, Any]:
            request_row = queue.get(session, handoff_id)
            auth.audit(session, user_id, "view", f"handoff:{handoff_id}", address=request.remote)
            conversation = session.get(Conversation, request_row.conversation_id)
            contact = (
                session.get(Contact, conversation.contact_id) if conversation and conversation.contact_id else None
            )
            return {
                "handoff": items(session, [request_row], utcnow())[0],
                "transcript": transcript_entries(session, request_row),
                "opted_out": bool(contact and contact.opted_out),
            }

        try:
            payload = await self._db.run(run)
        except HandoffNotFound as err:
            return error(404, str(err))
        payload["slots"] = await self._slots(payload["handoff"]["conversation_id"], payload["handoff"].get("report"))
        return ok(payload)

    async def _slots(self, conversation_id: str, report: dict[str, Any] | None) -> dict[str, Any]:
        """The report slots filled so far, as Rasa has them now (the snapshot taken at handoff if Rasa is away)."""
        try:
            tracker = await self._tracker(conversation_id)
        except (RasaNotReady, RasaUnavailable):
            return dict((report or {}).get("slots") or {})
        slots = tracker.get("slots") or {}
        return {k: v for k, v in slots.items() if k not in BOOKKEEPING_SLOTS and v not in (None, "", [])}

    async def act(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """Claim, reply, note, return or resolve one conversation."""
        handoff_id = int(request.match_info["id"])
        action = request.path.rsplit("/", 1)[-1]
        user, address = signed_in.user, request.remote or ""
        body = await read_json(request) if action in ("reply", "notes") else {}
        try:
            if action == "claim":
                return ok({"handoff": await self._item(await self._desk.claim(handoff_id, user, address))})
            if action == "reply":
                sent = await self._desk.reply(handoff_id, user, body.get("text", ""), address)
                return ok({"message_id": sent.message_id, "segments": sent.segments, "encoding": sent.encoding})
            if action == "notes":
                note = await self._desk.note(handoff_id, user, body.get("text", ""), address)
                return ok({"note": note_entry(note, user.email)})
            closed = await self._desk.close(handoff_id, user, resolved=action == "resolve", address=address)
            return ok({"handoff": await self._item(closed)})
        except HandoffNotFound as err:
            return error(404, str(err))
        except (ClaimConflict, ResidentOptedOut) as err:
            return error(409, str(err))
        except AssistantUnavailable as err:
            return error(503, str(err))
        except HandoffError as err:
            return error(400, str(err))

    async def reassign(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """A supervisor gives a conversation to another agent."""
        body = await read_json(request)
        try:
            agent_id = int(str(body.get("agent_id")))
            moved = await self._desk.reassign(
                int(request.match_info["id"]), signed_in.user, agent_id, request.remote or ""
            )
        except (TypeError, ValueError):
            return error(400, "Choose an agent.")
        except HandoffNotFound as err:
            return error(404, str(err))
        except ClaimConflict as err:
            return error(409, str(err))
        return ok({"handoff": await self._item(moved)})

    async def _item(self, request_row: HandoffRequest) -> dict[str, Any]:
        return await self._db.run(lambda s: items(s, [s.get(HandoffRequest, request_row.id)], utcnow())[0])

    async def socket(self, request: web.Request) -> web.StreamResponse:
        """The console's live feed (same origin, signed in); closed with 4401 when the session expires."""
        if not self._access.same_origin(request):
            return error(403, "This request did not come from the console.")
        if await self._access.signed_in(request) is None:
            return error(401, "Your session has expired. Sign in again.")
        ws = web.WebSocketResponse(heartbeat=30, max_msg_size=4096)
        await ws.prepare(request)
        self._live.add(ws)
        checker = asyncio.create_task(self._keep_session(ws, request))
        try:
            await ws.send_json({"type": "session", "conversation_id": "console"})
            async for message in ws:
                if message.type != WSMsgType.TEXT:
                    continue
                try:
                    frame = json.loads(message.data)
                except ValueError:
                    continue
                if isinstance(frame, dict) and frame.get("type") == "resume":
                    after = int(frame.get("after_seq") or 0)
                    await ws.send_json({"type": "history", "messages": await self._live.history(after)})
        finally:
            checker.cancel()
            self._live.remove(ws)
        return ws

    async def _keep_session(self, ws: web.WebSocketResponse, request: web.Request) -> None:
        """While the console is open it counts as online; an expired session closes the socket."""
        while not ws.closed:
            await asyncio.sleep(SOCKET_CHECK_SECONDS)
            if await self._access.signed_in(request) is None:
                await ws.close(code=4401, message=b"session expired")
