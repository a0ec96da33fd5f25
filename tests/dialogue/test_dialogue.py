"""Rasa-level checks: the training data validates, the test stories pass, and held-out NLU accuracy per language."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.platform.settings import ROOT
from tests.harness.clients import http_json
from tests.harness.scoring import HELDOUT, INDEPENDENT, Score, labelled, predicted_intent
from tests.harness.stack import MODEL, RunningStack

RASA = str(Path(sys.executable).parent / "rasa")
RESULTS = ROOT / "results"
MIN_INTENT_ACCURACY = 0.90
#: Measured 0.949 (EN) / 0.954 (ES) with this model; the goal is 0.95, and a build fails below 0.93.
MIN_INDEPENDENT_ACCURACY = 0.93
ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "SQLALCHEMY_SILENCE_UBER_WARNING": "1"}


def run_rasa(*args: str, timeout: int = 900) -> subprocess.CompletedProcess[str]:
    return subprocess.run([RASA, *args], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=timeout)


def test_training_data_and_domain_validate() -> None:
    result = run_rasa("data", "validate", "--data", "nlu_data", "--domain", "domain", "--config", "config.yml")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    problems = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if "UserWarning" in line and "is not used in any story" not in line and "duplicated intents" not in line
    ]
    assert problems == []


def test_stories_in_both_languages() -> None:
    out = RESULTS / "stories"
    result = run_rasa(
        "test",
        "core",
        "--model",
        str(MODEL),
        "--stories",
        "tests/dialogue/test_stories.yml",
        "--out",
        str(out),
        "--fail-on-prediction-errors",
    )
    failed = out / "failed_test_stories.yml"
    detail = failed.read_text()[-4000:] if failed.exists() else result.stdout[-3000:] + result.stderr[-3000:]
    assert result.returncode == 0, detail


HELDOUT_SETS = {
    # The project's own split: written with the training data, so it flatters the model.
    "project": (HELDOUT, MIN_INTENT_ACCURACY),
    # Written by people who never saw the training data, the way residents text: the honest figure.
    "independent": (INDEPENDENT, MIN_INDEPENDENT_ACCURACY),
}


@pytest.mark.stack
@pytest.mark.parametrize("split", sorted(HELDOUT_SETS))
@pytest.mark.parametrize("lang", ["en", "es"])
def test_heldout_intent_accuracy(stack: RunningStack, lang: str, split: str) -> None:
    path, minimum = HELDOUT_SETS[split]
    examples = labelled(Path(str(path).format(lang=lang)))
    assert len(examples) >= 50
    pairs: list[tuple[str, str]] = []
    for text, gold in examples:
        status, parsed = http_json("POST", f"{stack.rasa_url}/model/parse", {"text": text})
        assert status == 200
        pairs.append((gold, predicted_intent(parsed)))
    score = Score(pairs)
    accuracy = score.accuracy
    confusions = score.confusions()
    RESULTS.mkdir(exist_ok=True)
    name = f"nlu_heldout_{lang}.json" if split == "project" else f"nlu_{split}_{lang}.json"
    (RESULTS / name).write_text(
        json.dumps(
            {
                "language": lang,
                "split": split,
                "examples": len(pairs),
                "intent_accuracy": round(accuracy, 4),
                "macro_f1": round(score.macro_f1, 4),
                "top_confusions": [list(c) for c in confusions],
            },
            indent=2,
        )
    )
    assert accuracy >= minimum, f"{split} {lang}: {accuracy:.3f}; confusions {confusions}"
