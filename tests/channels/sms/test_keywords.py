"""Tests for bot.channels.sms.keywords: STOP/START/HELP in English and Spanish, and the replies."""

from __future__ import annotations

import pytest

from bot.channels.sms import keywords as sms_keywords
from bot.channels.sms.keywords import Keyword, classify, keyword_language, keyword_reply
from bot.language.segments import is_gsm7, segment_count


@pytest.mark.parametrize(
    ("body", "keyword", "lang"),
    [
        ("STOP", Keyword.OPT_OUT, "en"),
        ("stop", Keyword.OPT_OUT, "en"),
        ("  Stop!  ", Keyword.OPT_OUT, "en"),
        ("STOP.", Keyword.OPT_OUT, "en"),
        ("StopAll", Keyword.OPT_OUT, "en"),
        ("unsubscribe", Keyword.OPT_OUT, "en"),
        ("Cancel", Keyword.OPT_OUT, "en"),
        ("END", Keyword.OPT_OUT, "en"),
        ("quit", Keyword.OPT_OUT, "en"),
        ("PARAR", Keyword.OPT_OUT, "es"),
        ("¡Parar!", Keyword.OPT_OUT, "es"),
        ("detener", Keyword.OPT_OUT, "es"),
        ("CANCELAR SUSCRIPCION", Keyword.OPT_OUT, "es"),
        ("Cancelar suscripción", Keyword.OPT_OUT, "es"),
        ("cancelar   suscripción.", Keyword.OPT_OUT, "es"),
        ("START", Keyword.OPT_IN, "en"),
        ("unstop", Keyword.OPT_IN, "en"),
        ("Inicio", Keyword.OPT_IN, "es"),
        ("INÍCIO", Keyword.OPT_IN, "es"),
        ("help", Keyword.HELP, "en"),
        ("HELP?", Keyword.HELP, "en"),
        ("Ayuda", Keyword.HELP, "es"),
        ("¿ayuda?", Keyword.HELP, "es"),
        ("info", Keyword.HELP, None),  # same word in both languages: keep the resident's
    ],
)
def test_keywords(body: str, keyword: Keyword, lang: str | None) -> None:
    assert classify(body) is keyword
    assert keyword_language(body) == lang


@pytest.mark.parametrize(
    "body",
    ["", "  ", "yes", "YES", "Sí", "please stop the noise", "stop stop", "stopp", "help me", "no", "1", "cancelar"],
)
def test_ordinary_messages_are_not_keywords(body: str) -> None:
    assert classify(body) is None
    assert keyword_language(body) is None


@pytest.mark.parametrize("keyword", list(Keyword))
def test_every_english_reply_fits_one_gsm7_sms(keyword: Keyword) -> None:
    reply = keyword_reply(keyword, "en")
    assert reply.startswith("PDX 311: ")
    assert is_gsm7(reply)
    assert segment_count(reply) == 1


def test_opt_out_reply_says_how_to_come_back() -> None:
    reply = keyword_reply(Keyword.OPT_OUT, "en")
    assert "no more messages" in reply
    assert "START" in reply


def test_opt_in_reply() -> None:
    reply = keyword_reply(Keyword.OPT_IN, "en")
    assert "subscribed" in reply
    assert "STOP" in reply


def test_help_reply_has_what_carriers_require() -> None:
    reply = keyword_reply(Keyword.HELP, "en", program_name="Portland 311")
    assert reply.startswith("Portland 311: ")
    for needed in ("campsites", "abandoned vehicles", "graffiti", "City questions", "911", "503-823-4000", "STOP"):
        assert needed in reply
    assert "Msg & data rates may apply" in reply


def test_replies_go_through_the_catalog(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str, dict[str, object]]] = []

    def translate(lang: str, msgid: str, **kwargs: object) -> str:
        calls.append((lang, msgid, kwargs))
        return "traducido"

    monkeypatch.setattr(sms_keywords, "translate", translate)
    assert keyword_reply(Keyword.OPT_OUT, "es") == "traducido"
    assert calls == [("es", sms_keywords._OPT_OUT_REPLY, {"program": "PDX 311"})]
