"""``make chaos``: a soak at a steady message rate with a fault every 30 seconds; counts what was lost.

Residents text the running stack (PostgreSQL when it answers) through signed webhooks, as Twilio does,
retrying a webhook the front door did not accept (same MessageSid) as Twilio's fallback would. Every
``--fault-every`` seconds one fault is injected, in turn: Twilio answers 429, Twilio answers 500, Twilio
accepts but answers after the sender's timeout, the front door is killed with SIGKILL and restarted, the
action server is killed and restarted, the Rasa server is killed and restarted, and (on PostgreSQL, when this
machine's cluster can be restarted with ``pg_ctlcluster``) the database server is restarted. After the soak the stack
is given time to finish its retries, then it prints messages sent, received, answered (or told to wait /
call 311), duplicated (Twilio messages without a record, i.e. sent twice) and lost. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import aiohttp

from bench.stack import fresh_database, running_stack
from bot.platform.settings import ROOT
from tests.harness.clients import http_json
from tests.harness.stack import RunningStack

RESULTS = ROOT / "results"
QUESTIONS = [
    "what are your hours?",
    "when is garbage day",
    "how do I pay a parking ticket",
    "¿a qué hora abren?",
    "¿cuándo pasa la basura?",
    "thanks!",
]
FAULTS = ("twilio_429", "twilio_500", "twilio_timeout", "kill_front_door", "kill_actions", "kill_rasa")
POSTGRES_FAULT = "restart_postgresql"
PG_CONF = Path("/etc/postgresql")
SENDER_TIMEOUT_SECONDS = 15  # TwilioSmsSender's; a delayed answer longer than this is an unknown outcome


@dataclass
class Tally:
    """What the soak counted."""

    minutes: float
    rate_per_second: float
    faults: dict[str, int]
    sent: int = 0
    received: int = 0
    answered: int = 0
    told: int = 0
    duplicated: int = 0
    lost: int = 0
    webhook_retries: int = 0


async def _text(session: aiohttp.ClientSession, stack: RunningStack, phone: str, body: str, tally: Tally) -> bool:
    """Post one signed webhook until the front door accepts it (same MessageSid each time)."""
    params = stack.twilio.inbound(phone, body, "SM" + uuid.uuid4().hex)
    headers = {"X-Twilio-Signature": stack.sign("/sms/inbound", params)}
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        try:
            async with session.post(f"{stack.front_door_url}/sms/inbound", data=params, headers=headers) as response:
                if response.status == 200:
                    return True
        except (aiohttp.ClientError, TimeoutError):
            pass
        tally.webhook_retries += 1
        await asyncio.sleep(1)
    return False


def _inject(stack: RunningStack, fault: str) -> None:
    """One fault; a killed process is started again (Rasa takes a minute to load its model)."""
    if fault == "twilio_429":
        http_json("POST", f"{stack.twilio_url}/_fake/fail?count=5&status=429")
    elif fault == "twilio_500":
        http_json("POST", f"{stack.twilio_url}/_fake/fail?count=5&status=500")
    elif fault == "twilio_timeout":
        http_json("POST", f"{stack.twilio_url}/_fake/delay?count=2&seconds={SENDER_TIMEOUT_SECONDS + 5}")
    elif fault == POSTGRES_FAULT:
        _postgres("restart")
    else:
        name = fault.removeprefix("kill_")
        stack.stack.kill(name)
        time.sleep(2)
        stack.stack.restart(name, wait=False)


def _postgres(action: str) -> None:
    """Start, stop or restart this machine's PostgreSQL cluster."""
    version = sorted(p.name for p in PG_CONF.iterdir())[-1]
    subprocess.run(
        ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action], check=False, capture_output=True
    )


def _can_restart_postgres(database_url: str) -> bool:
    return database_url.startswith("postgresql") and PG_CONF.is_dir() and shutil.which("pg_ctlcluster") is not None


