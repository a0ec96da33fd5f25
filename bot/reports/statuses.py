"""Service-request statuses: data with an Open311 type and a translatable name."""

from __future__ import annotations

from dataclasses import dataclass

from bot.language.i18n import N_


@dataclass(frozen=True)
class Status:
    """A workflow status; ``open311`` is what GeoReport v2 may show (open/closed)."""

    code: str
    open311: str
    display: str

    @property
    def is_open(self) -> bool:
        """Whether the request still needs work."""
        return self.open311 == "open"


STATUSES: dict[str, Status] = {
    s.code: s
    for s in (
        Status("open", "open", N_("received")),
        Status("in_progress", "open", N_("in progress")),
        Status("closed", "closed", N_("closed")),
    )
}
DEFAULT_STATUS = "open"


def status_for(code: str) -> Status:
    """The status for ``code``; unknown codes are shown as open."""
    return STATUSES.get(code, STATUSES[DEFAULT_STATUS])
