"""Actions that touch the database: filing, status, handoff, language; and the action registry."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from rasa_sdk.events import ActiveLoop, ConversationPaused, SlotSet
from rasa_sdk.executor import ActionExecutor, CollectingDispatcher
from sqlalchemy import select

from actions.handoff import ActionHandoff, ActionNotUnderstood, staffed_hours
from actions.language import ActionChangeLanguage
from actions.report_filing import ActionAskReportConfirmed, ActionCancelReport, ActionSubmitGraffiti
from actions.request_status import ActionCheckRequestStatus
from bot.messaging.models import Conversation
from bot.platform.db import Database
from bot.reports.models import ServiceRequest
from handoff.models import HandoffRequest
from tests.actions.support import domain, entity, responses, tracker


def test_every_custom_action_in_the_domain_is_registered() -> None:
    executor = ActionExecutor()
    executor.register_package("actions")
    import yaml

    from bot.platform.settings import ROOT

    declared = set(yaml.safe_load((ROOT / "domain" / "core.yml").read_text())["actions"])
    assert declared == set(executor.actions)


async def test_filing_commits_before_telling_the_case_number(action_db: Database) -> None:
    slots = {
        "location": "NE Sandy and 47th",
        "graffiti_surface": "stop sign",
        "graffiti_offensive": True,
        "graffiti_photo": "none",
        "report_confirmed": True,
        "language": "es",
    }
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitGraffiti().run(dispatcher, tracker("si", "affirm", slots=slots), domain())
    [message] = dispatcher.messages
    assert message["response"] == "utter_report_filed_priority"
    assert re.fullmatch(r"PDX-\d{4}-\d{6}", message["case"])
    stored = await action_db.run(lambda s: s.scalars(select(ServiceRequest)).one())
    assert stored.service_request_id == message["case"]
    assert (stored.language, stored.address_string, stored.media_url) == ("es", "NE Sandy and 47th", None)
    assert stored.attributes == {"surface": "stop sign", "offensive": True}
    assert SlotSet("location", None) in events and SlotSet("language", "es") not in events


async def test_status_found_and_not_found(action_db: Database) -> None:
    dispatcher = CollectingDispatcher()
    slots = {
        "location": "SE 82nd and Foster",
        "graffiti_surface": "wall",
        "graffiti_offensive": False,
        "graffiti_photo": "none",
    }
    await ActionSubmitGraffiti().run(dispatcher, tracker("yes", "affirm", slots=slots), domain())
    case = dispatcher.messages[0]["case"]
    dispatcher = CollectingDispatcher()
    t = tracker(f"estado {case}", "check_status", [entity("case_number", case)], slots={"language": "es"})
    await ActionCheckRequestStatus().run(dispatcher, t, domain())
    [status] = dispatcher.messages
    assert status["response"] == "utter_request_status"
    assert (status["case"], status["service"], status["status"]) == (case, "Grafiti", "recibido")
    assert re.search(r"\d{4}", status["updated"])
    dispatcher = CollectingDispatcher()
    await ActionCheckRequestStatus().run(dispatcher, tracker("status PDX-2026-999999", "check_status"), domain())
    assert responses(dispatcher) == ["utter_request_not_found"]
    dispatcher = CollectingDispatcher()
    await ActionCheckRequestStatus().run(
        dispatcher, tracker("what's the status of my report", "check_status", sender_id="web-new"), domain()
    )
    assert responses(dispatcher) == ["utter_ask_case_number"]


async def test_status_without_a_number_shows_the_residents_own_latest_reports(action_db: Database) -> None:
    slots = {
        "location": "SE 82nd and Foster",
        "graffiti_surface": "wall",
        "graffiti_offensive": False,
        "graffiti_photo": "none",
    }
    cases = []
    for sender in ("web-mine", "web-mine", "web-someone-else"):
        dispatcher = CollectingDispatcher()
        await ActionSubmitGraffiti().run(dispatcher, tracker("yes", "affirm", slots=slots, sender_id=sender), domain())
        cases.append(dispatcher.messages[0]["case"])
    dispatcher = CollectingDispatcher()
    t = tracker("is my graffiti report closed yet", "check_status", sender_id="web-mine")
    await ActionCheckRequestStatus().run(dispatcher, t, domain())
    assert responses(dispatcher) == ["utter_recent_requests", "utter_request_status", "utter_request_status"]
    assert [m["case"] for m in dispatcher.messages[1:]] == [cases[1], cases[0]]


async def test_handoff_queues_once_pauses_and_keeps_the_form(action_db: Database) -> None:
    for position in (1, 1):
        dispatcher = CollectingDispatcher()
        t = tracker(
            "agent",
            "request_human",
            active_loop="campsite_form",
            sender_id="web-handoff",
            slots={"location": "SE Powell & 82nd"},
        )
        events = await ActionHandoff().run(dispatcher, t, domain())
        assert responses(dispatcher) == ["utter_handoff"]
        assert dispatcher.messages[0]["position"] == position and dispatcher.messages[0]["wait"] >= 1
        assert events == [ConversationPaused()]  # the form and its slots stay for when staff give it back
    rows = await action_db.run(
        lambda s: [(r.conversation_id, r.reason, r.report, r.callback) for r in s.scalars(select(HandoffRequest))]
    )
    assert rows == [("web-handoff", "asked", {"service": "campsite", "slots": {"location": "SE Powell & 82nd"}}, False)]
    assert await action_db.run(lambda s: s.get(Conversation, "web-handoff").mode) == "waiting"


async def test_outside_staffed_hours_the_resident_is_told_when_staff_are_back(
    action_db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    today = datetime.now(ZoneInfo("America/Los_Angeles")).date()
    closed = tmp_path / "closed.txt"
    closed.write_text("\n".join(str(today + timedelta(days=d)) for d in range(3)) + "\n")
    monkeypatch.setenv("STAFFED_HOURS", "07:00-20:00")
    monkeypatch.setenv("STAFFED_HOLIDAYS", str(closed))
    staffed_hours.cache_clear()  # read once per process: read again with these settings
    dispatcher = CollectingDispatcher()
    await ActionHandoff().run(dispatcher, tracker("agent", "request_human", sender_id="web-night"), domain())
    assert responses(dispatcher) == ["utter_handoff_closed"]
    assert "7:00" in dispatcher.messages[0]["opens"]
    callback = await action_db.run(lambda s: s.scalars(select(HandoffRequest.callback)).one())
    assert callback is True


async def test_not_understood_twice_in_a_row_hands_off(action_db: Database) -> None:
    def user(intent: str) -> dict[str, Any]:
        return {"event": "user", "parse_data": {"intent": {"name": intent}}}

    once = CollectingDispatcher()
    events = await ActionNotUnderstood().run(
        once, tracker("blorp", "nlu_fallback", events=[user("greet"), user("nlu_fallback")]), domain()
    )
    assert responses(once) == ["utter_please_rephrase"] and events == []
    twice = CollectingDispatcher()
    t = tracker("blorp", "nlu_fallback", sender_id="web-lost", events=[user("nlu_fallback"), user("nlu_fallback")])
    events = await ActionNotUnderstood().run(twice, t, domain())
    assert responses(twice) == ["utter_handoff"] and events == [ConversationPaused()]
    reason = await action_db.run(lambda s: s.scalars(select(HandoffRequest.reason)).one())
    assert reason == "not_understood"


async def test_an_action_that_fails_hands_off_instead(action_db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the case lookup broke")

    monkeypatch.setattr("actions.request_status.recent_requests", broken)
    dispatcher = CollectingDispatcher()
    t = tracker("is my report done", "check_status", sender_id="web-broken")
    events = await ActionCheckRequestStatus().run(dispatcher, t, domain())
    assert responses(dispatcher) == ["utter_handoff"] and events == [ConversationPaused()]
    reason = await action_db.run(lambda s: s.scalars(select(HandoffRequest.reason)).one())
    assert reason == "action_error"


async def test_language_change_answers_in_the_new_language() -> None:
    dispatcher = CollectingDispatcher()
    t = tracker("español por favor", "change_language", [entity("language", "es")])
    events = await ActionChangeLanguage().run(dispatcher, t, domain())
    assert events == [SlotSet("language", "es")]
    assert dispatcher.messages[0]["language"] == "es"


async def test_confirmation_summary_and_cancel() -> None:
    dispatcher = CollectingDispatcher()
    slots = {"vehicle_plate": "none", "language": "es"}
    await ActionAskReportConfirmed().run(
        dispatcher, tracker(slots=slots, active_loop="abandoned_vehicle_form"), domain()
    )
    assert dispatcher.messages[0]["response"] == "utter_confirm_abandoned_vehicle"
    assert dispatcher.messages[0]["plate"] == "no visible"
    dispatcher = CollectingDispatcher()
    events = await ActionCancelReport().run(dispatcher, tracker("cancel", "cancel"), domain())
    assert responses(dispatcher) == ["utter_report_cancelled"] and events[0] == ActiveLoop(None)


def test_the_language_comes_from_the_message_metadata_before_the_slot() -> None:
    from actions.conversation import language_of

    user = {"event": "user", "text": "hola", "metadata": {"channel": "sms", "language": "es"}}
    older = {"event": "user", "text": "hi", "metadata": {"channel": "sms", "language": "en"}}
    assert language_of(tracker("hola", events=[older, {"event": "bot"}, user])) == "es"
    assert language_of(tracker("hi", slots={"language": "es"}, events=[user, older])) == "en"
    assert language_of(tracker("hola", slots={"language": "es"})) == "es"  # rasa shell: no metadata
    assert language_of(tracker("hello")) == "en"


async def test_a_deployments_geocoder_gives_the_report_its_coordinates(
    action_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actions.report_filing import geocoder

    table = tmp_path / "intersections.csv"
    table.write_text("place,lat,long\nSE 82nd Ave & SE Foster Rd,45.4869,-122.5788\n", encoding="utf-8")
    monkeypatch.setenv("GEOCODER_TABLE", str(table))
    geocoder.cache_clear()
    try:
        for location in ("Foster and 82nd", "SE Steele St near 80th"):
            slots = {"location": location, "graffiti_surface": "wall", "graffiti_offensive": False}
            await ActionSubmitGraffiti().run(
                CollectingDispatcher(), tracker("yes", "affirm", slots={**slots, "graffiti_photo": "none"}), domain()
            )
    finally:
        geocoder.cache_clear()
    rows = await action_db.run(
        lambda s: [
            (r.address_string, r.lat, r.long) for r in s.scalars(select(ServiceRequest).order_by(ServiceRequest.id))
        ]
    )
    assert rows == [("Foster and 82nd", 45.4869, -122.5788), ("SE Steele St near 80th", None, None)]


async def test_an_unreadable_geocoder_table_never_stops_a_report(
    action_db: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actions.report_filing import geocoder

    table = tmp_path / "broken.csv"
    table.write_text("place,lat,long\nSE 82nd Ave & SE Foster Rd,north,west\n", encoding="utf-8")
    monkeypatch.setenv("GEOCODER_TABLE", str(table))
    geocoder.cache_clear()
    try:
        dispatcher = CollectingDispatcher()
        slots = {"location": "Foster and 82nd", "graffiti_surface": "wall", "graffiti_offensive": False}
        await ActionSubmitGraffiti().run(
            dispatcher, tracker("yes", "affirm", slots={**slots, "graffiti_photo": "none"}), domain()
        )
    finally:
        geocoder.cache_clear()
    assert responses(dispatcher) == ["utter_report_filed"]
    stored = await action_db.run(lambda s: s.scalars(select(ServiceRequest)).one())
    assert (stored.address_string, stored.lat, stored.long) == ("Foster and 82nd", None, None)
