"""Whole conversations written apart from the training data, played end to end over SMS against the stack.

The scripts (tests/independent/conversations_*.yml) were written by people who never saw the training data,
the way residents text. Each must end with the right report at the right location, the 911 instruction
first, a handoff, or no report. The pass rate per language is written to results/ and must not fall below
FLOOR (see the README's quality table for the measured figures).
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from bot.platform.settings import ROOT
from tests.harness.player import Played, Player, load_scripts
from tests.harness.stack import RunningStack

pytestmark = pytest.mark.stack

SCRIPTS = ROOT / "tests" / "independent"
RESULTS = ROOT / "results"
PARALLEL = 6
#: Measured 88.9% / 100% with this model; the goal is 95% in each language (see the README).
FLOOR = {"en": 0.86, "es": 0.94}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_independent_conversations_end_correctly(stack: RunningStack, lang: str) -> None:
    scripts = load_scripts(SCRIPTS / f"conversations_{lang}.yml")
    assert len(scripts) >= 30
    player = Player(stack)
    offset = 1000 if lang == "en" else 2000

    def play(indexed: tuple[int, dict[str, Any]]) -> Played:
        index, script = indexed
        return player.play(script, f"+1503777{offset + index:04d}")

    with ThreadPoolExecutor(PARALLEL) as pool:
        played = list(pool.map(play, enumerate(scripts)))
    rate = sum(p.passed for p in played) / len(played)
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"independent_conversations_{lang}.json").write_text(
        json.dumps(
            {
                "language": lang,
                "conversations": len(played),
                "ended_correctly": round(rate, 4),
                "failures": {p.script_id: p.reasons for p in played if not p.passed},
                "transcripts": {p.script_id: p.transcript for p in played if not p.passed},
            },
            indent=2,
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    print(f"independent conversations {lang}: {rate:.1%} ended correctly (n={len(played)})")
    assert rate >= FLOOR[lang], [(p.script_id, p.reasons) for p in played if not p.passed]
