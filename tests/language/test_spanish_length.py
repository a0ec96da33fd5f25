"""The Spanish catalog fits SMS and says 911 one way.

Every msgstr of ``locales/es/LC_MESSAGES/messages.po`` (the domain's response texts and every
``N_()`` string) may reach a resident by SMS, so each one, filled with realistic placeholder
values, must fit in 3 SMS segments as the project counts them (one á, í, ó or ú makes the whole
message UCS-2: 70/67 characters a segment instead of 160/153).
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

from babel.messages.catalog import Catalog

from bot.language.catalogs import po_path, read_catalog
from bot.language.responses import msgids as response_msgids
from bot.language.segments import segment_count

MAX_SEGMENTS = 3

# Realistic values for every placeholder the catalog uses, on the long side of typical.
SAMPLE_VALUES: dict[str, str] = {
    "where": " para el código postal 97211",
    "zip": "97211",
    "phone": "503-555-0123",
    "opens": "lun 30 nov 2026, 7:00",
    "position": "12",
    "wait": "25",
    "address": "SE Powell Blvd y SE 82nd Ave",
    "campsite_details": "3 carpas que bloquean la acera",
    "case": "PDX-2026-000123",
    "choices": "1 para Sí, 2 para No",
    "danger": "no",
    "graffiti_surface": "la pared de una tienda",
    "location": "SE Powell Blvd y SE 82nd Ave",
    "notes": "Un equipo visitará el lugar esta semana.",
    "number": "1",
    "offensive": "no",
    "photo": "adjunta",
    "plate": "ABC1234",
    "program": "PDX 311",
    "reference": "PDX-2026-000123",
    "service": "Vehículo abandonado",
    "status": "en proceso",
    "title": "Hablar con una persona",
    "updated": "14 mar 2026, 2:05 p.m.",
    "vehicle_description": "camioneta Ford blanca",
    "vehicle_duration": "2 semanas",
}
# A placeholder added later without a sample value gets text as long as a case number.
UNKNOWN_VALUE = "PDX-2026-000123"

# The only ways a Spanish message may mention 911:
#   "En caso de emergencia, llame al 911."  the standard sentence; a colon may replace the
#                                           period when examples follow ("...911: incendios, ...");
#   "llame al 911 ahora mismo"              where the message is urgent (someone in danger now).
ALLOWED_911 = re.compile(r"En caso de emergencia, llame al 911[.:]|llame al 911 ahora mismo")


class _Samples(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return UNKNOWN_VALUE


def _spanish() -> Catalog:
    return read_catalog(po_path("es"), "es")


def _forms(text: object) -> list[str]:
    """The msgstr, or each plural form of it."""
    return [str(form) for form in text] if isinstance(text, (tuple, list)) else [str(text or "")]


def render(template: str, values: Mapping[str, str] = SAMPLE_VALUES) -> str:
    """Fill the ``{placeholders}`` of ``template`` with sample values."""
    return string.Formatter().vformat(template, (), _Samples(values))


def _translations() -> list[tuple[str, str]]:
    """(msgid, msgstr form) for every translated entry of the Spanish catalog."""
    return [(str(message.id), form) for message in _spanish() if message.id for form in _forms(message.string) if form]


def test_the_catalog_covers_every_response_text() -> None:
    translated = {msgid for msgid, _ in _translations()}
    missing = sorted({text for text, _ in response_msgids() if text} - translated)
    assert not missing, missing


def test_every_spanish_message_fits_in_three_sms_segments() -> None:
    offenders = []
    for msgid, msgstr in _translations():
        text = render(msgstr)
        count = segment_count(text)
        if count > MAX_SEGMENTS:
            offenders.append(f"{count} segments, {len(text)} chars: {msgid[:60]!r} -> {text!r}")
    assert not offenders, "over {} SMS segments:\n{}".format(MAX_SEGMENTS, "\n".join(offenders))


def test_911_is_always_worded_the_same_way() -> None:
    offenders = []
    for msgid, msgstr in _translations():
        mentions = len(re.findall("911", msgstr))
        allowed = len(ALLOWED_911.findall(msgstr))
        if mentions != allowed:
            offenders.append(f"{msgid[:60]!r} -> {msgstr!r}")
    assert not offenders, "911 worded otherwise than {!r}:\n{}".format(ALLOWED_911.pattern, "\n".join(offenders))


def test_the_sample_values_are_realistic() -> None:
    placeholders = {name for _, msgstr in _translations() for name in re.findall(r"\{(\w+)\}", msgstr)}
    assert placeholders <= SAMPLE_VALUES.keys(), sorted(placeholders - SAMPLE_VALUES.keys())
    assert segment_count(render("{case}")) == 1 and len(UNKNOWN_VALUE) == len("PDX-2026-000123")
