"""Time a full ``rasa train`` of the project's model on this machine."""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.platform.settings import ROOT

RASA = Path(sys.executable).parent / "rasa"


def time_training(log_path: Path) -> dict[str, Any]:
    """Train from scratch into a temporary folder, as ``make train`` does; wall seconds and the model's size.

    Args:
        log_path: Where Rasa's output goes.

    Returns:
        ``{"seconds": ..., "model_mb": ...}``.

    Raises:
        RuntimeError: If training fails (its log says why).
    """
    with tempfile.TemporaryDirectory(prefix="pdx311-train-") as out, log_path.open("wb") as log:
        command = [
            str(RASA),
            "train",
            "--data",
            "nlu_data",
            "--domain",
            "domain",
            "--config",
            "config.yml",
            "--out",
            out,
            "--force",
            "--skip-validation",
        ]
        start = time.monotonic()
        result = subprocess.run(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, check=False)
        seconds = time.monotonic() - start
        models = sorted(Path(out).glob("*.tar.gz"))
        if result.returncode != 0 or not models:
            raise RuntimeError(f"rasa train failed (exit {result.returncode}); see {log_path}")
        return {"seconds": round(seconds, 1), "model_mb": round(models[-1].stat().st_size / 1e6, 1)}
