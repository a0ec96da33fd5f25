"""The report forms' validators: specific re-asks, corrections, 911 first, and a person after three misses."""

from __future__ import annotations

import pytest
from rasa_sdk.events import ActionExecutionRejected, ConversationPaused, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.abandoned_vehicle import ValidateAbandonedVehicleForm
from actions.campsite import ValidateCampsiteForm
from actions.graffiti import ValidateGraffitiForm
from bot.platform.db import Database
from handoff.models import HandoffRequest
from tests.actions.support import domain, entity, responses, tracker


async def run_form(validator, t):  # type: ignore[no-untyped-def]
    dispatcher = CollectingDispatcher()
    events = await validator.run(dispatcher, t, domain())
    return events, dispatcher


async def test_first_campsite_message_fills_location_and_details() -> None:
    text = "there's a tent camp blocking the sidewalk on SE Powell and 82nd"
    t = tracker(
        text,
        "report_campsite",
        [entity("address", "SE Powell and 82nd")],
        slots={"location": "SE Powell and 82nd"},
        active_loop="campsite_form",
        events=[{"event": "slot", "name": "location", "value": "SE Powell and 82nd"}],
    )
    events, dispatcher = await run_form(ValidateCampsiteForm(), t)
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["location"] == "SE Powell and 82nd"
    assert slots["campsite_details"] == text
    assert responses(dispatcher) == []


async def test_danger_yes_says_911_before_anything_else() -> None:
    t = tracker(
        "yes",
        "affirm",
        slots={"requested_slot": "campsite_danger", "location": "x st", "campsite_details": "tents"},
        active_loop="campsite_form",
    )
    events, dispatcher = await run_form(ValidateCampsiteForm(), t)
    assert responses(dispatcher) == ["utter_emergency"]
    assert SlotSet("campsite_danger", True) in events


async def test_unclear_danger_answer_gets_a_specific_reask() -> None:
    t = tracker(
        "maybe idk 🤷", "out_of_scope", slots={"requested_slot": "campsite_danger"}, active_loop="campsite_form"
    )
    events, dispatcher = await run_form(ValidateCampsiteForm(), t)
    assert responses(dispatcher) == ["utter_invalid_yes_no"]
    assert SlotSet("campsite_danger", None) in events
    assert SlotSet("failed_attempts", 1.0) in events


async def test_third_miss_hands_off_to_a_person_without_asking_again(action_db: Database) -> None:
    t = tracker(
        "🙂",
        "out_of_scope",
        slots={"requested_slot": "location", "location": "🙂", "failed_attempts": 2.0},
        active_loop="campsite_form",
        sender_id="web-stuck",
        events=[{"event": "slot", "name": "location", "value": "🙂"}],
    )
    events, dispatcher = await run_form(ValidateCampsiteForm(), t)
    assert responses(dispatcher) == ["utter_handoff"]
    assert SlotSet("location", None) in events and ConversationPaused() in events
    assert ActionExecutionRejected("campsite_form") in events  # the form does not ask for the location again
    reason = await action_db.run(lambda s: s.scalars(select(HandoffRequest.reason)).one())
    assert reason == "form_failed"


@pytest.mark.parametrize("answer", ["ABC1234", "plate is 123 XYZ", "ore 4421"])
async def test_plates_are_read(answer: str) -> None:
    t = tracker(answer, "inform", slots={"requested_slot": "vehicle_plate"}, active_loop="abandoned_vehicle_form")
    events, dispatcher = await run_form(ValidateAbandonedVehicleForm(), t)
    plate = next(e["value"] for e in events if e.get("name") == "vehicle_plate")
    assert plate and any(ch.isdigit() for ch in plate)
    assert responses(dispatcher) == []


async def test_no_plate_means_not_visible() -> None:
    t = tracker("no se ve", "deny", slots={"requested_slot": "vehicle_plate"}, active_loop="abandoned_vehicle_form")
    events, _ = await run_form(ValidateAbandonedVehicleForm(), t)
    assert SlotSet("vehicle_plate", "none") in events


