"""The service-request repository: filing, finding and searching residents' reports."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import datetime

import nh3
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from bot.platform.db import utcnow
from bot.reports.case_numbers import format_case_number, parse_case_number
from bot.reports.catalogue import SERVICES
from bot.reports.locations import read_location
from bot.reports.models import ServiceRequest
from bot.reports.statuses import DEFAULT_STATUS, STATUSES

#: The channel recorded for requests filed through the Open311 API (others name the resident's channel).
OPEN311_CHANNEL = "api"


class ServiceRequestError(Exception):
    """Base of the repository's errors."""


class RequestNotFound(ServiceRequestError):
    """No service request has that number."""


class InvalidServiceRequest(ServiceRequestError):
    """A new request is missing something it needs."""


@dataclass
class NewServiceRequest:
    """What is needed to file a service request."""

    service_code: str
    description: str
    address_string: str | None = None
    lat: float | None = None
    long: float | None = None
    media_url: str | None = None
    attributes: dict[str, object] = field(default_factory=dict)
    language: str = "en"
    channel: str = "api"
    conversation_id: str | None = None
    contact_id: int | None = None
    inbound_message_id: int | None = None
    """The resident's message whose turn files it: filing again for the same message returns the first request."""


_MARKUP_PASSES = 3


def strip_markup(value: str | None) -> str | None:
    """Plain text without HTML: report fields leave through Open311 and may be shown as HTML by others.

    A real HTML sanitiser (``nh3``) removes every tag, unterminated ones included, and the content of
    scripts and styles; entities are turned back into characters ("&" stays "&" in an address), and the
    result is cleaned again so that escaped markup ("&lt;script&gt;") cannot come back as markup.
    """
    if value is None:
        return None
    text = value
    for _ in range(_MARKUP_PASSES):
        cleaned = html.unescape(nh3.clean(text, tags=set()))
        if cleaned == text:
            break
        text = cleaned
    return text.strip()  # what is left has no tag in it ("3 < 5" stays data; serialisers escape it)


def file_request(session: Session, new: NewServiceRequest) -> ServiceRequest:
    """Insert a request and give it its case number (committed by the caller's transaction).

    Idempotent on ``new.inbound_message_id``: a turn tried again (after the assistant crashed or timed out)
    gets the request its first try filed, not a second one.
    """
    if new.inbound_message_id is not None:
        existing = session.scalars(
            select(ServiceRequest).where(ServiceRequest.inbound_message_id == new.inbound_message_id)
        ).first()
        if existing is not None:
            return existing
    if new.service_code not in SERVICES:
        raise InvalidServiceRequest(f"unknown service_code {new.service_code!r}")
    address = strip_markup(new.address_string)
    has_coordinates = new.lat is not None and new.long is not None
    if not (address or has_coordinates):
        raise InvalidServiceRequest("a location (address_string or lat/long) is required")
    place = read_location(address, new.language) if address else None
    if address and place is None and not has_coordinates:
        raise InvalidServiceRequest("address_string is not a place we can find: give cross streets or an address")
    now = utcnow()
    request = ServiceRequest(
        service_code=new.service_code,
        status=DEFAULT_STATUS,
        description=strip_markup(new.description) or "",
        address_string=address,
        location_normalized=place.normalized() if place else None,
        location_street=place.street if place else None,
        location_cross_street=place.cross_street if place else None,
        location_quadrant=place.quadrant if place else None,
        location_landmark=place.landmark if place else None,
        lat=new.lat,
        long=new.long,
        media_url=new.media_url,
        attributes={k: strip_markup(v) if isinstance(v, str) else v for k, v in new.attributes.items()},
        language=new.language,
        channel=new.channel,
        conversation_id=new.conversation_id,
        inbound_message_id=new.inbound_message_id,
        contact_id=new.contact_id,
        requested_datetime=now,
        updated_datetime=now,
    )
    session.add(request)
    session.flush()
    request.service_request_id = format_case_number(request.id, now)
    session.flush()
    return request


def get_request(session: Session, reference: str | int) -> ServiceRequest:
    """The request with case number or row number ``reference``."""
    number = reference if isinstance(reference, int) else parse_case_number(str(reference))
    request = session.get(ServiceRequest, number) if number else None
    if request is None:
        raise RequestNotFound(str(reference))
    return request


@dataclass
class RequestQuery:
    """Open311 ``GET requests`` filters."""

    service_request_ids: list[str] = field(default_factory=list)
    service_codes: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    start_date: datetime | None = None
    end_date: datetime | None = None
    limit: int = 1000


def search_requests(session: Session, query: RequestQuery) -> list[ServiceRequest]:
    """Requests matching ``query``, newest first."""
    stmt = select(ServiceRequest).where(ServiceRequest.service_request_id.is_not(None))
    if query.service_request_ids:
        numbers = [n for n in (parse_case_number(i) for i in query.service_request_ids) if n]
        stmt = stmt.where(ServiceRequest.id.in_(numbers))
    if query.service_codes:
        stmt = stmt.where(ServiceRequest.service_code.in_(query.service_codes))
    if query.status:
        codes = [s.code for s in STATUSES.values() if s.open311 in query.status]
        stmt = stmt.where(ServiceRequest.status.in_(codes))
    if query.start_date:
        stmt = stmt.where(ServiceRequest.requested_datetime >= query.start_date)
    if query.end_date:
        stmt = stmt.where(ServiceRequest.requested_datetime <= query.end_date)
    stmt = stmt.order_by(ServiceRequest.requested_datetime.desc(), ServiceRequest.id.desc()).limit(query.limit)
    return list(session.scalars(stmt))


def recent_requests(
    session: Session, conversation_id: str, contact_id: int | None = None, limit: int = 3
) -> list[ServiceRequest]:
    """A resident's own latest requests: those of the same phone number (any conversation), or of this chat."""
    owner = ServiceRequest.contact_id == contact_id if contact_id is not None else None
    same_chat = ServiceRequest.conversation_id == conversation_id
    stmt = (
        select(ServiceRequest)
        .where(
            ServiceRequest.service_request_id.is_not(None), or_(same_chat, owner) if owner is not None else same_chat
        )
        .order_by(ServiceRequest.requested_datetime.desc(), ServiceRequest.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))
