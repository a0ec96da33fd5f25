"""The assistant's three processes for the benchmark, on free ports, against a fresh database.

The fake Twilio API is not started here: the benchmark serves it in its own process (see
``bench.load.Arrivals``) on the port reserved in ``BenchStack.twilio_port``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from bot.launcher import Ports, Stack
from bot.settings import ROOT, Settings
from tests.fakes.twilio_api import DEFAULT_ACCOUNT_SID, DEFAULT_AUTH_TOKEN, POOL_NUMBER
from tests.stack import free_port, fresh_postgres_database, migrate

MODEL = ROOT / "models" / "current.tar.gz"
PG_ADMIN_URL = os.environ.get("BENCH_POSTGRES_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
PG_DATABASE = "pdx311_bench"
START_TIMEOUT = 300.0


@dataclass
class BenchStack:
    """The running processes and where to reach them."""

    stack: Stack
    twilio_port: int
    auth_token: str = DEFAULT_AUTH_TOKEN

    @property
    def front_door_url(self) -> str:
        """The front door's base URL."""
        return f"http://127.0.0.1:{self.stack.ports.front_door}"

    @property
    def rasa_url(self) -> str:
        """The Rasa server's base URL."""
        return f"http://127.0.0.1:{self.stack.ports.rasa}"

    def pids(self) -> dict[str, int]:
        """Process id of each process, by name."""
        return {name: process.pid for name, process in self.stack.processes.items()}


def fresh_database(kind: str, directory: Path) -> tuple[str, str]:
    """A new, migrated database and its description: PostgreSQL (when reachable) or SQLite.

    Args:
        kind: ``"postgresql"``, ``"sqlite"`` or ``"auto"`` (PostgreSQL when it answers).
        directory: Where a SQLite file goes.

    Returns:
        The database URL and a line saying which database it is.
    """
    url = fresh_postgres_database(PG_DATABASE) if kind in ("auto", "postgresql") else None
    if url is None and kind == "postgresql":
        raise RuntimeError(f"PostgreSQL is not reachable at {PG_ADMIN_URL}")
    if url is not None:
        description = f"PostgreSQL, fresh database `{PG_DATABASE}` on 127.0.0.1:5432"
    else:
        url = f"sqlite:///{directory / 'bench.db'}"
        description = "SQLite (WAL), fresh file in a temporary directory"
    migrate(url)
    return url, description


@contextmanager
def running_stack(database_url: str, log_dir: Path, model: Path = MODEL) -> Iterator[BenchStack]:
    """Start the action server, front door and Rasa server; stop them all on exit, whatever happens."""
    ports = Ports(free_port(), free_port(), free_port())
    twilio_port = free_port()
    front = f"http://127.0.0.1:{ports.front_door}"
    environment = {
        "DATABASE_URL": database_url,
        "PORT": str(ports.front_door),
        "PUBLIC_BASE_URL": front,
        "TWILIO_ACCOUNT_SID": DEFAULT_ACCOUNT_SID,
        "TWILIO_AUTH_TOKEN": DEFAULT_AUTH_TOKEN,
        "TWILIO_FROM_NUMBER": POOL_NUMBER,
        "TWILIO_API_BASE_URL": f"http://127.0.0.1:{twilio_port}",
        "PII_ENCRYPTION_KEY": "bench-pii-key",
        "MEDIA_DIR": str(log_dir / "media"),
    }
    settings = Settings.from_env(environment, env_file=Path("/nonexistent"))
    stack = Stack(settings, ports, model, log_dir=log_dir)
    try:
        with mock.patch.dict(os.environ, environment):
            stack.start(timeout=START_TIMEOUT)
        yield BenchStack(stack, twilio_port)
    finally:
        stack.stop()


def rss_mb(pid: int) -> float:
    """Resident memory of ``pid`` and all its descendants, in MB (shared pages count in each)."""
    total_kb = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = [
                int(child)
                for task in Path(f"/proc/{current}/task").iterdir()
                for child in (task / "children").read_text().split()
            ]
        except (FileNotFoundError, ProcessLookupError):
            continue
        total_kb += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        pending.extend(children)
    return total_kb / 1024
