"""Measure training time, NLU and end-to-end latency, throughput, memory and language ID (``make bench``).

Run from the repository root::

    python -m bench.run [--skip-training] [--database auto|postgresql|sqlite]

Prints Markdown tables and writes them to ``results/bench.md``, with the raw figures in
``results/bench.json``. All traffic stays on 127.0.0.1; every process started is stopped at
the end, also on an error or Ctrl-C.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NoReturn

import aiohttp
import yaml

from bench import broadcasts, handoff, load
from bench.accuracy import independent_accuracy
from bench.report import machine_facts, render
from bench.stack import MODEL, RunningStack, free_port, fresh_database, rss_mb, running_stack
from bench.training import time_training
from bot.platform.settings import ROOT

RESULTS = ROOT / "results"
HELDOUT = ROOT / "tests" / "dialogue" / "nlu_heldout"
MIN_PARSE_CALLS = 200
MAX_P95 = 1.0
SETTLE_SECONDS = 5.0
ONE_ADDRESS_FOR_MANY = {"WEBCHAT_ADDRESS_SOCKETS": "1000", "WEBCHAT_ADDRESS_MESSAGES_PER_MINUTE": "100000"}
"""Every simulated resident connects from 127.0.0.1: the per-address limits of the widget would refuse them."""
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


def heldout_texts() -> list[str]:
    """The held-out NLU examples of both languages, without entity annotations."""
    texts = []
    for path in sorted(HELDOUT.glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            for line in str(block.get("examples", "")).splitlines():
                if line.strip().startswith("- "):
                    texts.append(_ANNOTATION.sub(r"\1", line.strip()[2:]))
    return texts


def memory(stack: RunningStack) -> dict[str, float]:
    """RSS in MB of each process with its children."""
    return {name: round(rss_mb(pid), 1) for name, pid in stack.pids().items()}


async def measure(stack: RunningStack, twilio_port: int, args: argparse.Namespace) -> dict[str, Any]:
    """Every measurement that needs the running assistant, in one run."""
    arrivals = load.Arrivals()
    fake_twilio = await load.serve_fake_twilio(twilio_port, arrivals)
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=load.REPLY_TIMEOUT * 2)
    try:
        async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
            clients = load.Clients(session, stack.front_door_url, stack.rasa_url, stack.auth_token, arrivals)
            paths = {"rasa": clients.rasa, "sms": clients.sms, "webchat": clients.webchat}
            await asyncio.sleep(SETTLE_SECONDS)
            idle = memory(stack)
            _progress("warming up")
            for call in paths.values():
                await load.closed_loop(call, 1, len(load.MESSAGES))
            texts = heldout_texts()
            texts = (texts * (MIN_PARSE_CALLS // len(texts) + 1))[: max(len(texts), MIN_PARSE_CALLS)]
            _progress(f"NLU: {len(texts)} parse calls")
            nlu = load.summarize(await load.parse_latencies(session, stack.rasa_url, texts))
            _progress("intent accuracy on the independent messages")
            accuracy = await independent_accuracy(session, stack.rasa_url)
            latency = {str(level): await _latency_level(paths, level, args) for level in args.concurrency}
            throughput = await _throughput(clients.sms, args)
            _progress(f"live-agent handoff: {handoff.QUEUED} queued, {handoff.AGENTS} consoles")
            agents = await handoff.measure_handoff(session, stack, arrivals)
            await asyncio.sleep(SETTLE_SECONDS)
            after = memory(stack)
    finally:
        await fake_twilio.cleanup()
    return {
        "nlu": nlu,
        "accuracy": accuracy,
        "handoff": agents,
        "latency": latency,
        "throughput": throughput,
        "memory_mb": {name: {"idle": idle[name], "after_load": after[name]} for name in idle},
    }


async def _latency_level(paths: Mapping[str, load.Call], level: int, args: argparse.Namespace) -> dict[str, Any]:
    """Each path at one concurrency; the paths take turns in rounds so that drift hits them alike."""
    count = max(args.requests, 4 * level)
    rounds = max(1, min(args.rounds, count // (2 * level)))
    _progress(f"latency at concurrency {level}: {count} messages per path in {rounds} rounds")
    latencies: dict[str, list[float | None]] = {name: [] for name in paths}
    names = list(paths)
    for round_number in range(rounds):
        order = names[round_number % len(names) :] + names[: round_number % len(names)]
        for name in order:
            share = count // rounds + (1 if round_number < count % rounds else 0)
            latencies[name] += await load.closed_loop(paths[name], level, share)
    return {name: load.summarize(values) for name, values in latencies.items()}


async def _throughput(call: load.Call, args: argparse.Namespace) -> dict[str, Any]:
    """Step the offered SMS rate up until p95 passes one second."""
    steps = []
    for rate in args.rates:
        _progress(f"throughput: {rate} msg/s for {args.step_seconds:.0f} s")
        start = time.monotonic()
        latencies = await load.open_loop(call, rate, args.step_seconds)
        elapsed = time.monotonic() - start
        summary = load.summarize(latencies)
        answered_per_s = (summary["count"] - summary["failed"]) / max(elapsed, args.step_seconds)
        ok = summary["p95_ms"] is not None and summary["p95_ms"] <= MAX_P95 * 1000
        steps.append({"rate": rate, **summary, "answered_per_s": round(answered_per_s, 2), "ok": ok})
        if not ok:
            break
        await asyncio.sleep(2)
    sustained = max((s["rate"] for s in steps if s["ok"]), default=None)
    return {"step_seconds": args.step_seconds, "steps": steps, "sustained_msg_per_s": sustained}


def langid_table() -> str:
    """The language-ID comparison printed by ``bench.langid``."""
    _progress("language ID")
    result = subprocess.run(
        [sys.executable, "-m", "bench.langid"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return result.stdout


def _progress(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _numbers(text: str) -> list[int | float]:
    """``"1,2.5,4"`` as ``[1, 2.5, 4]``."""
    values = [float(part) for part in text.split(",") if part.strip()]
    return [int(v) if v.is_integer() else v for v in values]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-training", action="store_true", help="do not time a full `rasa train` (~5+ min)")
    parser.add_argument(
        "--database",
        choices=("auto", "postgresql", "sqlite"),
        default="auto",
        help="auto: a fresh PostgreSQL database when the server answers, else SQLite",
    )
    parser.add_argument(
        "--concurrency", type=_numbers, default=[1, 10, 50], help="comma-separated concurrency levels (default 1,10,50)"
    )
    parser.add_argument(
        "--requests", type=int, default=200, help="messages per path and level (at least 4 per client; default 200)"
    )
    parser.add_argument("--rounds", type=int, default=2, help="turns the three paths take at each level")
    parser.add_argument(
        "--rates",
        type=_numbers,
        default=[1, 2, 4, 6, 8, 10, 12, 16, 20, 24, 32],
        help="offered SMS rates in msg/s, stepped up until p95 > 1 s",
    )
    parser.add_argument("--step-seconds", type=float, default=20.0, help="length of each throughput step")
    parser.add_argument("--skip-broadcasts", action="store_true", help="do not run the 100,000-subscriber broadcast")
    parser.add_argument("--output", type=Path, default=RESULTS, help="folder for bench.md, bench.json and logs")
    return parser.parse_args(argv)


def _terminate(signum: int, frame: object) -> NoReturn:
    raise KeyboardInterrupt(f"signal {signum}")


def main(argv: list[str] | None = None) -> None:
    """Run the benchmark; on Ctrl-C or SIGTERM, stop every process started and exit with 130."""
    args = parse_args(argv)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _terminate)
    try:
        run(args)
    except KeyboardInterrupt:
        _progress("interrupted; every process started has been stopped")
        sys.exit(130)


def run(args: argparse.Namespace) -> None:
    """Run every measurement, print the report and write it to the output folder."""
    if not MODEL.exists():
        sys.exit(f"no trained model at {MODEL}: run `make train` first")
    args.output.mkdir(parents=True, exist_ok=True)
    log_dir = args.output / "bench-logs"
    log_dir.mkdir(exist_ok=True)
    results: dict[str, Any] = {
        "model": str(MODEL.relative_to(ROOT)),
        "model_mb": round(MODEL.stat().st_size / 1e6, 1),
        "training": None,
    }
    if not args.skip_training:
        _progress("timing a full `rasa train`")
        results["training"] = time_training(log_dir / "train.log")
    with tempfile.TemporaryDirectory(prefix="pdx311-bench-") as tmp:
        database_url, database = fresh_database(args.database, Path(tmp))
        results["machine"] = machine_facts(database)
        _progress(f"starting the assistant ({database}); logs in {log_dir}")
        twilio_port = free_port()
        started = time.monotonic()
        with running_stack(database_url, log_dir, twilio_port, ONE_ADDRESS_FOR_MANY) as stack:
            results["ready_seconds"] = round(time.monotonic() - started, 1)
            results.update(asyncio.run(measure(stack, twilio_port, args)))
        if not args.skip_broadcasts:
            broadcast_url, _ = fresh_database(args.database, Path(tmp))
            results["broadcasts"] = asyncio.run(broadcasts.measure_broadcasts(broadcast_url, _progress))
    results["failures"] = dict(load.FAILURES)
    results["langid"] = langid_table()
    report = render(results)
    print(report)
    (args.output / "bench.md").write_text(report + "\n", encoding="utf-8")
    (args.output / "bench.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    _progress(f"wrote {args.output / 'bench.md'} and {args.output / 'bench.json'}")


if __name__ == "__main__":
    main()
