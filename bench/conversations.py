"""Play conversation scripts and score labelled messages against a freshly started stack: the development loop.

The development sets (``tests/dialogue/dev/``, written apart from the training data and from
``tests/independent/``) are what the assistant is tuned on; the independent sets are only ever measured by
``make test``. Usage::

    .venv/bin/python -m bench.conversations tests/dialogue/dev/conversations_{en,es}.yml

Each ``conversations_*.yml`` file is played as residents over SMS; each other ``.yml`` file is read as Rasa NLU
data and scored message by message. Failures (with transcripts) and misread messages go to ``--output``.
"""

from __future__ import annotations

import argparse
import json
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bot.platform.settings import ROOT
from tests.harness.clients import http_json
from tests.harness.databases import fresh_postgres_database
from tests.harness.player import Played, Player, load_scripts
from tests.harness.scoring import Score, labelled, predicted_intent
from tests.harness.stack import MODEL, RunningStack, start_stack

PARALLEL = 6


def score_messages(stack: RunningStack, path: Path, output: Path) -> dict[str, Any]:
    """Intent accuracy of the running model on one labelled file; the misread messages are written out."""
    rows = []
    for text, gold in labelled(path):
        status, parsed = http_json("POST", f"{stack.rasa_url}/model/parse", {"text": text})
        assert status == 200, status
        rows.append((gold, predicted_intent(parsed), text))
    score = Score([(gold, got) for gold, got, _ in rows])
    misread = [f"{gold}\t{got}\t{text}" for gold, got, text in rows if gold != got]
    (output / f"{path.stem}_misread.tsv").write_text("\n".join(misread) + "\n", encoding="utf-8")
    return {"messages": len(rows), "accuracy": round(score.accuracy, 4), "confusions": score.confusions(10)}


def play_scripts(stack: RunningStack, path: Path, output: Path, first_number: int) -> dict[str, Any]:
    """Play one file of conversation scripts, each from a new phone number; the failures are written out."""
    player = Player(stack)
    scripts = load_scripts(path)

    def play(indexed: tuple[int, dict[str, Any]]) -> Played:
        index, script = indexed
        return player.play(script, f"+1503{first_number + index:07d}")

    with ThreadPoolExecutor(PARALLEL) as pool:
        played = list(pool.map(play, enumerate(scripts)))
    failures = {p.script_id: {"reasons": p.reasons, "transcript": p.transcript} for p in played if not p.passed}
    (output / f"{path.stem}_failures.json").write_text(json.dumps(failures, indent=1, ensure_ascii=False), "utf-8")
    return {"conversations": len(played), "ended_correctly": round(1 - len(failures) / max(1, len(played)), 4)}


def main(argv: list[str] | None = None) -> int:
    """Start the stack once, run every file given, print one line per file."""
    parser = argparse.ArgumentParser(prog="python -m bench.conversations", description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="+", type=Path, help="conversation scripts or labelled NLU files")
    parser.add_argument("--output", type=Path, default=ROOT / "results" / "development", help="folder for the failures")
    parser.add_argument("--model", type=Path, default=MODEL, help="the trained model to serve (default: make train's)")
    args = parser.parse_args(argv)
    args.output.mkdir(parents=True, exist_ok=True)
    url = fresh_postgres_database(f"pdx311_dev_{int(time.time())}") or f"sqlite:///{args.output / 'dev.db'}"
    stack = start_stack(url, args.output / "logs", model=args.model)
    try:
        for n, path in enumerate(args.files):
            if path.name.startswith("conversations"):
                result = play_scripts(stack, path, args.output, 8_880_000 + n * 1000)
            else:
                result = score_messages(stack, path, args.output)
            print(f"{path}: {json.dumps(result, ensure_ascii=False)}", flush=True)
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
