"""Durations read from residents' words, without the model's help (the fallback when no entity is found)."""

from __future__ import annotations

import pytest

from actions.form_answers import duration_phrase, find_duration


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("abandoned car on SE Foster and 52nd been there 3 weeks", "3 weeks"),
        ("it's been there like a month", "a month"),
        ("sitting there 2wks", "2wks"),
        ("lleva unos dias ahi en la 82 y Division", "unos dias"),
        ("since monday", "since monday"),
        ("tents on SE 92nd and Holgate", None),  # "an"+"d" inside "and" is not "a day"
        ("car at Sandy and 47th", None),
    ],
)
def test_duration_phrases(text: str, phrase: str | None) -> None:
    assert duration_phrase(text) == phrase


@pytest.mark.parametrize("word", ["and", "sand", "band", "hand"])
def test_words_that_only_contain_a_number_and_a_unit_are_not_durations(word: str) -> None:
    assert find_duration(word) is None
