"""Starts every process of the assistant together and stops them together (``make run``)."""

from __future__ import annotations

import argparse
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from bot.platform.settings import ROOT, Settings

VENV_BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Ports:
    """Where each process listens."""

    front_door: int
    rasa: int
    actions: int


def stack_environment(settings: Settings, ports: Ports, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment every process gets: one database, and each one's collaborators' URLs."""
    env = dict(os.environ if base is None else base)
    env.update(
        {
            "DATABASE_URL": settings.database_url,
            "PORT": str(ports.front_door),
            "RASA_URL": f"http://127.0.0.1:{ports.rasa}",
            "ACTION_SERVER_URL": f"http://127.0.0.1:{ports.actions}/webhook",
            "NLG_URL": f"http://127.0.0.1:{ports.front_door}/nlg",
            "PYTHONPATH": str(ROOT) + os.pathsep + env.get("PYTHONPATH", ""),
            "PUBLIC_BASE_URL": env.get("PUBLIC_BASE_URL") or f"http://127.0.0.1:{ports.front_door}",
            # One secret shared by the Rasa server (it sends it) and the front door (it checks it); this
            # environment is built once per start, so every process gets the same one.
            "NLG_TOKEN": env.get("NLG_TOKEN") or settings.nlg_token or secrets.token_urlsafe(24),
            "RASA_TELEMETRY_ENABLED": "false",
            "SANIC_HOST": "127.0.0.1",  # the action server listens on this machine only
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        }
    )
    return env


def commands(ports: Ports, model: Path) -> dict[str, list[str]]:
    """The command line of each process."""
    rasa = str(VENV_BIN / "rasa")
    return {
        "actions": [rasa, "run", "actions", "--actions", "actions", "--port", str(ports.actions)],
        "rasa": [
            rasa,
            "run",
            "--enable-api",
            "--model",
            str(model),
            "--endpoints",
            "endpoints.yml",
            "--credentials",
            "credentials.yml",
            "--port",
            str(ports.rasa),
            "--interface",
            "127.0.0.1",
        ],
        "front_door": [sys.executable, "-m", "bot.app"],
    }


def wait_for(url: str, timeout: float, ok: Callable[[bytes], bool] = lambda body: True) -> bool:
    """Poll ``url`` until it answers (and ``ok(body)``), or ``timeout`` seconds pass."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if ok(response.read()):
                    return True
        except OSError:
            pass
        time.sleep(0.5)
    return False


PROCESS_ORDER = ("actions", "front_door", "rasa")


class Stack:
    """The three processes, started in dependency order."""

    def __init__(
        self,
        settings: Settings,
        ports: Ports,
        model: Path,
        log_dir: Path | None = None,
        environment: dict[str, str] | None = None,
    ) -> None:
        self.settings = settings
        self.environment = environment
        self.ports = ports
        self.model = model
        self.log_dir = log_dir
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self._logs: list[IO[bytes]] = []
        self._env: dict[str, str] = {}

    def start(self, timeout: float = 240) -> None:
        """Start actions, front door and Rasa; wait until each answers."""
        self._env = stack_environment(self.settings, self.ports, self.environment)
        for name in PROCESS_ORDER:
            self._spawn(name)
        deadline = time.monotonic() + timeout
        for name in PROCESS_ORDER:
            self._wait_ready(name, deadline, timeout)
        self._warm_up()

    def _spawn(self, name: str) -> None:
        out = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            out = open(self.log_dir / f"{name}.log", "ab")  # noqa: SIM115 - closed in stop()
            self._logs.append(out)
        self.processes[name] = subprocess.Popen(
            commands(self.ports, self.model)[name],
            cwd=ROOT,
            env=self._env,
            stdout=out,
            stderr=subprocess.STDOUT if out else None,
        )

    def _wait_ready(self, name: str, deadline: float, timeout: float) -> None:
        checks = {
            "actions": f"http://127.0.0.1:{self.ports.actions}/health",
            "front_door": f"http://127.0.0.1:{self.ports.front_door}/livez",
            "rasa": f"http://127.0.0.1:{self.ports.rasa}/status",
        }
        ready = {"rasa": lambda body: b"model_file" in body}
        process = self.processes[name]
        while not wait_for(checks[name], 2, ready.get(name, lambda body: True)):
            if process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"{name} did not start within {timeout:.0f} s (see its log)")

    def kill(self, name: str) -> None:
        """Kill one process at once (SIGKILL: no cleanup), as a crash would."""
        process = self.processes[name]
        process.kill()
        process.wait()

    def restart(self, name: str, timeout: float = 240, *, wait: bool = True) -> None:
        """Start a killed process again with the same environment (``wait``: until it answers)."""
        self._spawn(name)
        if wait:
            self._wait_ready(name, time.monotonic() + timeout, timeout)

    def _warm_up(self) -> None:
        """Parse one message, so that the model's first real answer is as fast as the rest."""
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.ports.rasa}/model/parse",
            data=json.dumps({"text": "hello"}).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                response.read()
        except OSError:
            pass  # the server answered /status; a slow first parse is not a reason to stop

    def stop(self) -> None:
        """Stop every process: SIGINT, then SIGKILL after 15 s."""
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.processes.clear()
        for log in self._logs:
            log.close()
        self._logs.clear()


def stop_on_signals() -> None:
    """Stop the launcher on SIGTERM (a service manager's stop) as on SIGINT (Ctrl-C).

    Both become a ``KeyboardInterrupt``, so that ``main`` stops every process it started; SIGINT too, since a
    shell that starts the launcher in the background has it ignoring SIGINT.
    """

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt(signal.Signals(signum).name)

    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, interrupt)


def main() -> None:
    """``python -m bot.platform.launcher --model models/current.tar.gz``."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current.tar.gz")
    args = parser.parse_args()
    environment = dict(os.environ)
    if not Settings.from_env(environment).twilio_enabled:
        environment.setdefault("SMS_SIMULATOR", "1")  # a development run: text the assistant without Twilio
    settings = Settings.from_env(environment)
    ports = Ports(settings.port, int(os.environ.get("RASA_PORT", 5005)), int(os.environ.get("ACTIONS_PORT", 5055)))
    stack = Stack(settings, ports, args.model, environment=environment)
    stop_on_signals()
    try:
        stack.start()
        base = f"http://127.0.0.1:{ports.front_door}"
        urls = {
            "demo page with the chat widget": f"{base}/",
            **({"SMS simulator": f"{base}/dev/sms"} if settings.sms_simulator else {}),
            "agent console (make admin first)": f"{base}/console/",
            "Open311 API": f"{base}/open311/v2/services.json",
            "Rasa server": f"http://127.0.0.1:{ports.rasa}",
        }
        lines = "\n".join(f"  {name:<32} {url}" for name, url in urls.items())
        print(f"\nPDX 311 assistant is running:\n{lines}\nPress Ctrl-C to stop.\n", flush=True)
        while all(p.poll() is None for p in stack.processes.values()):
            time.sleep(1)
        print("a process stopped; stopping the others", file=sys.stderr)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()


if __name__ == "__main__":
    main()
