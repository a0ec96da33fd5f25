"""Safe by default: real Twilio credentials with development settings refuse to start; the simulator is opt-in."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.platform.deployment import UnsafeConfiguration, deployment_problems
from bot.platform.settings import DEV_PII_KEY, ROOT, Settings
from tests.harness.databases import migrate

PRODUCTION = Settings(
    twilio_account_sid="AC" + "1" * 32,
    twilio_auth_token="secret",
    twilio_from_number="+15035550100",
    public_base_url="https://311.example.gov",
    pii_key="a long random production secret",
)


def test_safe_production_settings_have_no_problems() -> None:
    assert deployment_problems(PRODUCTION) == []


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ({"pii_key": DEV_PII_KEY}, "PII_ENCRYPTION_KEY"),
        ({"pii_key": ""}, "PII_ENCRYPTION_KEY"),
        ({"twilio_validate_signatures": False}, "TWILIO_SKIP_SIGNATURE_CHECK_FOR_DEVELOPMENT"),
        ({"public_base_url": "http://localhost:8080"}, "PUBLIC_BASE_URL"),
        ({"public_base_url": "http://127.0.0.1:8080"}, "PUBLIC_BASE_URL"),
        ({"public_base_url": "http://311.example.gov"}, "PUBLIC_BASE_URL"),
        ({"sms_simulator": True}, "SMS_SIMULATOR"),
    ],
)
def test_each_unsafe_setting_is_named(change: dict[str, object], named: str) -> None:
    problems = deployment_problems(replace(PRODUCTION, **change))  # type: ignore[arg-type]
    assert len(problems) == 1 and named in problems[0]


def test_all_problems_are_reported_at_once_and_create_app_refuses() -> None:
    unsafe = replace(
        PRODUCTION, pii_key=DEV_PII_KEY, twilio_validate_signatures=False, public_base_url="http://localhost"
    )
    with pytest.raises(UnsafeConfiguration) as caught:
        create_app(unsafe)
    assert len(caught.value.problems) == 3


def test_a_local_stand_in_for_twilio_is_not_production() -> None:
    local = replace(PRODUCTION, twilio_api_base_url="http://127.0.0.1:8081", pii_key=DEV_PII_KEY)
    assert deployment_problems(local) == []


def test_the_front_door_process_exits_with_the_settings_to_fix(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}",
        "TWILIO_ACCOUNT_SID": "AC" + "1" * 32,
        "TWILIO_AUTH_TOKEN": "secret",
        "PUBLIC_BASE_URL": "http://localhost:8080",
        "PII_ENCRYPTION_KEY": "",
    }
    done = subprocess.run(
        [sys.executable, "-m", "bot.app"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode != 0
    assert "PII_ENCRYPTION_KEY" in done.stderr and "PUBLIC_BASE_URL" in done.stderr


@pytest.mark.parametrize(("enabled", "status"), [(False, 404), (True, 200)])
async def test_the_sms_simulator_is_served_only_when_enabled(tmp_path: Path, enabled: bool, status: int) -> None:
    url = f"sqlite:///{tmp_path / 'sim.db'}"
    migrate(url)
    app = create_app(Settings(database_url=url, sms_simulator=enabled, media_dir=tmp_path / "media"))
    async with TestClient(TestServer(app)) as client:
        assert (await client.get("/dev/sms")).status == status
        assert (await client.get("/dev/sms/messages", params={"from": "+15035550123"})).status == status
