"""Reading Portland locations: the second development set (``dev_locations_2.yml``), by a different writer.

Locations as residents text them (lowercase, misspelt, loose landmarks, extra words) must be read, with the
fields given for them; answers to the assistant's other questions must not read as locations. The tests
after the set pin the rules the set led to: one-letter misspellings of distinctive street names, a cross
street the lists do not know when the structure says it is one, and their limits.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.reports.locations import find_location, parse_location

_SET = yaml.safe_load((Path(__file__).parent / "dev_locations_2.yml").read_text(encoding="utf-8"))


def _cases(language: str) -> list[dict[str, Any]]:
    return [item if isinstance(item, dict) else {"text": item} for item in _SET[language]["locations"]]


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_set_is_large_enough(language: str) -> None:
    assert len(_SET[language]["locations"]) >= 120
    assert len(_SET[language]["not_locations"]) >= 80


@pytest.mark.parametrize("language", ["en", "es"])
def test_locations_are_read(language: str) -> None:
    problems: list[str] = []
    for case in _cases(language):
        got = parse_location(case["text"], language)
        if got is None:
            problems.append(f"{case['text']!r}: no location")
            continue
        problems += [
            f"{case['text']!r}: {key} {getattr(got, key)!r} != {want!r}"
            for key, want in case.items()
            if key != "text" and getattr(got, key) != want
        ]
    assert problems == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_locations_are_read_without_a_language_hint_and_found_in_a_message(language: str) -> None:
    texts = [case["text"] for case in _cases(language)]
    assert [t for t in texts if parse_location(t) is None] == []
    assert [t for t in texts if find_location(t, language) is None] == []


@pytest.mark.parametrize("language", ["en", "es"])
def test_other_answers_are_not_locations(language: str) -> None:
    texts: list[str] = _SET[language]["not_locations"]
    wrongly = {t: loc.normalized() for t in texts if (loc := parse_location(t, language) or parse_location(t))}
    assert wrongly == {}
    assert [t for t in texts if find_location(t, language) is not None] == []


# --- misspellings ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "street"),
    [
        ("glissan and 102nd", "NE Glisan St"),  # a letter added
        ("burnsid and 122nd", "E Burnside St"),  # a letter dropped
        ("se divisoin and 130th", "SE Division St"),  # two letters swapped
        ("se hawthrone blvd & 39th", "SE Hawthorne Blvd"),  # a known name, not a new street
        ("killingswerth and 42nd", "NE Killingsworth St"),  # a letter changed
        ("e burnisde & 28th", "E Burnside St"),
    ],
)
def test_one_letter_misspellings_of_distinctive_names_are_read(text: str, street: str) -> None:
    loc = parse_location(text)
    assert loc is not None and loc.street == street


@pytest.mark.parametrize(
    "text",
    [
        "gliiissan and 102nd",  # more than one letter away
        "steel and glass",  # a real word next to "Steele"
        "the barber and 2 cars",
        "divison",  # a misspelt street alone is not a place
        "powel",
    ],
)
def test_misspellings_are_bounded(text: str) -> None:
    assert parse_location(text) is None


def test_a_misspelt_street_needs_what_a_street_of_its_own_would() -> None:
    """A guessed spelling is weak: it needs a sure cross street, a quadrant or a type."""
    assert parse_location("misissippi and skidmore") is not None
    assert parse_location("n misissippi") is None
    loc = parse_location("3421 n misissippi ave")
    assert loc is not None and (loc.street, loc.house_number) == ("N Mississippi Ave", "3421")


# --- cross streets the lists do not know ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "cross"),
    [
        ("se 82nd and otty", "SE Otty"),
        ("se 82nd at otty", "SE Otty"),
        ("82nd and otty st", "Otty St"),
        ("se 82nd and otty, by the school", "SE Otty"),
        ("la 82 y la otty", "Otty"),
        ("sw 3rd and ash", "SW Ash St"),  # a known everyday name read where a cross street stands
        ("se 148th and market", "SE Market St"),  # the street, not a kind of store
        ("ne mlk and going", "NE Going St"),
    ],
)
def test_an_unknown_word_after_a_street_and_a_joining_word_is_the_cross_street(text: str, cross: str) -> None:
    loc = parse_location(text)
    assert loc is not None and loc.cross_street == cross


@pytest.mark.parametrize(
    "text",
    [
        "82nd and counting",
        "division at noon",
        "82nd and monday",
        "the van on division and a trailer",  # "a": not a street's name
        "3 weeks and counting",  # no sure street before it
        "sandy and bob",  # a weak street before it
        "stark and bright orange letters",  # the phrase goes on
        "la division y ya",
        "en la 82 y pico",
        "i saw it on 82nd and nobody came",
    ],
)
def test_the_unknown_cross_street_is_tied_to_structure(text: str) -> None:
    assert parse_location(text) is None
    assert find_location(text) is None


# --- landmarks described loosely -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "landmark"),
    [
        ("across from the Paul Bunyan statue in Kenton", "Paul Bunyan Statue"),
        ("the bus stop in front of Roosevelt high", "Roosevelt High School"),
        ("afuera de la biblioteca de gresham", "Gresham Library"),
        ("donde el sendero springwater cruza la 111", "Springwater Corridor"),
    ],
)
def test_loose_landmarks(text: str, landmark: str) -> None:
    loc = parse_location(text)
    assert loc is not None and loc.landmark == landmark


def test_many_unknown_words_stay_fast() -> None:
    """Every word is looked up for a misspelling: the work per word is bounded."""
    text = " ".join(f"qwertz{i:05d}x and" for i in range(2000))
    for fn in (parse_location, find_location):
        start = time.perf_counter()
        fn(text)
        assert time.perf_counter() - start < 0.05
