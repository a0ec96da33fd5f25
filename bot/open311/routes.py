"""The Open311 package's entry point: the GeoReport v2 routes, mounted under ``/open311/v2``."""

from __future__ import annotations

from typing import Protocol

from aiohttp import web

from bot.open311.views import PREFIX, Open311Api
from bot.platform.db import Database
from bot.platform.settings import Settings


class Open311Deps(Protocol):
    """What the API needs from the front door."""

    @property
    def settings(self) -> Settings:
        """The deployment's settings (API keys, base URL)."""

    @property
    def db(self) -> Database:
        """The reports' database."""


def setup(app: web.Application, deps: Open311Deps) -> None:
    """Mount the API on the front door."""
    add_routes(app, deps.db, deps.settings)


def add_routes(app: web.Application, db: Database, settings: Settings, prefix: str = PREFIX) -> None:
    """Add the GeoReport v2 endpoints to ``app`` under ``prefix`` (the spec's ``/open311/v2``)."""
    api = Open311Api(db, settings)
    app.router.add_get(f"{prefix}/discovery.{{format}}", api.discovery)
    app.router.add_get(f"{prefix}/services.{{format}}", api.services)
    app.router.add_get(f"{prefix}/services/{{service_code}}.{{format}}", api.service_definition)
    app.router.add_get(f"{prefix}/requests.{{format}}", api.get_service_requests)
    app.router.add_post(f"{prefix}/requests.{{format}}", api.post_service_request)
    app.router.add_get(f"{prefix}/requests/{{service_request_id}}.{{format}}", api.get_service_request)
