"""Configuration read from the environment (and an optional ``.env`` file)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'var' / 'pdx311.db'}"
DEV_PII_KEY = "development-only-key-change-me"


def read_env_file(path: Path) -> dict[str, str]:
    """Parse a ``KEY=value`` file; blank lines and ``#`` comments are skipped."""
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        values[key.strip()] = value.strip().strip('"').strip("'")
    return values


def _flag(value: str | None, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


@dataclass(frozen=True)
class Settings:
    """Everything a process of the assistant needs to know about its deployment."""

    database_url: str = DEFAULT_DATABASE_URL
    port: int = 8080
    host: str = "127.0.0.1"
    public_base_url: str = "http://127.0.0.1:8080"
    rasa_url: str = "http://127.0.0.1:5005"
    action_server_url: str = "http://127.0.0.1:5055/webhook"
    twilio_account_sid: str = ""
    twilio_auth_token: str = ""
    twilio_from_number: str = ""
    twilio_messaging_service_sid: str = ""
    twilio_api_base_url: str = "https://api.twilio.com"
    twilio_validate_signatures: bool = True
    pii_key: str = DEV_PII_KEY
    """One key, or several comma-separated (newest first) while rotating."""
    pii_lookup_key: str = ""
    """The key of the phone-number lookup hash; empty means the oldest of ``pii_key``."""
    open311_api_keys: tuple[str, ...] = ()
    media_dir: Path = field(default_factory=lambda: ROOT / "var" / "media")
    nlg_token: str = ""
    webchat_rate_per_minute: int = 30
    webchat_address_sockets: int = 20
    """Widget connections open at once from one address (``WEBCHAT_ADDRESS_SOCKETS``): a library or a school
    shares one, a script opening more is refused."""
    webchat_address_messages_per_minute: int = 120
    """Widget messages a minute from one address, all its chats together (``WEBCHAT_ADDRESS_MESSAGES_PER_MINUTE``)."""
    webchat_origins: tuple[str, ...] = ()
    """Pages allowed to open the widget's WebSocket (``WEBCHAT_ALLOWED_ORIGINS``); the service's own always is."""
    max_upload_bytes: int = 5 * 1024 * 1024
    stuck_after_seconds: float = 120.0
    """A reply ``sending`` for longer was left by a crash and is recovered (longer than any send can take)."""
    retention_days: int = 365
    """Photos and message transcripts older than this are purged by ``python -m bot.messaging.retention``."""
    sms_simulator: bool = False
    """Serve the development SMS simulator (``SMS_SIMULATOR=1``); never together with Twilio credentials."""
    staffed_hours: str = "07:00-20:00"
    """When 311 staff answer handed-off conversations (``STAFFED_HOURS``: ``HH:MM-HH:MM`` or ``always``)."""
    staffed_timezone: str = "America/Los_Angeles"
    staffed_holidays_file: str = ""
    """A file of extra closed dates (one ISO date a line) besides the US federal holidays."""
    broadcast_rate: float = 1.0
    """Broadcast messages per second handed to Twilio (``BROADCAST_RATE``; about 1 for a long code, 100 for a
    short code; 0 for no limit)."""
    broadcast_emergency_approval: bool = True
    """Whether an emergency alert needs a second broadcaster's approval (``BROADCAST_EMERGENCY_APPROVAL``)."""
    console_idle_minutes: int = 30
    console_max_hours: int = 12

    @property
    def twilio_enabled(self) -> bool:
        """Whether real Twilio credentials are configured (else the development sender is used)."""
        return bool(self.twilio_account_sid and self.twilio_auth_token)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, env_file: Path | None = None) -> Settings:
        """Build settings from ``environ`` (default ``os.environ``) over the ``.env`` file."""
        values = read_env_file(env_file if env_file is not None else ROOT / ".env")
        values.update(os.environ if environ is None else environ)
        port = int(values.get("PORT") or 8080)
        keys = tuple(k.strip() for k in values.get("OPEN311_API_KEYS", "").split(",") if k.strip())
        return cls(
            database_url=values.get("DATABASE_URL") or DEFAULT_DATABASE_URL,
            port=port,
            host=values.get("HOST") or "127.0.0.1",
            public_base_url=(values.get("PUBLIC_BASE_URL") or f"http://127.0.0.1:{port}").rstrip("/"),
            rasa_url=(values.get("RASA_URL") or "http://127.0.0.1:5005").rstrip("/"),
            action_server_url=(values.get("ACTION_SERVER_URL") or "http://127.0.0.1:5055/webhook").rstrip("/"),
            twilio_account_sid=values.get("TWILIO_ACCOUNT_SID", ""),
            twilio_auth_token=values.get("TWILIO_AUTH_TOKEN", ""),
            twilio_from_number=values.get("TWILIO_FROM_NUMBER", ""),
            twilio_messaging_service_sid=values.get("TWILIO_MESSAGING_SERVICE_SID", ""),
            twilio_api_base_url=(values.get("TWILIO_API_BASE_URL") or "https://api.twilio.com").rstrip("/"),
            twilio_validate_signatures=not _flag(values.get("TWILIO_SKIP_SIGNATURE_CHECK_FOR_DEVELOPMENT")),
            pii_key=values.get("PII_ENCRYPTION_KEY") or DEV_PII_KEY,
            pii_lookup_key=values.get("PII_LOOKUP_KEY", ""),
            open311_api_keys=keys,
            media_dir=Path(values.get("MEDIA_DIR") or ROOT / "var" / "media"),
            nlg_token=values.get("NLG_TOKEN", ""),
            sms_simulator=_flag(values.get("SMS_SIMULATOR")),
            retention_days=int(values.get("RETENTION_DAYS") or 365),
            stuck_after_seconds=float(values.get("OUTBOX_STUCK_SECONDS") or 120),
            staffed_hours=values.get("STAFFED_HOURS") or "07:00-20:00",
            staffed_timezone=values.get("STAFFED_TIMEZONE") or "America/Los_Angeles",
            staffed_holidays_file=values.get("STAFFED_HOLIDAYS", ""),
            console_idle_minutes=int(values.get("CONSOLE_IDLE_MINUTES") or 30),
            broadcast_rate=float(values.get("BROADCAST_RATE") or 1.0),
            broadcast_emergency_approval=_flag(values.get("BROADCAST_EMERGENCY_APPROVAL"), default=True),
            console_max_hours=int(values.get("CONSOLE_MAX_HOURS") or 12),
            webchat_address_sockets=int(values.get("WEBCHAT_ADDRESS_SOCKETS") or 20),
            webchat_address_messages_per_minute=int(values.get("WEBCHAT_ADDRESS_MESSAGES_PER_MINUTE") or 120),
            webchat_origins=tuple(
                o.strip().rstrip("/") for o in values.get("WEBCHAT_ALLOWED_ORIGINS", "").split(",") if o.strip()
            ),
        )
