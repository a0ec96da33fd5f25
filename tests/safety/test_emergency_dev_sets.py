"""The second to fifth development sets, each written by another writer before reading the phrase lists.

Same bar as ``dev_emergencies.yml``: every emergency is caught and no near miss raises an alarm. The second
leans on fast phone typing, long reports with the danger at the end and bare answers; the third on mid-form
answers ("grey sedan, ... he won't wake up"), Spanglish, and near misses that are quoted words, support
groups, animals or people who have come round. The fourth leans on single shouted words ("FIRE", "FUEGO",
"GUN"), children alone near traffic or water, stroke signs, drowning, people trapped or crushed, downed wires
near a person, gas with people inside who do not answer, cold people who do not respond and seizures told by
their signs; its near misses are figures of speech ("this heat is gonna kill me", "se me está muriendo el
celular"), past events and calm explanations. The fifth leans on the signs of strokes and heart attacks told
without naming them, poisoned children, abductions, collapses with people under them, people in burning tents or
pushed onto tracks, repeated "911", and on news reports, crews that said it was fine and things that are dying.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.safety import detect_emergency

HERE = Path(__file__).parent
DEV_SETS = {
    "second": ("dev_emergencies_2.yml", 150),
    "third": ("dev_emergencies_3.yml", 160),
    "fourth": ("dev_emergencies_4.yml", 150),
    "fifth": ("dev_emergencies_5.yml", 150),
}
ACCEPTED_ALARMS = {
    # A threat to kill with an "if" stays an alarm: "he's going to kill me if I leave" is a real one.
    "my landlord is going to kill me if the trash doesn't get picked up",
    "mi casero me va a matar si no recogen la basura",
    # The thing that is dying is named several words before ("el árbol de mi casa"): only a thing right before
    # the phrase is read as its subject.
    "el árbol de mi casa se está muriendo, a quién llamo",
}
"""Near misses that still raise an alarm, each for the reason given: a false alarm costs a sentence, a miss a life."""
LANGUAGES = ("en", "es")


@cache
def dev_set(name: str) -> dict[str, Any]:
    file_name, _ = DEV_SETS[name]
    return yaml.safe_load((HERE / file_name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(DEV_SETS))
def test_dev_set_is_shaped_as_specified(name: str) -> None:
    data, minimum = dev_set(name), DEV_SETS[name][1]
    assert set(data) == set(LANGUAGES)
    for lang in LANGUAGES:
        assert set(data[lang]) == {"emergency", "not_emergency"}
        for category, items in data[lang].items():
            assert len(items) >= minimum, (lang, category, len(items))
            assert all(isinstance(text, str) and text.strip() for text in items)
            assert len(set(items)) == len(items), f"duplicates in {lang}/{category}"
        assert not set(data[lang]["emergency"]) & set(data[lang]["not_emergency"])


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(DEV_SETS))
def test_every_dev_emergency_is_caught(name: str, lang: str) -> None:
    missed = [text for text in dev_set(name)[lang]["emergency"] if detect_emergency(text, lang) is None]
    assert not missed, f"{len(missed)} missed:\n" + "\n".join(missed)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("name", sorted(DEV_SETS))
def test_no_false_alarm_on_dev_non_emergencies(name: str, lang: str) -> None:
    alarms = [
        f"{text!r} -> {signal.kind} ({signal.evidence!r})"
        for text in dev_set(name)[lang]["not_emergency"]
        if (signal := detect_emergency(text, lang)) is not None and text not in ACCEPTED_ALARMS
    ]
    assert not alarms, f"{len(alarms)} false alarms:\n" + "\n".join(alarms)
