"""Responses rendered from the catalogs in the conversation's language, for Rasa's NLG endpoint."""

from __future__ import annotations

import logging

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer, make_mocked_request

import bot.language.nlg as nlg
from bot.app import PathOnlyAccessLogger
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


async def _nlg_status(token: str, query: dict[str, str]) -> int:
    async def language_of(sender: str) -> str | None:
        return "en"

    app = web.Application()
    nlg.setup(app, language_of, token)
    body = {"response": "utter_greet", "arguments": {}, "tracker": {"sender_id": "web-x", "slots": {}}}
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        return (await client.post("/nlg", json=body, params=query)).status


async def test_the_nlg_endpoint_answers_only_with_its_token() -> None:
    assert await _nlg_status("s3cret", {"token": "s3cret"}) == 200
    assert await _nlg_status("s3cret", {"token": "wrong"}) == 403
    assert await _nlg_status("s3cret", {}) == 403
    assert await _nlg_status("", {}) == 200  # no token configured: callers on this machine only


def test_the_access_log_leaves_out_query_strings(caplog: pytest.LogCaptureFixture) -> None:
    logger = logging.getLogger("test.access")
    access = PathOnlyAccessLogger(logger, "")
    request = make_mocked_request("POST", "/nlg?token=s3cret&From=%2B15035550123")
    with caplog.at_level(logging.INFO, logger="test.access"):
        access.log(request, web.Response(status=200), 0.01)
    assert "/nlg" in caplog.text and "s3cret" not in caplog.text and "5035550123" not in caplog.text
