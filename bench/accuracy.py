"""Intent accuracy on the independently written messages, with the confusions that matter, per language."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import aiohttp

from tests.harness.scoring import INDEPENDENT, Score, labelled, predicted_intent

LANGUAGES = ("en", "es")


async def independent_accuracy(session: aiohttp.ClientSession, rasa_url: str) -> dict[str, Any]:
    """Accuracy, macro-F1 and the top confusions of the running model on ``tests/independent/nlu_*.yml``."""
    results: dict[str, Any] = {}
    for lang in LANGUAGES:
        pairs = []
        for text, gold in labelled(Path(str(INDEPENDENT).format(lang=lang))):
            async with session.post(f"{rasa_url}/model/parse", json={"text": text}) as response:
                response.raise_for_status()
                pairs.append((gold, predicted_intent(await response.json())))
        score = Score(pairs)
        results[lang] = {
            "messages": len(pairs),
            "accuracy": round(score.accuracy, 4),
            "macro_f1": round(score.macro_f1, 4),
            "confusions": score.confusions(10),
        }
    return results


def render_accuracy(results: dict[str, Any]) -> list[str]:
    """The Markdown section: one summary table, then the confusions of each language."""
    out = [
        "## Intent accuracy on independently written messages (`tests/independent/nlu_*.yml`)",
        "",
        "| language | messages | accuracy | macro-F1 |",
        "|---|---|---|---|",
    ]
    out += [f"| {lang} | {r['messages']} | {r['accuracy']:.3f} | {r['macro_f1']:.3f} |" for lang, r in results.items()]
    for lang, r in results.items():
        out += ["", f"Most confused in {lang} (expected → predicted, messages):", ""]
        out += [f"- {gold} → {predicted}: {n}" for gold, predicted, n in r["confusions"]] or ["- none"]
    return out