@pytest.mark.parametrize(("answer", "ok"), [("like 3 weeks", True), ("desde hace un mes", True), ("blue", False)])
async def test_durations(answer: str, ok: bool) -> None:
    t = tracker(answer, "inform", slots={"requested_slot": "vehicle_duration"}, active_loop="abandoned_vehicle_form")
    events, dispatcher = await run_form(ValidateAbandonedVehicleForm(), t)
    value = next(e["value"] for e in events if e.get("name") == "vehicle_duration")
    assert (value is not None) is ok
    assert responses(dispatcher) == ([] if ok else ["utter_invalid_vehicle_duration"])


async def test_vehicle_entities_describe_the_vehicle() -> None:
    t = tracker(
        "white ford van on my street",
        "report_abandoned_vehicle",
        [entity("vehicle_color", "white"), entity("vehicle_make", "ford"), entity("vehicle_type", "van")],
        active_loop="abandoned_vehicle_form",
    )
    events, _ = await run_form(ValidateAbandonedVehicleForm(), t)
    assert SlotSet("vehicle_description", "white ford van") in events


async def test_hateful_graffiti_is_marked_offensive_without_asking() -> None:
    t = tracker("someone painted a swastika on the wall at Lents park", "report_graffiti", active_loop="graffiti_form")
    events, _ = await run_form(ValidateGraffitiForm(), t)
    assert SlotSet("graffiti_offensive", True) in events
    assert any(e.get("name") == "graffiti_surface" and e["value"] for e in events)


async def test_photo_from_media_slot_and_no_photo() -> None:
    t = tracker(
        "/inform",
        "inform",
        slots={"requested_slot": "graffiti_photo", "media_url": "http://x/media/abc"},
        active_loop="graffiti_form",
    )
    events, _ = await run_form(ValidateGraffitiForm(), t)
    assert SlotSet("graffiti_photo", "http://x/media/abc") in events
    t = tracker("no", "deny", slots={"requested_slot": "graffiti_photo"}, active_loop="graffiti_form")
    events, _ = await run_form(ValidateGraffitiForm(), t)
    assert SlotSet("graffiti_photo", "none") in events


async def test_confirmation_no_asks_what_to_change_then_clears_that_field() -> None:
    base = {
        "requested_slot": "report_confirmed",
        "location": "SE 82nd",
        "campsite_details": "tents",
        "campsite_danger": False,
    }
    events, _ = await run_form(ValidateCampsiteForm(), tracker("no", "deny", slots=base, active_loop="campsite_form"))
    assert SlotSet("correcting", True) in events and SlotSet("report_confirmed", None) in events
    t = tracker(
        "/inform",
        "inform",
        [entity("correction", "location")],
        slots={**base, "correcting": True},
        active_loop="campsite_form",
    )
    events, _ = await run_form(ValidateCampsiteForm(), t)
    assert SlotSet("location", None) in events
    assert SlotSet("correcting", False) in events


async def test_confirmation_yes_completes_the_form() -> None:
    base = {
        "requested_slot": "report_confirmed",
        "location": "SE 82nd",
        "campsite_details": "tents",
        "campsite_danger": False,
    }
    events, _ = await run_form(ValidateCampsiteForm(), tracker("sí", "affirm", slots=base, active_loop="campsite_form"))
    assert SlotSet("report_confirmed", True) in events


async def test_interruptions_are_left_to_the_rules() -> None:
    t = tracker("cancel", "cancel", slots={"requested_slot": "campsite_details"}, active_loop="campsite_form")
    events, dispatcher = await run_form(ValidateCampsiteForm(), t)
    assert not any(e.get("name") == "campsite_details" for e in events)
    assert responses(dispatcher) == []


def _slots(events: list) -> dict:  # type: ignore[type-arg]
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def test_the_location_in_the_first_message_is_kept_and_other_facts_too() -> None:
    text = "abandoned blue van on N Willis Blvd near Chautauqua, been there 3 weeks, plates gone"
    t = tracker(text, "report_abandoned_vehicle", active_loop="abandoned_vehicle_form")
    events, dispatcher = await run_form(ValidateAbandonedVehicleForm(), t)
    slots = _slots(events)
    assert "Willis" in slots["location"] and "Chautauqua" in slots["location"]
    assert slots["vehicle_duration"] == "3 weeks" and slots["vehicle_plate"] == "none"
    assert responses(dispatcher) == []


