"""The broadcasters' API against the running stack: roles (refusals audited), checks, cancelling in flight."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from bot.platform.db import Database
from bot.platform.pii import PiiVault
from broadcasts.imports import import_rows
from tests.broadcasts.support import CONSENTED
from tests.harness.clients import ConsoleClient, http_json
from tests.harness.stack import TEST_PII_KEY, RunningStack

pytestmark = pytest.mark.stack
Console = Callable[..., ConsoleClient]
NUMBERS = [f"+1971600{n:04d}" for n in range(12)]


def test_only_broadcasters_may_send_and_refusals_are_audited(stack: RunningStack, console: Console) -> None:
    agent = console("agent")
    since = int(stack.scalar("SELECT coalesce(max(id), 0) FROM audit_events"))
    body = {"text_en": "Test", "text_es": "Prueba", "severity": "advisory", "zips": ""}
    assert agent.call("POST", "broadcasts", body)[0] == 403
    assert agent.call("GET", "broadcasts")[0] == 403
    refused = stack.scalar(
        "SELECT count(*) FROM audit_events WHERE id > :s AND outcome = 'refused' AND action LIKE '%broadcasts%'",
        s=since,
    )
    assert refused == 2


def test_bad_alerts_are_refused_with_reasons(stack: RunningStack, console: Console) -> None:
    broadcaster = console("broadcaster")
    status, body = broadcaster.call(
        "POST", "broadcasts/preview", {"text_en": "á" * 700, "text_es": "", "severity": "urgent", "zips": "97211,12345"}
    )
    assert status == 422
    assert body["fields"]["text_en"].startswith("The English text takes 11 SMS segments")
    assert "Spanish text is required" in body["fields"]["text_es"] and "12345" in body["fields"]["zips"]


def test_a_broadcast_cancelled_in_flight_sends_nothing_more(stack: RunningStack, console: Console) -> None:
    rows = [{"phone": n, "language": "en", "zip": "97227", "consented_at": CONSENTED} for n in NUMBERS]
    with Database(stack.database_url).session() as session:
        assert not import_rows(session, PiiVault(TEST_PII_KEY), rows).refused
    broadcaster = console("broadcaster")
    alert = {"text_en": "Road closure on N Williams today.", "text_es": "Calle cerrada hoy.", "severity": "advisory"}
    status, created = broadcaster.call("POST", "broadcasts", {**alert, "zips": "97227"})
    assert status == 201 and created["broadcast"]["status"] == "approved"
    broadcast_id = created["broadcast"]["id"]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the front door sends at BROADCAST_RATE (1 per second here)
        progress = broadcaster.call("GET", f"broadcasts/{broadcast_id}")[1]["broadcast"]["progress"]["en"]
        if progress["sent"] + progress["delivered"] >= 2:
            break
        time.sleep(0.2)
    status, cancelled = broadcaster.call("POST", f"broadcasts/{broadcast_id}/cancel")
    assert status == 200 and cancelled["broadcast"]["status"] == "cancelled"
    time.sleep(3)
    progress = broadcaster.call("GET", f"broadcasts/{broadcast_id}")[1]["broadcast"]["progress"]["en"]
    handed = progress["sent"] + progress["delivered"]
    assert progress["cancelled"] > 0 and handed + progress["cancelled"] == len(NUMBERS), progress
    _, listing = http_json("GET", stack.twilio_url + "/_fake/messages")
    got = [m for m in listing["messages"] if m["to"] in NUMBERS]
    assert len(got) == handed < len(NUMBERS)
    assert broadcaster.call("POST", f"broadcasts/{broadcast_id}/cancel")[0] == 409
