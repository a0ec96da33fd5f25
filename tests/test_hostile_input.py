"""Every parser that reads outside input returns quickly, whatever it is fed (property-based, with Hypothesis).

A pattern that backtracks on long runs (digits, zeros, spaces, repeated words) would hold the event loop;
each call here must finish within ``BUDGET_MS`` on inputs built from the shapes that make regular
expressions slow, as long as the front door accepts (the SMS and web chat limits are well under this).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from multidict import MultiDict

from bot.channels.sms.choices import match_choice, with_numbered_choices
from bot.channels.sms.keywords import classify, keyword_language
from bot.language.detection import detect_language
from bot.language.requests import requested_language
from bot.language.segments import segment_count, split_for_sms
from bot.language.text import clean_text, fold
from bot.open311.inputs import InvalidParameter, parse_datetime, parse_new_request, parse_query
from bot.reports.locations import correction_of, find_location, parse_location, read_location
from bot.reports.service_requests import parse_case_number, strip_markup
from bot.safety import detect_emergency
from bot.understanding.answers import is_explicit_cancel, yes_no

BUDGET_MS = 50.0
_NOW = datetime(2026, 11, 29, tzinfo=UTC)
LONG = 4000
"""The longest text a resident can send (web chat's limit is lower; an SMS webhook body is 1,600)."""

# Pieces that make backtracking patterns slow when repeated: digit and zero runs, separators, the words
# the parsers look for, markup, and a few non-Latin letters.
PIECES = [
    "0",
    "9",
    "1",
    " ",
    "\t",
    "#",
    "-",
    "pdx",
    "PDX-",
    "2026",
    "case ",
    "report ",
    "no ",
    "not ",
    "yes ",
    "si ",
    "and ",
    "&",
    "/",
    "near ",
    "between ",
    "SE ",
    "NE ",
    "82nd ",
    "Ave ",
    "St ",
    "<",
    ">",
    "<b",
    "'",
    "fire ",
    "not breathing ",
    "nobody ",
    "!",
    ".",
    ",",
    "á",
    "ñ",
    "ü",
    "\u200b",
    "🙂",
    "(",
    ")",
    "[",
    "]",
]
PARSERS: dict[str, Callable[[str], Any]] = {
    "parse_case_number": parse_case_number,
    "strip_markup": strip_markup,
    "parse_location": parse_location,
    "find_location": find_location,
    "read_location": read_location,
    "correction_of": lambda text: correction_of(text, parse_location("SE Steele St and 80th")),  # type: ignore[arg-type]
    "detect_emergency_en": lambda text: detect_emergency(text, "en"),
    "detect_emergency_es": lambda text: detect_emergency(text, "es"),
    "yes_no": yes_no,
    "is_explicit_cancel": is_explicit_cancel,
    "detect_language": detect_language,
    "requested_language": requested_language,
    "fold": fold,
    "clean_text": clean_text,
    "sms_keyword": classify,
    "sms_keyword_language": keyword_language,
    "match_choice": lambda text: match_choice(text, [{"title": "Yes", "payload": "/affirm"}]),
    "numbered_choices": lambda text: with_numbered_choices(text, [{"title": text[:40], "payload": "/x"}], "en"),
    "segment_count": segment_count,
    "split_for_sms": split_for_sms,
    "open311_datetime": lambda text: _invalid_ok(parse_datetime, "start_date", text),
    "open311_query": lambda text: _invalid_ok(
        parse_query, {"service_request_id": text, "start_date": text[:80], "status": text}, _NOW
    ),
    "open311_new_request": lambda text: _invalid_ok(
        parse_new_request, MultiDict({"service_code": "graffiti", "address_string": text, "description": text})
    ),
}


def _invalid_ok(parse: Callable[..., Any], *args: Any) -> Any:
    try:
        return parse(*args)
    except InvalidParameter:
        return None


def _elapsed_ms(parse: Callable[[str], Any], text: str, runs: int = 3) -> float:
    """The fastest of ``runs`` calls: a backtracking pattern is slow every time, a busy machine only sometimes."""
    fastest = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        parse(text)
        fastest = min(fastest, (time.perf_counter() - started) * 1000)
        if fastest < BUDGET_MS:
            break
    return fastest


hostile = st.builds(
    lambda pieces, repeat, tail: ("".join(pieces) * repeat)[:LONG] + tail,
    st.lists(st.sampled_from(PIECES), min_size=1, max_size=6),
    st.integers(min_value=1, max_value=LONG),
    st.text(max_size=40),
)


@pytest.mark.parametrize("name", sorted(PARSERS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile)
def test_parsers_stay_fast_on_hostile_input(name: str, text: str) -> None:
    parse = PARSERS[name]
    parse(text)  # warm caches (compiled patterns, lazy tables) before timing
    assert _elapsed_ms(parse, text) < BUDGET_MS, f"{name} took too long on {text[:80]!r}… ({len(text)} chars)"


@pytest.mark.parametrize("name", sorted(PARSERS))
@pytest.mark.parametrize(
    "text",
    [
        "0" * LONG,
        "9" * LONG,
        "pdx" + " " * (LONG - 4) + "1",
        "PDX-" * (LONG // 4),
        "#" * LONG,
        "case " * (LONG // 5),
        "no " * (LONG // 3),
        "SE 82nd and " * (LONG // 12),
        "<" * LONG,
        "<b" + "a" * LONG,
        " " * LONG + "1",
    ],
    ids=[
        "zeros",
        "nines",
        "pdx-spaces",
        "pdx-repeated",
        "hashes",
        "case-words",
        "no-words",
        "and-chain",
        "open-brackets",
        "unterminated-tag",
        "leading-spaces",
    ],
)
def test_known_pathological_inputs(name: str, text: str) -> None:
    parse = PARSERS[name]
    parse(text)
    assert _elapsed_ms(parse, text) < BUDGET_MS
