"""The SMS channel (Twilio): webhooks, carrier keywords, segments, numbered choices, sending, and a simulator."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from bot.channels.sms.keywords import answer_keyword
from bot.channels.sms.simulator import SmsSimulator
from bot.channels.sms.transport import DevelopmentSmsSender, SmsSender, SmsTransport
from bot.channels.sms.twilio_client import TwilioSmsSender
from bot.channels.sms.webhook import SmsChannel
from bot.messaging.deps import Deps
from bot.platform.pii import PiiVault
from bot.platform.settings import Settings

__all__ = ["answer_keyword", "make_transport", "setup"]


def make_transport(
    settings: Settings, vault: PiiVault, wrap: Callable[[SmsSender], SmsSender] | None = None
) -> tuple[SmsTransport, TwilioSmsSender | None]:
    """The outbox's SMS transport: Twilio when credentials are set, else the development sender.

    ``wrap`` puts something around the sender (the broadcasts' pacing on the wire).

    Returns:
        The transport, and the Twilio sender to close on shutdown (None without Twilio).
    """
    twilio = TwilioSmsSender(settings) if settings.twilio_enabled else None
    sender: SmsSender = twilio or DevelopmentSmsSender()
    status_callback = f"{settings.public_base_url}/sms/status" if twilio else None
    return SmsTransport(wrap(sender) if wrap else sender, vault, status_callback), twilio


def setup(app: web.Application, deps: Deps) -> None:
    """Mount Twilio's webhooks, and the development simulator when enabled (``SMS_SIMULATOR``, never with Twilio)."""
    channel = SmsChannel(deps.settings, deps.db, deps.inbox, deps.outbox, deps.vault)
    app.router.add_post("/sms/inbound", channel.inbound_view)
    app.router.add_post("/sms/status", channel.status_view)
    if deps.settings.sms_simulator and not deps.settings.twilio_enabled:
        simulator = SmsSimulator(deps.db, channel, deps.vault)
        app.router.add_get("/dev/sms", simulator.page_view)
        app.router.add_post("/dev/sms/send", simulator.send_view)
        app.router.add_get("/dev/sms/messages", simulator.thread_view)