async def test_an_answer_to_another_question_is_never_read_as_the_location() -> None:
    t = tracker(
        "it's been there since mid-January on the corner",
        "inform",
        [entity("address", "the corner")],
        slots={"requested_slot": "vehicle_duration", "location": None},
        active_loop="abandoned_vehicle_form",
    )
    events, _ = await run_form(ValidateAbandonedVehicleForm(), t)
    assert "location" not in _slots(events)


@pytest.mark.parametrize(
    "answer",
    ["on SE Steele St near 80th", "en la NE Wasco St y la 99, cerca del Gateway Transit Center", "NE 122nd & Glisan"],
)
async def test_locations_as_residents_give_them_are_accepted(answer: str) -> None:
    t = tracker(answer, "inform", slots={"requested_slot": "location"}, active_loop="campsite_form")
    events, dispatcher = await run_form(ValidateCampsiteForm(), t)
    assert _slots(events)["location"] == answer and responses(dispatcher) == []


@pytest.mark.parametrize("answer", ["it's been there since mid-January", "white ford van", "yes"])
async def test_answers_that_are_not_places_are_refused_as_the_location(answer: str) -> None:
    t = tracker(answer, "inform", slots={"requested_slot": "location"}, active_loop="campsite_form")
    events, dispatcher = await run_form(ValidateCampsiteForm(), t)
    assert _slots(events)["location"] is None and responses(dispatcher) == ["utter_invalid_location"]


async def test_a_correction_at_the_confirmation_replaces_the_location() -> None:
    base = {
        "requested_slot": "report_confirmed",
        "location": "on SE Steele St near 80th",
        "campsite_details": "tents",
        "campsite_danger": False,
    }
    t = tracker("sorry, not Steele, it's Raymond, same block", "inform", slots=base, active_loop="campsite_form")
    events, _ = await run_form(ValidateCampsiteForm(), t)
    slots = _slots(events)
    assert "Raymond" in slots["location"] and "Steele" not in slots["location"]
    assert slots["report_confirmed"] is None


async def test_a_correction_of_the_location_in_another_answer_moves_it_and_the_question_stands() -> None:
    slots = {"requested_slot": "campsite_details", "location": "SE Woodstock Blvd near 52nd"}
    answer = "wait, not 52nd, it's 45th and woodstock"
    t = tracker(answer, "inform", slots=slots, active_loop="campsite_form")
    events, _ = await run_form(ValidateCampsiteForm(), t)
    slots = _slots(events)
    assert "45th" in slots["location"] and "52nd" not in slots["location"]
    assert not slots.get("campsite_details")  # asked again: the message answered where, not what


async def test_a_location_corrected_in_its_own_answer_is_the_corrected_one() -> None:
    answer = "NE Halsey at 102nd - no sorry, 106th"
    t = tracker(answer, "inform", slots={"requested_slot": "location"}, active_loop="campsite_form")
    events, _ = await run_form(ValidateCampsiteForm(), t)
    assert _slots(events)["location"] == "NE Halsey St & NE 106th Ave"


@pytest.mark.parametrize(
    ("answer", "expected"),
    [("the trailer doesnt have a plate", "none"), ("no se ve la placa", "none"), ("7HG 302", "7HG 302")],
)
async def test_plate_answers_in_words(answer: str, expected: str) -> None:
    slots = {"requested_slot": "vehicle_plate"}
    t = tracker(answer, "inform", slots=slots, active_loop="abandoned_vehicle_form")
    events, dispatcher = await run_form(ValidateAbandonedVehicleForm(), t)
    assert _slots(events)["vehicle_plate"] == expected and responses(dispatcher) == []


async def test_no_photo_said_early_is_kept() -> None:
    t = tracker("graffiti on the mailbox at SE 60th and Stark, no photo sorry", "report_graffiti")
    events, _ = await run_form(ValidateGraffitiForm(), t)
    assert _slots(events)["graffiti_photo"] == "none"


