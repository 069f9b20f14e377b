"""Seat maps of venues: an organizer draws sections of rows; the seats are generated from the drawing, the same
every time, so only the drawing is stored. Each process keeps the generated plan of a map version (a plan of
20,000 seats is read and generated once, then served from memory)."""

from __future__ import annotations

import uuid
from collections import Counter, OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field

import msgspec
from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.catalog.models import Listing, ListingSession, ListingStatus, SeatMap, Venue
from tessera.catalog.schemas import (
    SeatMapDraw,
    SeatMapPreview,
    SeatMapRead,
    SeatMapSummary,
    SeatPlan,
    SeatRead,
    SeatRowRead,
    SeatSectionRead,
    ZoneCount,
)
from tessera.core.audit import audit
from tessera.core.auth import CurrentUser
from tessera.core.errors import AppError, NotFoundAppError

# The largest hall Tessera draws; a stadium is several maps' worth of sections, still within this.
MAX_SEATS = 20_000
# Problems listed in one refusal: enough to fix a drawing, not a wall of text.
_PROBLEMS_SHOWN = 20


class InvalidSeatMapError(AppError):
    status_code = 400
    code = "invalid_seat_map"


class SeatMapInUseError(AppError):
    status_code = 409
    code = "seat_map_in_use"


@dataclass(frozen=True, slots=True)
class PlacedSeat:
    code: str
    section: str
    row: str
    number: int
    x: int
    y: int
    zone: str
    accessible: bool
    blocked: bool


@dataclass(slots=True)
class Plan:
    """A drawing's generated seats, with what reads and seat assignment need, computed once."""

    name: str
    seats: dict[str, PlacedSeat]
    width: int
    height: int
    sections: list[SeatSectionRead]
    blocked: list[str]
    zones: dict[str, int]  # sellable seats per zone
    version: int = 0  # the map version it was drawn from, once stored
    _ranked: dict[str, list[PlacedSeat]] = field(default_factory=dict)
    _encoded: bytes | None = None

    def ranked(self, zone: str) -> list[PlacedSeat]:
        """The zone's seats for best-available assignment, best first: front rows first, then nearest the
        middle of their section. Blocked seats are left out, and so are wheelchair places (given only when
        asked for by code)."""
        if zone not in self._ranked:
            middles: dict[str, float] = {}
            xs: dict[str, list[int]] = {}
            for seat in self.seats.values():
                xs.setdefault(seat.section, []).append(seat.x)
            for section, values in xs.items():
                middles[section] = (min(values) + max(values)) / 2
            self._ranked[zone] = sorted(
                (s for s in self.seats.values() if s.zone == zone and not s.blocked and not s.accessible),
                key=lambda s: (s.y, abs(s.x - middles[s.section]), s.x),
            )
        return self._ranked[zone]

    def preview(self) -> SeatMapPreview:
        return SeatMapPreview(
            seat_count=sum(self.zones.values()),
            zones=[ZoneCount(zone=z, seats=n) for z, n in sorted(self.zones.items())],
            width=self.width,
            height=self.height,
            sections=self.sections,
            blocked=self.blocked,
        )

    def encoded(self, seat_map_id: uuid.UUID) -> bytes:
        """The plan as buyers get it (``SeatPlan``), encoded once and then served as stored bytes."""
        if self._encoded is None:
            self._encoded = msgspec.json.encode(
                SeatPlan(
                    seat_map_id=seat_map_id,
                    version=self.version,
                    name=self.name,
                    width=self.width,
                    height=self.height,
                    zones=[ZoneCount(zone=z, seats=n) for z, n in sorted(self.zones.items())],
                    sections=self.sections,
                )
            )
        return self._encoded


