"""``python -m broadcasts`` as a city runs it: import a subscriber list, send with a progress bar, killed and resumed.

The sender is a real process using the real twilio client against the fake Twilio API (its own process), on
the database the running assistant uses; the front door records Twilio's status callbacks.
"""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest

from bot.platform.settings import ROOT
from tests.broadcasts.support import CONSENTED
from tests.harness.clients import http_json
from tests.harness.fakes.twilio_api import DEFAULT_ACCOUNT_SID
from tests.harness.stack import TEST_PII_KEY, RunningStack

pytestmark = pytest.mark.stack
ZIPS = ("97211", "97206", "97233")


def cli(stack: RunningStack, *args: str, **env: str) -> subprocess.Popen[str]:
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": stack.database_url,
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": stack.auth_token,
        "TWILIO_FROM_NUMBER": "+15035550100",
        "TWILIO_API_BASE_URL": stack.twilio_url,
        "PUBLIC_BASE_URL": stack.front_door_url,
        "PII_ENCRYPTION_KEY": TEST_PII_KEY,
        "OUTBOX_STUCK_SECONDS": "2",
        **env,
    }
    return subprocess.Popen(
        [sys.executable, "-m", "broadcasts", *args],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group: the sender and its helper processes
    )


def run(stack: RunningStack, *args: str, timeout: float = 300) -> tuple[int, str, str]:
    process = cli(stack, *args)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)  # the command and its helper processes
        process.communicate()
        raise
    return process.returncode, out, err


def received(stack: RunningStack, numbers: dict[str, tuple[str, str]], *texts: str) -> Counter[str]:
    """How many messages starting with one of ``texts`` each of ``numbers`` got."""
    _, listing = http_json("GET", stack.twilio_url + "/_fake/messages")
    return Counter(m["to"] for m in listing["messages"] if m["to"] in numbers and m["body"].startswith(texts))


def test_import_reports_what_it_refused(stack: RunningStack, tmp_path: Path) -> None:
    csv = tmp_path / "subscribers.csv"
    csv.write_text(
        "phone,language,zip,consented_at\n"
        f"(503) 555-7001,en,97211,{CONSENTED}\n"
        f"503.555.7002,es,,{CONSENTED}\n"
        "503-555-7003,fr,97211,2026-01-01T00:00:00Z\n"
        "not a phone,en,97211,2026-01-01T00:00:00Z\n"
        "503-555-7004,en,10001,2026-01-01T00:00:00Z\n"
        "503-555-7005,en,97211,\n"
        f"+15035557001,en,97206,{CONSENTED}\n"
    )
    code, out, err = run(stack, "subscribers", "import", str(csv))
    assert code == 0, err
    assert out.splitlines()[0] == "added 2, updated 0, refused 5"
    assert "line 4: language must be en or es" in out
    assert "line 5: not a valid US phone number" in out
    assert "line 6: ZIP 10001 is outside Portland and Multnomah County" in out
    assert "line 7: consented_at is missing" in out
    assert "line 8: the number is in the file twice" in out
    code, out, _ = run(stack, "subscribers", "import", str(csv))
    assert out.splitlines()[0] == "added 0, updated 2, refused 5"


def test_bad_alerts_are_refused_with_the_reason(stack: RunningStack) -> None:
    long_text = "Boil water notice. " * 90
    code, _, err = run(stack, "send", "--en", long_text, "--es", "", "--severity", "urgent", "--zip", "99999", "--yes")
    assert code == 2
    assert "segments; the most is 10" in err and "Spanish text is required" in err and "99999" in err