@pytest.mark.parametrize(
    "answer", ["2 tents back in the trees, a little grill, and a pile of trash bags", "nothing much, 1 tarp"]
)
async def test_a_description_that_opens_with_a_number_or_a_no_is_kept(answer: str) -> None:
    t = tracker(answer, "inform", slots={"requested_slot": "campsite_details"}, active_loop="campsite_form")
    events, dispatcher = await run_form(ValidateCampsiteForm(), t)
    assert SlotSet("campsite_details", answer) in events and responses(dispatcher) == []


async def test_a_danger_answer_that_denies_danger_is_a_no_whatever_it_opens_with() -> None:
    answer = "pues peligro peligro no, pero si hay peleas en la noche"
    t = tracker(answer, "inform", slots={"requested_slot": "campsite_danger"}, active_loop="campsite_form")
    events, dispatcher = await run_form(ValidateCampsiteForm(), t)
    assert SlotSet("campsite_danger", False) in events and responses(dispatcher) == []


@pytest.mark.parametrize(
    ("answer", "offensive"),
    [
        ("no its not offensive, just a tag", False),
        ("some of it is kinda vulgar, swear words", True),
        ("hay una palabra fea pero no es contra nadie", False),
    ],
)
async def test_offensive_answers_read_by_what_they_say(answer: str, offensive: bool) -> None:
    t = tracker(answer, "inform", slots={"requested_slot": "graffiti_offensive"}, active_loop="graffiti_form")
    events, _ = await run_form(ValidateGraffitiForm(), t)
    assert SlotSet("graffiti_offensive", offensive) in events


async def test_a_yes_without_a_photo_is_asked_once_then_taken_as_no_photo_for_now() -> None:
    slots = {"requested_slot": "graffiti_photo"}
    t = tracker("yes i have one", "affirm", slots=slots, active_loop="graffiti_form")
    events, dispatcher = await run_form(ValidateGraffitiForm(), t)
    assert SlotSet("graffiti_photo", None) in events and responses(dispatcher) == ["utter_invalid_graffiti_photo"]
    t = tracker("yes i have one", "affirm", slots={**slots, "failed_attempts": 1.0}, active_loop="graffiti_form")
    events, _ = await run_form(ValidateGraffitiForm(), t)
    assert SlotSet("graffiti_photo", "none") in events
    t = tracker("si tengo pero no se como mandarla por aqui", "affirm", slots=slots, active_loop="graffiti_form")
    events, _ = await run_form(ValidateGraffitiForm(), t)
    assert SlotSet("graffiti_photo", "none") in events


async def test_a_fact_in_the_first_message_that_does_not_hold_is_dropped_without_a_word() -> None:
    text = "theres a car parked in front of my house for like 3 weeks now, plate is 482 FJK"
    t = tracker(
        text, "report_abandoned_vehicle", [entity("duration", "weeks now")], active_loop="abandoned_vehicle_form"
    )
    events, dispatcher = await run_form(ValidateAbandonedVehicleForm(), t)
    assert SlotSet("vehicle_duration", "3 weeks") in events
    assert responses(dispatcher) == []


async def test_a_first_message_that_says_nobody_is_in_danger_is_not_asked_again() -> None:
    text = "camp growing under the Overlook Park MAX stairs on N Interstate, 7 tents. nobody seems to be in danger"
    t = tracker(text, "report_campsite", active_loop="campsite_form")
    events, _ = await run_form(ValidateCampsiteForm(), t)
    assert SlotSet("campsite_danger", False) in events
    t = tracker("camp under the Overlook Park MAX stairs, 7 tents", "report_campsite", active_loop="campsite_form")
    events, _ = await run_form(ValidateCampsiteForm(), t)
    assert not any(e.get("name") == "campsite_danger" and e["value"] is not None for e in events)


