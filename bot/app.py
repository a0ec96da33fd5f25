"""The front door: one aiohttp application on one port for residents, Twilio, Rasa's NLG calls and staff.

``create_app`` is the one module that wires every package: it builds the message path's shared
resources (``Deps``) and calls each package's ``setup(app, deps)``. Only this module imports the
channels, Open311 and ``handoff/``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiohttp import web
from aiohttp.abc import AbstractAccessLogger

import bot.channels.sms as sms
import bot.channels.webchat as webchat
import bot.language.nlg as nlg
import bot.open311.routes as open311
import broadcasts
import handoff
from bot.language.i18n import check_catalogs
from bot.messaging.conversations import conversation_language
from bot.messaging.deps import Deps
from bot.messaging.health import check_health
from bot.messaging.inbox import Inbox
from bot.messaging.media import MediaStore
from bot.messaging.outbox import Outbox
from bot.messaging.rasa_client import RasaClient
from bot.messaging.routing import first_of
from bot.messaging.vocabulary import Channel
from bot.platform.db import Database
from bot.platform.deployment import UnsafeConfiguration, check_deployment
from bot.platform.http import HttpClient
from bot.platform.pii import PiiVault
from bot.platform.settings import Settings
from bot.platform.sockets import SocketHub

logger = logging.getLogger(__name__)

DEPS = web.AppKey("deps", Deps)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
SWEEP_SECONDS = 15.0


@web.middleware
async def error_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Anything unexpected is logged once and answered with a clean 500."""
    try:
        return await handler(request)
    except web.HTTPException:
        raise
    except asyncio.CancelledError:
        raise
    except Exception:
        logger.exception("http.unhandled %s %s", request.method, request.path)
        return web.json_response({"error": "internal error"}, status=500)


def create_app(settings: Settings) -> web.Application:
    """Build the message path and mount every package on one application.

    Raises:
        UnsafeConfiguration: Real Twilio credentials with development settings (each one named).
    """
    check_deployment(settings)
    check_catalogs()
    app = web.Application(middlewares=[error_middleware], client_max_size=settings.max_upload_bytes + 256 * 1024)
    db = Database(settings.database_url)
    vault = PiiVault(settings.pii_key, settings.pii_lookup_key or None)
    http = HttpClient()
    hub = SocketHub()
    sms_transport, twilio = sms.make_transport(settings, vault)
    outbox = Outbox(
        db,
        {Channel.SMS: sms_transport, Channel.WEBCHAT: webchat.WebchatTransport(hub)},
        stuck_after=timedelta(seconds=settings.stuck_after_seconds),
    )
    rasa = RasaClient(settings.rasa_url, http)
    media = MediaStore(settings, db, http)
    desk = handoff.create_desk(settings, db, outbox, rasa)
    inbox = Inbox(
        db,
        rasa,
        outbox,
        media.store_items,
        agent_router=desk,
        interceptors={Channel.SMS: first_of(sms.answer_keyword, broadcasts.answer_alert_keyword)},
    )
    deps = Deps(settings, db, vault, http, hub, rasa, media, outbox, inbox)
    app[DEPS] = deps

    async def running(app: web.Application) -> AsyncIterator[None]:
        sweeper = asyncio.create_task(_sweep(inbox, outbox))
        yield
        sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweeper
        await inbox.drain()
        await outbox.close()
        if twilio is not None:
            await twilio.close()
        await http.close()

    app.cleanup_ctx.append(running)
    app.on_shutdown.append(lambda app: hub.close_all())
    sms.setup(app, deps)
    webchat.setup(app, deps)
    open311.setup(app, deps)
    handoff.setup(app, deps, desk, webchat.CONNECTION_SCRIPT)
    broadcasts.setup(app, deps, lambda wrap: _sms_for_broadcasts(settings, vault, wrap))
    nlg.setup(app, lambda sender: db.run(lambda session: conversation_language(session, sender)), settings.nlg_token)
    app.router.add_get("/media/{token}", media.serve)
    app.router.add_get("/healthz", _health)
    app.router.add_get("/livez", _alive)
    return app


def _sms_for_broadcasts(settings: Settings, vault: PiiVault, wrap: Callable[[Any], Any]) -> tuple[Any, Any]:
    """A broadcast's own SMS transport (its sender wrapped by the pacing), and what closes its Twilio client."""
    transport, twilio = sms.make_transport(settings, vault, wrap)
    return transport, (twilio.close if twilio is not None else None)


async def _health(request: web.Request) -> web.Response:
    """Each dependency and the message counts; 503 when a dependency is down."""
    deps = request.app[DEPS]
    action_health = deps.settings.action_server_url.removesuffix("/webhook") + "/health"
    health = await check_health(deps.db, deps.rasa, deps.http, action_health)
    return web.json_response(health.report, status=200 if health.ok else 503)


async def _alive(request: web.Request) -> web.Response:
    """The process answers (what a process supervisor needs)."""
    return web.json_response({"status": "ok"})


async def _sweep(inbox: Inbox, outbox: Outbox) -> None:
    """Retry what a restart or an outage left behind: pending inbound, queued outbound."""
    await inbox.recover()
    while True:
        await asyncio.sleep(SWEEP_SECONDS)
        try:
            await inbox.recover(older_than=timedelta(seconds=SWEEP_SECONDS))
            await outbox.retry_queued()
        except Exception:  # keep sweeping; the next round tries again
            logger.exception("sweep.failed")


class PathOnlyAccessLogger(AbstractAccessLogger):
    """One line per request without the query string (it may carry a token, a phone number or a search)."""

    def log(self, request: web.BaseRequest, response: web.StreamResponse, time: float) -> None:
        """Log method, path, status, size and duration."""
        self.logger.info(
            '%s "%s %s" %s %s %.3fs',
            request.remote,
            request.method,
            request.path,
            response.status,
            response.body_length,
            time,
        )


def main() -> None:
    """Run the front door (``python -m bot.app``)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("twilio").setLevel(logging.WARNING)  # it logs request URLs and headers at INFO
    settings = Settings.from_env()
    try:
        app = create_app(settings)
    except UnsafeConfiguration as err:
        raise SystemExit(str(err)) from None
    web.run_app(app, host=settings.host, port=settings.port, print=None, access_log_class=PathOnlyAccessLogger)


if __name__ == "__main__":
    main()
