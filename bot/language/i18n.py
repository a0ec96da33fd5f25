"""Translations (gettext catalogs in ``locales/``) and locale-aware formatting (babel)."""

from __future__ import annotations

import gettext
import logging
from datetime import datetime
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from babel.dates import format_date, format_time

logger = logging.getLogger(__name__)

LOCALES_DIR = Path(__file__).resolve().parents[2] / "locales"
DOMAIN = "messages"
SOURCE_LANGUAGE = "en"
SUPPORTED_LANGUAGES = ("en", "es")
BABEL_LOCALES = {"en": "en_US", "es": "es_US"}


class CatalogMissing(RuntimeError):
    """A supported language has no compiled catalog (run ``make compile-translations``)."""


def N_(msgid: str) -> str:  # noqa: N802 - the conventional gettext marker name
    """Mark ``msgid`` for extraction without translating it yet."""
    return msgid


def normalize_language(lang: str | None) -> str:
    """A supported language code for ``lang`` (``es-MX`` -> ``es``); English otherwise."""
    code = (lang or "").strip().lower().replace("_", "-").split("-")[0]
    return code if code in SUPPORTED_LANGUAGES else SOURCE_LANGUAGE


@cache
def catalog(lang: str) -> gettext.NullTranslations:
    """The compiled catalog for ``lang``; fails loudly for a missing non-source catalog."""
    try:
        return gettext.translation(DOMAIN, localedir=str(LOCALES_DIR), languages=[lang])
    except OSError as err:
        if lang == SOURCE_LANGUAGE:
            return gettext.NullTranslations()
        raise CatalogMissing(f"no compiled catalog for {lang!r} in {LOCALES_DIR}") from err


def check_catalogs() -> None:
    """Load every supported catalog at start-up, so a missing one stops the process."""
    for lang in SUPPORTED_LANGUAGES:
        catalog(lang)


def gettext_for(lang: str | None, msgid: str) -> str:
    """The translation of ``msgid`` (no placeholder substitution)."""
    return catalog(normalize_language(lang)).gettext(msgid)


def translate(lang: str | None, msgid: str, **kwargs: object) -> str:
    """Translate ``msgid`` into ``lang`` and fill its named ``{placeholders}``."""
    text = gettext_for(lang, msgid)
    return text.format(**kwargs) if kwargs else text


def format_when(value: datetime, lang: str | None, tz: str = "America/Los_Angeles") -> str:
    """A date and time as residents of ``lang`` write it, in Portland's time zone."""
    locale = BABEL_LOCALES[normalize_language(lang)]
    zone = _tz(tz)
    day = format_date(value.astimezone(zone), format="medium", locale=locale)
    return f"{day}, {format_time(value, format='short', tzinfo=zone, locale=locale)}"


@lru_cache(maxsize=4)
def _tz(name: str) -> Any:
    from babel.dates import get_timezone

    return get_timezone(name)
