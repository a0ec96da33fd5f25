"""Staffed hours of the 311 live-agent team: when a resident can be handed to a person.

The team works the same hours every day of the week (``"07:00-20:00"`` Pacific by default) and takes the day off
on US federal holidays, including the weekday a holiday is observed on when it falls on a weekend (Independence Day
2026 is a Saturday, so Friday 3 July is off as well), and on any extra dates listed in a holidays file. The setting
``"always"`` means the team is always staffed, and then holidays do not apply.

Hours are wall-clock times in the configured time zone. An opening or closing time that falls in a daylight-saving
gap takes effect at the moment the clock jumps past it.

``StaffedHours`` only holds data. Its methods depend on their arguments alone and never read the clock, so callers
pass in the moment they are asking about, e.g. ``StaffedHours.from_config().is_open(moment)``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

__all__ = ["ALWAYS", "HOLIDAYS_FILE_FORMAT", "HOURS_FORMAT", "InvalidStaffedHours", "StaffedHours"]

#: The ``hours`` setting for a team that is always staffed.
ALWAYS = "always"

#: What an ``hours`` setting looks like, quoted in error messages.
HOURS_FORMAT = (
    '"HH:MM-HH:MM" (24-hour opening and closing times, 00:00-23:59, on the same day, closing after opening, '
    'e.g. "07:00-20:00") or "always"'
)

#: What a line of a holidays file looks like, quoted in error messages.
HOLIDAYS_FILE_FORMAT = "one date per line as YYYY-MM-DD, optionally followed by '# comment'; blank lines are ignored"

_HOURS = re.compile(r"([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ONE_DAY = timedelta(days=1)


class InvalidStaffedHours(ValueError):
    """A staffed-hours setting (the hours, the time zone or the holidays file) that cannot be used."""


@dataclass(frozen=True)
class StaffedHours:
    """When the live-agent team is on.

    Build it with ``from_config``. Instances are immutable and hashable.

    Attributes:
        opening: Local time staff come on each working day; ``None`` when always staffed.
        closing: Local time staff go off, after ``opening`` on the same day; ``None`` when always staffed.
        timezone: The zone the times and holiday dates are read in.
        extra_closed: Dates taken off on top of the US federal holidays (from the holidays file).
    """

    opening: time | None
    closing: time | None
    timezone: ZoneInfo
    extra_closed: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        """Check the hours.

        Raises:
            InvalidStaffedHours: When only one of opening and closing is set, or closing is not after opening.
        """
        if (self.opening is None) != (self.closing is None):
            raise InvalidStaffedHours("opening and closing must both be set, or both be None for always")
        if self.opening is not None and self.closing is not None and self.closing <= self.opening:
            raise InvalidStaffedHours(
                f"closing {self.closing:%H:%M} is not after opening {self.opening:%H:%M}; expected {HOURS_FORMAT}"
            )

    @classmethod
    def from_config(
        cls,
        hours: str = "07:00-20:00",
        timezone: str = "America/Los_Angeles",
        holidays_file: str | os.PathLike[str] | None = None,
    ) -> StaffedHours:
        """Build the staffed hours from settings.

        Args:
            hours: ``"HH:MM-HH:MM"``, the opening and closing times on the same day, or ``"always"``.
            timezone: An IANA time zone name, such as ``"America/Los_Angeles"``.
            holidays_file: A text file of extra days off, one ``YYYY-MM-DD`` date per line, with optional
                ``# comments`` and blank lines. ``None`` or an empty string means no file. The file is read and
                checked even when ``hours`` is ``"always"``, though its dates then do not apply.

        Returns:
            The staffed hours.

        Raises:
            InvalidStaffedHours: When any setting is invalid; the message names the bad value and what was expected.
        """
        opening, closing = _parse_hours(hours)
        zone = _parse_timezone(timezone)
        extra = _read_holidays_file(holidays_file) if holidays_file and str(holidays_file).strip() else frozenset()
        return cls(opening=opening, closing=closing, timezone=zone, extra_closed=extra)

    @property
    def always(self) -> bool:
        """Whether the team is always staffed (the ``"always"`` setting)."""
        return self.opening is None

    def is_holiday(self, day: date) -> bool:
        """Whether the team takes a whole day off.

        Args:
            day: A calendar date in the configured zone.

        Returns:
            True on a US federal holiday, on the weekday a weekend federal holiday is observed on, and on a date
            from the holidays file; always False when the team is always staffed.

        Raises:
            TypeError: When ``day`` is a datetime rather than a date (use ``is_open`` for a moment).
        """
        if isinstance(day, datetime):
            raise TypeError(f"is_holiday takes a date, not the datetime {day!r}; use is_open for a moment")
        if self.always:
            return False
        return day in self.extra_closed or day in _federal_days_off(day.year)

    def is_open(self, at: datetime) -> bool:
        """Whether staff are on at a moment.

        Args:
            at: A timezone-aware moment, in any zone.

        Returns:
            True when ``at``, read in the configured zone, is on a working day at or after opening and before
            closing (or the team is always staffed).

        Raises:
            ValueError: When ``at`` is naive.
        """
        local = self._local(at)
        if self.opening is None or self.closing is None:
            return True
        return not self.is_holiday(local.date()) and self.opening <= local.time() < self.closing

    def next_opening(self, at: datetime) -> datetime:
        """The next moment staff are on.

        Args:
            at: A timezone-aware moment, in any zone.

        Returns:
            ``at`` converted to the configured zone when staff are on then (always so for ``"always"``); otherwise
            the next opening time, in the configured zone, skipping the rest of a day after closing and whole
            holidays.

        Raises:
            ValueError: When ``at`` is naive.
        """
        local = self._local(at)
        if self.opening is None or self.is_open(local):
            return local
        day = local.date()
        if local.time() >= self.opening:
            day += _ONE_DAY
        while self.is_holiday(day):
            day += _ONE_DAY
        return self._when_clock_reads(day, self.opening, not_before=local)

    def closes_at(self, at: datetime) -> datetime | None:
        """When the current staffed period ends.

        Args:
            at: A timezone-aware moment, in any zone.

        Returns:
            The closing time of the day, in the configured zone, when staff are on at ``at``; ``None`` when they
            are not, and also when the team is always staffed (it never closes; check ``always`` to tell apart).

        Raises:
            ValueError: When ``at`` is naive.
        """
        local = self._local(at)
        if self.closing is None or not self.is_open(local):
            return None
        return self._when_clock_reads(local.date(), self.closing, not_before=local)

    def _local(self, at: datetime) -> datetime:
        """``at`` in the configured zone, refusing a naive datetime."""
        if at.tzinfo is None or at.utcoffset() is None:
            raise ValueError(f"{at!r} is a naive datetime; pass a timezone-aware one")
        return at.astimezone(self.timezone)

    def _when_clock_reads(self, day: date, wall: time, not_before: datetime) -> datetime:
        """The first moment, not before ``not_before``, at which the local clock on ``day`` reads ``wall``.

        When the clock goes back and reads ``wall`` twice, the later reading is taken only if the first is before
        ``not_before``. When the clock jumps forward over ``wall``, the moment of the jump is taken.
        """
        naive = datetime.combine(day, wall)
        first = naive.replace(tzinfo=self.timezone, fold=0)
        if not self._exists(first):
            return self._jump_over(naive)
        second = naive.replace(tzinfo=self.timezone, fold=1)
        if first.astimezone(UTC) < not_before.astimezone(UTC) <= second.astimezone(UTC):
            return second.astimezone(UTC).astimezone(self.timezone)
        return first.astimezone(UTC).astimezone(self.timezone)

    def _exists(self, moment: datetime) -> bool:
        """Whether the local wall-clock time of ``moment`` is one the clock actually shows."""
        shown = moment.astimezone(UTC).astimezone(self.timezone)
        return shown.replace(tzinfo=None) == moment.replace(tzinfo=None)

    def _jump_over(self, naive: datetime) -> datetime:
        """The moment the clock jumps forward over ``naive``, a wall-clock time inside a daylight-saving gap."""
        # In a gap, fold=1 reads with the offset after the jump (an earlier moment, before the gap), fold=0 with
        # the offset before it (a later moment, after the gap); the jump lies between, at a whole second.
        before = int(naive.replace(tzinfo=self.timezone, fold=1).timestamp())
        after = int(naive.replace(tzinfo=self.timezone, fold=0).timestamp())
        while after - before > 1:
            middle = (before + after) // 2
            if datetime.fromtimestamp(middle, self.timezone).replace(tzinfo=None) >= naive:
                after = middle
            else:
                before = middle
        return datetime.fromtimestamp(after, self.timezone)


@lru_cache(maxsize=64)
def _federal_days_off(year: int) -> frozenset[date]:
    """The US federal holidays of a year, with the weekdays on which weekend holidays are observed.

    Neighbouring years are computed too, so a holiday observed across New Year (1 January 2022, a Saturday, was
    observed on Friday 31 December 2021) counts in the year it is observed in.
    """
    years = range(max(year - 1, 1), min(year + 1, 9998) + 1)
    calendar = holidays.country_holidays("US", years=years, observed=True)
    return frozenset(day for day in calendar if day.year == year)


def _parse_hours(value: str) -> tuple[time | None, time | None]:
    """The opening and closing times of an ``hours`` setting; ``(None, None)`` for ``"always"``."""
    text = value.strip()
    if text.lower() == ALWAYS:
        return None, None
    match = _HOURS.fullmatch(text)
    if match is None:
        raise InvalidStaffedHours(f"staffed hours {value!r} are not in the expected format {HOURS_FORMAT}")
    open_hour, open_minute, close_hour, close_minute = (int(part) for part in match.groups())
    opening, closing = time(open_hour, open_minute), time(close_hour, close_minute)
    if closing <= opening:
        raise InvalidStaffedHours(
            f"staffed hours {value!r} close at or before they open; overnight hours are not supported; "
            f"expected {HOURS_FORMAT}"
        )
    return opening, closing


def _parse_timezone(name: str) -> ZoneInfo:
    """The zone named by an IANA time zone name."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, TypeError, OSError) as exc:
        raise InvalidStaffedHours(
            f"time zone {name!r} is not a known IANA time zone name; expected one such as 'America/Los_Angeles'"
        ) from exc


def _read_holidays_file(path: str | os.PathLike[str]) -> frozenset[date]:
    """The dates listed in a holidays file."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidStaffedHours(
            f"holidays file {os.fspath(path)!r} cannot be read ({exc}); expected a text file with "
            f"{HOLIDAYS_FILE_FORMAT}"
        ) from exc
    days: set[date] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        entry = line.split("#", 1)[0].strip()
        if not entry:
            continue
        try:
            day = date.fromisoformat(entry) if _ISO_DATE.fullmatch(entry) else None
        except ValueError:
            day = None
        if day is None:
            raise InvalidStaffedHours(
                f"holidays file {os.fspath(path)!r}, line {number}: {line.strip()!r} is not a date; "
                f"expected {HOLIDAYS_FILE_FORMAT}"
            )
        days.add(day)
    return frozenset(days)
