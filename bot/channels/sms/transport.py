"""Delivering stored messages by SMS: numbered choices for buttons, split at sentence boundaries."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import Any, Protocol

from bot.channels.sms.choices import with_numbered_choices
from bot.language.segments import split_for_sms
from bot.messaging.outbox import Delivery, PartRecorder
from bot.platform.exceptions import DeliveryError
from bot.platform.pii import PiiVault

_dev_sids = itertools.count(1)


class SmsSender(Protocol):
    """Anything that can send one SMS body to a number and return its SID."""

    async def send(
        self, to: str, body: str, media_urls: list[str] | None = None, status_callback: str | None = None
    ) -> str:
        """Send one message."""

    async def find_sent(self, to: str, body: str, since: datetime) -> str | None:
        """The SID of a message with this body already sent to ``to`` since ``since``, if the provider has one."""


class DevelopmentSmsSender:
    """Without Twilio credentials: the stored outbound row is the record; the simulator page shows it."""

    async def send(
        self, to: str, body: str, media_urls: list[str] | None = None, status_callback: str | None = None
    ) -> str:
        """Pretend to send; returns a local SID."""
        return f"DEV{next(_dev_sids):032d}"

    async def find_sent(self, to: str, body: str, since: datetime) -> str | None:
        """Nothing leaves this process, so nothing was sent before a crash."""
        return None


def render_sms(text: str, buttons: list[dict[str, Any]], language: str, segments_per_message: int = 4) -> list[str]:
    """The SMS bodies for one outbound message: its text with numbered choices, split into messages."""
    full = with_numbered_choices(text, buttons, language)
    return split_for_sms(full, segments_per_message) if full.strip() else []


class SmsTransport:
    """The outbox's SMS channel."""

    def __init__(self, sender: SmsSender, vault: PiiVault, status_callback: str | None) -> None:
        self._sender = sender
        self._vault = vault
        self._status_callback = status_callback

    async def deliver(self, delivery: Delivery, record_part: PartRecorder) -> None:
        """Send each part not sent yet, recording its SID at once; the photo goes with the first part.

        After a timeout or a crash (``delivery.verify``) Twilio is asked first whether the next part
        already went out, so that it is not sent twice.
        """
        if delivery.address is None:
            raise DeliveryError("the conversation has no phone number")
        to = self._vault.decrypt(delivery.address)
        parts = render_sms(delivery.text, delivery.buttons, delivery.language, delivery.segments_per_message)
        media = [delivery.image] if delivery.image else None
        if not parts and not media:
            return
        for position, body in enumerate(parts or [""]):
            if position < delivery.parts_sent:
                continue
            if delivery.verify and position == delivery.parts_sent:
                found = await self._sender.find_sent(to, body, delivery.created_at)
                if found is not None:
                    await record_part(position, found)
                    continue
            sid = await self._sender.send(to, body, media if position == 0 else None, self._status_callback)
            await record_part(position, sid)
