"""The service-request repository on SQLite and PostgreSQL: case numbers, lookups, searches."""

from __future__ import annotations

import pytest
from sqlalchemy import delete

from bot.platform.db import Database
from bot.reports.models import ServiceRequest
from bot.reports.service_requests import (
    InvalidServiceRequest,
    NewServiceRequest,
    RequestNotFound,
    RequestQuery,
    file_request,
    get_request,
    parse_case_number,
    search_requests,
    strip_markup,
)


def new(code: str = "graffiti", **kw: object) -> NewServiceRequest:
    return NewServiceRequest(
        service_code=code, description="tag on wall", address_string="SE 82nd Ave & SE Division St", **kw
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("PDX-2026-000123", 123),
        ("status pdx-2026-000123", 123),
        ("estado de mi reporte 123", 123),
        ("#45", 45),
        ("no number here", None),
        ("123", 123),
        ("case number 88", 88),
        ("reporte número 7", 7),
        ("caso #12", 12),
        ("I reported 3 cars on 82nd", None),
        ("my report from 123 SE Main", None),
        ("pdx-2026-0", None),
        ("0", None),
    ],
)
def test_case_numbers_are_read_from_what_residents_type(text: str, number: int | None) -> None:
    assert parse_case_number(text) == number


async def test_case_numbers_are_unique_and_never_reused(db: Database) -> None:
    first = await db.run(lambda s: file_request(s, new()).service_request_id)
    second = await db.run(lambda s: file_request(s, new("campsite")).service_request_id)
    assert first != second and first.startswith("PDX-") and len(first) == len("PDX-2026-000001")
    await db.run(lambda s: s.execute(delete(ServiceRequest).where(ServiceRequest.service_request_id == second)))
    third = await db.run(lambda s: file_request(s, new()).service_request_id)
    assert third not in (first, second) and third > second


async def test_lookup_and_not_found(db: Database) -> None:
    case = await db.run(lambda s: file_request(s, new()).service_request_id)
    found = await db.run(lambda s: get_request(s, case))
    assert found.address_string == "SE 82nd Ave & SE Division St"
    with pytest.raises(RequestNotFound):
        await db.run(lambda s: get_request(s, "PDX-2026-999999"))


async def test_invalid_requests_are_refused(db: Database) -> None:
    with pytest.raises(InvalidServiceRequest):
        await db.run(lambda s: file_request(s, new("potholes")))
    with pytest.raises(InvalidServiceRequest):
        await db.run(lambda s: file_request(s, NewServiceRequest(service_code="graffiti", description="x")))


async def test_search_by_code_and_status(db: Database) -> None:
    await db.run(lambda s: file_request(s, new("graffiti")))
    await db.run(lambda s: file_request(s, new("campsite")))
    found = await db.run(lambda s: search_requests(s, RequestQuery(service_codes=["campsite"], status=["open"])))
    assert [r.service_code for r in found] == ["campsite"]
    assert await db.run(lambda s: search_requests(s, RequestQuery(status=["closed"]))) == []


async def test_markup_is_stripped_from_what_leaves_through_open311(db: Database) -> None:
    request = await db.run(
        lambda s: file_request(
            s,
            NewServiceRequest(
                service_code="graffiti",
                description="<script>alert(1)</script>tag <b>here</b>",
                address_string="<img src=x onerror=alert(1)>SE 82nd and Powell",
                attributes={"surface": "<i>wall</i>", "offensive": True},
            ),
        )
    )
    assert request.description == "tag here"  # a script's content goes with its tags
    assert request.address_string == "SE 82nd and Powell"
    assert request.attributes == {"surface": "wall", "offensive": True}


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("<img src=x onerror=alert(1) SE 82nd", ""),  # an unterminated tag swallows the rest, as browsers do
        ("&lt;script&gt;alert(1)&lt;/script&gt;tag", "tag"),  # escaped markup does not come back
        ("SE 82nd & Division", "SE 82nd & Division"),
        ("Tom &amp; Jerry's", "Tom & Jerry's"),
        ("5 < 6 and 7 > 3", "5 < 6 and 7 > 3"),  # not markup: kept as data
        ("a<b onmouseover=alert(1)>c", "ac"),
        ("<svg><style>x{}</style></svg>wall", "wall"),
    ],
)
def test_the_sanitiser_handles_what_a_regex_would_miss(raw: str, clean: str) -> None:
    assert strip_markup(raw) == clean


async def test_filing_is_idempotent_on_the_message_that_filed_it(db: Database) -> None:
    first = await db.run(lambda s: file_request(s, new(inbound_message_id=41)).service_request_id)
    again = await db.run(lambda s: file_request(s, new(inbound_message_id=41)).service_request_id)
    other = await db.run(lambda s: file_request(s, new(inbound_message_id=42)).service_request_id)
    assert first == again != other
    count = await db.run(lambda s: len(search_requests(s, RequestQuery())))
    assert count == 2


def test_a_location_the_parser_cannot_find_is_never_filed(db: Database) -> None:
    for vague in ("it's been there since mid-January", "white ford van", "SE 82nd Ave"):
        with pytest.raises(InvalidServiceRequest), db.session() as session:
            file_request(session, NewServiceRequest("graffiti", "tag", address_string=vague))
    with db.session() as session:
        kept = file_request(session, NewServiceRequest("graffiti", "tag", address_string="on SE Steele St near 80th"))
        assert kept.address_string == "on SE Steele St near 80th"  # as the resident gave it
        assert "Steele" in (kept.location_street or "") and "80" in (kept.location_cross_street or "")
        assert kept.location_quadrant == "SE" and kept.location_normalized
