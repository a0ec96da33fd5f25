"""The agent's filing and reference views: a report for the resident, a case, canned responses, services.

A report an agent files is checked as the assistant checks one (the same location parser, the service's
required questions).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from bot.language.i18n import gettext_for
from bot.messaging.models import Conversation
from bot.platform.db import Database, aware
from bot.reports.catalogue import SERVICES
from bot.reports.locations import read_location
from bot.reports.service_requests import (
    InvalidServiceRequest,
    NewServiceRequest,
    RequestNotFound,
    file_request,
    get_request,
)
from bot.reports.statuses import status_for
from handoff import auth, queue
from handoff.console.access import Access, error, ok, read_json
from handoff.console.canned import canned_responses
from handoff.models import StaffUser
from handoff.queue import ClaimConflict, HandoffNotFound
from handoff.vocabulary import LiveEvent, Role


class ReportViews:
    """What an agent files and looks up."""

    def __init__(self, access: Access, db: Database) -> None:
        self._access = access
        self._db = db

    def setup(self, app: web.Application) -> None:
        """Mount the routes."""
        r, staff = app.router, self._access.staff
        r.add_post("/console/api/handoffs/{id:\\d+}/report", staff(self.report, Role.AGENT, write=True))
        r.add_get("/console/api/cases/{case}", staff(self.case, Role.AGENT))
        r.add_get("/console/api/canned", staff(self.canned, Role.AGENT))
        r.add_get("/console/api/services", staff(self.services, Role.AGENT))

    async def report(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """File a report for the resident of a conversation this agent holds."""
        try:
            return await self._file_report(
                int(request.match_info["id"]), signed_in.user, await read_json(request), request.remote or ""
            )
        except HandoffNotFound as err:
            return error(404, str(err))
        except ClaimConflict as err:
            return error(409, str(err))

    async def _file_report(self, handoff_id: int, user: StaffUser, body: dict[str, Any], address: str) -> web.Response:
        """File a report for the resident, checked as the assistant checks it (the same location parser)."""
        code = str(body.get("service_code") or "")
        service = SERVICES.get(code)
        raw_details = body.get("details")
        details: dict[str, Any] = raw_details if isinstance(raw_details, dict) else {}
        fields: dict[str, str] = {}
        if service is None:
            fields["service_code"] = "Choose a service."
        location = str(body.get("address_string") or "").strip()[:300]
        if not location:
            fields["address_string"] = "Enter the location."
        elif read_location(location, "en") is None and read_location(location, "es") is None:
            fields["address_string"] = "That is not a place we can find: give cross streets, an address or a landmark."
        description = str(body.get("description") or "").strip()[:2000]
        attributes: dict[str, object] = {}
        for attribute in service.attributes if service else ():
            value = str(details.get(attribute.code) or "").strip()[:300]
            keys = {key for key, _ in attribute.values}
            if not value:
                if attribute.required:
                    fields[attribute.code] = "Required."
                continue
            if keys and value not in keys:
                fields[attribute.code] = f"Choose one of: {', '.join(sorted(keys))}."
                continue
            attributes[attribute.code] = {"true": True, "false": False}.get(value, value) if keys else value
        if fields:
            return error(422, "Some fields need attention.", fields=fields)

        def run(session: Session) -> tuple[str, int]:
            request_row = queue.held_by(session, handoff_id, user)
            conversation = session.get(Conversation, request_row.conversation_id)
            filed = file_request(
                session,
                NewServiceRequest(
                    service_code=code,
                    description=description,
                    address_string=location,
                    attributes=attributes,
                    language=conversation.language or "en",
                    channel=conversation.channel,
                    conversation_id=conversation.id,
                    contact_id=conversation.contact_id,
                ),
            )
            auth.audit(
                session, user.id, "file_report", f"handoff:{handoff_id}", address=address, case=filed.service_request_id
            )
            queue.record_event(session, LiveEvent.TRANSCRIPT, request_row)
            return str(filed.service_request_id), int(filed.id)

        try:
            case_number, row_id = await self._db.run(run)
        except InvalidServiceRequest as err:
            return error(422, "Some fields need attention.", fields={"address_string": str(err)})
        return ok({"case_number": case_number, "service_request_id": row_id}, status=201)

    async def case(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """Look a case up by number."""
        reference = request.match_info["case"][:64]
        user_id = signed_in.user.id

        def run(session: Session) -> dict[str, Any]:
            found = get_request(session, reference)
            auth.audit(session, user_id, "case_lookup", reference, address=request.remote)
            return {
                "case_number": found.service_request_id,
                "service_name": SERVICES[found.service_code].service_name
                if found.service_code in SERVICES
                else found.service_code,
                "status": status_for(found.status).display,
                "address": found.location_normalized or found.address_string,
                "requested": aware(found.requested_datetime).isoformat(),
                "updated": aware(found.updated_datetime).isoformat(),
                "notes": found.status_notes,
            }

        try:
            return ok(await self._db.run(run))
        except RequestNotFound:
            return error(404, f"No case {reference}.")

    async def canned(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """The canned responses, English and Spanish."""
        return ok({"responses": canned_responses()})

    async def services(self, request: web.Request, signed_in: auth.SignedIn) -> web.Response:
        """What an agent can file, with each service's questions."""
        return ok(
            {
                "services": [
                    {
                        "service_code": s.service_code,
                        "service_name": s.service_name,
                        "details": [
                            {
                                "name": a.code,
                                "label": gettext_for("en", a.description),
                                "required": a.required,
                                "values": [k for k, _ in a.values],
                            }
                            for a in s.attributes
                        ],
                    }
                    for s in SERVICES.values()
                ]
            }
        )
