"""A carrier's aircraft: created with their seat maps, listed, read with every seat."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

import msgspec
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from uuid_utils.compat import uuid7

from tessera.core.auth import CurrentUser
from tessera.core.errors import ConflictError, NotFoundAppError
from tessera.flights.models import Aircraft, AircraftCabin, AircraftSeat, FlightDeparture
from tessera.flights.schemas import AircraftCreate, AircraftDetail, AircraftRead, CabinRead, SeatRead
from tessera.flights.seatmaps import plan_seats


class Fleet:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def create(self, data: AircraftCreate, user: CurrentUser) -> AircraftRead:
        plan = plan_seats(data)
        registration = data.registration.strip().upper() if data.registration else None
        aircraft = Aircraft(
            id=uuid7(),
            organizer_id=user.id,
            model=data.model.strip(),
            registration=registration,
            seat_count=plan.seat_count,
        )
        try:
            async with self.session.begin_nested():  # two requests racing for one registration: one wins
                self.session.add(aircraft)
        except IntegrityError as exc:
            raise ConflictError(f"You already have an aircraft registered {registration}") from exc
        self.session.add_all(
            AircraftCabin(
                aircraft_id=aircraft.id,
                cabin=c.cabin,
                first_row=c.first_row,
                last_row=c.last_row,
                layout=c.layout,
                seat_count=c.seat_count,
            )
            for c in plan.cabins
        )
        await self.session.flush()
        await self.session.execute(
            insert(AircraftSeat),
            [
                {
                    "aircraft_id": aircraft.id,
                    "code": s.code,
                    "row": s.row,
                    "letter": s.letter,
                    "cabin": s.cabin.value,
                    "position": s.position.value,
                    "exit_row": s.exit_row,
                    "extra_legroom": s.extra_legroom,
                    "blocked": s.blocked,
                }
                for s in plan.seats
            ],
        )
        return (await self._reads([aircraft]))[0]

    async def list_mine(self, user: CurrentUser, limit: int, offset: int) -> tuple[list[AircraftRead], int]:
        """The carrier's aircraft, newest first (every carrier's for an admin)."""
        query = select(Aircraft)
        if not user.is_admin:
            query = query.where(Aircraft.organizer_id == user.id)
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = await self.session.scalars(
            query.order_by(Aircraft.created_at.desc(), Aircraft.id.desc()).limit(limit).offset(offset)
        )
        return await self._reads(list(rows)), total or 0

    async def owned(self, aircraft_id: uuid.UUID, user: CurrentUser) -> Aircraft:
        """The carrier's own aircraft (any, for an admin); someone else's is not found either."""
        aircraft = await self.session.get(Aircraft, aircraft_id)
        if aircraft is None or not (user.is_admin or aircraft.organizer_id == user.id):
            raise NotFoundAppError("Aircraft not found")
        return aircraft

    async def cabin_seats(self, aircraft_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dict[str, int]]:
        """Sellable seats per cabin of each aircraft."""
        seats: dict[uuid.UUID, dict[str, int]] = {}
        for aircraft_id, cabin, count in await self.session.execute(
            select(AircraftCabin.aircraft_id, AircraftCabin.cabin, AircraftCabin.seat_count)
            .where(AircraftCabin.aircraft_id.in_(set(aircraft_ids)))
            .order_by(AircraftCabin.first_row)
        ):
            seats.setdefault(aircraft_id, {})[cabin] = count
        return seats

    async def get(self, aircraft_id: uuid.UUID, user: CurrentUser) -> AircraftDetail:
        aircraft = await self.owned(aircraft_id, user)
        [read] = await self._reads([aircraft])
        seats = await self.session.scalars(
            select(AircraftSeat)
            .where(AircraftSeat.aircraft_id == aircraft.id)
            .order_by(AircraftSeat.row, AircraftSeat.letter)
        )
        return AircraftDetail(
            **msgspec.structs.asdict(read),
            seats=[
                SeatRead(
                    code=s.code,
                    cabin=s.cabin,
                    position=s.position,
                    exit_row=s.exit_row,
                    extra_legroom=s.extra_legroom,
                    blocked=s.blocked,
                )
                for s in seats
            ],
        )

    async def _reads(self, aircraft: list[Aircraft]) -> list[AircraftRead]:
        cabins: dict[uuid.UUID, list[CabinRead]] = {a.id: [] for a in aircraft}
        in_use: set[uuid.UUID] = set()
        if aircraft:
            # Its seat map is then fixed: orders refer to its seat codes.
            in_use = set(
                await self.session.scalars(
                    select(FlightDeparture.aircraft_id).where(FlightDeparture.aircraft_id.in_(list(cabins))).distinct()
                )
            )
            for c in await self.session.scalars(
                select(AircraftCabin)
                .where(AircraftCabin.aircraft_id.in_(list(cabins)))
                .order_by(AircraftCabin.first_row)
            ):
                cabins[c.aircraft_id].append(CabinRead(c.cabin, c.first_row, c.last_row, c.layout, c.seat_count))
        return [
            AircraftRead(
                id=a.id,
                model=a.model,
                registration=a.registration,
                seat_count=a.seat_count,
                cabins=cabins[a.id],
                in_use=a.id in in_use,
                created_at=a.created_at,
            )
            for a in aircraft
        ]
