"""Staffed hours of the live-agent team: opening times, DST, holidays and settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from handoff.hours import InvalidStaffedHours, StaffedHours

PACIFIC = ZoneInfo("America/Los_Angeles")
WEDNESDAY = date(2026, 3, 4)  # an ordinary working Wednesday


def pacific(year: int, month: int, day: int, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=PACIFIC, fold=fold)


def utc(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def assert_same_moment_in_pacific(actual: datetime | None, expected: datetime) -> None:
    assert actual is not None
    assert actual == expected
    assert actual.astimezone(UTC) == expected.astimezone(UTC)
    assert actual.tzinfo == PACIFIC
    assert actual.replace(tzinfo=None) == expected.astimezone(PACIFIC).replace(tzinfo=None)
    assert actual.utcoffset() == expected.astimezone(PACIFIC).utcoffset()


@pytest.fixture
def hours() -> StaffedHours:
    return StaffedHours.from_config()


def test_defaults() -> None:
    staffed = StaffedHours.from_config()
    assert staffed == StaffedHours(opening=time(7), closing=time(20), timezone=PACIFIC)
    assert not staffed.always
    assert staffed.extra_closed == frozenset()
    assert hash(staffed) == hash(StaffedHours.from_config("07:00-20:00", "America/Los_Angeles"))


@pytest.mark.parametrize(
    ("hour", "minute", "expected"),
    [(0, 0, False), (6, 59, False), (7, 0, True), (12, 0, True), (19, 59, True), (20, 0, False), (23, 59, False)],
)
def test_open_between_opening_and_closing_pacific(hours: StaffedHours, hour: int, minute: int, expected: bool) -> None:
    assert hours.is_open(pacific(2026, 3, 4, hour, minute)) is expected


def test_open_at_the_last_microsecond_before_closing(hours: StaffedHours) -> None:
    assert hours.is_open(datetime(2026, 3, 4, 19, 59, 59, 999999, tzinfo=PACIFIC))
    assert not hours.is_open(datetime(2026, 3, 4, 6, 59, 59, 999999, tzinfo=PACIFIC))


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        # Friday 6 March 2026, before the change: Pacific is UTC-8.
        (utc(2026, 3, 6, 14, 59), False),  # 06:59 PST
        (utc(2026, 3, 6, 15, 0), True),  # 07:00 PST
        (utc(2026, 3, 7, 3, 59), True),  # 19:59 PST on the 6th
        (utc(2026, 3, 7, 4, 0), False),  # 20:00 PST on the 6th
        # Tuesday 10 March 2026, after clocks went forward on the 8th: UTC-7.
        (utc(2026, 3, 10, 13, 59), False),  # 06:59 PDT
        (utc(2026, 3, 10, 14, 0), True),  # 07:00 PDT (would be 06:00 PST)
        (utc(2026, 3, 11, 2, 59), True),  # 19:59 PDT on the 10th
        (utc(2026, 3, 11, 3, 0), False),  # 20:00 PDT on the 10th
        # Friday 30 October 2026, still UTC-7.
        (utc(2026, 10, 30, 14, 0), True),  # 07:00 PDT
        # Monday 2 November 2026, after clocks went back on the 1st: UTC-8.
        (utc(2026, 11, 2, 14, 0), False),  # 06:00 PST (would be 07:00 PDT)
        (utc(2026, 11, 2, 14, 59), False),  # 06:59 PST
        (utc(2026, 11, 2, 15, 0), True),  # 07:00 PST
        (utc(2026, 11, 3, 3, 59), True),  # 19:59 PST on the 2nd
        (utc(2026, 11, 3, 4, 0), False),  # 20:00 PST on the 2nd
    ],
)
def test_utc_input_is_read_in_pacific_across_dst(hours: StaffedHours, moment: datetime, expected: bool) -> None:
    assert hours.is_open(moment) is expected


def test_input_in_another_zone(hours: StaffedHours) -> None:
    berlin = ZoneInfo("Europe/Berlin")
    # 16:00 in Berlin on 4 March 2026 is 07:00 in Portland.
    assert hours.is_open(datetime(2026, 3, 4, 16, 0, tzinfo=berlin))
    assert not hours.is_open(datetime(2026, 3, 4, 15, 59, tzinfo=berlin))
    assert_same_moment_in_pacific(
        hours.next_opening(datetime(2026, 3, 4, 15, 0, tzinfo=berlin)), pacific(2026, 3, 4, 7)
    )


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 11, 26),  # Thanksgiving
        date(2026, 7, 3),  # Independence Day (Saturday) observed on Friday
        date(2026, 7, 4),  # Independence Day itself
        date(2026, 12, 25),  # Christmas, a Friday
        date(2027, 12, 24),  # Christmas 2027 is a Saturday: observed Friday
        date(2027, 7, 5),  # Independence Day 2027 is a Sunday: observed Monday
        date(2026, 1, 1),  # New Year's Day
        date(2021, 12, 31),  # New Year's Day 2022 (a Saturday) observed in the year before
        date(2026, 1, 19),  # Martin Luther King Jr. Day
        date(2026, 6, 19),  # Juneteenth
        date(2026, 11, 11),  # Veterans Day
    ],
)
def test_closed_all_day_on_federal_holidays(hours: StaffedHours, day: date) -> None:
    assert hours.is_holiday(day)
    for hour in (7, 12, 19):
        assert not hours.is_open(datetime.combine(day, time(hour), tzinfo=PACIFIC))
    assert hours.closes_at(datetime.combine(day, time(12), tzinfo=PACIFIC)) is None


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 7, 2),
        date(2026, 7, 5),  # the Sunday after the Saturday holiday is a normal day
        date(2026, 7, 6),
        date(2026, 11, 25),
        date(2026, 11, 27),  # the day after Thanksgiving is not a federal holiday
        date(2026, 12, 24),
        date(2026, 12, 26),
    ],
)
def test_open_on_the_days_around_holidays(hours: StaffedHours, day: date) -> None:
    assert not hours.is_holiday(day)
    assert hours.is_open(datetime.combine(day, time(12), tzinfo=PACIFIC))


def test_thanksgiving_noon_utc_is_closed(hours: StaffedHours) -> None:
    assert not hours.is_open(utc(2026, 11, 26, 20, 0))  # noon PST on Thanksgiving
    assert hours.is_open(utc(2026, 11, 27, 20, 0))


def test_holiday_follows_the_pacific_date_not_the_utc_date(hours: StaffedHours) -> None:
    # 03:30 UTC on 26 November is 19:30 PST on Wednesday the 25th: open.
    assert hours.is_open(utc(2026, 11, 26, 3, 30))
    # 03:30 UTC on 27 November is 19:30 PST on Thanksgiving: closed.
    assert not hours.is_open(utc(2026, 11, 27, 3, 30))


def test_next_opening_after_closing_on_a_wednesday_is_seven_next_morning(hours: StaffedHours) -> None:
    assert_same_moment_in_pacific(hours.next_opening(pacific(2026, 3, 4, 20, 30)), pacific(2026, 3, 5, 7))
    assert_same_moment_in_pacific(hours.next_opening(pacific(2026, 3, 4, 20, 0)), pacific(2026, 3, 5, 7))
    assert hours.next_opening(pacific(2026, 3, 4, 20, 30)) == utc(2026, 3, 5, 15, 0)


def test_next_opening_before_opening_is_the_same_morning(hours: StaffedHours) -> None:
    assert_same_moment_in_pacific(hours.next_opening(pacific(2026, 3, 4, 6, 59)), pacific(2026, 3, 4, 7))
    assert_same_moment_in_pacific(hours.next_opening(pacific(2026, 3, 4, 0, 0)), pacific(2026, 3, 4, 7))


def test_next_opening_when_open_is_now(hours: StaffedHours) -> None:
    now = utc(2026, 3, 4, 18, 45)  # 10:45 PST
    opening = hours.next_opening(now)
    assert_same_moment_in_pacific(opening, now)
    assert opening.hour == 10 and opening.minute == 45


def test_next_opening_from_the_evening_before_thanksgiving_is_friday(hours: StaffedHours) -> None:
    assert_same_moment_in_pacific(hours.next_opening(pacific(2026, 11, 25, 20, 30)), pacific(2026, 11, 27, 7))
    assert_same_moment_in_pacific(hours.next_opening(pacific(2026, 11, 26, 12, 0)), pacific(2026, 11, 27, 7))
    assert hours.next_opening(pacific(2026, 11, 25, 20, 30)) == utc(2026, 11, 27, 15, 0)


def test_next_opening_skips_an_observed_holiday_and_the_holiday(hours: StaffedHours) -> None:
    # Thursday 2 July 2026 after closing: Friday the 3rd (observed) and Saturday the 4th are off.
    assert_same_moment_in_pacific(hours.next_opening(pacific(2026, 7, 2, 21, 0)), pacific(2026, 7, 5, 7))


def test_next_opening_across_the_spring_change(hours: StaffedHours) -> None:
    # Saturday 7 March 2026 at 20:30 PST; clocks go forward overnight.
    opening = hours.next_opening(pacific(2026, 3, 7, 20, 30))
    assert_same_moment_in_pacific(opening, pacific(2026, 3, 8, 7))
    assert opening == utc(2026, 3, 8, 14, 0)


def test_next_opening_across_the_autumn_change(hours: StaffedHours) -> None:
    opening = hours.next_opening(pacific(2026, 10, 31, 20, 30))
    assert_same_moment_in_pacific(opening, pacific(2026, 11, 1, 7))
    assert opening == utc(2026, 11, 1, 15, 0)


def test_closes_at(hours: StaffedHours) -> None:
    assert_same_moment_in_pacific(hours.closes_at(pacific(2026, 3, 4, 7)), pacific(2026, 3, 4, 20))
    assert_same_moment_in_pacific(hours.closes_at(utc(2026, 3, 5, 3, 59)), pacific(2026, 3, 4, 20))
    assert hours.closes_at(pacific(2026, 3, 4, 20)) is None
    assert hours.closes_at(pacific(2026, 3, 4, 6, 59)) is None


def test_always_is_always_open() -> None:
    staffed = StaffedHours.from_config("always")
    assert staffed.always
    assert StaffedHours.from_config("  Always ").always
    thanksgiving_night = utc(2026, 11, 26, 11, 0)  # 03:00 PST on Thanksgiving
    assert staffed.is_open(thanksgiving_night)
    assert not staffed.is_holiday(date(2026, 11, 26))
    assert staffed.closes_at(thanksgiving_night) is None
    opening = staffed.next_opening(thanksgiving_night)
    assert_same_moment_in_pacific(opening, thanksgiving_night)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "holidays.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_holidays_file_closes_extra_dates(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "# City of Portland extra closures\n"
        "\n"
        "2026-03-05  # Thursday: all-staff training\n"
        "   \n"
        "2026-03-06# no space before the comment\n"
        "  2026-12-24\n"
        "\n",
    )
    staffed = StaffedHours.from_config(holidays_file=str(path))
    assert staffed.extra_closed == frozenset({date(2026, 3, 5), date(2026, 3, 6), date(2026, 12, 24)})
    assert not staffed.is_open(pacific(2026, 3, 5, 12))
    assert not staffed.is_open(pacific(2026, 12, 24, 12))
    assert staffed.is_open(pacific(2026, 3, 4, 12))
    # Wednesday evening: Thursday and Friday are off, so Saturday 7 March.
    assert_same_moment_in_pacific(staffed.next_opening(pacific(2026, 3, 4, 20, 30)), pacific(2026, 3, 7, 7))
    # Extra dates come on top of the federal ones: Christmas Eve, then Christmas, then Saturday the 26th.
    assert_same_moment_in_pacific(staffed.next_opening(pacific(2026, 12, 23, 20, 30)), pacific(2026, 12, 26, 7))
    # The file accepts a Path as well.
    assert StaffedHours.from_config(holidays_file=path) == staffed


def test_empty_holidays_file_setting_means_none() -> None:
    assert StaffedHours.from_config(holidays_file="") == StaffedHours.from_config()


def test_other_hours_and_zone() -> None:
    staffed = StaffedHours.from_config("08:30-17:15", "America/New_York")
    eastern = ZoneInfo("America/New_York")
    assert staffed.is_open(datetime(2026, 3, 4, 8, 30, tzinfo=eastern))
    assert not staffed.is_open(datetime(2026, 3, 4, 8, 29, tzinfo=eastern))
    assert not staffed.is_open(datetime(2026, 3, 4, 17, 15, tzinfo=eastern))
    opening = staffed.next_opening(pacific(2026, 3, 4, 15, 0))  # 18:00 Eastern
    assert opening == datetime(2026, 3, 5, 8, 30, tzinfo=eastern)
    assert opening.tzinfo == eastern


def test_opening_inside_the_spring_gap_is_the_moment_the_clock_jumps() -> None:
    # On 8 March 2026 Pacific clocks go from 01:59:59 PST straight to 03:00 PDT (10:00 UTC).
    staffed = StaffedHours.from_config("02:30-20:00")
    assert not staffed.is_open(utc(2026, 3, 8, 9, 59))  # 01:59 PST
    assert staffed.is_open(utc(2026, 3, 8, 10, 0))  # 03:00 PDT
    opening = staffed.next_opening(pacific(2026, 3, 8, 1, 0))
    assert opening == utc(2026, 3, 8, 10, 0)
    assert opening.replace(tzinfo=None) == datetime(2026, 3, 8, 3, 0)


def test_opening_inside_the_repeated_autumn_hour() -> None:
    # On 1 November 2026 Pacific clocks read 01:00-01:59 twice: PDT (08:00 UTC) then PST (09:00 UTC).
    # (Python's == between zones is always False for a time in the repeated hour, so compare in UTC.)
    staffed = StaffedHours.from_config("01:45-20:00")
    first = staffed.next_opening(utc(2026, 11, 1, 8, 0))
    assert first.astimezone(UTC) == utc(2026, 11, 1, 8, 45)  # 01:45 PDT
    assert first.fold == 0
    # At 01:30 the second time round the clock has gone back below 01:45; it next reads 01:45 at 09:45 UTC.
    second = staffed.next_opening(utc(2026, 11, 1, 9, 30))
    assert second.astimezone(UTC) == utc(2026, 11, 1, 9, 45)  # 01:45 PST
    assert second.fold == 1
    assert second.tzinfo == PACIFIC
    assert not staffed.is_open(utc(2026, 11, 1, 9, 30))
    assert staffed.is_open(utc(2026, 11, 1, 8, 50))
    closing = staffed.closes_at(utc(2026, 11, 1, 9, 45))
    assert closing is not None and closing.astimezone(UTC) == utc(2026, 11, 2, 4, 0)  # 20:00 PST


def test_naive_datetimes_are_refused(hours: StaffedHours) -> None:
    with pytest.raises(ValueError, match="naive"):
        hours.is_open(datetime(2026, 3, 4, 12, 0))
    with pytest.raises(ValueError, match="naive"):
        hours.next_opening(datetime(2026, 3, 4, 12, 0))
    with pytest.raises(ValueError, match="naive"):
        StaffedHours.from_config("always").next_opening(datetime(2026, 3, 4, 12, 0))


def test_is_holiday_refuses_a_datetime(hours: StaffedHours) -> None:
    with pytest.raises(TypeError):
        hours.is_holiday(pacific(2026, 11, 26, 12))


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("7-20", "not in the expected format"),
        ("7:00-20:00", "not in the expected format"),
        ("07:00 - 20:00", "not in the expected format"),
        ("sometimes", "not in the expected format"),
        ("", "not in the expected format"),
        ("20:00-07:00", "close at or before they open"),
        ("07:00-07:00", "close at or before they open"),
        ("24:00-25:00", "not in the expected format"),
        ("07:00-24:00", "not in the expected format"),
        ("25:00-26:00", "not in the expected format"),
        ("07:60-20:00", "not in the expected format"),
    ],
)
def test_bad_hours(value: str, reason: str) -> None:
    with pytest.raises(InvalidStaffedHours) as caught:
        StaffedHours.from_config(hours=value)
    message = str(caught.value)
    assert repr(value) in message
    assert reason in message
    assert "HH:MM-HH:MM" in message
    assert '"always"' in message
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("zone", ["Mars/Olympus_Mons", "Pacific", "", "../etc/passwd", "america/los_angeles"])
def test_bad_timezone(zone: str) -> None:
    with pytest.raises(InvalidStaffedHours) as caught:
        StaffedHours.from_config(timezone=zone)
    message = str(caught.value)
    assert repr(zone) in message
    assert "America/Los_Angeles" in message


@pytest.mark.parametrize(
    ("line", "shown"),
    [("tomorrow", "'tomorrow'"), ("2026-13-01", "'2026-13-01'"), ("2026-02-30 # leap?", "'2026-02-30 # leap?'")]
    + [("2026/07/03", "'2026/07/03'"), ("20260703", "'20260703'"), ("2026-07-03 2026-07-04", "'2026-07-03 2026")],
)
def test_bad_holidays_file_line_is_named(tmp_path: Path, line: str, shown: str) -> None:
    path = write(tmp_path, f"# closures\n2026-03-05\n\n{line}\n2026-03-06\n")
    with pytest.raises(InvalidStaffedHours) as caught:
        StaffedHours.from_config(holidays_file=str(path))
    message = str(caught.value)
    assert "line 4" in message
    assert shown in message
    assert str(path) in message
    assert "YYYY-MM-DD" in message


def test_missing_holidays_file(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(InvalidStaffedHours) as caught:
        StaffedHours.from_config(holidays_file=str(missing))
    assert str(missing) in str(caught.value)
    assert "YYYY-MM-DD" in str(caught.value)


def test_bad_holidays_file_is_reported_even_when_always(tmp_path: Path) -> None:
    path = write(tmp_path, "someday\n")
    with pytest.raises(InvalidStaffedHours, match="line 1"):
        StaffedHours.from_config("always", holidays_file=str(path))


def test_direct_construction_is_checked() -> None:
    with pytest.raises(InvalidStaffedHours):
        StaffedHours(opening=time(20), closing=time(7), timezone=PACIFIC)
    with pytest.raises(InvalidStaffedHours):
        StaffedHours(opening=time(7), closing=None, timezone=PACIFIC)
