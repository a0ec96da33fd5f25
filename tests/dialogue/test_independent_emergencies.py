"""Emergencies written apart from everything the assistant learned from, classified by the running model.

tests/independent/emergencies.yml holds emergencies (alone, and as answers in the middle of a report) and
near misses (negations, past events, danger words used in passing), in English and Spanish, by a writer who
never saw the training data or the detector's word lists. A message counts as caught when the assistant's
NLU (the model plus the rules of bot/understanding, the emergency detector included) reads it as an
emergency, which the dialogue answers with the 911 instruction first.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml

from bot.platform.settings import ROOT
from tests.harness.clients import http_json
from tests.harness.stack import RunningStack

pytestmark = pytest.mark.stack

DATA = ROOT / "tests" / "independent" / "emergencies.yml"
RESULTS = ROOT / "results"
#: Measured 97.3% / 95.9%; the goal is every emergency (see the README). False alarms must stay under 2%.
MIN_RECALL = {"en": 0.97, "es": 0.95}
MAX_FALSE_ALARMS = 0.02


def _intent(stack: RunningStack, text: str) -> str:
    status, parsed = http_json("POST", f"{stack.rasa_url}/model/parse", {"text": text})
    assert status == 200, parsed
    return str(parsed["intent"]["name"])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_emergencies_are_caught_and_near_misses_are_not(stack: RunningStack, lang: str) -> None:
    data: dict[str, Any] = yaml.safe_load(DATA.read_text(encoding="utf-8"))[lang]
    emergencies = [item["text"] for item in data["emergency"]]
    near_misses = [item["text"] for item in data["not_emergency"]]
    assert len(emergencies) >= 150 and len(near_misses) >= 150
    missed = [text for text in emergencies if _intent(stack, text) != "emergency"]
    alarms = [text for text in near_misses if _intent(stack, text) == "emergency"]
    recall = 1 - len(missed) / len(emergencies)
    false_alarms = len(alarms) / len(near_misses)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"independent_emergencies_{lang}.json").write_text(
        json.dumps(
            {
                "language": lang,
                "emergencies": len(emergencies),
                "recall": round(recall, 4),
                "near_misses": len(near_misses),
                "false_alarm_rate": round(false_alarms, 4),
                "missed": missed,
                "false_alarms": alarms,
            },
            indent=2,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    print(f"independent emergencies {lang}: recall {recall:.1%}, false alarms {false_alarms:.1%}")
    assert recall >= MIN_RECALL[lang], missed
    assert false_alarms <= MAX_FALSE_ALARMS, alarms
