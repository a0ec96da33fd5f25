"""Sending SMS/MMS through Twilio's Messages API with the library's asynchronous client.

The client is built on first use, inside the running event loop, and its ``api`` domain is
pointed at ``Settings.twilio_api_base_url`` so that tests and local runs can use a fake.
Nothing is retried here: creating a message is not idempotent, so a failure is reported
(retryable or not, outcome known or not) and the outbox decides; ``find_sent`` lets it check,
after a timeout, whether a message went out.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from aiohttp import ClientConnectorError, ClientError
from twilio.base.exceptions import TwilioException, TwilioRestException
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client

from bot.platform.exceptions import DeliveryError
from bot.platform.settings import Settings

logger = logging.getLogger(__name__)

TWILIO_API_HOST = "api.twilio.com"
DEFAULT_TIMEOUT = 15.0
OPTED_OUT = 21610
"""Twilio's error for a recipient who replied STOP: nothing may be sent to them."""
RECENT_LOOKUP = 20
"""How many of a recipient's latest messages are compared when checking whether one went out."""
_CLOCK_SKEW = timedelta(minutes=2)


class SmsSendError(DeliveryError):
    """Twilio did not accept a message.

    The text never contains a phone number or a message body (Twilio's own error text
    can quote the number, so only the status and error code are kept).

    Attributes:
        status: HTTP status Twilio answered with; None for transport failures.
        code: Twilio error code (for instance 21610, recipient opted out); None if unknown.
    """

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: int | None = None,
        retryable: bool | None = None,
        outcome_unknown: bool = False,
    ) -> None:
        if retryable is None:  # a rate limit or a server error may pass; a refusal will not
            retryable = status is not None and (status == 429 or status >= 500)
        super().__init__(message, retryable=retryable, outcome_unknown=outcome_unknown, opted_out=code == OPTED_OUT)
        self.status = status
        self.code = code


class TwilioSmsSender:
    """Sends messages from the configured number or Messaging Service."""

    def __init__(self, settings: Settings, *, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Keep the settings; no client is created and nothing connects yet.

        Args:
            settings: Twilio credentials, sender and API base URL.
            timeout: Seconds one API call may take before it fails.
        """
        self._settings = settings
        self._timeout = timeout
        self._client: Client | None = None

    async def send(
        self,
        to: str,
        body: str,
        media_urls: list[str] | None = None,
        status_callback: str | None = None,
    ) -> str:
        """Send one message.

        Args:
            to: Recipient in E.164 form.
            body: Message text (Twilio accepts up to 1,600 characters).
            media_urls: Public URLs of images to attach (MMS).
            status_callback: URL Twilio posts delivery status changes to.

        Returns:
            The Twilio message SID ("SM...").

        Raises:
            SmsSendError: If Twilio is not configured, unreachable, or refuses the message.
        """
        params: dict[str, Any] = {"to": to, "body": body}
        if self._settings.twilio_messaging_service_sid:
            params["messaging_service_sid"] = self._settings.twilio_messaging_service_sid
        elif self._settings.twilio_from_number:
            params["from_"] = self._settings.twilio_from_number
        else:
            raise SmsSendError("no Twilio sender configured (TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID)")
        if media_urls:
            params["media_url"] = list(media_urls)
        if status_callback:
            params["status_callback"] = status_callback
        sid = await self._create_message(params)
        logger.info("sms.outbound.accepted sid=%s media=%d", sid, len(media_urls or ()))
        return sid

    async def find_sent(self, to: str, body: str, since: datetime) -> str | None:
        """The SID of a message with this body sent to ``to`` since ``since``, if Twilio has one.

        Used after a timeout or a crash, so that a message that did go out is recorded instead of sent again.

        Raises:
            SmsSendError: If Twilio cannot be asked (retryable: the outbox asks again later).
        """
        since_utc = (since if since.tzinfo else since.replace(tzinfo=UTC)) - _CLOCK_SKEW
        try:
            client = self._get_client()
            async with asyncio.timeout(self._timeout):
                recent = await client.messages.list_async(to=to, limit=RECENT_LOOKUP)
        except (TwilioException, ClientError, TimeoutError, ValueError) as err:
            logger.warning("sms.outbound.lookup_failed error=%s", type(err).__name__)
            raise SmsSendError("Twilio could not be asked whether a message went out", retryable=True) from err
        for message in recent:
            created = message.date_created
            if message.body == body and message.sid and (created is None or created >= since_utc):
                logger.info("sms.outbound.found sid=%s", message.sid)
                return str(message.sid)
        return None

    async def prepare(self) -> None:
        """Build the client and its Messages resource now, so that the first of a paced run of sends is not late.

        The library loads them on first use; nothing is sent.
        """
        self._get_client().messages  # noqa: B018  (the attribute loads the API version and the resource)

    async def close(self) -> None:
        """Close the HTTP session, if one was opened; the sender may be used again after."""
        client, self._client = self._client, None
        if client is not None:
            http_client = client.http_client
            if isinstance(http_client, AsyncTwilioHttpClient):
                await http_client.close()

    async def __aenter__(self) -> TwilioSmsSender:
        """Use the sender as an async context manager that closes it on exit."""
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        """Close the HTTP session."""
        await self.close()

    def _get_client(self) -> Client:
        """The Twilio client, built on first use (inside the running event loop)."""
        if self._client is None:
            settings = self._settings
            if not settings.twilio_enabled:
                raise SmsSendError("Twilio credentials are not configured")
            client = Client(
                settings.twilio_account_sid, settings.twilio_auth_token, http_client=AsyncTwilioHttpClient()
            )
            base_url = settings.twilio_api_base_url.rstrip("/")
            client.api.base_url = base_url
            if urlsplit(base_url).hostname != TWILIO_API_HOST:
                # The library rewrites hosts for TWILIO_REGION/TWILIO_EDGE; an explicit base
                # URL already names the host to use.
                client.region = None
                client.edge = None
            self._client = client
        return self._client

    async def _create_message(self, params: dict[str, Any]) -> str:
        """Create the message resource, turning every failure into SmsSendError."""
        try:
            client = self._get_client()
            async with asyncio.timeout(self._timeout):
                message = await client.messages.create_async(**params)
        except TwilioRestException as err:
            logger.warning("sms.outbound.rejected status=%s code=%s", err.status, err.code)
            message_text = f"Twilio refused the message (HTTP {err.status}, error {err.code})"
            raise SmsSendError(message_text, status=err.status, code=_int(err.code)) from err
        except TimeoutError as err:  # the request may have arrived: check before sending again
            logger.warning("sms.outbound.timeout after=%ss", self._timeout)
            raise SmsSendError(f"Twilio did not answer within {self._timeout}s", outcome_unknown=True) from err
        except ClientConnectorError as err:  # never connected: nothing was sent
            logger.warning("sms.outbound.unreachable error=%s", type(err).__name__)
            raise SmsSendError(f"Twilio could not be reached ({type(err).__name__})", retryable=True) from err
        except ClientError as err:  # the connection broke mid-request: it may have been sent
            logger.warning("sms.outbound.interrupted error=%s", type(err).__name__)
            raise SmsSendError(f"Twilio's answer was lost ({type(err).__name__})", outcome_unknown=True) from err
        except (TwilioException, ValueError) as err:
            logger.warning("sms.outbound.failed error=%s", type(err).__name__)
            raise SmsSendError(f"Twilio request failed ({type(err).__name__})") from err
        if not message.sid:
            raise SmsSendError("Twilio answered without a message SID")
        return message.sid


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None
