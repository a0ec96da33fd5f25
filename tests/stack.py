"""The running assistant for tests: fake Twilio, action server, Rasa server and front door, once per session."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, text
from twilio.request_validator import RequestValidator

from bot.launcher import Ports, Stack, wait_for
from bot.settings import ROOT, Settings
from tests.fakes.twilio_api import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN

MODEL = ROOT / "models" / "current.tar.gz"
PG_ADMIN_URL = os.environ.get("TEST_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
FROM_NUMBER = "+15035550100"


def migrate(database_url: str) -> None:
    """Create the project's tables with its Alembic migrations."""
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = database_url
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")


def fresh_postgres_database(name: str) -> str | None:
    """Drop and create database ``name`` on the local PostgreSQL; None if the server is unreachable."""
    try:
        admin = create_engine(
            PG_ADMIN_URL, future=True, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3}
        )
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
    except Exception:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        return None
    return PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def http_json(method: str, url: str, data: Any = None, headers: dict[str, str] | None = None) -> tuple[int, Any]:
    """A small blocking HTTP client for tests (JSON in and out; form data when ``data`` is a dict of str)."""
    body = None
    all_headers = dict(headers or {})
    if isinstance(data, (dict, list)) and not all_headers.get("Content-Type", "").startswith("application/x-www"):
        body = json.dumps(data).encode()
        all_headers.setdefault("Content-Type", "application/json")
    elif isinstance(data, (bytes, str)):
        body = data.encode() if isinstance(data, str) else data
    request = urllib.request.Request(url, data=body, method=method, headers=all_headers)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            raw = response.read()
            status = response.status
    except urllib.error.HTTPError as err:
        raw, status = err.read(), err.code
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, raw.decode("utf-8", "replace")


@dataclass
class RunningStack:
    """URLs of the running processes, and helpers to talk to them as Twilio and as a phone would."""

    front_door_url: str
    rasa_url: str
    twilio_url: str
    database_url: str
    auth_token: str
    stack: Stack
    twilio_process: subprocess.Popen[bytes]
    log_dir: Path
    _sids: int = field(default=0)

    def sign(self, path: str, params: dict[str, str]) -> str:
        """Twilio's signature for a webhook request to ``path``."""
        return RequestValidator(self.auth_token).compute_signature(self.front_door_url + path, params)

    def post_sms(
        self, params: dict[str, str], signature: str | None = "auto", path: str = "/sms/inbound"
    ) -> tuple[int, Any]:
        """POST a webhook request signed the way Twilio signs it."""
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if signature == "auto":
            signature = self.sign(path, params)
        if signature is not None:
            headers["X-Twilio-Signature"] = signature
        return http_json("POST", self.front_door_url + path, urllib.parse.urlencode(params), headers)

    def text(self, phone: str, body: str, **extra: str) -> str:
        """Send one SMS from ``phone`` as Twilio would; returns its MessageSid."""
        self._sids += 1
        sid = "SM" + f"{self._sids:x}".rjust(32, "0")
        params = {
            "MessageSid": sid,
            "AccountSid": DEFAULT_ACCOUNT_SID,
            "From": phone,
            "To": FROM_NUMBER,
            "Body": body,
            "NumMedia": "0",
            **extra,
        }
        status, _ = self.post_sms(params)
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
        self.twilio_process.terminate()
        self.twilio_process.wait(timeout=10)


def start_stack(database_url: str, log_dir: Path) -> RunningStack:
    """Start fake Twilio and the three processes of the assistant on free ports."""
    migrate(database_url)

    log_dir.mkdir(parents=True, exist_ok=True)
    twilio_port = free_port()
    with open(log_dir / "fake_twilio.log", "wb") as log:
        twilio = subprocess.Popen(
            [sys.executable, "-m", "tests.fakes.twilio_api", "--port", str(twilio_port), "--post-status-callbacks"],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    twilio_url = f"http://127.0.0.1:{twilio_port}"
    if not wait_for(twilio_url + "/_fake/health", 30):
        twilio.kill()
        twilio.wait()
        raise RuntimeError("fake Twilio did not start")
    ports = Ports(free_port(), free_port(), free_port())
    front = f"http://127.0.0.1:{ports.front_door}"
    config = {
        "DATABASE_URL": database_url,
        "PORT": str(ports.front_door),
        "PUBLIC_BASE_URL": front,
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": FROM_NUMBER,
        "TWILIO_API_BASE_URL": twilio_url,
        "OPEN311_API_KEYS": "test-key",
        "PII_ENCRYPTION_KEY": "test-pii-key",
        "MEDIA_DIR": str(log_dir / "media"),
    }
    settings = Settings.from_env(config, env_file=Path("/nonexistent"))
    stack = Stack(settings, ports, MODEL, log_dir=log_dir, environment={**os.environ, **config})
    try:
        stack.start(timeout=300)
    except Exception:
        twilio.kill()
        twilio.wait()
        raise
    return RunningStack(
        front, f"http://127.0.0.1:{ports.rasa}", twilio_url, database_url, DEFAULT_AUTH_TOKEN, stack, twilio, log_dir
    )