async def test_a_place_miles_long_is_asked_where_along_it_once() -> None:
    slots = {"requested_slot": "location", "location": "the Springwater"}
    events_in = [{"event": "slot", "name": "location", "value": "the Springwater"}]
    t = tracker("the Springwater", "inform", slots=slots, active_loop="campsite_form", events=events_in)
    events, dispatcher = await run_form(ValidateCampsiteForm(), t)
    assert SlotSet("location", None) in events and responses(dispatcher) == ["utter_invalid_location_along"]
    # Asked once; a resident who cannot say where along it is not pressed.
    t = tracker(
        "the Springwater",
        "inform",
        slots={**slots, "failed_attempts": 1.0},
        active_loop="campsite_form",
        events=events_in,
    )
    events, dispatcher = await run_form(ValidateCampsiteForm(), t)
    assert SlotSet("location", "the Springwater") in events and responses(dispatcher) == []
    where = "springwater trail where it crosses SE 111th"
    t = tracker(
        where,
        "inform",
        slots={**slots, "location": where},
        active_loop="campsite_form",
        events=[{"event": "slot", "name": "location", "value": where}],
    )
    events, _ = await run_form(ValidateCampsiteForm(), t)
    assert SlotSet("location", where) in events


async def test_nothing_offensive_said_early_is_a_no_and_danger_denied_in_another_answer_too() -> None:
    text = "graffiti on the wall of the garage at SW 10th and Yamhill, just tags, nothing offensive"
    events, _ = await run_form(ValidateGraffitiForm(), tracker(text, "report_graffiti", active_loop="graffiti_form"))
    assert SlotSet("graffiti_offensive", False) in events
    answer = "a camp on the sidewalk in front of the building. Nobody's in danger, but it blocks the mailboxes"
    t = tracker(answer, "inform", slots={"requested_slot": "campsite_details"}, active_loop="campsite_form")
    events, _ = await run_form(ValidateCampsiteForm(), t)
    assert SlotSet("campsite_danger", False) in events and SlotSet("campsite_details", answer) in events


async def test_a_street_that_starts_like_a_rude_word_is_not_offensive() -> None:
    t = tracker("tags on a fence on SW Dickinson St", "report_graffiti", active_loop="graffiti_form")
    events, _ = await run_form(ValidateGraffitiForm(), t)
    assert not any(e.get("name") == "graffiti_offensive" and e["value"] is True for e in events)


def _said(*texts: str, form_ended_before: bool = False) -> list[dict[str, object]]:
    """Tracker events: an earlier report's end (optionally), then the resident's messages in order."""
    events: list[dict[str, object]] = [{"event": "active_loop", "name": None}] if form_ended_before else []
    for text in texts:
        events.append({"event": "user", "text": text})
        events.append({"event": "action", "name": "action_listen"})
    return events


@pytest.mark.parametrize(
    ("opening", "answer", "language", "stored"),
    [
        (
            "I need to report an abandoned truck on NE Prescott St.",
            "Cross street is NE 72nd.",
            "en",
            "NE Prescott St & NE 72nd Ave",
        ),
        (
            "Quiero reportar un carro que dejaron en la N Vancouver Ave.",
            "Está en la esquina con Skidmore.",
            "es",
            "N Vancouver Ave & N Skidmore St",
        ),
    ],
)
async def test_a_cross_street_alone_is_joined_to_the_street_named_alone_before(
    opening: str, answer: str, language: str, stored: str
) -> None:
    slots = {"requested_slot": "location", "language": language}
    t = tracker(answer, "inform", slots=slots, active_loop="abandoned_vehicle_form", events=_said(opening, answer))
    events, dispatcher = await run_form(ValidateAbandonedVehicleForm(), t)
    assert SlotSet("location", stored) in events and responses(dispatcher) == []


@pytest.mark.parametrize(
    "events_in",
    [
        _said("truck on NE Prescott St", "been there three weeks", "NE 72nd", form_ended_before=False)[4:],
        _said("truck on NE Prescott St", form_ended_before=False) + _said("NE 72nd", form_ended_before=True),
    ],
    ids=["no street before", "the street was an earlier report's"],
)
async def test_a_street_alone_is_still_refused_without_a_street_of_this_report_before(
    events_in: list[dict[str, object]],
) -> None:
    slots = {"requested_slot": "location"}
    t = tracker("NE 72nd", "inform", slots=slots, active_loop="abandoned_vehicle_form", events=events_in)
    events, dispatcher = await run_form(ValidateAbandonedVehicleForm(), t)
    assert SlotSet("location", None) in events and responses(dispatcher) == ["utter_invalid_location"]
