"""The benchmark's Markdown report: machine facts and one table per measurement."""

from __future__ import annotations

import os
import platform
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from bench.accuracy import render_accuracy

PATH_NAMES = {"rasa": "Rasa REST webhook", "sms": "SMS", "webchat": "web chat"}
PROCESS_NAMES = {"front_door": "front door (`bot.app`)", "rasa": "Rasa server", "actions": "action server"}


def machine_facts(database: str) -> dict[str, Any]:
    """Where and when the benchmark ran."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem_kb = next(
        int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal:")
    )
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "memory_gib": round(mem_kb / 1024**2, 1),
        "python": platform.python_version(),
        "rasa": version("rasa"),
        "database": database,
    }


def _ms(value: float | None) -> str:
    return "∞" if value is None else f"{value:.0f}"


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines


def _added(e2e: float | None, base: float | None) -> str:
    """Added milliseconds and percent over the baseline."""
    if e2e is None or base is None or base <= 0:
        return "n/a"
    return f"{e2e - base:+.0f} ms ({(e2e - base) / base:+.0%})"


def render(results: dict[str, Any]) -> str:
    """The whole report as Markdown."""
    m = results["machine"]
    out = [
        "# PDX 311 assistant benchmark",
        "",
        f"{m['date']} · {m['nproc']} × {m['cpu']}, {m['memory_gib']} GiB RAM · Python {m['python']} · "
        f"Rasa {m['rasa']} · database: {m['database']} · model `{results['model']}` ({results['model_mb']} MB). "
        "Other work may share the machine, so figures are indicative.",
        "",
        "## Training",
        "",
    ]
    training = results.get("training")
    if training:
        out += _table(["full `rasa train` (wall s)", "model size (MB)"], [[training["seconds"], training["model_mb"]]])
    else:
        out.append("Skipped (`--skip-training`).")
    if results.get("ready_seconds") is not None:
        out += [
            "",
            f"Start-up: every process answered, and the Rasa server had loaded the model and parsed a message, "
            f"{results['ready_seconds']} s after the stack was started.",
        ]
    nlu = results["nlu"]
    out += [
        "",
        "## NLU parse latency",
        "",
        "`POST /model/parse`, one at a time, held-out texts in English and Spanish (`tests/dialogue/nlu_heldout`).",
        "",
    ]
    out += _table(
        ["calls", "failed", "p50 ms", "p95 ms", "p99 ms"],
        [[nlu["count"], nlu["failed"], _ms(nlu["p50_ms"]), _ms(nlu["p95_ms"]), _ms(nlu["p99_ms"])]],
    )
    out += [
        "",
        "## Latency of one message in a new conversation",
        "",
        "Closed loop: each of *concurrency* clients starts a new conversation (greetings and first reports, "
        "both languages) and sends the next one when answered. Rasa: the REST webhook's response. SMS: "
        "signed webhook POST until the first reply reaches (fake) Twilio. Web chat: message frame until the "
        "first bot frame. The three paths alternate within each level. *Added* is the front door's cost "
        "over the Rasa baseline at the same concurrency (goal: under 10%). A failed or unanswered message counts "
        "as infinitely slow (∞).",
        "",
    ]
    rows = []
    for level, paths in results["latency"].items():
        base = paths["rasa"]
        for path, s in paths.items():
            added = ["—"] * 3 if path == "rasa" else [_added(s[f"p{q}_ms"], base[f"p{q}_ms"]) for q in (50, 95, 99)]
            rows.append(
                [
                    level,
                    PATH_NAMES[path],
                    s["count"],
                    s["failed"],
                    _ms(s["p50_ms"]),
                    _ms(s["p95_ms"]),
                    _ms(s["p99_ms"]),
                    *added,
                ]
            )
    out += _table(
        ["concurrency", "path", "n", "failed", "p50 ms", "p95 ms", "p99 ms", "added p50", "added p95", "added p99"],
        rows,
    )
    out += _throughput(results["throughput"])
    out += ["", "## Memory (RSS, including child processes)", ""]
    out += _table(
        ["process", "idle after start (MB)", "after the load (MB)"],
        [
            [PROCESS_NAMES.get(name, name), f"{mb['idle']:.0f}", f"{mb['after_load']:.0f}"]
            for name, mb in results["memory_mb"].items()
        ],
    )
    out += ["", *render_accuracy(results["accuracy"])]
    if "handoff" in results:
        out += _handoff_section(results["handoff"])
    if results.get("broadcasts"):
        out += _broadcasts_section(results["broadcasts"])
    out += ["", "## Language identification", "", results["langid"].strip(), ""]
    return "\n".join(out)


def _throughput(throughput: dict[str, Any]) -> list[str]:
    """The throughput section."""
    sustained = throughput["sustained_msg_per_s"]
    out = [
        "",
        "## Throughput over SMS",
        "",
        f"Open loop: messages arrive at a fixed rate for {throughput['step_seconds']:.0f} s per step, each from "
        "a new phone number; latency as above (webhook to first reply at Twilio). The rate rises until p95 "
        "passes 1 s.",
        "",
    ]
    rows = [
        [
            s["rate"],
            s["count"],
            s["failed"],
            f"{s['answered_per_s']:.1f}",
            _ms(s["p50_ms"]),
            _ms(s["p95_ms"]),
            "yes" if s["ok"] else "no",
        ]
        for s in throughput["steps"]
    ]
    out += _table(["offered msg/s", "sent", "unanswered", "answered msg/s", "p50 ms", "p95 ms", "p95 ≤ 1 s"], rows)
    verdict = f"**{sustained} msg/s**" if sustained else "**below the lowest step**"
    out += ["", f"Sustained: {verdict} (highest offered rate with p95 ≤ 1 s)."]
    return out


def _handoff_section(h: dict[str, Any]) -> list[str]:
    """Live-agent handoff: request to console, and an agent's reply to the resident."""
    out = [
        "",
        "## Live-agent handoff",
        "",
        f"{h['queued']} conversations already waiting and {h['agents']} consoles connected (each with its live "
        "socket). *Handoff to console*: from a resident's SMS asking for a person to the conversation in the "
        "queue an agent's console loads after its socket announced it (the assistant's turn included). "
        "*Reply*: from an agent's reply POST to the message reaching (fake) Twilio, or the widget's socket.",
        "",
    ]
    rows = [
        [name, s["count"], s["failed"], _ms(s["p50_ms"]), _ms(s["p95_ms"]), _ms(s["p99_ms"])]
        for name, s in (
            ("handoff to console", h["handoff_to_console"]),
            ("agent reply, SMS", h["reply_sms"]),
            ("agent reply, web chat", h["reply_webchat"]),
        )
    ]
    return out + _table(["measure", "n", "failed", "p50 ms", "p95 ms", "p99 ms"], rows)


def _broadcasts_section(b: dict[str, Any]) -> list[str]:
    """Broadcasts: enqueue time, throughput without a limit, pacing with one."""
    free, paced = b["unlimited"], b["limited"]
    out = [
        "",
        "## Broadcasts",
        "",
        f"{b['subscribers']:,} active subscribers (one in three Spanish) against the fake Twilio API; the sender "
        "is `python -m broadcasts resume` in its own process (CPU and peak memory are that process's). The "
        "pacing is judged on the fake's arrival times.",
        "",
    ]
    rows = [
        [
            "everyone, no limit",
            f"{free['messages']:,}",
            b["enqueue_seconds"],
            free["seconds"],
            free["per_second"],
            "—",
            free["cpu_seconds"],
            free["peak_rss_mb"],
        ],
        [
            f"one ZIP code, limit {paced['rate_limit']:g}/s",
            f"{paced['messages']:,}",
            "—",
            paced["seconds"],
            paced["achieved_per_second"],
            paced["busiest_second"],
            paced["cpu_seconds"],
            paced["peak_rss_mb"],
        ],
    ]
    return out + _table(
        ["broadcast", "messages", "enqueue s", "send s", "msg/s", "most in any 1 s", "CPU s", "peak MB"], rows
    )
