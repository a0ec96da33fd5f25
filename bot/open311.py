"""The Open311 GeoReport v2 API: the service catalogue and service requests, as JSON or XML.

Mount it on the front door with :func:`add_open311_routes`, which adds the routes under the
spec's prefix, ``/open311/v2``::

    add_open311_routes(app, db, settings)

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

import hmac
import json
import logging
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from multidict import MultiDict, MultiDictProxy
from sqlalchemy.orm import Session

from bot.db import Database
from bot.i18n import SOURCE_LANGUAGE, normalize_language, translate
from bot.models import ServiceRequest, utcnow
from bot.service_requests import (
    InvalidServiceRequest,
    NewServiceRequest,
    RequestNotFound,
    RequestQuery,
    file_request,
    get_request,
    search_requests,
)
from bot.services import SERVICES, Attribute, Service, service_for
from bot.settings import Settings
from bot.statuses import STATUSES, status_for

logger = logging.getLogger(__name__)

PREFIX = "/open311/v2"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-01-15T00:00:00+00:00"  # bump when the catalogue or this API changes
CONTACT = "PDX 311: call 311 or 503-823-4000, or visit https://www.portland.gov/311"
KEY_SERVICE = "Ask the PDX 311 team for an api_key; only POST requests.json needs one."
CONTENT_TYPES = {"json": "application/json", "xml": "text/xml"}
DEFAULT_WINDOW = timedelta(days=90)
MAX_RESULTS = 1000
MAX_LIST_ITEMS = 100
MAX_TEXT_CHARS = 4000
MAX_URL_CHARS = 2000
OPEN311_STATUSES = frozenset(s.open311 for s in STATUSES.values())
XML_LIST_ITEMS = {"attributes": "attribute", "values": "value", "endpoints": "endpoint", "formats": "format"}
_ATTRIBUTE_FIELD = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")
_SPACED_OFFSET = re.compile(r"(T\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?) (\d\d(?::?\d\d)?)$")  # "+" read as a space
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


class InvalidParameter(ValueError):
    """A caller's parameter is missing, malformed or out of range."""


# --- reading what callers send -------------------------------------------------------


def _clean(name: str, value: str, limit: int = MAX_TEXT_CHARS) -> str:
    """``value`` stripped, refused when too long or carrying a NUL character."""
    if "\x00" in value:
        raise InvalidParameter(f"{name} contains a NUL character")
    if len(value) > limit:
        raise InvalidParameter(f"{name} is longer than {limit} characters")
    return value.strip()


def _csv(params: Mapping[str, str], name: str) -> list[str]:
    """A comma-separated parameter as a list of non-empty items."""
    items = [_clean(name, item) for item in params.get(name, "").split(",")]
    items = [item for item in items if item]
    if len(items) > MAX_LIST_ITEMS:
        raise InvalidParameter(f"{name} may list at most {MAX_LIST_ITEMS} values")
    return items


def parse_datetime(name: str, raw: str) -> datetime:
    """A W3C/ISO 8601 datetime, in UTC; one without an offset is read as UTC."""
    text = _SPACED_OFFSET.sub(r"\1+\2", _clean(name, raw, 64))
    try:
        value = datetime.fromisoformat(text)
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    except (ValueError, OverflowError) as err:
        raise InvalidParameter(f"{name} must be an ISO 8601 datetime such as 2026-01-31T08:00:00-08:00") from err


def parse_query(params: Mapping[str, str], now: datetime) -> RequestQuery:
    """The ``GET requests`` filters, with the spec's defaults (the last 90 days, 1000 results)."""
    query = RequestQuery(
        service_request_ids=_csv(params, "service_request_id"),
        service_codes=_csv(params, "service_code"),
        status=[s.lower() for s in _csv(params, "status")],
        limit=MAX_RESULTS,
    )
    unknown = sorted(set(query.status) - OPEN311_STATUSES)
    if unknown:
        raise InvalidParameter(f"status must be open or closed, not {', '.join(unknown)}")
    if query.service_request_ids:  # the spec: ids override every other argument
        return RequestQuery(service_request_ids=query.service_request_ids, limit=MAX_RESULTS)
    start, end = (parse_datetime(n, params[n]) if params.get(n) else None for n in ("start_date", "end_date"))
    if start and end and start > end:
        raise InvalidParameter("start_date is after end_date")
    if start is None:
        start = (end or now) - DEFAULT_WINDOW
    query.start_date, query.end_date = start, end
    return query


def _number(name: str, raw: str) -> float:
    try:
        value = float(_clean(name, raw, 64))
    except ValueError as err:
        raise InvalidParameter(f"{name} must be a number") from err
    if not math.isfinite(value):
        raise InvalidParameter(f"{name} must be a finite number")
    return value


def _coordinate(name: str, raw: str | None, bound: float) -> float | None:
    if raw is None or not raw.strip():
        return None
    value = _number(name, raw)
    if abs(value) > bound:
        raise InvalidParameter(f"{name} must be between -{bound:g} and {bound:g}")
    return value


