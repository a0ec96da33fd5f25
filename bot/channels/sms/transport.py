"""Delivering stored messages by SMS: numbered choices for buttons, split at sentence boundaries."""

from __future__ import annotations

import itertools
from typing import Any, Protocol

from bot.channels.sms.choices import with_numbered_choices
from bot.channels.sms.segments import split_for_sms
from bot.messaging.outbox import Delivery
from bot.platform.exceptions import DeliveryError
from bot.platform.pii import PiiVault

_dev_sids = itertools.count(1)


class SmsSender(Protocol):
    """Anything that can send one SMS body to a number and return its SID."""

    async def send(
        self, to: str, body: str, media_urls: list[str] | None = None, status_callback: str | None = None
    ) -> str:
        """Send one message."""


class DevelopmentSmsSender:
    """Without Twilio credentials: the stored outbound row is the record; the simulator page shows it."""

    async def send(
        self, to: str, body: str, media_urls: list[str] | None = None, status_callback: str | None = None
    ) -> str:
        """Pretend to send; returns a local SID."""
        return f"DEV{next(_dev_sids):032d}"


def render_sms(text: str, buttons: list[dict[str, Any]], language: str) -> list[str]:
    """The SMS bodies for one outbound message: its text with numbered choices, split into messages."""
    full = with_numbered_choices(text, buttons, language)
    return split_for_sms(full) if full.strip() else []


class SmsTransport:
    """The outbox's SMS channel."""

    def __init__(self, sender: SmsSender, vault: PiiVault, status_callback: str | None) -> None:
        self._sender = sender
        self._vault = vault
        self._status_callback = status_callback

    async def deliver(self, delivery: Delivery) -> str | None:
        """Send each part; the SIDs are joined in order."""
        if delivery.address is None:
            raise DeliveryError("the conversation has no phone number")
        to = self._vault.decrypt(delivery.address)
        parts = render_sms(delivery.text, delivery.buttons, delivery.language)
        media = [delivery.image] if delivery.image else None
        if not parts and not media:
            return None
        sids = []
        for index, body in enumerate(parts or [""]):
            sids.append(await self._sender.send(to, body, media if index == 0 else None, self._status_callback))
        return ",".join(sids)[:64]
