"""The Open311 GeoReport v2 API: the service catalogue and service requests, as JSON or XML.

Mounted on the front door by :func:`bot.open311.routes.setup`, which adds the routes under the
spec's prefix, ``/open311/v2``::

    setup(app, deps)

Every endpoint answers in the format its extension names (``services.json``,
``services.xml``). Where this API chooses within or beyond the spec:

* ``POST requests`` answers **201 Created** (the spec's examples show 200) with a
  ``Location`` header naming the new request. It takes the spec's form-encoded body or a
  JSON object; ``api_key`` must be one of ``OPEN311_API_KEYS`` (403 otherwise).
  ``first_name``, ``last_name``, ``email``, ``phone`` and ``device_id`` are accepted and
  discarded: they are never stored or shown. An optional ``language`` (``en``/``es``)
  says which language the resident wrote in.
* Each request carries one extension field, ``language``, the language the resident used.
  Contact details (phone numbers, conversation ids) never leave the database.
* ``service_request_id`` values are the case numbers residents see (``PDX-2026-000123``)
  and must be given exactly as issued (case does not matter).
* ``GET requests`` without dates covers the last 90 days; with only ``end_date``, the
  90 days before it; with only ``start_date``, everything since. Longer ranges are
  allowed, and at most 1000 requests are returned, newest first.
* Datetimes are ISO 8601 in UTC with an explicit offset (``2026-03-01T17:05:00+00:00``);
  dates given without an offset are read as UTC.
* Errors are the spec's ``[{"code": 400, "description": "..."}]`` with the same HTTP
  status (400, 403 or 404); ``service_notice``, ``expected_datetime``, ``address_id`` and
  ``zipcode`` are always empty.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web
from sqlalchemy.orm import Session

from bot.open311.documents import (
    definition_document,
    open311_error,
    request_document,
    requested_format,
    respond,
    service_document,
)
from bot.open311.inputs import InvalidParameter, key_is_valid, parse_new_request, parse_query, read_fields
from bot.platform.db import Database, utcnow
from bot.platform.settings import Settings
from bot.reports.catalogue import SERVICES, service_for
from bot.reports.service_requests import (
    InvalidServiceRequest,
    NewServiceRequest,
    RequestNotFound,
    file_request,
    get_request,
    search_requests,
)

logger = logging.getLogger(__name__)

PREFIX = "/open311/v2"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-01-15T00:00:00+00:00"  # bump when the catalogue or this API changes
CONTACT = "PDX 311: call 311 or 503-823-4000, or visit https://www.portland.gov/311"
KEY_SERVICE = "Ask the PDX 311 team for an api_key; only POST requests.json needs one."
CONTENT_TYPES = {"json": "application/json", "xml": "text/xml"}


# --- views ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Open311Api:
    """The GeoReport v2 views over one database."""

    db: Database
    settings: Settings

    @staticmethod
    def _check_format(request: web.Request) -> None:
        if request.match_info.get("format") not in CONTENT_TYPES:
            raise open311_error(request, web.HTTPNotFound, "formats are .json and .xml")

    async def discovery(self, request: web.Request) -> web.Response:
        """``GET discovery``: where the API lives and what it speaks."""
        self._check_format(request)
        endpoint = {
            "specification": SPECIFICATION,
            "url": f"{self.settings.public_base_url}{PREFIX}",
            "changeset": CHANGESET,
            "type": "production",
            "formats": list(CONTENT_TYPES.values()),
        }
        document = {"changeset": CHANGESET, "contact": CONTACT, "key_service": KEY_SERVICE, "endpoints": [endpoint]}
        return respond(request, document, "discovery")

    async def services(self, request: web.Request) -> web.Response:
        """``GET services``: the catalogue."""
        self._check_format(request)
        return respond(request, [service_document(s) for s in SERVICES.values()], "services", "service")

    async def service_definition(self, request: web.Request) -> web.Response:
        """``GET services/{service_code}``: one service's attributes."""
        self._check_format(request)
        service = service_for(request.match_info["service_code"])
        if service is None:
            raise open311_error(request, web.HTTPNotFound, "no service has that service_code")
        return respond(request, definition_document(service), "service_definition")

    async def post_service_request(self, request: web.Request) -> web.Response:
        """``POST requests``: file a service request (201 with its id)."""
        self._check_format(request)
        try:
            fields = await read_fields(request)
        except InvalidParameter as err:
            raise open311_error(request, web.HTTPBadRequest, str(err)) from err
        if not key_is_valid(fields.get("api_key") or request.query.get("api_key", ""), self.settings.open311_api_keys):
            logger.info("open311.post.forbidden")
            raise open311_error(request, web.HTTPForbidden, "api_key is missing or not valid")
        try:
            new = parse_new_request(fields)
            filed = await self.db.run(_filer(new))
        except (InvalidParameter, InvalidServiceRequest) as err:
            raise open311_error(request, web.HTTPBadRequest, str(err)) from err
        logger.info("open311.request.filed", extra={"case": filed, "service_code": new.service_code})
        location = f"{self.settings.public_base_url}{PREFIX}/requests/{filed}.{requested_format(request)}"
        document = [{"service_request_id": filed, "service_notice": None, "account_id": None}]
        response = respond(request, document, "service_requests", "request", status=201)
        response.headers["Location"] = location
        return response

    async def get_service_requests(self, request: web.Request) -> web.Response:
        """``GET requests``: requests matching the spec's filters, newest first."""
        self._check_format(request)
        try:
            query = parse_query(request.query, utcnow())
        except InvalidParameter as err:
            raise open311_error(request, web.HTTPBadRequest, str(err)) from err
        wanted = {i.upper() for i in query.service_request_ids}

        def search(session: Session) -> list[dict[str, object]]:
            rows = search_requests(session, query)
            return [request_document(r) for r in rows if not wanted or (r.service_request_id or "").upper() in wanted]

        return respond(request, await self.db.run(search), "service_requests", "request")

    async def get_service_request(self, request: web.Request) -> web.Response:
        """``GET requests/{service_request_id}``: a list holding that one request."""
        self._check_format(request)
        reference = request.match_info["service_request_id"].strip()

        def find(session: Session) -> dict[str, object]:
            row = get_request(session, reference)
            if (row.service_request_id or "").upper() != reference.upper():
                raise RequestNotFound(reference)
            return request_document(row)

        try:
            document = await self.db.run(find)
        except RequestNotFound as err:
            raise open311_error(request, web.HTTPNotFound, "no service request has that service_request_id") from err
        return respond(request, [document], "service_requests", "request")


def _filer(new: NewServiceRequest) -> Callable[[Session], str]:
    def file(session: Session) -> str:
        return str(file_request(session, new).service_request_id)

    return file
