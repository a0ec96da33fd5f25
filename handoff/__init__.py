"""The staff side: the live-agent queue, the front door's handoff desk, and the agent console (``/console/``).

``create_desk`` builds what the inbox routes staff's conversations to; ``setup`` mounts the console on the
front door. The resident side never imports this package (the app factory wires it in).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

from aiohttp import web

from bot.messaging.deps import Deps
from bot.messaging.outbox import Outbox
from bot.messaging.rasa_client import RasaClient
from bot.platform.db import Database
from bot.platform.settings import Settings
from handoff.console import mount
from handoff.console.live import LiveFeed
from handoff.desk import HandoffDesk
from handoff.hours import StaffedHours

__all__ = ["HandoffDesk", "create_desk", "setup", "staffed_hours"]


def staffed_hours(settings: Settings) -> StaffedHours:
    """The staffed hours the settings name (``STAFFED_HOURS``, ``STAFFED_TIMEZONE``, ``STAFFED_HOLIDAYS``)."""
    return StaffedHours.from_config(
        settings.staffed_hours, settings.staffed_timezone, settings.staffed_holidays_file or None
    )


def create_desk(settings: Settings, db: Database, outbox: Outbox, rasa: RasaClient) -> HandoffDesk:
    """The inbox's agent router and the console's service, with its live feed."""
    return HandoffDesk(db, outbox, rasa, staffed_hours(settings), LiveFeed(db))


def setup(app: web.Application, deps: Deps, desk: HandoffDesk, connection_script: Path) -> None:
    """Mount the console and run the live feed while the app runs.

    ``connection_script`` is the web chat's reliable connection, which the console's page reuses.
    """
    mount(app, deps.settings, deps.db, desk, deps.rasa.tracker, connection_script)

    async def live(app: web.Application) -> AsyncIterator[None]:
        await desk.live.start()
        yield
        await desk.live.stop()

    app.cleanup_ctx.append(live)
