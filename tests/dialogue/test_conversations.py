"""Whole conversations by SMS in English and Spanish: every form path, against the real Rasa and action servers."""

from __future__ import annotations

import itertools
import re

import pytest

from tests.harness.clients import http_json
from tests.harness.stack import RunningStack

pytestmark = pytest.mark.stack
CASE = re.compile(r"PDX-\d{4}-\d{6}")
_numbers = itertools.count(100)


def new_phone() -> str:
    return f"+1971555{next(_numbers):04d}"


def file_and_check(stack: RunningStack, number: str, confirm: str, service_code: str, language: str) -> dict:
    answer = stack.converse(number, confirm)
    case = CASE.search(answer)
    assert case, answer
    status, found = http_json("GET", f"{stack.front_door_url}/open311/v2/requests/{case.group(0)}.json")
    assert status == 200 and found[0]["service_code"] == service_code and found[0]["language"] == language
    return found[0]


def test_vehicle_report_in_english(stack: RunningStack) -> None:
    number = new_phone()
    ask = stack.converse(number, "abandoned car on SE Foster and 52nd been there 3 weeks")
    assert "vehicle" in ask.lower(), ask
    assert "plate" in stack.converse(number, "blue honda civic").lower()
    summary = stack.converse(number, "ABC1234")
    assert "ABC1234" in summary and "Foster" in summary and "3 weeks" in summary, summary
    request = file_and_check(stack, number, "yes", "abandoned_vehicle", "en")
    assert "honda" in request["description"].lower()


def test_graffiti_report_in_spanish(stack: RunningStack) -> None:
    number = new_phone()
    ask = stack.converse(number, "alguien pinto grafiti en la pared de la biblioteca de Lents")
    assert "ofensivo" in ask.lower(), ask
    ask = stack.converse(number, "no")
    assert "foto" in ask.lower(), ask
    summary = stack.converse(number, "no tengo foto")
    assert "¿" in summary and "Lents" in summary, summary
    file_and_check(stack, number, "si", "graffiti", "es")


def _reports_of(stack: RunningStack, number: str) -> int:
    sql = "select count(*) from service_requests where conversation_id = :id"
    return int(stack.scalar(sql, id=stack.sms_conversation(number)) or 0)


@pytest.mark.parametrize(
    ("opening", "answers"),
    [
        ("hay un campamento en la 82 y Division con carpas y basura", []),
        ("abandoned car on SE Foster and 52nd been there 3 weeks", ["blue honda civic"]),
        ("graffiti on the wall of the Lents library", ["no", "no photo"]),
    ],
)
def test_cancel_at_any_point_files_nothing(stack: RunningStack, opening: str, answers: list[str]) -> None:
    number = new_phone()
    stack.converse(number, opening)
    for answer in answers:
        stack.converse(number, answer)
    cancel = "cancelar reporte" if "hay" in opening else "cancel report"
    answer = stack.converse(number, cancel)
    assert "cancel" in answer.lower() and not CASE.search(answer), answer
    stack.converse(number, "si" if "hay" in opening else "yes")  # a stray yes afterwards files nothing either
    assert _reports_of(stack, number) == 0


def test_emergency_interrupts_a_form_with_911_first(stack: RunningStack) -> None:
    number = new_phone()
    stack.converse(number, "there's a tent camp blocking the sidewalk on SE Powell and 82nd")
    answer = stack.converse(number, "someone is overdosing right now")
    assert answer.index("911") < 80, answer
    assert "danger" in answer.lower(), "the report continues after the 911 instruction"


def test_danger_yes_gets_911_before_the_summary(stack: RunningStack) -> None:
    number = new_phone()
    stack.converse(number, "there's a tent camp blocking the sidewalk on SE Powell and 82nd")
    answer = stack.converse(number, "yes")
    assert "911" in answer and answer.index("911") < answer.index("check your report"), answer


def test_correction_at_confirmation(stack: RunningStack) -> None:
    number = new_phone()
    stack.converse(number, "graffiti on the stop sign at NE Sandy and 47th")
    stack.converse(number, "no")
    stack.converse(number, "no")
    choices = stack.converse(number, "no")
    assert "1 Location" in choices, choices
    ask = stack.converse(number, "1")
    assert "where" in ask.lower(), ask
    summary = stack.converse(number, "NE Sandy and 57th")
    assert "57th" in summary, summary
    request = file_and_check(stack, number, "yes", "graffiti", "en")
    assert "57th" in request["address"]


def test_bad_answers_get_specific_reasks_then_a_person_takes_over(stack: RunningStack) -> None:
    number = new_phone()
    stack.converse(number, "abandoned rv on N Lombard and Portsmouth for 2 weeks")
    stack.converse(number, "white winnebago rv")
    first = stack.converse(number, "???")
    assert "license plate" in first.lower(), first
    stack.converse(number, "!!!")
    third = stack.converse(number, "...")
    assert "311 staff" in third and "license plate" not in third.lower(), third


def test_status_lookup_in_spanish_with_locale_dates(stack: RunningStack) -> None:
    number = new_phone()
    stack.converse(number, "graffiti on the wall of the Hawthorne bridge")
    stack.converse(number, "no")
    stack.converse(number, "no")
    case = CASE.search(stack.converse(number, "yes")).group(0)
    other = new_phone()
    answer = stack.converse(other, f"estado de mi reporte {case}")
    assert case in answer and "Grafiti" in answer and "recibido" in answer, answer
    assert re.search(r"\d{1,2} [a-z]{3,5}\.? \d{4}", answer), answer
    missing = stack.converse(other, "status PDX-2026-999999")
    assert "PDX-2026-999999" in missing


def test_faq_answers_in_both_languages(stack: RunningStack) -> None:
    assert "211" in stack.converse(new_phone(), "where can i find a shelter tonight")
    assert "211" in stack.converse(new_phone(), "donde hay un albergue para dormir esta noche")
