"""The front door: one aiohttp application on one port for residents, Twilio and Rasa's NLG calls."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta

import aiohttp
from aiohttp import web

from bot.db import Database
from bot.i18n import check_catalogs
from bot.inbox import Inbox
from bot.media import MediaStore
from bot.nlg import NlgEndpoint
from bot.open311 import add_open311_routes
from bot.outbox import Outbox
from bot.pii import PiiVault
from bot.rasa_client import RasaClient
from bot.settings import ROOT, Settings
from bot.sms import SmsChannel
from bot.sms_simulator import SmsSimulator
from bot.sms_transport import DevelopmentSmsSender, SmsTransport
from bot.twilio_sender import TwilioSmsSender
from bot.webchat import WebchatChannel
from bot.webchat_hub import WebchatHub, WebchatTransport

logger = logging.getLogger(__name__)

STATIC = ROOT / "bot" / "static"
SETTINGS = web.AppKey("settings", Settings)
INBOX = web.AppKey("inbox", Inbox)
OUTBOX = web.AppKey("outbox", Outbox)
DATABASE = web.AppKey("database", Database)
HUB = web.AppKey("hub", WebchatHub)
SWEEP_SECONDS = 15.0
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def error_middleware(request: web.Request, handler):  # type: ignore[no-untyped-def]
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
    """Wire the channels, the inbox and outbox, the Open311 API and the static widget."""
    check_catalogs()
    app = web.Application(middlewares=[error_middleware], client_max_size=settings.max_upload_bytes + 256 * 1024)
    db = Database(settings.database_url)
    vault = PiiVault(settings.pii_key)
    hub = WebchatHub()
    app[SETTINGS], app[DATABASE], app[HUB] = settings, db, hub

    async def resources(app: web.Application) -> AsyncIterator[None]:
        session = aiohttp.ClientSession()
        twilio = TwilioSmsSender(settings) if settings.twilio_enabled else None
        sender = twilio or DevelopmentSmsSender()
        status_callback = f"{settings.public_base_url}/sms/status" if twilio else None
        outbox = Outbox(db, {"sms": SmsTransport(sender, vault, status_callback), "webchat": WebchatTransport(hub)})
        media = MediaStore(settings, db, session)
        rasa = RasaClient(settings.rasa_url, session)
        inbox = Inbox(db, rasa, outbox, media.store_items)
        app[INBOX], app[OUTBOX] = inbox, outbox
        sms = SmsChannel(settings, db, inbox, outbox, vault)
        webchat = WebchatChannel(settings, db, inbox, hub, media, rasa)
        app[CHANNELS] = Channels(sms, webchat, media, SmsSimulator(db, sms, vault) if twilio is None else None)
        sweeper = asyncio.create_task(_sweep(inbox, outbox))
        yield
        sweeper.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await sweeper
        await inbox.drain()
        if twilio is not None:
            await twilio.close()
        await session.close()

    app.cleanup_ctx.append(resources)
    app.on_shutdown.append(lambda app: hub.close_all())
    _add_channel_routes(app)
    app.router.add_post("/nlg", NlgEndpoint(db).view)
    app.router.add_get("/healthz", _health)
    app.router.add_get("/", _file("index.html"))
    app.router.add_get("/widget.js", _file("widget.js"))
    app.router.add_static("/static/", STATIC)
    add_open311_routes(app, db, settings)
    return app


@dataclass(frozen=True)
class Channels:
    """The views that need the running resources (HTTP session, senders), built at start-up."""

    sms: SmsChannel
    webchat: WebchatChannel
    media: MediaStore
    simulator: SmsSimulator | None


CHANNELS = web.AppKey("channels", Channels)


def _view(part: str, method: str) -> Handler:
    async def handler(request: web.Request) -> web.StreamResponse:
        target = getattr(request.app[CHANNELS], part)
        if target is None:
            raise web.HTTPNotFound(text="the SMS simulator runs only without Twilio credentials")
        return await getattr(target, method)(request)

    return handler


def _add_channel_routes(app: web.Application) -> None:
    app.router.add_post("/sms/inbound", _view("sms", "inbound_view"))
    app.router.add_post("/sms/status", _view("sms", "status_view"))
    app.router.add_get("/webchat/ws", _view("webchat", "socket_view"))
    app.router.add_post("/webchat/upload", _view("webchat", "upload_view"))
    app.router.add_get("/webchat/strings/{lang}.json", _view("webchat", "strings_view"))
    app.router.add_get("/media/{token}", _view("media", "serve"))
    app.router.add_get("/dev/sms", _view("simulator", "page_view"))
    app.router.add_post("/dev/sms/send", _view("simulator", "send_view"))
    app.router.add_get("/dev/sms/messages", _view("simulator", "thread_view"))


def _file(name: str) -> Handler:
    async def handler(request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / name)

    return handler


async def _health(request: web.Request) -> web.Response:
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


def main() -> None:
    """Run the front door (``python -m bot.app``)."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    logging.getLogger("twilio").setLevel(logging.WARNING)  # it logs request URLs and headers at INFO
    settings = Settings.from_env()
    web.run_app(create_app(settings), host=settings.host, port=settings.port, print=None)


if __name__ == "__main__":
    main()
