"""Scoring intent predictions against labelled messages: accuracy, macro-F1 and the confusions that matter.

Used by the held-out tests (which assert a floor) and by ``make bench`` (which prints the confusion report).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.platform.settings import ROOT

HELDOUT = ROOT / "tests" / "dialogue" / "nlu_heldout" / "{lang}.yml"
INDEPENDENT = ROOT / "tests" / "independent" / "nlu_{lang}.yml"


def labelled(path: Path) -> list[tuple[str, str]]:
    """(text, intent) pairs of a Rasa NLU file; retrieval intents keep their key (``faq/hours``)."""
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(path))
    return [(m.get("text"), m.get("intent_response_key") or m.get("intent")) for m in data.intent_examples]


def predicted_intent(parsed: dict[str, Any]) -> str:
    """The intent of a ``/model/parse`` answer, FAQ scored by its sub-intent."""
    intent = str(parsed["intent"]["name"])
    if intent == "faq":
        return str(parsed["response_selector"]["faq"]["response"]["intent_response_key"])
    return intent


@dataclass(frozen=True)
class Score:
    """How well predictions match their labels."""

    pairs: list[tuple[str, str]]  # (gold, predicted)

    @property
    def accuracy(self) -> float:
        """Share of messages whose intent is right."""
        return sum(g == p for g, p in self.pairs) / len(self.pairs)

    @property
    def macro_f1(self) -> float:
        """F1 averaged over every label seen (gold or predicted)."""
        labels = {gold for gold, _ in self.pairs} | {pred for _, pred in self.pairs}
        scores = []
        for label in labels:
            tp = sum(1 for g, p in self.pairs if g == p == label)
            fp = sum(1 for g, p in self.pairs if p == label and g != label)
            fn = sum(1 for g, p in self.pairs if g == label and p != label)
            if tp + fp + fn:
                scores.append(2 * tp / (2 * tp + fp + fn))
        return sum(scores) / len(scores)

    def confusions(self, most: int = 8) -> list[tuple[str, str, int]]:
        """The (gold, predicted) mix-ups, most frequent first."""
        counted = Counter((g, p) for g, p in self.pairs if g != p).most_common(most)
        return [(gold, predicted, n) for (gold, predicted), n in counted]
