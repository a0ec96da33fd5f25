"""Turning a parsed location into coordinates: a seam, with no internet lookups by default.

``NullGeocoder`` (the default) finds nothing. ``StaticGeocoder`` reads a table a deployment or a test
loads, keyed by intersection ("SE 82nd Ave & SE Division St", either order), address ("4512 SE Division
St"), landmark ("Laurelhurst Park") or the location's normalised line.
"""

from __future__ import annotations

import csv
from typing import Protocol

from bot.language.text import fold
from bot.reports.locations import ParsedLocation


class Geocoder(Protocol):
    """Finds a location's latitude and longitude."""

    async def geocode(self, location: ParsedLocation) -> tuple[float, float] | None:
        """(latitude, longitude) of ``location``, or None if unknown."""
        ...


class NullGeocoder:
    """Finds nothing: nothing is fetched from the internet."""

    async def geocode(self, location: ParsedLocation) -> tuple[float, float] | None:
        """Always None."""
        return None


def _keys(location: ParsedLocation) -> list[str]:
    """The table keys a location may be filed under, most precise first."""
    keys = [location.normalized()]
    street, cross = location.street, location.cross_street
    if street and location.house_number:
        keys.append(f"{location.house_number} {street}")
    if street and cross:
        keys += [f"{street} & {cross}", f"{cross} & {street}"]
    if location.landmark:
        keys.append(location.landmark)
    return keys


class StaticGeocoder:
    """Looks locations up in a fixed table (keys are compared folded: case and accents do not matter)."""

    def __init__(self, table: dict[str, tuple[float, float]]) -> None:
        """Keep a folded copy of ``table``."""
        self._table = {fold(key): (float(lat), float(lon)) for key, (lat, lon) in table.items()}

    async def geocode(self, location: ParsedLocation) -> tuple[float, float] | None:
        """The first of the location's keys found in the table."""
        for key in _keys(location):
            found = self._table.get(fold(key))
            if found is not None:
                return found
        return None


def load_geocoder(table_path: str | None) -> Geocoder:
    """The deployment's geocoder: a ``StaticGeocoder`` over a CSV table (``place,lat,long``), else ``NullGeocoder``.

    Args:
        table_path: The CSV's path (``GEOCODER_TABLE``), or None/empty for no geocoding.

    Raises:
        OSError: If the table cannot be opened.
        ValueError: If a row lacks a place or numeric coordinates.
    """
    if not table_path:
        return NullGeocoder()
    table: dict[str, tuple[float, float]] = {}
    with open(table_path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            try:
                table[row["place"]] = (float(row["lat"]), float(row["long"]))
            except (KeyError, TypeError, ValueError) as err:
                raise ValueError(f"{table_path}: each row needs place, lat and long ({row!r})") from err
    return StaticGeocoder(table)
