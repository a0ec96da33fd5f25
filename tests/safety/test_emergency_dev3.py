"""The third development set: written by a third writer, before reading the phrase lists.

Same shape and bar as ``dev_emergencies.yml``: every emergency is caught and no near miss raises an alarm. It leans
on mid-form answers ("grey sedan, ... he won't wake up"), long narratives with the danger last, Spanglish and near
misses that are quoted words, support groups, animals or people who have come round.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.safety import detect_emergency

DEV_SET_3 = Path(__file__).with_name("dev_emergencies_3.yml")
DEV_3 = yaml.safe_load(DEV_SET_3.read_text(encoding="utf-8"))
LANGUAGES = ("en", "es")
MIN_PER_CATEGORY = 160


def test_third_dev_set_is_shaped_as_specified() -> None:
    assert set(DEV_3) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert set(DEV_3[lang]) == {"emergency", "not_emergency"}
        for category, items in DEV_3[lang].items():
            assert len(items) >= MIN_PER_CATEGORY, (lang, category, len(items))
            assert all(isinstance(text, str) and text.strip() for text in items)
            assert len(set(items)) == len(items), f"duplicates in {lang}/{category}"
        assert not set(DEV_3[lang]["emergency"]) & set(DEV_3[lang]["not_emergency"])


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_third_dev_emergency_is_caught(lang: str) -> None:
    missed = [text for text in DEV_3[lang]["emergency"] if detect_emergency(text, lang) is None]
    assert not missed, f"{len(missed)} missed:\n" + "\n".join(missed)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_false_alarm_on_third_dev_non_emergencies(lang: str) -> None:
    alarms = [
        f"{text!r} -> {signal.kind} ({signal.evidence!r})"
        for text in DEV_3[lang]["not_emergency"]
        if (signal := detect_emergency(text, lang)) is not None
    ]
    assert not alarms, f"{len(alarms)} false alarms:\n" + "\n".join(alarms)