def test_five_thousand_subscribers_exactly_once_through_a_kill_and_a_resume(
    stack: RunningStack, tmp_path: Path
) -> None:
    rng = random.Random(20261129)
    rows = ["phone,language,zip,consented_at"]
    subscribers = {}
    for n in range(5000):
        number = f"+1971{200 + n // 1000:03d}{n % 1000:04d}"
        language = "es" if rng.random() < 0.35 else "en"
        zip_code = rng.choice(ZIPS)
        subscribers[number] = (language, zip_code)
        rows.append(f"{number},{language},{zip_code},{CONSENTED}")
    csv = tmp_path / "five-thousand.csv"
    csv.write_text("\n".join(rows) + "\n")
    code, out, err = run(stack, "subscribers", "import", str(csv))
    assert code == 0 and out.startswith("added 5000, updated 0, refused 0"), (out, err)
    stopped = [n for n in list(subscribers)[:25]]  # these texted STOP before the alert
    for number in stopped:
        stack.text(number, "STOP")
    stack.wait_replies(stopped[-1], 1)

    en = "Air quality alert: wildfire smoke is unhealthy today. Stay indoors and keep windows closed."
    es = (
        "Alerta de calidad del aire: el humo de los incendios es dañino hoy. Quédese adentro con las ventanas cerradas."
    )
    sender = cli(
        stack, "send", "--en", en, "--es", es, "--severity", "emergency", "--zip", "97211,97206", "--rate", "0", "--yes"
    )
    first_line = sender.stdout.readline() if sender.stdout else ""
    match = re.match(r"broadcast (\d+): emergency, (\d+) recipients", first_line)
    assert match, first_line
    broadcast_id = match.group(1)
    deadline = time.monotonic() + 120
    while sum(received(stack, subscribers, en, es).values()) < 100 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(rng.uniform(0.0, 1.0))
    os.killpg(sender.pid, signal.SIGKILL)  # every sending process, in the middle of sending
    sender.communicate(timeout=30)  # reaps it and closes its pipes
    before_resume = sum(received(stack, subscribers, en, es).values())
    code, out, err = run(stack, "resume", broadcast_id)
    assert code == 0, err
    assert f"broadcast {broadcast_id}: sent" in out

    got = received(stack, subscribers, en, es)
    targeted = {n for n, (_, z) in subscribers.items() if z in ("97211", "97206") and n not in stopped}
    assert 0 < before_resume < len(targeted), "the kill should come mid-broadcast"
    missing = targeted - set(got)
    detail = (
        Counter(subscribers[n][0] for n in missing),
        stack.query(
            "SELECT status, error, count(*) FROM outbound_messages WHERE broadcast_id = :b GROUP BY status, error",
            b=int(broadcast_id),
        ),
    )
    assert set(got) == targeted, detail  # ZIP targeting respected, nothing to numbers that said STOP
    assert set(got.values()) == {1}  # exactly once each
    _, listing = http_json("GET", stack.twilio_url + "/_fake/messages")
    for message in listing["messages"]:
        if message["to"] in targeted:
            language = subscribers[message["to"]][0]
            assert message["body"].startswith(es if language == "es" else en)


def test_throttling_and_server_errors_are_retried_and_end_delivered(stack: RunningStack, tmp_path: Path) -> None:
    numbers = {f"+1971300{n:04d}": ("en", "97218") for n in range(20)}
    csv = tmp_path / "twenty.csv"
    csv.write_text("phone,language,zip,consented_at\n" + "".join(f"{n},en,97218,{CONSENTED}\n" for n in numbers))
    assert run(stack, "subscribers", "import", str(csv))[0] == 0
    en, es = "Ice storm: City offices open at 10am tomorrow.", "Tormenta de hielo: las oficinas abren a las 10am."
    for status, count in ((429, 3), (500, 2)):
        http_json("POST", f"{stack.twilio_url}/_fake/fail?count={count}&status={status}")
        code, out, err = run(
            stack, "send", "--en", en, "--es", es, "--severity", "urgent", "--zip", "97218", "--rate", "0", "--yes"
        )
        assert code == 0, err
        first = re.match(r"broadcast (\d+): urgent, (\d+) recipients", out)
        assert first, out
        broadcast_id, recipients = int(first.group(1)), int(first.group(2))
        assert recipients == 20
        deadline = time.monotonic() + 30
        statuses: list[tuple[object, ...]] = []
        while time.monotonic() < deadline:
            statuses = stack.query(
                "SELECT status, count(*) FROM outbound_messages WHERE broadcast_id = :b GROUP BY status",
                b=broadcast_id,
            )
            if [tuple(r) for r in statuses] == [("delivered", recipients)]:
                break
            time.sleep(0.3)
        assert [tuple(r) for r in statuses] == [("delivered", recipients)], statuses  # via Twilio's callbacks
        retried = stack.scalar(
            "SELECT count(*) FROM outbound_messages WHERE broadcast_id = :b AND attempts > 1", b=broadcast_id
        )
        assert retried == count
    got = received(stack, numbers, en)
    assert set(got.values()) == {2} and len(got) == 20  # one message per broadcast, each
