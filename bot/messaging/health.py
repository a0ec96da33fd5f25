"""The front door's health: each dependency on its own, and the messages waiting, failed or stuck.

``GET /healthz`` is red (503) when the database, the Rasa server or the action server is down, so a
load balancer or a monitor stops sending residents to a front door that cannot answer them; the counts
tell an operator whether anything is piling up. ``GET /livez`` only says the process is up.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import aiohttp
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from bot.messaging.deliveries import STUCK_AFTER
from bot.messaging.models import InboundMessage, OutboundMessage
from bot.messaging.rasa_client import RasaClient
from bot.messaging.vocabulary import InboundStatus, OutboundStatus
from bot.platform.db import Database, utcnow
from bot.platform.http import HttpClient

CHECK_TIMEOUT = aiohttp.ClientTimeout(total=3)


@dataclass(frozen=True)
class Health:
    """What ``/healthz`` answers."""

    ok: bool
    report: dict[str, Any]


async def check_health(db: Database, rasa: RasaClient, http: HttpClient, action_server_url: str) -> Health:
    """Check every dependency at once, and count the messages."""
    database, assistant, actions = await asyncio.gather(
        _database(db), _rasa(rasa), _action_server(http, action_server_url)
    )
    report: dict[str, Any] = {
        "database": database.pop("status"),
        "rasa": assistant,
        "action_server": actions,
        "messages": database,
    }
    ok = report["database"] == "ok" and assistant == "ok" and actions == "ok"
    return Health(ok, {"status": "ok" if ok else "degraded", **report})


async def _database(db: Database) -> dict[str, Any]:
    try:
        return {"status": "ok", **await db.run(_counts)}
    except Exception as err:  # any failure to reach or query it is "down"
        return {"status": f"down ({type(err).__name__})"}


def _counts(session: Session) -> dict[str, int]:
    stuck_before = utcnow() - STUCK_AFTER

    def count(model: Any, *conditions: Any) -> int:
        return int(session.scalar(select(func.count()).select_from(model).where(*conditions)) or 0)

    return {
        "inbound_pending": count(InboundMessage, InboundMessage.status == InboundStatus.PENDING),
        "inbound_failed": count(InboundMessage, InboundMessage.status == InboundStatus.FAILED),
        "outbound_queued": count(OutboundMessage, OutboundMessage.status == OutboundStatus.QUEUED),
        "outbound_failed": count(
            OutboundMessage, OutboundMessage.status.in_([OutboundStatus.FAILED, OutboundStatus.UNDELIVERED])
        ),
        "outbound_stuck": count(
            OutboundMessage,
            OutboundMessage.status == OutboundStatus.SENDING,
            or_(OutboundMessage.claimed_at.is_(None), OutboundMessage.claimed_at < stuck_before),
        ),
    }


async def _rasa(rasa: RasaClient) -> str:
    return "ok" if await rasa.is_ready() else "down"


async def _action_server(http: HttpClient, url: str) -> str:
    if not url:
        return "not configured"
    try:
        async with http.session.get(url, timeout=CHECK_TIMEOUT) as response:
            return "ok" if response.status == 200 else f"down (HTTP {response.status})"
    except (aiohttp.ClientError, TimeoutError) as err:
        return f"down ({type(err).__name__})"
