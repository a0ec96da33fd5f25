"""The Open311 service catalogue: what residents can report, and each service's attributes."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.language.i18n import N_


@dataclass(frozen=True)
class Attribute:
    """An Open311 service attribute (a question the service asks)."""

    code: str
    datatype: str
    description: str
    required: bool = False
    values: tuple[tuple[str, str], ...] = ()
    variable: bool = True


@dataclass(frozen=True)
class Service:
    """A kind of service request, named by its Open311 ``service_code``."""

    service_code: str
    service_name: str
    description: str
    group: str
    keywords: tuple[str, ...]
    attributes: tuple[Attribute, ...] = field(default_factory=tuple)


YES_NO = (("true", N_("Yes")), ("false", N_("No")))

SERVICES: dict[str, Service] = {
    s.service_code: s
    for s in (
        Service(
            "campsite",
            N_("Campsite"),
            N_("An unsanctioned campsite, tents, structures or RVs, including trash or needles."),
            N_("Homelessness and camping"),
            ("campsite", "camp", "tent", "rv"),
            (
                Attribute("details", "text", N_("What is happening at the site?"), required=True),
                Attribute("immediate_danger", "singlevaluelist", N_("Is anyone in immediate danger?"), True, YES_NO),
            ),
        ),
        Service(
            "abandoned_vehicle",
            N_("Abandoned vehicle"),
            N_("A vehicle parked on a City street for more than 72 hours or that appears abandoned."),
            N_("Streets and parking"),
            ("vehicle", "car", "abandoned", "rv", "trailer"),
            (
                Attribute("vehicle_description", "string", N_("Color, make, model and type"), required=True),
                Attribute("license_plate", "string", N_("License plate, if visible")),
                Attribute("duration", "string", N_("How long has it been there?"), required=True),
            ),
        ),
        Service(
            "graffiti",
            N_("Graffiti"),
            N_("Graffiti on public or private property. Offensive or hateful graffiti is prioritized."),
            N_("Graffiti"),
            ("graffiti", "tag", "vandalism"),
            (
                Attribute("surface", "string", N_("Where is the graffiti (building, sign, bridge…)?"), required=True),
                Attribute("offensive", "singlevaluelist", N_("Is the content offensive or hateful?"), True, YES_NO),
            ),
        ),
    )
}


def service_for(code: str) -> Service | None:
    """The service named ``code``, if there is one."""
    return SERVICES.get(code)
