"""The launcher stops what it started on a service manager's SIGTERM, as on Ctrl-C."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.platform.settings import ROOT

# A stand-in for ``main``: a child process it started, stopped in ``finally`` when the launcher is interrupted.
SCRIPT = """
import signal, subprocess, sys, time
from bot.platform.launcher import stop_on_signals
child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
print(child.pid, flush=True)
stop_on_signals()
try:
    while True:
        time.sleep(0.1)
except KeyboardInterrupt as stop:
    print("stopping on", stop, flush=True)
finally:
    child.terminate()
    child.wait()
"""


def _alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text().lower()


def _launch(ignore_sigint: bool) -> subprocess.Popen[str]:
    def setup() -> None:
        if ignore_sigint:  # as a non-interactive shell starts a background job
            signal.signal(signal.SIGINT, signal.SIG_IGN)

    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT], cwd=ROOT, stdout=subprocess.PIPE, text=True, preexec_fn=setup
    )


@pytest.mark.parametrize(
    ("signum", "ignore_sigint"),
    [(signal.SIGTERM, False), (signal.SIGINT, True)],  # a service manager's stop; Ctrl-C, started in the background
)
def test_a_signal_stops_the_launcher_and_what_it_started(signum: signal.Signals, ignore_sigint: bool) -> None:
    launcher = _launch(ignore_sigint)
    assert launcher.stdout is not None
    child = int(launcher.stdout.readline())
    launcher.send_signal(signum)
    out, _ = launcher.communicate(timeout=20)  # closes the pipe
    assert launcher.returncode == 0 and f"stopping on {signum.name}" in out
    time.sleep(0.2)
    assert not _alive(child)
