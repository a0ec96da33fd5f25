"""Responses rendered from the catalogs in the conversation's language, for Rasa's NLG endpoint."""

from __future__ import annotations

from bot.language.nlg import render_request
from bot.language.responses import fill, load_responses


def test_every_response_renders_in_both_languages() -> None:
    for name in load_responses():
        for lang in ("en", "es"):
            message = render_request({"response": name, "arguments": {}, "tracker": {"slots": {"language": lang}}})
            assert message["text"], name


def test_spanish_with_buttons_and_arguments() -> None:
    message = render_request(
        {
            "response": "utter_report_filed",
            "arguments": {"case": "PDX-2026-000007"},
            "tracker": {"slots": {"language": "es"}},
        }
    )
    assert "PDX-2026-000007" in message["text"] and message["text"] != load_responses()["utter_report_filed"][0].text
    greet = render_request({"response": "utter_greet", "arguments": {}, "tracker": {"slots": {"language": "es"}}})
    assert [b["payload"] for b in greet["buttons"]][:3] == [
        "/report_campsite",
        "/report_abandoned_vehicle",
        "/report_graffiti",
    ]
    assert greet["buttons"][2]["title"] != "Graffiti" or greet["buttons"][1]["title"] != "Abandoned vehicle"


def test_the_language_argument_wins_over_the_slot() -> None:
    message = render_request(
        {
            "response": "utter_language_changed",
            "arguments": {"language": "es"},
            "tracker": {"slots": {"language": "en"}},
        }
    )
    assert "español" in message["text"]


def test_slots_fill_placeholders_and_braces_do_not_break_rendering() -> None:
    assert fill("At {location}: {missing}", {"location": "SE 82nd"}) == "At SE 82nd: "
    assert fill("odd { brace", {}) == "odd { brace"
    assert fill("{location}", {"location": "{0} <b>"}) == "{0} <b>"