def draw(data: SeatMapDraw) -> Plan:
    """Generate the seats of a drawing, or refuse it with every problem found (400 ``invalid_seat_map``)."""
    total = sum(row.seats for section in data.sections for row in section.rows)
    if total > MAX_SEATS:  # refused before generating: a drawing may describe millions of seats
        too_many = f"A map holds at most {MAX_SEATS} seats; this one draws {total}"
        raise InvalidSeatMapError(too_many, extra={"problems": [too_many]})
    problems: list[str] = []
    seats: dict[str, PlacedSeat] = {}
    places: dict[tuple[int, int], str] = {}
    sections: list[SeatSectionRead] = []
    section_codes: set[str] = set()
    for section in data.sections:
        if section.code in section_codes:
            problems.append(f"Section code {section.code} is used twice")
        section_codes.add(section.code)
        labels: set[str] = set()
        rows: list[SeatRowRead] = []
        for index, row in enumerate(section.rows):
            where = f"{section.code} row {row.label}"
            if row.label in labels:
                problems.append(f"{where} is drawn twice")
            labels.add(row.label)
            numbers = range(row.first, row.first + row.seats)
            for name, listed in (("aisles_after", row.aisles_after), ("accessible", row.accessible)):
                if outside := sorted(set(listed) - set(numbers)):
                    problems.append(f"{where}: {name} names seats it does not have: {outside}")
            if outside := sorted(set(row.blocked) - set(numbers)):
                problems.append(f"{where}: blocked names seats it does not have: {outside}")
            aisles, accessible, blocked = set(row.aisles_after), set(row.accessible), set(row.blocked)
            zone = row.zone or section.zone
            y = section.y + index
            x = section.x + row.offset
            drawn: list[SeatRead] = []
            for number in numbers:
                code = f"{section.code}-{row.label}-{number}"
                if (other := places.get((x, y))) is not None:
                    problems.append(f"{code} is drawn on the same place as {other}")
                places[(x, y)] = code
                seat = PlacedSeat(
                    code, section.code, row.label, number, x, y, zone, number in accessible, number in blocked
                )
                seats[code] = seat
                drawn.append(SeatRead(code=code, number=number, x=x, y=y, zone=zone, accessible=seat.accessible))
                x += 2 if number in aisles else 1
            rows.append(SeatRowRead(label=row.label, seats=drawn))
        sections.append(SeatSectionRead(code=section.code, name=section.name, rows=rows))
    zones = Counter(s.zone for s in seats.values() if not s.blocked)
    if not zones:
        problems.append("Every seat is blocked: a map needs at least one seat to sell")
    if problems:
        shown = list(dict.fromkeys(problems))[:_PROBLEMS_SHOWN]
        raise InvalidSeatMapError(shown[0], extra={"problems": shown})
    return Plan(
        name=data.name,
        seats=seats,
        width=max(x for x, _ in places) + 1,
        height=max(y for _, y in places) + 1,
        sections=sections,
        blocked=[code for code, s in seats.items() if s.blocked],
        zones=dict(zones),
    )


# Plans by (map id, version): a version never changes, so nothing here is ever stale.
_PLANS: OrderedDict[tuple[uuid.UUID, int], Plan] = OrderedDict()
_PLANS_KEPT = 64
# Map versions a published listing sells: public for good, since a map in use can no longer be redrawn.
_PUBLIC: set[tuple[uuid.UUID, int]] = set()
# The version of each map a session sells, for the same reason: read once per process.
_SOLD_VERSIONS: dict[uuid.UUID, int] = {}
_SOLD_VERSIONS_KEPT = 4096


