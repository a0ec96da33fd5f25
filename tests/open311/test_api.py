"""The Open311 GeoReport v2 API over real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from aiohttp import FormData, web
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import update

from bot.messaging.models import Contact
from bot.open311.routes import add_routes
from bot.platform.db import Database, utcnow
from bot.platform.pii import PiiVault
from bot.platform.settings import Settings
from bot.reports.models import ServiceRequest
from bot.reports.service_requests import NewServiceRequest, file_request, get_request

KEY = "partner-key-123"
BASE = "https://311.example.org"
API = "/open311/v2"
REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
    "language",
}
GRAFFITI = {
    "service_code": "graffiti",
    "address_string": "SE 82nd Ave and Powell",
    "description": "tag on wall",
    "attribute[surface]": "bridge",
    "attribute[offensive]": "false",
}


@pytest.fixture
async def client(db: Database) -> AsyncIterator[TestClient]:
    settings = Settings(public_base_url=BASE, open311_api_keys=("other", KEY))
    app = web.Application()
    add_routes(app, db, settings)
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def get_json(client: TestClient, path: str, expect: int = 200, **params: str) -> Any:
    response = await client.get(f"{API}/{path}", params=params)
    assert response.status == expect, await response.text()
    assert response.content_type == "application/json"
    return await response.json()


async def get_xml(client: TestClient, path: str, expect: int = 200, **params: str) -> ET.Element:
    response = await client.get(f"{API}/{path}", params=params)
    assert response.status == expect, await response.text()
    assert response.content_type == "text/xml"
    return ET.fromstring(await response.read())


async def post(client: TestClient, fields: dict[str, str], status: int = 201, fmt: str = "json") -> Any:
    response = await client.post(f"{API}/requests.{fmt}", data=fields)
    assert response.status == status, await response.text()
    return await response.json() if fmt == "json" else ET.fromstring(await response.read())


async def file(client: TestClient, **fields: str) -> str:
    answer = await post(client, {"api_key": KEY, **GRAFFITI, **fields})
    return answer[0]["service_request_id"]


def error_of(answer: Any, code: int) -> str:
    assert isinstance(answer, list) and len(answer) == 1 and answer[0]["code"] == code, answer
    return answer[0]["description"]


# --- discovery and the catalogue ---------------------------------------------------------


async def test_discovery_names_the_spec_the_url_and_both_formats(client: TestClient) -> None:
    discovery = await get_json(client, "discovery.json")
    assert discovery["contact"] and discovery["key_service"] and discovery["changeset"]
    [endpoint] = discovery["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == f"{BASE}/open311/v2"
    assert endpoint["formats"] == ["application/json", "text/xml"]

    root = await get_xml(client, "discovery.xml")
    assert root.tag == "discovery"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == ["application/json", "text/xml"]


async def test_services_list_the_catalogue(client: TestClient) -> None:
    services = {s["service_code"]: s for s in await get_json(client, "services.json")}
    assert set(services) == {"campsite", "abandoned_vehicle", "graffiti"}
    assert services["graffiti"] == {
        "service_code": "graffiti",
        "service_name": "Graffiti",
        "description": "Graffiti on public or private property. Offensive or hateful graffiti is prioritized.",
        "metadata": True,
        "type": "realtime",
        "keywords": "graffiti,tag,vandalism",
        "group": "Graffiti",
    }

    root = await get_xml(client, "services.xml")
    assert root.tag == "services"
    assert {s.findtext("service_code") for s in root.findall("service")} == set(services)
    assert root.find("service/metadata").text == "true"  # type: ignore[union-attr]


async def test_service_definition_lists_attributes_in_order(client: TestClient) -> None:
    definition = await get_json(client, "services/campsite.json")
    assert definition["service_code"] == "campsite"
    details, danger = definition["attributes"]
    assert details == {
        "variable": True,
        "code": "details",
        "datatype": "text",
        "required": True,
        "datatype_description": None,
        "order": 1,
        "description": "What is happening at the site?",
        "values": [],
    }
    assert danger["order"] == 2 and danger["datatype"] == "singlevaluelist"
    assert danger["values"] == [{"key": "true", "name": "Yes"}, {"key": "false", "name": "No"}]

    root = await get_xml(client, "services/campsite.xml")
    assert root.tag == "service_definition"
    assert [v.findtext("key") for v in root.findall("attributes/attribute/values/value")] == ["true", "false"]


async def test_unknown_service_and_format_are_404_in_the_spec_format(client: TestClient) -> None:
    assert "service_code" in error_of(await get_json(client, "services/potholes.json", 404), 404)
    root = await get_xml(client, "services/potholes.xml", 404)
    assert root.tag == "errors" and root.findtext("error/code") == "404"
    error_of(await get_json(client, "services.html", 404), 404)


# --- POST requests -----------------------------------------------------------------------


async def test_post_needs_a_valid_api_key(client: TestClient) -> None:
    fields = dict(GRAFFITI)
    assert "api_key" in error_of(await post(client, fields, 403), 403)
    assert "api_key" in error_of(await post(client, {**fields, "api_key": "guess"}, 403), 403)
    assert "api_key" in error_of(await post(client, {**fields, "api_key": ""}, 403), 403)
    assert await get_json(client, "requests.json") == []


async def test_post_files_a_request_and_answers_201(client: TestClient, db: Database) -> None:
    response = await client.post(f"{API}/requests.json", data={"api_key": KEY, **GRAFFITI, "language": "es"})
    assert response.status == 201
    [answer] = await response.json()
    case = answer["service_request_id"]
    assert answer == {"service_request_id": case, "service_notice": None, "account_id": None}
    assert case.startswith("PDX-")
    assert response.headers["Location"] == f"{BASE}/open311/v2/requests/{case}.json"

    [shown] = await get_json(client, f"requests/{case}.json")
    assert set(shown) == REQUEST_FIELDS
    assert shown["status"] == "open" and shown["service_name"] == "Graffiti"
    assert shown["address"] == "SE 82nd Ave and Powell" and shown["language"] == "es"
    assert shown["requested_datetime"].endswith("+00:00")
    stored = await db.run(lambda s: get_request(s, case).attributes)
    assert stored == {"surface": "bridge", "offensive": False}  # yes/no answers stored as the chat stores them


async def test_post_accepts_json_and_coordinates(client: TestClient) -> None:
    body = {
        "api_key": KEY,
        "service_code": "abandoned_vehicle",
        "lat": 45.5152,
        "long": -122.6784,
        "attribute": {"vehicle_description": "blue Honda Civic", "duration": "3 weeks"},
    }
    response = await client.post(f"{API}/requests.json", json=body)
    assert response.status == 201, await response.text()
    [answer] = await response.json()
    [shown] = await get_json(client, f"requests/{answer['service_request_id']}.json")
    assert (shown["lat"], shown["long"], shown["address"]) == (45.5152, -122.6784, None)


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"service_code": None}, "service_code"),
        ({"service_code": "potholes"}, "service_code"),
        ({"address_string": None}, "location"),
        ({"address_string": None, "lat": "45.5"}, "lat and long"),
        ({"lat": "north", "long": "-122.6"}, "lat"),
        ({"lat": "nan", "long": "-122.6"}, "lat"),
        ({"lat": "1e999", "long": "-122.6"}, "lat"),
        ({"lat": "45.5", "long": "-190"}, "long"),
        ({"attribute[surface]": None}, "attribute[surface]"),
        ({"attribute[surface]": "  "}, "attribute[surface]"),
        ({"attribute[offensive]": "maybe"}, "attribute[offensive]"),
        ({"media_url": "javascript:alert(1)"}, "media_url"),
        ({"description": "x" * 4001}, "description"),
        ({"description": "nul \x00 byte"}, "NUL"),
    ],
)
async def test_post_refuses_incomplete_or_malformed_requests(
    client: TestClient, change: dict[str, str | None], words: str
) -> None:
    fields = {"api_key": KEY, **GRAFFITI, **change}
    answer = await post(client, {k: v for k, v in fields.items() if v is not None}, 400)
    assert words in error_of(answer, 400)
    assert await get_json(client, "requests.json") == []


MULTIPART = "multipart/form-data; boundary=x"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"{not json", "application/json"),
        (b"[1, 2]", "application/json"),
        (b'{"api_key": {"nested": 1}}', "application/json"),
        (b'{"api_key": "x", "attribute": {"surface": [["deep"]]}}', "application/json"),
        (b"[" * 100_000 + b"]" * 100_000, "application/json"),
        (b'{"lat": 1' + b"0" * 5000 + b"}", "application/json"),
        (b"\xff\xfe", "application/json"),
        (b'{"api_key": "x"}', "application/json; charset=no-such-charset"),
        (b"--x\r\nbroken", MULTIPART),
        (b'--x\r\nContent-Disposition: form-data; name="api_key"\r\n\r\nunterminated', MULTIPART),
        (b"--x\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--x--\r\n", MULTIPART),
        (
            b"--x\r\nContent-Transfer-Encoding: odd\r\nContent-Disposition: form-data; name=a\r\n\r\nv\r\n--x--\r\n",
            MULTIPART,
        ),
        (b"api_key=x", "application/x-www-form-urlencoded; charset=no-such-charset"),
    ],
)
async def test_post_refuses_unreadable_bodies(client: TestClient, body: bytes, content_type: str) -> None:
    response = await client.post(f"{API}/requests.json", data=body, headers={"Content-Type": content_type})
    assert response.status == 400
    error_of(await response.json(), 400)


async def test_post_refuses_uploaded_files(client: TestClient) -> None:
    form = FormData({"api_key": KEY, **GRAFFITI})
    form.add_field("media", b"\x89PNG\r\n", filename="photo.png", content_type="image/png")
    response = await client.post(f"{API}/requests.json", data=form)
    assert response.status == 400
    assert "media_url" in error_of(await response.json(), 400)


async def test_post_in_xml(client: TestClient) -> None:
    root = await post(client, {"api_key": KEY, **GRAFFITI}, 201, fmt="xml")
    assert root.tag == "service_requests"
    assert root.findtext("request/service_request_id", "").startswith("PDX-")
    errors = await post(client, dict(GRAFFITI), 403, fmt="xml")
    assert errors.tag == "errors" and errors.findtext("error/code") == "403"


# --- privacy and escaping ----------------------------------------------------------------


async def test_contact_fields_are_accepted_but_never_shown(client: TestClient) -> None:
    contact = {"first_name": "Ramona", "last_name": "Quimby", "email": "ramona@example.org", "phone": "5035550142"}
    case = await file(client, **contact)
    for path in (f"requests/{case}.json", f"requests/{case}.xml", "requests.json", "requests.xml"):
        body = await (await client.get(f"{API}/{path}")).text()
        assert case in body
        for value in contact.values():
            assert value not in body, path


async def test_a_request_filed_by_the_chat_shows_up_without_contact_data(client: TestClient, db: Database) -> None:
    phone, conversation = "+15035550199", "sms-7f3a9c2e"
    vault = PiiVault("test-pii-key")

    def file_from_chat(session: Any) -> str:
        person = Contact(channel="sms", address_hash=vault.lookup_hash(phone), address_encrypted=vault.encrypt(phone))
        session.add(person)
        session.flush()
        new = NewServiceRequest(
            service_code="campsite",
            description="tiendas en la acera",
            address_string="SE Powell y 82nd",
            attributes={"details": "tiendas en la acera", "immediate_danger": False},
            language="es",
            channel="sms",
            conversation_id=conversation,
            contact_id=person.id,
        )
        return str(file_request(session, new).service_request_id)

    case = await db.run(file_from_chat)
    [listed] = await get_json(client, "requests.json")
    [shown] = await get_json(client, f"requests/{case}.json")
    assert listed == shown
    assert set(shown) == REQUEST_FIELDS
    assert (shown["service_request_id"], shown["service_code"], shown["language"]) == (case, "campsite", "es")
    raw = await (await client.get(f"{API}/requests.json")).text()
    for secret in (phone, phone[2:], conversation, vault.lookup_hash(phone), '"sms"'):
        assert secret not in raw


async def test_html_round_trips_as_data(client: TestClient, db: Database) -> None:
    plain = 'Tom & Jerry\'s "camp", 3 < 5'
    case = await file(client, description=plain)
    raw = await (await client.get(f"{API}/requests/{case}.json")).text()
    assert "&" not in raw and "<" not in raw
    assert json.loads(raw)[0]["description"] == plain

    # however markup reached the database, it leaves as data
    markup = "<script>alert(\"311\")</script> & <b onmouseover=x>bold</b> 'quoted'"
    address = "<img src=x onerror=alert(1)>"
    await db.run(
        lambda s: s.execute(
            update(ServiceRequest)
            .where(ServiceRequest.service_request_id == case)
            .values(description=markup, address_string=address)
        )
    )
    response = await client.get(f"{API}/requests/{case}.json")
    raw = await response.text()
    assert "<script>" not in raw and "<img" not in raw
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    [shown] = json.loads(raw)
    assert (shown["description"], shown["address"]) == (markup, address)

    raw_xml = await (await client.get(f"{API}/requests/{case}.xml")).text()
    assert "<script>" not in raw_xml and "&lt;script&gt;" in raw_xml
    root = ET.fromstring(raw_xml)
    assert (root.findtext("request/description"), root.findtext("request/address")) == (markup, address)


# --- GET requests ------------------------------------------------------------------------


async def test_get_one_request_and_404s(client: TestClient) -> None:
    case = await file(client)
    [shown] = await get_json(client, f"requests/{case}.json")
    assert shown["service_request_id"] == case
    assert (await get_json(client, f"requests/{case.lower()}.json"))[0]["service_request_id"] == case
    number = case.rsplit("-", 1)[1]
    for junk in ("PDX-2026-999999", "PDX-1999-" + number, number, "nothing", "%00", "9" * 400, "'; DROP TABLE x;--"):
        error_of(await get_json(client, f"requests/{junk}.json", 404), 404)
    root = await get_xml(client, f"requests/{case}.xml")
    assert root.findtext("request/service_request_id") == case and root.findtext("request/status") == "open"
    assert (await get_xml(client, "requests/PDX-2026-999999.xml", 404)).tag == "errors"


async def test_filter_by_ids_overrides_the_other_filters(client: TestClient) -> None:
    first, second, third = [await file(client) for _ in range(3)]
    found = await get_json(client, "requests.json", service_request_id=f"{first}, {third.lower()},junk,")
    assert {r["service_request_id"] for r in found} == {first, third}
    found = await get_json(client, "requests.json", service_request_id=second, service_code="campsite", status="closed")
    assert [r["service_request_id"] for r in found] == [second]
    assert await get_json(client, "requests.json", service_request_id="junk") == []


async def test_filter_by_service_code_and_status(client: TestClient, db: Database) -> None:
    graffiti = await file(client)
    camp = await file(
        client, service_code="campsite", **{"attribute[details]": "tents", "attribute[immediate_danger]": "true"}
    )
    vehicle = await file(
        client,
        service_code="abandoned_vehicle",
        **{"attribute[vehicle_description]": "red van", "attribute[duration]": "a week"},
    )
    await db.run(
        lambda s: s.execute(
            update(ServiceRequest)
            .where(ServiceRequest.service_request_id == camp)
            .values(status="closed", status_notes="Cleaned up")
        )
    )
    await db.run(
        lambda s: s.execute(
            update(ServiceRequest).where(ServiceRequest.service_request_id == vehicle).values(status="in_progress")
        )
    )

    async def ids(**params: str) -> list[str]:
        return [r["service_request_id"] for r in await get_json(client, "requests.json", **params)]

    assert await ids() == [vehicle, camp, graffiti]  # newest first
    assert await ids(service_code="campsite,graffiti") == [camp, graffiti]
    assert await ids(status="open") == [vehicle, graffiti]
    assert await ids(status="closed") == [camp]
    assert await ids(status="open,closed", service_code="campsite") == [camp]
    [closed] = await get_json(client, "requests.json", status="closed")
    assert (closed["status"], closed["status_notes"]) == ("closed", "Cleaned up")
    assert "status" in error_of(await get_json(client, "requests.json", 400, status="pending"), 400)


async def test_filter_by_dates_defaults_to_the_last_90_days(client: TestClient, db: Database) -> None:
    recent, old = await file(client), await file(client)
    long_ago = utcnow() - timedelta(days=200)
    await db.run(
        lambda s: s.execute(
            update(ServiceRequest).where(ServiceRequest.service_request_id == old).values(requested_datetime=long_ago)
        )
    )

    async def ids(**params: str) -> list[str]:
        return [r["service_request_id"] for r in await get_json(client, "requests.json", **params)]

    assert await ids() == [recent]
    assert await ids(start_date=(long_ago - timedelta(days=1)).isoformat()) == [recent, old]
    assert await ids(start_date="2000-01-01T00:00:00Z", end_date=(long_ago + timedelta(days=1)).isoformat()) == [old]
    assert await ids(end_date=(long_ago + timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%S-00:00")) == [old]
    assert await ids(end_date=(long_ago - timedelta(days=1)).date().isoformat()) == []
    assert await ids(start_date=(utcnow() + timedelta(days=1)).isoformat()) == []
    # an unencoded "+" arrives as a space; the offset is still understood
    response = await client.get(f"{API}/requests.json?start_date=2000-01-01T00:00:00+00:00")
    assert response.status == 200 and len(await response.json()) == 2


@pytest.mark.parametrize(
    "params",
    [
        {"start_date": "yesterday"},
        {"end_date": "2026-13-01"},
        {"start_date": "2026-02-30T00:00:00Z"},
        {"start_date": "9999-12-31T23:59:59-12:00"},
        {"start_date": "0001-01-01T00:00:00+14:00"},
        {"start_date": "2026-01-01T00:00:00Z", "end_date": "2025-01-01T00:00:00Z"},
        {"start_date": "2" * 5000},
        {"end_date": "2026-01-01\x00"},
        {"service_code": "\x00"},
        {"service_request_id": ",".join(f"PDX-2026-{n:06d}" for n in range(150))},
        {"service_code": ",".join(["graffiti"] * 101)},
    ],
)
async def test_bad_filters_are_400_not_500(client: TestClient, params: dict[str, str]) -> None:
    error_of(await get_json(client, "requests.json", 400, **params), 400)


async def test_results_are_capped_at_1000(client: TestClient, db: Database) -> None:
    def file_many(session: Any) -> None:
        for n in range(1005):
            file_request(session, NewServiceRequest("graffiti", f"tag {n}", address_string="SE Division & 82nd"))

    await db.run(file_many)
    found = await get_json(client, "requests.json")
    assert len(found) == 1000
    assert found[0]["description"] == "tag 1004"
