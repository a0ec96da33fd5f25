"""The second development set: written by another writer, before reading the phrase lists.

Same shape and bar as ``dev_emergencies.yml``: every emergency is caught and no near miss raises an alarm.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.safety import detect_emergency

DEV_SET_2 = Path(__file__).with_name("dev_emergencies_2.yml")
DEV_2 = yaml.safe_load(DEV_SET_2.read_text(encoding="utf-8"))
LANGUAGES = ("en", "es")
MIN_PER_CATEGORY = 150


def test_second_dev_set_is_shaped_as_specified() -> None:
    assert set(DEV_2) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert set(DEV_2[lang]) == {"emergency", "not_emergency"}
        for category, items in DEV_2[lang].items():
            assert len(items) >= MIN_PER_CATEGORY, (lang, category, len(items))
            assert all(isinstance(text, str) and text.strip() for text in items)
            assert len(set(items)) == len(items), f"duplicates in {lang}/{category}"
        assert not set(DEV_2[lang]["emergency"]) & set(DEV_2[lang]["not_emergency"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_second_dev_emergency_is_caught(lang: str) -> None:
    missed = [text for text in DEV_2[lang]["emergency"] if detect_emergency(text, lang) is None]
    assert not missed, f"{len(missed)} missed:\n" + "\n".join(missed)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_false_alarm_on_second_dev_non_emergencies(lang: str) -> None:
    alarms = [
        f"{text!r} -> {signal.kind} ({signal.evidence!r})"
        for text in DEV_2[lang]["not_emergency"]
        if (signal := detect_emergency(text, lang)) is not None
    ]
    assert not alarms, f"{len(alarms)} false alarms:\n" + "\n".join(alarms)