class SeatMaps:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def _venue(self, venue_id: uuid.UUID, user: CurrentUser) -> Venue:
        venue = await self.session.get(Venue, venue_id)
        if venue is None or not (user.is_admin or venue.organizer_id == user.id):
            raise NotFoundAppError("Venue not found")
        return venue

    async def _editable(self, seat_map_id: uuid.UUID, user: CurrentUser) -> SeatMap:
        seat_map = await self.session.get(SeatMap, seat_map_id)
        if seat_map is None:
            raise NotFoundAppError("Seat map not found")
        await self._venue(seat_map.venue_id, user)
        return seat_map

    async def _in_use(self, seat_map_ids: Sequence[uuid.UUID]) -> set[uuid.UUID]:
        if not seat_map_ids:
            return set()
        used = await self.session.scalars(
            select(ListingSession.seat_map_id).where(ListingSession.seat_map_id.in_(seat_map_ids)).distinct()
        )
        return {u for u in used if u is not None}

    async def create(self, venue_id: uuid.UUID, data: SeatMapDraw, user: CurrentUser) -> SeatMapRead:
        venue = await self._venue(venue_id, user)
        plan = draw(data)
        seat_map = SeatMap(
            venue_id=venue.id,
            name=data.name,
            layout=msgspec.to_builtins(data),
            seat_count=sum(plan.zones.values()),
            version=1,
        )
        self.session.add(seat_map)
        await self.session.flush()
        audit(
            self.session,
            "seat_map.created",
            seat_map.id,
            {"name": [None, data.name], "seats": [None, seat_map.seat_count]},
        )
        return self._read(seat_map, plan, in_use=False)

    async def replace(self, seat_map_id: uuid.UUID, data: SeatMapDraw, user: CurrentUser) -> SeatMapRead:
        """A new drawing for a map no session uses yet (``409 seat_map_in_use`` once one does)."""
        seat_map = await self._editable(seat_map_id, user)
        if await self._in_use([seat_map.id]):
            raise SeatMapInUseError("A session sells this map's seats, so it can no longer change; draw a new map")
        plan = draw(data)
        before = {"name": seat_map.name, "seats": seat_map.seat_count, "version": seat_map.version}
        seat_map.name = data.name
        seat_map.layout = msgspec.to_builtins(data)
        seat_map.seat_count = sum(plan.zones.values())
        seat_map.version += 1
        await self.session.flush()
        after = {"name": seat_map.name, "seats": seat_map.seat_count, "version": seat_map.version}
        audit(
            self.session,
            "seat_map.replaced",
            seat_map.id,
            {k: [before[k], after[k]] for k in after if before[k] != after[k]},
        )
        return self._read(seat_map, plan, in_use=False)

    async def get(self, seat_map_id: uuid.UUID, user: CurrentUser) -> SeatMapRead:
        seat_map = await self._editable(seat_map_id, user)
        plan = await self.plan(seat_map.id, seat_map.version)
        return self._read(seat_map, plan, in_use=bool(await self._in_use([seat_map.id])))

    async def of_venue(self, venue_id: uuid.UUID, user: CurrentUser) -> list[SeatMapSummary]:
        venue = await self._venue(venue_id, user)
        maps = list(
            await self.session.scalars(
                select(SeatMap).where(SeatMap.venue_id == venue.id).order_by(SeatMap.created_at.desc())
            )
        )
        used = await self._in_use([m.id for m in maps])
        return [
            SeatMapSummary(
                id=m.id,
                venue_id=m.venue_id,
                name=m.name,
                version=m.version,
                seat_count=m.seat_count,
                in_use=m.id in used,
                created_at=m.created_at,
            )
            for m in maps
        ]

    async def usable(self, seat_map_id: uuid.UUID, venue_id: uuid.UUID | None) -> SeatMap:
        """A map a session of a listing at ``venue_id`` may sell (a map of that venue)."""
        seat_map = await self.session.get(SeatMap, seat_map_id)
        if seat_map is None or seat_map.venue_id != venue_id:
            raise InvalidSeatMapError("The seat map must be one of the listing's venue")
        return seat_map

    async def plan(self, seat_map_id: uuid.UUID, version: int | None = None) -> Plan:
        """The generated plan of a map (its current version, unless given), from this process's memory."""
        if version is None:
            version = await self.session.scalar(select(SeatMap.version).where(SeatMap.id == seat_map_id))
            if version is None:
                raise NotFoundAppError("Seat map not found")
        key = (seat_map_id, version)
        plan = _PLANS.get(key)
        if plan is None:
            stored = await self.session.scalar(
                select(SeatMap.layout).where(SeatMap.id == seat_map_id, SeatMap.version == version)
            )
            if stored is None:
                raise NotFoundAppError("Seat map not found")
            plan = draw(msgspec.convert(stored, SeatMapDraw))
            plan.version = version
            _PLANS[key] = plan
            if len(_PLANS) > _PLANS_KEPT:
                _PLANS.popitem(last=False)
        else:
            _PLANS.move_to_end(key)
        return plan

    async def session_plan(self, seat_map_id: uuid.UUID) -> Plan:
        """The plan of a map a session sells. Such a map can no longer be redrawn (and sessions are never
        deleted), so its version is read once per process: live maps and seated bookings skip that query."""
        version = _SOLD_VERSIONS.get(seat_map_id)
        if version is not None:
            return await self.plan(seat_map_id, version)
        plan = await self.plan(seat_map_id)
        if len(_SOLD_VERSIONS) >= _SOLD_VERSIONS_KEPT:
            _SOLD_VERSIONS.pop(next(iter(_SOLD_VERSIONS)))
        _SOLD_VERSIONS[seat_map_id] = plan.version
        return plan

    async def buyers_plan(self, seat_map_id: uuid.UUID, version: int, user: CurrentUser | None) -> tuple[Plan, bool]:
        """A map version's plan for the seat picker, and whether anyone may see it: yes once a listing that is
        not a draft sells a session on it; until then only its organizer (and admins) see it. A version that
        is not the map's current one is not found."""
        key = (seat_map_id, version)
        if key in _PUBLIC:
            return await self.plan(seat_map_id, version), True
        row = (
            await self.session.execute(
                select(SeatMap.version, Venue.organizer_id)
                .join(Venue, Venue.id == SeatMap.venue_id)
                .where(SeatMap.id == seat_map_id)
            )
        ).first()
        if row is None or row.version != version:
            raise NotFoundAppError("Seat map not found")
        public = bool(
            await self.session.scalar(
                select(
                    exists().where(
                        ListingSession.seat_map_id == seat_map_id,
                        Listing.id == ListingSession.event_id,
                        Listing.status != ListingStatus.DRAFT,
                    )
                )
            )
        )
        if public:
            _PUBLIC.add(key)
        elif user is None or not (user.is_admin or user.id == row.organizer_id):
            raise NotFoundAppError("Seat map not found")
        return await self.plan(seat_map_id, version), public

    @staticmethod
    def _read(seat_map: SeatMap, plan: Plan, *, in_use: bool) -> SeatMapRead:
        preview = plan.preview()
        return SeatMapRead(
            id=seat_map.id,
            venue_id=seat_map.venue_id,
            name=seat_map.name,
            version=seat_map.version,
            in_use=in_use,
            drawing=msgspec.convert(seat_map.layout, SeatMapDraw),
            **msgspec.structs.asdict(preview),
        )
