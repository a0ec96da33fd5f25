"""Answers read by the question asked, and the rules that override the classifier."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.understanding.answers import is_bare_yes_no, is_explicit_cancel, yes_no
from bot.understanding.component import AnswerReader, corrected_intent, report_told_as_facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no nobody in danger, theyre just blocking the sidewalk", False),
        ("Nobody's hurt", False),
        ("nope", False),
        ("idk its just letters, dont think so", False),
        ("no. its just disgusting", False),
        ("no tengo foto", False),
        ("nel, nadie", False),
        ("yes please, file it", True),
        ("file it and actually do something this time", True),
        ("sí, mándelo", True),
        ("yeah go ahead", True),
        ("ándale pues", True),
        ("stop sign", None),
        ("a white ford van", None),
        ("", None),
    ],
)
def test_yes_no_reads_the_opening_words(text: str, expected: bool | None) -> None:
    assert yes_no(text) is expected


@pytest.mark.parametrize(
    ("text", "about", "expected"),
    [
        ("pues peligro peligro no, pero en la noche se pelean", "danger", False),
        ("the guy yells at bikers sometimes but nobody is in any danger", "danger", False),
        ("it's a mess but I wouldn't say anyone is hurt", None, None),  # no subject given: not read
        ("honestly it's not hateful, just a big ugly tag", "offensive", False),
        ("una palabra fea en ingles pero no es contra nadie", "offensive", False),
        ("yes, someone wrote a slur", "offensive", True),
        ("a man is in danger, he fell", "danger", None),  # not denied: the detector and the re-ask decide
    ],
)
def test_an_answer_that_denies_the_questions_subject_is_a_no(
    text: str, about: str | None, expected: bool | None
) -> None:
    assert yes_no(text, about=about) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("vaya pues, si mandelo", True),
        ("ahora si, envielo", True),
        ("vaya pues", True),
        ("bueno, no", False),
        ("2", False),
        ("1", True),
        ("2 tents back in the trees and a grill", None),  # a description that starts with a number
    ],
)
def test_spanish_fillers_and_numbered_choices(text: str, expected: bool | None) -> None:
    assert yes_no(text) is expected


@pytest.mark.parametrize(
    ("text", "bare"),
    [
        ("no", True),
        ("yes please", True),
        ("nope.", True),
        ("no tents, just a big pile of trash bags", False),
        ("2 tents y un monton de trash", False),
        ("nothing much, a tarp and some carts", False),
    ],
)
def test_a_bare_yes_or_no_is_told_from_a_description_that_opens_with_one(text: str, bare: bool) -> None:
    assert is_bare_yes_no(text) is bare


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("cancel report", True),
        ("cancelar reporte", True),
        ("never mind, forget it", True),
        ("no, no lo mande. cancélelo, el dueño se lo acaba de llevar", True),
        ("cancel", True),
        ("no nobody in danger", False),
        ("stop sign", False),
        ("they cancelled the bus line that used to stop here", False),
        ("ya no está el carro, se lo llevaron", False),
        ("no", False),
    ],
)
def test_only_explicit_words_cancel(text: str, expected: bool) -> None:
    assert is_explicit_cancel(text) is expected


@pytest.mark.parametrize(
    ("text", "model", "question", "expected"),
    [
        # read by the question asked
        ("no nobody in danger, theyre just blocking the sidewalk", "cancel", "campsite_danger", "deny"),
        ("Nobody's hurt", "faq", "graffiti_offensive", "deny"),
        ("yes please, file it", "cancel", "report_confirmed", "affirm"),
        ("red pickup", "faq", "vehicle_description", "inform"),
        ("stop sign", "cancel", "graffiti_surface", "inform"),
        ("idk, it was already there when i moved in in june", "faq", "vehicle_duration", "inform"),
        ("the trailer doesnt have a plate", "report_abandoned_vehicle", "vehicle_plate", "inform"),
        ("agent please", "request_human", "location", None),
        ("what are your hours?", "faq", "location", None),
        # a language named in an answer is not a request to change it; a request is
        ("Tiene una mala palabra en inglés, sí me parece ofensivo.", "change_language", "graffiti_offensive", "inform"),
        ("en español por favor", "change_language", "graffiti_offensive", None),
        # rules that hold everywhere
        ("theres a man slumped over in the drivers seat not responding and his lips are blue", "inform",
         "vehicle_plate", "emergency"),
        ("the tent is on fire and there are people inside", "report_campsite", None, "emergency"),
        ("cancel report", "deny", "report_confirmed", "cancel"),
        ("no, nadie está en peligro ahorita", "emergency", None, "deny"),
        ("/affirm", "affirm", "report_confirmed", None),
        ("hello", "greet", None, None),
    ],
)  # fmt: skip
def test_corrected_intent(text: str, model: str, question: str | None, expected: str | None) -> None:
    assert corrected_intent(text, model, 0.8, question) == expected


@pytest.mark.parametrize(
    ("text", "runner_up", "expected"),
    [
        ("there was a fire at the camp last week, can someone clean up the burned junk", "report_campsite",
         "report_campsite"),
        ("the camp is a fire hazard with all those propane tanks", "report_campsite", "report_campsite"),
        ("fire hydrant leaking on NE Fremont", "out_of_scope", "out_of_scope"),
    ],
)  # fmt: skip
def test_a_model_emergency_the_detector_rules_out_becomes_the_next_intent(
    text: str, runner_up: str, expected: str
) -> None:
    assert corrected_intent(text, "emergency", 0.9, None, runner_up) == expected


def test_a_model_emergency_the_detector_does_not_flag_is_not_an_emergency() -> None:
    assert corrected_intent("syringes all over the playground", "emergency", 0.9, None, "report_campsite") == (
        "report_campsite"
    )


@pytest.mark.parametrize(
    ("text", "model", "question", "expected"),
    [
        (
            "a car in front of my home for weeks. Might I please speak with a real person instead?",
            "report_abandoned_vehicle",
            None,
            "request_human",
        ),
        ("quiero hablar con una persona", "inform", "location", "request_human"),
        ("the person in the tent yells at people", "inform", "campsite_details", None),
        (
            "mi hermano vive en una carpa, no quiero que lo reporten, ¿dónde hay un albergue?",
            "report_campsite",
            None,
            "faq",
        ),
        ("I don't want to report anyone, where can my friend sleep tonight", "report_campsite", None, "faq"),
        ("I want to report a camp, it's not a small one", "report_campsite", None, None),
    ],
)
def test_a_person_asked_for_wins_and_a_declined_report_is_not_one(
    text: str, model: str, question: str | None, expected: str | None
) -> None:
    assert corrected_intent(text, model, 0.9, question, "faq") == expected


def test_a_trailing_yes_or_no_answers() -> None:
    assert yes_no("Some of the words are bad words, yes.") is True
    assert yes_no("big letters on the door, no.") is False
    assert yes_no("I told them no") is None


def test_after_the_case_number_question_only_a_number_answers_it() -> None:
    carpas = "dice q hay muchas carpas en la esquina de la Killingsworth y la 42"
    assert corrected_intent(carpas, "report_campsite", 0.8, "case_number") is None  # a new report, the model's
    assert corrected_intent("PDX-2026-000123", "check_status", 0.8, "case_number") == "inform"


@pytest.mark.parametrize(
    ("ranking", "question", "expected"),
    [
        ([("inform", 0.51), ("report_campsite", 0.49)], None, "report_campsite"),
        ([("inform", 0.8), ("report_graffiti", 0.25)], None, "report_graffiti"),
        ([("inform", 0.9), ("report_graffiti", 0.1)], None, None),  # a report the model hardly thinks of
        ([("inform", 0.51), ("report_campsite", 0.49)], "campsite_details", None),  # an answer to the question
        ([("inform", 0.6), ("thanks", 0.4)], None, None),
        ([("report_campsite", 0.6), ("inform", 0.4)], None, None),
        ([("inform", 1.0)], None, None),
    ],
)
def test_facts_told_with_no_question_pending_are_the_report_behind_them(
    ranking: list[tuple[str, float]], question: str | None, expected: str | None
) -> None:
    assert report_told_as_facts(ranking, question) == expected


def _read(text: str, ranking: list[tuple[str, float]], question: str | None = None) -> str:
    top = {"name": ranking[0][0], "confidence": ranking[0][1]}
    message = Message(
        data={
            "text": text,
            "intent": top,
            "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
            "metadata": {"question": question} if question else {},
        }
    )
    return str(AnswerReader().process([message])[0].get("intent")["name"])


def test_the_reader_turns_an_opening_told_as_facts_into_its_report() -> None:
    text = "there are 3 tents on the sidewalk of NE Sandy and 60th since a month, and a shopping cart full of stuff"
    fallback = [("nlu_fallback", 0.35), ("inform", 0.51), ("report_campsite", 0.49)]
    assert _read(text, fallback) == "report_campsite"
    assert _read(text, fallback[1:], "campsite_details") == "inform"
    # the rules that hold everywhere still come first
    assert _read("theres a tent on fire with people inside", fallback) == "emergency"
