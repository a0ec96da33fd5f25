"""The benchmark's database and memory readings; the stack itself is the test harness's.

The fake Twilio API is not started by the harness here: the benchmark serves it in its own process
(see ``bench.load.Arrivals``) on a port it reserves, to time each reply's arrival without polling.
"""

from __future__ import annotations

from pathlib import Path

from tests.harness.databases import fresh_postgres_database, migrate
from tests.harness.stack import MODEL, RunningStack, free_port, running_stack

__all__ = ["MODEL", "RunningStack", "free_port", "fresh_database", "rss_mb", "running_stack"]

PG_DATABASE = "pdx311_bench"


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
        raise RuntimeError("PostgreSQL is not reachable on 127.0.0.1:5432")
    if url is not None:
        description = f"PostgreSQL, fresh database `{PG_DATABASE}` on 127.0.0.1:5432"
    else:
        url = f"sqlite:///{directory / 'bench.db'}"
        description = "SQLite (WAL), fresh file in a temporary directory"
    migrate(url)
    return url, description


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
