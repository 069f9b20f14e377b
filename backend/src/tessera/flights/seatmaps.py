"""Seat maps: the seats of an aircraft, generated from its cabins' row ranges and layouts."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from tessera.flights.errors import InvalidSeatMapError
from tessera.flights.models import Cabin, SeatPosition
from tessera.flights.schemas import AircraftCreate

MAX_SEATS = 853  # the most any airliner seats (an A380 in all-economy)
MAX_SEATS_PER_ROW = 10
MAX_AISLES = 3
# Letters A-K, one group per side of each aisle: "ABC-DEF", "AC-DF", "ABC-DEFG-HJK".
_LAYOUT = re.compile(r"[A-K]+(?:-[A-K]+)*")


@dataclass(frozen=True, slots=True)
class PlannedSeat:
    code: str
    row: int
    letter: str
    cabin: Cabin
    position: SeatPosition
    exit_row: bool
    extra_legroom: bool
    blocked: bool


@dataclass(frozen=True, slots=True)
class PlannedCabin:
    cabin: Cabin
    first_row: int
    last_row: int
    layout: str
    seat_count: int


@dataclass(frozen=True, slots=True)
class SeatPlan:
    cabins: list[PlannedCabin]
    seats: list[PlannedSeat]

    @property
    def seat_count(self) -> int:
        return sum(c.seat_count for c in self.cabins)


def positions(layout: str) -> dict[str, SeatPosition]:
    """Each letter's position: window at either end of the row, aisle next to a "-", middle otherwise."""
    letters = layout.replace("-", "")
    found: dict[str, SeatPosition] = {}
    for i, char in enumerate(layout):
        if char == "-":
            continue
        if char in (letters[0], letters[-1]):
            found[char] = SeatPosition.WINDOW
        elif layout[i - 1 : i] == "-" or layout[i + 1 : i + 2] == "-":
            found[char] = SeatPosition.AISLE
        else:
            found[char] = SeatPosition.MIDDLE
    return found


def plan_seats(spec: AircraftCreate) -> SeatPlan:
    """Every seat of the aircraft, front to back; refuses a map that cannot be flown with the reason."""
    cabins = sorted(spec.cabins, key=lambda c: c.first_row)
    if len({c.cabin for c in cabins}) != len(cabins):
        raise InvalidSeatMapError("Each cabin class appears once")
    for cabin in cabins:
        if cabin.last_row < cabin.first_row:
            raise InvalidSeatMapError(f"The {cabin.cabin} cabin ends before it starts")
        letters = cabin.layout.replace("-", "")
        if not _LAYOUT.fullmatch(cabin.layout) or len(set(letters)) != len(letters):
            raise InvalidSeatMapError(
                f"Layout {cabin.layout!r}: distinct letters A-K, with '-' between groups for the aisles"
            )
        if len(letters) > MAX_SEATS_PER_ROW or cabin.layout.count("-") > MAX_AISLES:
            raise InvalidSeatMapError(
                f"Layout {cabin.layout!r}: at most {MAX_SEATS_PER_ROW} seats and {MAX_AISLES} aisles per row"
            )
    for ahead, behind in itertools.pairwise(cabins):
        if behind.first_row <= ahead.last_row:
            raise InvalidSeatMapError(f"The {ahead.cabin} and {behind.cabin} cabins share rows")
    cabin_of_row = {row: c for c in cabins for row in range(c.first_row, c.last_row + 1)}
    skipped = set(spec.skip_rows)
    marked = {"exit_rows": set(spec.exit_rows), "extra_legroom_rows": set(spec.extra_legroom_rows)}
    for name, rows in {"skip_rows": skipped, **marked}.items():
        outside = sorted(rows - set(cabin_of_row))
        if outside:
            raise InvalidSeatMapError(f"{name}: row(s) {', '.join(map(str, outside))} are in no cabin")
    for name, rows in marked.items():
        if rows & skipped:
            raise InvalidSeatMapError(f"{name}: a skipped row has no seats")

    exits, legroom = marked["exit_rows"], marked["extra_legroom_rows"]
    blocked = {code.strip().upper() for code in spec.blocked_seats}
    seats: list[PlannedSeat] = []
    planned: list[PlannedCabin] = []
    for cabin in cabins:
        where = positions(cabin.layout)
        letters = cabin.layout.replace("-", "")
        sellable = 0
        for row in range(cabin.first_row, cabin.last_row + 1):
            if row in skipped:
                continue
            for letter in letters:
                code = f"{row}{letter}"
                is_blocked = code in blocked
                sellable += not is_blocked
                seats.append(
                    PlannedSeat(
                        code=code,
                        row=row,
                        letter=letter,
                        cabin=Cabin(cabin.cabin),
                        position=where[letter],
                        exit_row=row in exits,
                        extra_legroom=row in legroom,
                        blocked=is_blocked,
                    )
                )
        if sellable == 0:
            raise InvalidSeatMapError(f"The {cabin.cabin} cabin has no seat to sell")
        planned.append(PlannedCabin(Cabin(cabin.cabin), cabin.first_row, cabin.last_row, cabin.layout, sellable))
    if len(seats) > MAX_SEATS:
        raise InvalidSeatMapError(f"{len(seats)} seats: an aircraft has at most {MAX_SEATS}")
    unknown = sorted(blocked - {s.code for s in seats})
    if unknown:
        raise InvalidSeatMapError(f"blocked_seats: {', '.join(unknown)} are not seats of this map")
    return SeatPlan(cabins=planned, seats=seats)