def _attribute_value(attribute: Attribute, values: list[str]) -> object:
    """One attribute's answer, checked against its datatype; yes/no keys become booleans."""
    name = f"attribute[{attribute.code}]"
    keys = {key for key, _ in attribute.values}
    if attribute.datatype == "multivaluelist":
        if not set(values) <= keys:
            raise InvalidParameter(f"{name} must be among {', '.join(sorted(keys))}")
        return values
    value = values[-1]
    if attribute.datatype == "singlevaluelist":
        if value not in keys:
            raise InvalidParameter(f"{name} must be one of {', '.join(sorted(keys))}")
        return {"true": True, "false": False}.get(value, value)  # as the chat stores yes/no answers
    if attribute.datatype == "number":
        return _number(name, value)
    if attribute.datatype == "datetime":
        return parse_datetime(name, value).isoformat()
    return value


def parse_attributes(service: Service, fields: MultiDict[str]) -> dict[str, object]:
    """The ``attribute[code]`` answers for ``service``; required ones must be present."""
    given: dict[str, list[str]] = {}
    for key, value in fields.items():
        match = _ATTRIBUTE_FIELD.match(key)
        if match and value.strip():
            given.setdefault(match.group(1), []).append(value.strip())
    answers: dict[str, object] = {}
    for attribute in service.attributes:
        if not attribute.variable:
            continue
        if attribute.code in given:
            answers[attribute.code] = _attribute_value(attribute, given[attribute.code])
        elif attribute.required:
            raise InvalidParameter(f"attribute[{attribute.code}] is required for service_code {service.service_code}")
    return answers


def parse_new_request(fields: MultiDict[str]) -> NewServiceRequest:
    """A ``POST requests`` body as a new service request (contact fields are dropped here)."""
    code = fields.get("service_code", "").strip()
    service = service_for(code) if code else None
    if service is None:
        raise InvalidParameter("service_code is missing or unknown" if code else "service_code is required")
    lat = _coordinate("lat", fields.get("lat"), 90)
    long = _coordinate("long", fields.get("long"), 180)
    address = fields.get("address_string", "").strip() or None
    if (lat is None) != (long is None):
        raise InvalidParameter("lat and long must be given together")
    if lat is None and address is None:
        raise InvalidParameter("a location is required: lat and long, or address_string")
    media_url = fields.get("media_url", "").strip() or None
    if media_url and (len(media_url) > MAX_URL_CHARS or not re.match(r"https?://[^\s]+$", media_url, re.I)):
        raise InvalidParameter("media_url must be an http or https URL")
    return NewServiceRequest(
        service_code=service.service_code,
        description=fields.get("description", ""),
        address_string=address,
        lat=lat,
        long=long,
        media_url=media_url,
        attributes=parse_attributes(service, fields),
        language=normalize_language(fields.get("language")),
        channel="api",
    )


def _scalar(key: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str | int | float):
        return str(value)
    raise InvalidParameter(f"{key} must be a string or a number")


def _flatten(body: object) -> MultiDict[str]:
    """A JSON object as form fields; ``{"attribute": {"code": value}}`` becomes ``attribute[code]``."""
    if not isinstance(body, dict):
        raise InvalidParameter("the JSON body must be an object")
    pairs: list[tuple[str, object]] = []
    for key, value in body.items():
        if key in {"attribute", "attributes"} and isinstance(value, dict):
            pairs.extend((f"attribute[{code}]", answer) for code, answer in value.items())
        else:
            pairs.append((str(key), value))
    fields: MultiDict[str] = MultiDict()
    for key, value in pairs:
        if isinstance(value, list):  # a multivaluelist answer
            fields.extend((f"{key}[]" if key.startswith("attribute[") else key, _scalar(key, v)) for v in value)
        elif value is not None:
            fields.add(key, _scalar(key, value))
    return fields


async def read_fields(request: web.Request) -> MultiDict[str]:
    """The POST body's fields, form-encoded (as the spec says) or a JSON object."""
    is_json = request.content_type == "application/json"
    try:
        body: object = await request.json() if is_json else await request.post()
    # Bad JSON or encodings raise ValueError, LookupError or RecursionError; aiohttp's multipart reader
    # raises AssertionError, RuntimeError or HttpProcessingError on malformed parts.
    except (ValueError, LookupError, RecursionError, AssertionError, RuntimeError, HttpProcessingError) as err:
        raise InvalidParameter("the request body could not be read") from err
    if is_json:
        fields = _flatten(body)
    else:
        assert isinstance(body, MultiDictProxy)
        uploads = [value for value in body.values() if isinstance(value, web.FileField)]
        for upload in uploads:
            upload.file.close()  # aiohttp spooled it to a temporary file
        if uploads:
            raise InvalidParameter("files are not accepted; give a media_url instead")
        fields = MultiDict(body)
    for key, value in fields.items():
        _clean(key, value, MAX_URL_CHARS if key == "media_url" else MAX_TEXT_CHARS)
    return fields


