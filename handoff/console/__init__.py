"""The agent console: a single page under ``/console/``, its JSON API and its live socket (``docs/console-api.md``)."""

from __future__ import annotations

from pathlib import Path

from aiohttp import web

from bot.platform.db import Database
from bot.platform.settings import Settings
from handoff.console.access import Access
from handoff.console.accounts import AccountViews
from handoff.console.reports import ReportViews
from handoff.console.views import ConsoleViews, Tracker
from handoff.desk import HandoffDesk

__all__ = ["mount"]


def mount(
    app: web.Application, settings: Settings, db: Database, desk: HandoffDesk, tracker: Tracker, connection_script: Path
) -> None:
    """Mount every console route on the front door."""
    access = Access(settings, db)
    ConsoleViews(access, db, desk, desk.live, tracker, connection_script).setup(app)
    AccountViews(access, db).setup(app)
    ReportViews(access, db).setup(app)
