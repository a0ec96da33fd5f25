"""The running assistant for tests and the benchmark: fake Twilio, action server, Rasa server and front door.

``start_stack`` starts everything on free ports against a migrated database (the fake Twilio API in its
own process, unless the caller serves one itself, as the benchmark does to time arrivals precisely).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text

from bot.messaging.conversations import sms_conversation_id
from bot.platform.launcher import Ports, Stack, wait_for
from bot.platform.pii import PiiVault
from bot.platform.settings import ROOT, Settings
from tests.harness.clients import TwilioWebhooks, http_json
from tests.harness.databases import migrate
from tests.harness.fakes.twilio_api import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, POOL_NUMBER

MODEL = ROOT / "models" / "current.tar.gz"
FROM_NUMBER = POOL_NUMBER
START_TIMEOUT = 300.0


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stack_environment(
    database_url: str, ports: Ports, twilio_url: str, log_dir: Path, embedding_site_port: int = 0
) -> dict[str, str]:
    """The deployment settings of a local stack wired to the fake Twilio API."""
    front = f"http://127.0.0.1:{ports.front_door}"
    return {
        "WEBCHAT_ALLOWED_ORIGINS": f"http://127.0.0.1:{embedding_site_port}" if embedding_site_port else "",
        "DATABASE_URL": database_url,
        "PORT": str(ports.front_door),
        "PUBLIC_BASE_URL": front,
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": FROM_NUMBER,
        "TWILIO_API_BASE_URL": twilio_url,
        "OPEN311_API_KEYS": "test-key",
        "PII_ENCRYPTION_KEY": TEST_PII_KEY,
        "OUTBOX_STUCK_SECONDS": "20",  # the crash tests need not wait two minutes for a recovery
        "MEDIA_DIR": str(log_dir / "media"),
        "STAFFED_HOURS": "always",  # handoff tests must not depend on the time of day they run
    }


TEST_PII_KEY = "test-pii-key"


@dataclass
class RunningStack:
    """URLs of the running processes, and helpers to talk to them as Twilio and as a phone would."""

    front_door_url: str
    rasa_url: str
    twilio_url: str
    database_url: str
    auth_token: str
    stack: Stack
    twilio_process: subprocess.Popen[bytes] | None
    log_dir: Path
    embedding_site_port: int = 0
    """A port whose pages (``http://127.0.0.1:PORT``) may embed the widget (``WEBCHAT_ALLOWED_ORIGINS``)."""

    @property
    def twilio(self) -> TwilioWebhooks:
        """Signed webhook requests, as Twilio sends them to this front door."""
        return TwilioWebhooks(self.front_door_url, self.auth_token, FROM_NUMBER)

    def query(self, sql: str, **params: Any) -> list[tuple[Any, ...]]:
        """Rows of a read-only SQL query against the stack's database."""
        engine = create_engine(self.database_url, future=True)
        try:
            with engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(sql), params)]
        finally:
            engine.dispose()

    def scalar(self, sql: str, **params: Any) -> Any:
        """The first column of the first row of ``query``, or None."""
        rows = self.query(sql, **params)
        return rows[0][0] if rows else None

    def sms_conversation(self, phone: str) -> str:
        """The conversation id the front door gives ``phone`` (derived from its keyed hash)."""
        return sms_conversation_id(PiiVault(TEST_PII_KEY).lookup_hash(phone))

    def pids(self) -> dict[str, int]:
        """Process id of each of the assistant's processes, by name."""
        return {name: process.pid for name, process in self.stack.processes.items()}

    def sign(self, path: str, params: dict[str, str]) -> str:
        """Twilio's signature for a webhook request to ``path``."""
        return self.twilio.sign(path, params)

    def post_sms(
        self, params: dict[str, str], signature: str | None = "auto", path: str = "/sms/inbound"
    ) -> tuple[int, Any]:
        """POST a webhook request signed the way Twilio signs it."""
        return self.twilio.post(params, signature, path)

    def text(self, phone: str, body: str, **extra: str) -> str:
        """Send one SMS from ``phone`` as Twilio would; returns its MessageSid."""
        sid = "SM" + uuid.uuid4().hex  # unique across threads playing conversations at once
        status, _ = self.post_sms(self.twilio.inbound(phone, body, sid, **extra))
        assert status == 200, status
        return sid

    def sent_to(self, phone: str) -> list[dict[str, Any]]:
        """What the assistant has sent to ``phone`` through (fake) Twilio."""
        _, listing = http_json("GET", self.twilio_url + "/_fake/messages")
        return [m for m in listing["messages"] if m.get("to") == phone]

    def wait_replies(self, phone: str, count: int, timeout: float = 30) -> list[dict[str, Any]]:
        """Wait until ``phone`` has received at least ``count`` messages."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            messages = self.sent_to(phone)
            if len(messages) >= count:
                time.sleep(0.3)
                return self.sent_to(phone)
            time.sleep(0.2)
        raise AssertionError(f"{phone} got {len(self.sent_to(phone))} messages, expected {count}")

    def converse(self, phone: str, body: str, timeout: float = 30) -> str:
        """Text ``body`` and return everything the assistant answered to it, joined."""
        before = len(self.sent_to(phone))
        self.text(phone, body)
        deadline = time.monotonic() + timeout
        last_count, stable_since = before, time.monotonic()
        while time.monotonic() < deadline:
            count = len(self.sent_to(phone))
            if count != last_count:
                last_count, stable_since = count, time.monotonic()
            elif count > before and time.monotonic() - stable_since > 1.0:
                break
            time.sleep(0.1)
        return "\n".join(m["body"] for m in self.sent_to(phone)[before:])

    def stop(self) -> None:
        """Stop every process."""
        self.stack.stop()
        if self.twilio_process is not None:
            self.twilio_process.terminate()
            self.twilio_process.wait(timeout=10)


def _start_fake_twilio(log_dir: Path) -> tuple[str, subprocess.Popen[bytes]]:
    port = free_port()
    with open(log_dir / "fake_twilio.log", "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "tests.harness.fakes.twilio_api", "--port", str(port), "--post-status-callbacks"],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    if not wait_for(url + "/_fake/health", 30):
        process.kill()
        process.wait()
        raise RuntimeError("fake Twilio did not start")
    return url, process


def start_stack(
    database_url: str,
    log_dir: Path,
    twilio_port: int | None = None,
    model: Path = MODEL,
    overrides: dict[str, str] | None = None,
) -> RunningStack:
    """Migrate the database, then start fake Twilio (unless ``twilio_port`` names one) and the three processes.

    ``overrides`` are settings of this stack's own (the benchmark's many residents come from one address).
    """
    migrate(database_url)
    log_dir.mkdir(parents=True, exist_ok=True)
    if twilio_port is None:
        twilio_url, twilio = _start_fake_twilio(log_dir)
    else:
        twilio_url, twilio = f"http://127.0.0.1:{twilio_port}", None
    ports = Ports(free_port(), free_port(), free_port())
    embedding_site_port = free_port()
    config = stack_environment(database_url, ports, twilio_url, log_dir, embedding_site_port) | (overrides or {})
    settings = Settings.from_env(config, env_file=Path("/nonexistent"))
    stack = Stack(settings, ports, model, log_dir=log_dir, environment={**os.environ, **config})
    try:
        stack.start(timeout=START_TIMEOUT)
    except Exception:
        if twilio is not None:
            twilio.kill()
            twilio.wait()
        raise
    return RunningStack(
        f"http://127.0.0.1:{ports.front_door}",
        f"http://127.0.0.1:{ports.rasa}",
        twilio_url,
        database_url,
        DEFAULT_AUTH_TOKEN,
        stack,
        twilio,
        log_dir,
        embedding_site_port,
    )


@contextmanager
def running_stack(
    database_url: str, log_dir: Path, twilio_port: int | None = None, overrides: dict[str, str] | None = None
) -> Iterator[RunningStack]:
    """``start_stack`` as a context manager that stops everything on exit, whatever happens."""
    running = start_stack(database_url, log_dir, twilio_port, overrides=overrides)
    try:
        yield running
    finally:
        running.stop()
