"""``/healthz``: each dependency on its own, the message counts, and red when one is down."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.app import create_app
from bot.platform.settings import Settings
from tests.harness.databases import migrate
from tests.harness.stack import free_port


@pytest.fixture
async def dependencies() -> AsyncIterator[tuple[str, str]]:
    """A Rasa server with a model loaded and an action server, both answering their health checks."""
    rasa, actions = web.Application(), web.Application()
    rasa.router.add_get("/status", lambda r: web.json_response({"model_file": "current.tar.gz"}))
    actions.router.add_get("/health", lambda r: web.json_response({"status": "ok"}))
    async with TestServer(rasa) as rasa_server, TestServer(actions) as action_server:
        yield str(rasa_server.make_url("")).rstrip("/"), str(action_server.make_url("/webhook"))


def _settings(tmp_path: Path, rasa_url: str, action_url: str) -> Settings:
    url = f"sqlite:///{tmp_path / 'health.db'}"
    migrate(url)
    return Settings(database_url=url, rasa_url=rasa_url, action_server_url=action_url, media_dir=tmp_path)


async def test_all_up_is_green_with_counts(tmp_path: Path, dependencies: tuple[str, str]) -> None:
    app = create_app(_settings(tmp_path, *dependencies))
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/healthz")
        body = await response.json()
    assert response.status == 200
    assert body["database"] == body["rasa"] == body["action_server"] == "ok"
    assert body["messages"] == {
        "inbound_pending": 0,
        "inbound_failed": 0,
        "outbound_queued": 0,
        "outbound_failed": 0,
        "outbound_stuck": 0,
    }


@pytest.mark.parametrize("down", ["rasa", "action_server"])
async def test_a_dependency_down_is_red_and_named(tmp_path: Path, dependencies: tuple[str, str], down: str) -> None:
    rasa_url, action_url = dependencies
    nowhere = f"http://127.0.0.1:{free_port()}"
    if down == "rasa":
        rasa_url = nowhere
    else:
        action_url = f"{nowhere}/webhook"
    app = create_app(_settings(tmp_path, rasa_url, action_url))
    async with TestClient(TestServer(app)) as client:
        response = await client.get("/healthz")
        body = await response.json()
        assert (await client.get("/livez")).status == 200  # the process itself is alive
    assert response.status == 503 and body["status"] == "degraded"
    assert body[down].startswith("down") and body["database"] == "ok"
