"""Staff accounts for the tests, made the way a deployment makes them: ``python -m handoff users add``."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid

from bot.platform.settings import ROOT
from tests.harness.clients import ConsoleClient
from tests.harness.stack import RunningStack

PASSWORD = "correct horse battery staple"


def add_staff(database_url: str, role: str, spanish: bool = False, password: str = PASSWORD) -> str:
    """Create an account with the command line; returns its (unique) email."""
    email = f"{role}-{uuid.uuid4().hex[:8]}@portland.example"
    command = [sys.executable, "-m", "handoff", "users", "add", email, "--role", role] + (
        ["--spanish"] if spanish else []
    )
    result = subprocess.run(
        command,
        input=password + "\n",
        text=True,
        capture_output=True,
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(ROOT)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert f"{email} ({role}" in result.stdout
    return email


def signed_in(stack: RunningStack, role: str = "agent", spanish: bool = False) -> ConsoleClient:
    """A console client signed in as a new account of ``role``."""
    client = ConsoleClient(stack.front_door_url)
    assert client.sign_in(add_staff(stack.database_url, role, spanish), PASSWORD) == 200
    return client
