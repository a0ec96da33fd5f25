"""Reading what Open311 callers send: query filters, new service requests, attributes."""

from __future__ import annotations

import hmac
import math
import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from multidict import MultiDict, MultiDictProxy

from bot.language.i18n import normalize_language
from bot.reports.catalogue import Attribute, Service, service_for
from bot.reports.service_requests import (
    OPEN311_CHANNEL,
    NewServiceRequest,
    RequestQuery,
)
from bot.reports.statuses import STATUSES

DEFAULT_WINDOW = timedelta(days=90)
MAX_RESULTS = 1000
MAX_LIST_ITEMS = 100
MAX_TEXT_CHARS = 4000
MAX_URL_CHARS = 2000
OPEN311_STATUSES = frozenset(s.open311 for s in STATUSES.values())
_ATTRIBUTE_FIELD = re.compile(r"^attribute\[([^\[\]]+)\](\[\])?$")
_SPACED_OFFSET = re.compile(r"(T\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?) (\d\d(?::?\d\d)?)$")  # "+" read as a space


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
        channel=OPEN311_CHANNEL,
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