def key_is_valid(given: str, keys: tuple[str, ...]) -> bool:
    """Whether ``given`` is one of the configured API keys (compared in constant time)."""
    supplied = given.encode("utf-8")
    return bool(given) and any(hmac.compare_digest(supplied, key.encode("utf-8")) for key in keys)


# --- documents -----------------------------------------------------------------------


def _en(msgid: str) -> str:
    return translate(SOURCE_LANGUAGE, msgid)


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite gives naive UTC back
    return aware.astimezone(UTC).isoformat(timespec="seconds")


def service_document(service: Service) -> dict[str, object]:
    """One entry of ``GET services``."""
    return {
        "service_code": service.service_code,
        "service_name": _en(service.service_name),
        "description": _en(service.description),
        "metadata": bool(service.attributes),
        "type": "realtime",
        "keywords": ",".join(service.keywords),
        "group": _en(service.group),
    }


def definition_document(service: Service) -> dict[str, object]:
    """``GET services/{service_code}``: the attributes a request for ``service`` may carry."""
    attributes = [
        {
            "variable": a.variable,
            "code": a.code,
            "datatype": a.datatype,
            "required": a.required,
            "datatype_description": None,
            "order": order,
            "description": _en(a.description),
            "values": [{"key": key, "name": _en(name)} for key, name in a.values],
        }
        for order, a in enumerate(service.attributes, start=1)
    ]
    return {"service_code": service.service_code, "attributes": attributes}


def request_document(row: ServiceRequest) -> dict[str, object]:
    """One service request as the spec shows it (an allowlist: no contact data, ever)."""
    service = service_for(row.service_code)
    return {
        "service_request_id": row.service_request_id,
        "status": status_for(row.status).open311,
        "status_notes": row.status_notes,
        "service_name": _en(service.service_name) if service else None,
        "service_code": row.service_code,
        "description": row.description,
        "agency_responsible": row.agency_responsible,
        "service_notice": None,
        "requested_datetime": _iso(row.requested_datetime),
        "updated_datetime": _iso(row.updated_datetime),
        "expected_datetime": None,
        "address": row.address_string,
        "address_id": None,
        "zipcode": None,
        "lat": row.lat,
        "long": row.long,
        "media_url": row.media_url,
        "language": row.language,
    }


def _xml_fill(element: ET.Element, value: object) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _xml_fill(ET.SubElement(element, key), child)
    elif isinstance(value, list):
        for child in value:
            _xml_fill(ET.SubElement(element, XML_LIST_ITEMS.get(element.tag, "item")), child)
    elif isinstance(value, bool):
        element.text = "true" if value else "false"
    elif value is not None:
        element.text = _XML_ILLEGAL.sub("", str(value))


def render(fmt: str, document: object, root: str, item: str) -> str:
    """``document`` as JSON, or as XML under ``<root>`` with one ``<item>`` per list entry."""
    if fmt == "xml":
        element = ET.Element(root)
        if isinstance(document, list):
            for entry in document:
                _xml_fill(ET.SubElement(element, item), entry)
        else:
            _xml_fill(element, document)
        return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(element, encoding="unicode")
    text = json.dumps(document, ensure_ascii=False)
    return re.sub("[<>&]", lambda m: _JSON_ESCAPES[m.group(0)], text)  # safe even if pasted into HTML


def _format(request: web.Request) -> str:
    fmt = request.match_info.get("format", "json")
    return fmt if fmt in CONTENT_TYPES else "json"


def respond(request: web.Request, document: object, root: str, item: str = "", status: int = 200) -> web.Response:
    """A response in the format the path's extension names."""
    fmt = _format(request)
    text = render(fmt, document, root, item)
    headers = {"X-Content-Type-Options": "nosniff"}
    return web.Response(text=text, status=status, content_type=CONTENT_TYPES[fmt], headers=headers)


def open311_error(request: web.Request, error: type[web.HTTPError], description: str) -> web.HTTPError:
    """An HTTP error whose body is the spec's error list, in the request's format."""
    fmt = _format(request)
    text = render(fmt, [{"code": error.status_code, "description": description}], "errors", "error")
    return error(text=text, content_type=CONTENT_TYPES[fmt], headers={"X-Content-Type-Options": "nosniff"})


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
        location = f"{self.settings.public_base_url}{PREFIX}/requests/{filed}.{_format(request)}"
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


def add_open311_routes(app: web.Application, db: Database, settings: Settings, prefix: str = PREFIX) -> None:
    """Add the GeoReport v2 endpoints to ``app`` under ``prefix`` (the spec's ``/open311/v2``)."""
    api = Open311Api(db, settings)
    app.router.add_get(f"{prefix}/discovery.{{format}}", api.discovery)
    app.router.add_get(f"{prefix}/services.{{format}}", api.services)
    app.router.add_get(f"{prefix}/services/{{service_code}}.{{format}}", api.service_definition)
    app.router.add_get(f"{prefix}/requests.{{format}}", api.get_service_requests)
    app.router.add_post(f"{prefix}/requests.{{format}}", api.post_service_request)
    app.router.add_get(f"{prefix}/requests/{{service_request_id}}.{{format}}", api.get_service_request)
