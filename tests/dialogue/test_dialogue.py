"""Rasa-level checks: the training data validates, the test stories pass, and held-out NLU accuracy per language."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from bot.platform.settings import ROOT
from tests.harness.clients import http_json
from tests.harness.stack import MODEL, RunningStack

RASA = str(Path(sys.executable).parent / "rasa")
RESULTS = ROOT / "results"
MIN_INTENT_ACCURACY = 0.90
MIN_INDEPENDENT_ACCURACY = 0.85
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
    "project": (ROOT / "tests" / "dialogue" / "nlu_heldout" / "{lang}.yml", MIN_INTENT_ACCURACY),
    # Written by people who never saw the training data, the way residents text: the honest figure.
    "independent": (ROOT / "tests" / "independent" / "nlu_{lang}.yml", MIN_INDEPENDENT_ACCURACY),
}


def _heldout(path: Path) -> list[tuple[str, str]]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [(m.get("text"), m.get("intent_response_key") or m.get("intent")) for m in data.intent_examples]


def _macro_f1(pairs: list[tuple[str, str]]) -> float:
    labels = {gold for gold, _ in pairs} | {pred for _, pred in pairs}
    scores = []
    for label in labels:
        tp = sum(1 for g, p in pairs if g == p == label)
        fp = sum(1 for g, p in pairs if p == label and g != label)
        fn = sum(1 for g, p in pairs if g == label and p != label)
        if tp + fp + fn:
            scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores)


@pytest.mark.stack
@pytest.mark.parametrize("split", sorted(HELDOUT_SETS))
@pytest.mark.parametrize("lang", ["en", "es"])
def test_heldout_intent_accuracy(stack: RunningStack, lang: str, split: str) -> None:
    path, minimum = HELDOUT_SETS[split]
    examples = _heldout(Path(str(path).format(lang=lang)))
    assert len(examples) >= 50
    pairs: list[tuple[str, str]] = []
    for text, gold in examples:
        status, parsed = http_json("POST", f"{stack.rasa_url}/model/parse", {"text": text})
        assert status == 200
        predicted = parsed["intent"]["name"]
        if predicted == "faq":
            predicted = parsed["response_selector"]["faq"]["response"]["intent_response_key"]
        pairs.append((gold, predicted))
    accuracy = sum(g == p for g, p in pairs) / len(pairs)
    confusions = Counter((g, p) for g, p in pairs if g != p).most_common(8)
    RESULTS.mkdir(exist_ok=True)
    name = f"nlu_heldout_{lang}.json" if split == "project" else f"nlu_{split}_{lang}.json"
    (RESULTS / name).write_text(
        json.dumps(
            {
                "language": lang,
                "split": split,
                "examples": len(pairs),
                "intent_accuracy": round(accuracy, 4),
                "macro_f1": round(_macro_f1(pairs), 4),
                "top_confusions": [list(c) + [n] for c, n in confusions],
            },
            indent=2,
        )
    )
    assert accuracy >= minimum, f"{split} {lang}: {accuracy:.3f}; confusions {confusions}"