def _counts(stack: RunningStack, fake_messages: int) -> dict[str, int]:
    def one(sql: str) -> int:
        return int(stack.scalar(sql) or 0)

    counts = {
        "received": one("select count(*) from inbound_messages where channel = 'sms'"),
        "answered": one(
            "select count(distinct inbound_id) from outbound_messages where origin = 'bot' "
            "and status in ('sent', 'delivered', 'read')"
        ),
        "told": one(
            "select count(distinct inbound_id) from outbound_messages where origin = 'system' "
            "and status in ('sent', 'delivered', 'read') and inbound_id not in (select inbound_id from "
            "outbound_messages where origin = 'bot' and inbound_id is not null)"
        ),
        "parts": one("select count(*) from outbound_parts"),
        "unfinished": one(
            "select (select count(*) from inbound_messages where status = 'pending') + "
            "(select count(*) from outbound_messages where status in ('queued', 'sending'))"
        ),
    }
    counts["duplicated"] = max(0, fake_messages - counts.pop("parts"))
    return counts


def _fake_message_count(stack: RunningStack) -> int:
    _, listing = http_json("GET", f"{stack.twilio_url}/_fake/messages")
    return len(listing["messages"])


async def soak(stack: RunningStack, minutes: float, rate: float, fault_every: float, phones: int) -> Tally:
    """Send at ``rate`` for ``minutes`` with a fault every ``fault_every`` seconds, then drain and count."""
    kinds = FAULTS + ((POSTGRES_FAULT,) if _can_restart_postgres(stack.database_url) else ())
    tally = Tally(minutes, rate, {fault: 0 for fault in kinds})
    numbers = [f"+1503555{3000 + n:04d}" for n in range(phones)]
    bodies = itertools.cycle(QUESTIONS)
    faults = itertools.cycle(kinds)
    started = time.monotonic()
    next_fault = started + fault_every
    pending: set[asyncio.Task[bool]] = set()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=20)) as session:
        for n in itertools.count():
            now = time.monotonic()
            if now - started >= minutes * 60:
                break
            if now >= next_fault:
                fault = next(faults)
                tally.faults[fault] += 1
                print(f"  {now - started:6.0f} s  fault: {fault}", flush=True)
                threading.Thread(target=_inject, args=(stack, fault), daemon=True).start()
                next_fault += fault_every
            task = asyncio.create_task(_text(session, stack, numbers[n % phones], next(bodies), tally))
            pending.add(task)
            task.add_done_callback(pending.discard)
            tally.sent += 1
            await asyncio.sleep(max(0.0, started + (n + 1) / rate - time.monotonic()))
        accepted = await asyncio.gather(*pending)
    tally.sent -= sum(1 for ok in accepted if not ok)
    print("  soak over; waiting for retries to finish", flush=True)
    deadline = time.monotonic() + 900
    counts = _counts(stack, _fake_message_count(stack))
    while counts["unfinished"] and time.monotonic() < deadline:
        await asyncio.sleep(10)
        counts = _counts(stack, _fake_message_count(stack))
    tally.received, tally.answered, tally.told = counts["received"], counts["answered"], counts["told"]
    tally.duplicated = counts["duplicated"]
    tally.lost = tally.sent - tally.answered - tally.told
    return tally


def main(argv: list[str] | None = None) -> None:
    """Run the soak and print (and save) the counts."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=float, default=1.0, help="messages per second")
    parser.add_argument("--fault-every", type=float, default=30, help="seconds between faults")
    parser.add_argument("--phones", type=int, default=30, help="residents texting")
    parser.add_argument("--database", choices=("auto", "postgresql", "sqlite"), default="auto")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        database_url, description = fresh_database(args.database, Path(tmp))
        print(f"chaos soak: {args.minutes:g} min at {args.rate:g} msg/s, a fault every {args.fault_every:g} s")
        print(f"database: {description}", flush=True)
        try:
            with running_stack(database_url, Path(tmp) / "logs") as stack:
                tally = asyncio.run(soak(stack, args.minutes, args.rate, args.fault_every, args.phones))
        finally:
            if _can_restart_postgres(database_url):
                _postgres("start")  # whatever happened, the machine's database server is left running
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "chaos.json").write_text(json.dumps(asdict(tally), indent=2))
    rows: list[tuple[str, Any]] = [
        ("messages sent", tally.sent),
        ("received (stored)", tally.received),
        ("answered", tally.answered),
        ("told to wait / call 311 instead", tally.told),
        ("duplicated (sent twice)", tally.duplicated),
        ("lost", tally.lost),
        ("webhook retries (front door down)", tally.webhook_retries),
        ("faults injected", ", ".join(f"{k} {v}" for k, v in tally.faults.items())),
    ]
    print("\n| | |\n|---|---|\n" + "\n".join(f"| {name} | {value} |" for name, value in rows))


if __name__ == "__main__":
    main()
