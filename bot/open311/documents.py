"""Open311 documents: services, definitions and requests as JSON or XML, and spec-format errors."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime

from aiohttp import web

from bot.language.i18n import SOURCE_LANGUAGE, translate
from bot.reports.catalogue import Service, service_for
from bot.reports.models import ServiceRequest
from bot.reports.statuses import status_for

CONTENT_TYPES = {"json": "application/json", "xml": "text/xml"}
XML_LIST_ITEMS = {"attributes": "attribute", "values": "value", "endpoints": "endpoint", "formats": "format"}
_XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"}


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


def requested_format(request: web.Request) -> str:
    """The format the path's extension asks for (``json`` or ``xml``)."""
    fmt = request.match_info.get("format", "json")
    return fmt if fmt in CONTENT_TYPES else "json"


def respond(request: web.Request, document: object, root: str, item: str = "", status: int = 200) -> web.Response:
    """A response in the format the path's extension names."""
    fmt = requested_format(request)
    text = render(fmt, document, root, item)
    headers = {"X-Content-Type-Options": "nosniff"}
    return web.Response(text=text, status=status, content_type=CONTENT_TYPES[fmt], headers=headers)


def open311_error(request: web.Request, error: type[web.HTTPError], description: str) -> web.HTTPError:
    """An HTTP error whose body is the spec's error list, in the request's format."""
    fmt = requested_format(request)
    text = render(fmt, [{"code": error.status_code, "description": description}], "errors", "error")
    return error(text=text, content_type=CONTENT_TYPES[fmt], headers={"X-Content-Type-Options": "nosniff"})
