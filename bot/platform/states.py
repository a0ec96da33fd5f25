"""Statuses as data: an enum of states and the table of moves allowed between them, checked in one place."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any, Self

_MOVES: dict[type[Any], dict[Any, frozenset[Any]]] = {}


class Status(StrEnum):
    """A status whose allowed moves are given once, as a table, by ``allow_moves`` after the class."""

    @classmethod
    def allow_moves(cls, moves: Mapping[Self, Iterable[Self]]) -> None:
        """Set the moves allowed from each status (every status must be listed, a final one with no moves).

        Raises:
            TypeError: A status of the class is missing from the table.
        """
        missing = [status.value for status in cls if status not in moves]
        if missing:
            raise TypeError(f"{cls.__name__}: no moves given for {', '.join(missing)}")
        _MOVES[cls] = {status: frozenset(targets) for status, targets in moves.items()}

    def can_become(self, new: Self) -> bool:
        """Whether the move ``self -> new`` is allowed."""
        return new in _MOVES[type(self)][self]

    @classmethod
    def moves(cls) -> dict[Self, frozenset[Self]]:
        """The whole table (for documentation and tests)."""
        return dict(_MOVES[cls])
