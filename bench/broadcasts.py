"""The broadcast figures: 100,000 subscribers against the fake Twilio API.

Without a rate limit: the time to enqueue one message per subscriber, the messages per second handed to
Twilio by ``python -m broadcasts`` (a separate process, timed with its CPU and peak memory). With a limit of
100 per second: the rate achieved over a minute, and the most messages that reached Twilio in any one-second
window (judged on the fake's arrival times).
"""

from __future__ import annotations

import asyncio
import gc
import os
import subprocess
import sys
import time
from typing import Any

from sqlalchemy import insert

from bench.load import Arrivals, serve_fake_twilio
from bot.messaging.conversations import sms_conversation_id
from bot.messaging.models import Contact, Conversation
from bot.platform.db import Database, utcnow
from bot.platform.pii import PiiVault
from bot.platform.settings import ROOT
from broadcasts import service
from broadcasts.models import AlertSubscription
from tests.harness.fakes.twilio_api import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN
from tests.harness.stack import free_port

SUBSCRIBERS = 100_000
PACED = 6_000
"""Subscribers in the paced broadcast's ZIP code: a minute at 100 per second."""
RATE = 100.0
PII_KEY = "bench-broadcast-key"
EN = "Heat warning: cooling centers open 10am-10pm today. Call 211 for a ride."
ES = "Alerta de calor: centros de enfriamiento abiertos hoy de 10am a 10pm. Llame al 211."


def populate(database_url: str) -> float:
    """Insert the subscribers in bulk (one in three Spanish); returns seconds."""
    started = time.perf_counter()
    vault = PiiVault(PII_KEY)
    now = utcnow()
    with Database(database_url).session() as session:
        contacts = []
        for n in range(SUBSCRIBERS):
            number = f"+1971{500 + n // 10000:03d}{n % 10000:04d}"
            contacts.append(
                {
                    "channel": "sms",
                    "address_hash": vault.lookup_hash(number),
                    "address_encrypted": vault.encrypt(number),
                    "opted_out": False,
                    "created_at": now,
                }
            )
        ids = []
        for start in range(0, SUBSCRIBERS, 5000):
            result = session.execute(
                insert(Contact).returning(Contact.id, Contact.address_hash), contacts[start : start + 5000]
            )
            ids.extend(result.all())
        session.execute(
            insert(Conversation),
            [
                {
                    "id": sms_conversation_id(h),
                    "channel": "sms",
                    "contact_id": i,
                    "language": None,
                    "mode": "bot",
                    "created_at": now,
                    "updated_at": now,
                }
                for i, h in ids
            ],
        )
        session.execute(
            insert(AlertSubscription),
            [
                {
                    "contact_id": i,
                    "language": "es" if k % 3 == 0 else "en",
                    "zip": "97232" if k < PACED else "97211",
                    "status": "active",
                    "consent_method": "import",
                    "requested_at": now,
                    "consented_at": now,
                    "created_at": now,
                    "updated_at": now,
                }
                for k, (i, _) in enumerate(ids)
            ],
        )
    return time.perf_counter() - started


def _broadcast(database_url: str, zips: str, rate: float | None) -> tuple[int, float]:
    """Create and approve a broadcast, enqueue its messages; its id and the seconds the enqueue took."""
    with Database(database_url).session() as session:
        draft = service.check(EN, ES, "urgent", zips, rate)
        broadcast_id = service.create(session, draft, None, "cli", approval_required=False).id
    started = time.perf_counter()
    with Database(database_url).session() as session:
        count = service.enqueue(session, broadcast_id)
    assert count > 0
    return broadcast_id, time.perf_counter() - started


def _send(database_url: str, twilio_url: str, broadcast_id: int, rate: float) -> dict[str, float]:
    """Run ``python -m broadcasts resume`` to the end; wall time, CPU seconds and peak memory of that process."""
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": database_url,
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": "+15035550100",
        "TWILIO_API_BASE_URL": twilio_url,
        "PII_ENCRYPTION_KEY": PII_KEY,
        "BROADCAST_RATE": str(rate),
    }
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "broadcasts", "resume", str(broadcast_id)],
        cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if status != 0:
        raise RuntimeError(f"python -m broadcasts resume {broadcast_id} exited with {status}")
    return {
        "seconds": round(elapsed, 1),
        "cpu_seconds": round(usage.ru_utime + usage.ru_stime, 1),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
    }


async def measure_broadcasts(database_url: str, progress: Any) -> dict[str, Any]:
    """Every broadcast figure (the fake Twilio API runs in this process, the sender in its own).

    No front door runs here to receive status callbacks, so the fake posts none; the paced stage gets a fresh
    fake, so that the arrivals it times are not held up by the first stage's 100,000 messages in its memory.
    """
    progress(f"broadcasts: {SUBSCRIBERS:,} subscribers")
    populated = await asyncio.to_thread(populate, database_url)
    progress("broadcasts: enqueue and send to everyone, no rate limit")
    everyone, enqueue_seconds = await asyncio.to_thread(_broadcast, database_url, "", 0.0)
    unlimited, handed = await _timed_send(database_url, everyone, 0.0)
    progress(f"broadcasts: {PACED:,} at {RATE:g} per second")
    paced, _ = await asyncio.to_thread(_broadcast, database_url, "97232", RATE)
    limited, times = await _timed_send(database_url, paced, RATE)
    times.sort()
    span = times[-1] - times[0] if len(times) > 1 else 0.0
    return {
        "subscribers": SUBSCRIBERS,
        "populate_seconds": round(populated, 1),
        "enqueue_seconds": round(enqueue_seconds, 2),
        "unlimited": {**unlimited, "messages": len(handed), "per_second": round(len(handed) / unlimited["seconds"], 1)},
        "limited": {
            **limited,
            "rate_limit": RATE,
            "messages": len(times),
            "achieved_per_second": round((len(times) - 1) / span, 2) if span else None,
            "busiest_second": _busiest_second(times),
        },
    }


async def _timed_send(database_url: str, broadcast_id: int, rate: float) -> tuple[dict[str, float], list[float]]:
    """Send a broadcast to a fresh fake Twilio API; the sender's figures and the fake's arrival times."""
    port, arrivals = free_port(), Arrivals()
    gc.collect()
    fake = await serve_fake_twilio(port, arrivals, status_callbacks=False)
    try:
        figures = await asyncio.to_thread(_send, database_url, f"http://127.0.0.1:{port}", broadcast_id, rate)
    finally:
        await fake.cleanup()
    return figures, arrivals.times


def _busiest_second(times: list[float]) -> int:
    """The most arrivals in any window of one second (two pointers over the sorted times)."""
    most, start = 0, 0
    for end, moment in enumerate(times):
        while moment - times[start] >= 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most
