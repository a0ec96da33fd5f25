"""Safe by default: a front door with real Twilio credentials refuses to start on development settings.

Each problem names the setting to change, so the operator knows what to fix; all of them are reported
at once. A deployment whose Twilio API is a local stand-in (tests, offline runs) is not held to these.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from bot.platform.exceptions import FrontDoorError
from bot.platform.pii import parse_keys
from bot.platform.settings import DEV_PII_KEY, Settings

TWILIO_API_HOST = "api.twilio.com"
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "0.0.0.0", ""})


class UnsafeConfiguration(FrontDoorError):
    """The settings would expose residents' data or accept forged requests in production."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("refusing to start with real Twilio credentials:\n" + "\n".join(f"- {p}" for p in problems))
        self.problems = problems


def reaches_real_twilio(settings: Settings) -> bool:
    """Whether messages would go to real phones: credentials set and the API is Twilio's own."""
    return settings.twilio_enabled and urlsplit(settings.twilio_api_base_url).hostname == TWILIO_API_HOST


def deployment_problems(settings: Settings) -> list[str]:
    """What is unsafe about these settings (nothing when they are fine)."""
    problems: list[str] = []
    if settings.sms_simulator and settings.twilio_enabled:
        problems.append("SMS_SIMULATOR is for development only: unset it when TWILIO_ACCOUNT_SID is set")
    if not reaches_real_twilio(settings):
        return problems
    if not parse_keys(settings.pii_key) or DEV_PII_KEY in parse_keys(settings.pii_key):
        problems.append("PII_ENCRYPTION_KEY is unset or the development value: set a long random secret")
    if not settings.twilio_validate_signatures:
        problems.append("TWILIO_SKIP_SIGNATURE_CHECK_FOR_DEVELOPMENT is on: anyone could post forged texts")
    if (urlsplit(settings.public_base_url).hostname or "") in LOCAL_HOSTS:
        problems.append("PUBLIC_BASE_URL is on this machine: set the public https URL Twilio calls back")
    elif urlsplit(settings.public_base_url).scheme != "https":
        problems.append("PUBLIC_BASE_URL must be https: Twilio's webhooks carry residents' messages")
    return problems


def check_deployment(settings: Settings) -> None:
    """Raise UnsafeConfiguration naming every unsafe setting."""
    problems = deployment_problems(settings)
    if problems:
        raise UnsafeConfiguration(problems)
