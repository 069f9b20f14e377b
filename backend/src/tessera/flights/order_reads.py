"""Orders as their customers see them: legs in each airport's local time, passengers with masked documents,
each passenger's seat and boarding code on each leg."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.groups import PARTIALLY_CANCELLED, BookingGroups
from tessera.booking.models import BookingStatus
from tessera.booking.schemas import BookingGroupRead
from tessera.flights.departures import Departures
from tessera.flights.models import (
    AnswerStatus,
    FlightOrder,
    FlightOrderChange,
    FlightOrderLeg,
    FlightPassenger,
    FlightScheduleChange,
    FlightSeatAssignment,
)
from tessera.flights.order_schemas import (
    DocumentMasked,
    LegFare,
    LegRead,
    OrderRead,
    PassengerRead,
    PassengerSeat,
    PendingChange,
)


def order_status(group: BookingGroupRead) -> str:
    """The group's status, and ``partially_cancelled`` for a paid trip that lost a leg."""
    if group.status == BookingStatus.CONFIRMED and any(b.status == BookingStatus.CANCELLED for b in group.bookings):
        return PARTIALLY_CANCELLED
    return group.status


class OrderReads:
    def __init__(self, session: AsyncSession, groups: BookingGroups, departures: Departures) -> None:
        self.session = session
        self.groups = groups
        self.departures = departures

    async def one(self, order: FlightOrder) -> OrderRead:
        [read] = await self.many([order])
        return read

    async def many(self, orders: Sequence[FlightOrder]) -> list[OrderRead]:
        if not orders:
            return []
        order_ids = [o.id for o in orders]
        groups = await self.groups.views(o.booking_group_id for o in orders)
        legs = list(
            await self.session.scalars(
                select(FlightOrderLeg).where(FlightOrderLeg.order_id.in_(order_ids)).order_by(FlightOrderLeg.leg)
            )
        )
        passengers = list(
            await self.session.scalars(
                select(FlightPassenger)
                .where(FlightPassenger.order_id.in_(order_ids))
                .order_by(FlightPassenger.position)
            )
        )
        # Each passenger's latest seat on each leg (a released one too: the seat they had).
        seats: dict[tuple[uuid.UUID, uuid.UUID], FlightSeatAssignment] = {}
        for row in await self.session.scalars(
            select(FlightSeatAssignment)
            .where(FlightSeatAssignment.passenger_id.in_([p.id for p in passengers]))
            .order_by(FlightSeatAssignment.created_at, FlightSeatAssignment.id)
        ):
            seats[(row.passenger_id, row.booking_id)] = row
        departures = {
            d.id: d
            for d in await self.departures.reads(
                await self.departures.by_ids({leg.departure_id for leg in legs}), None, all_fares=True
            )
        }
        fares = {fare.id: fare for d in departures.values() for fare in d.fares}
        # Each leg's unanswered schedule change, if any (a newer change supersedes an older one).
        pending: dict[tuple[uuid.UUID, int], PendingChange] = {}
        for answer, change in (
            await self.session.execute(
                select(FlightOrderChange, FlightScheduleChange)
                .join(FlightScheduleChange, FlightScheduleChange.id == FlightOrderChange.change_id)
                .where(FlightOrderChange.order_id.in_(order_ids), FlightOrderChange.status == AnswerStatus.PENDING)
            )
        ).tuples():
            pending[(answer.order_id, answer.leg)] = PendingChange(
                change_id=change.id,
                kind=change.kind,
                new_departs_at=change.new_departs_at,
                new_arrives_at=change.new_arrives_at,
                conflicts_with_return=answer.conflicts_with_return,
                respond_by=answer.respond_by,
            )
        reads = []
        for order in orders:
            group = groups[order.booking_group_id]
            bookings = {b.id: b for b in group.bookings}
            codes = {t.id: t.code for b in group.bookings for t in b.tickets}
            order_legs = [leg for leg in legs if leg.order_id == order.id]
            leg_reads = []
            for leg in order_legs:
                departure, fare, booking = departures[leg.departure_id], fares[leg.fare_id], bookings[leg.booking_id]
                leg_reads.append(
                    LegRead(
                        leg=leg.leg,
                        booking_id=leg.booking_id,
                        departure_id=leg.departure_id,
                        flight_number=departure.flight_number,
                        origin=departure.origin.iata,
                        destination=departure.destination.iata,
                        departs_at=departure.departs_at,
                        arrives_at=departure.arrives_at,
                        departure_timezone=departure.departure_timezone,
                        arrival_timezone=departure.arrival_timezone,
                        fare=LegFare(
                            id=fare.id,
                            name=fare.name,
                            refundable=fare.refundable,
                            changeable=fare.changeable,
                            price=booking.tickets[0].price if booking.tickets else fare.price,
                        ),
                        status=booking.status,
                        pending_change=pending.get((order.id, leg.leg)),
                    )
                )
            passenger_reads = [
                PassengerRead(
                    id=p.id,
                    position=p.position,
                    type=p.passenger_type,
                    given_name=p.given_name,
                    family_name=p.family_name,
                    nationality=p.nationality,
                    document=DocumentMasked(
                        type="passport",
                        series_masked=p.document_series_masked,
                        number_masked=p.document_number_masked,
                    ),
                    seats=[
                        PassengerSeat(
                            leg=leg.leg, seat=seat.seat_code, cabin=seat.cabin, ticket_code=codes[seat.ticket_id]
                        )
                        for leg in order_legs
                        if (seat := seats.get((p.id, leg.booking_id))) is not None
                    ],
                )
                for p in passengers
                if p.order_id == order.id
            ]
            reads.append(
                OrderRead(
                    id=order.id,
                    reference=order.reference,
                    status=order_status(group),
                    trip_type=order.trip_type,
                    cabin=order.cabin,
                    total=group.total,
                    currency=group.currency,
                    expires_at=group.expires_at,
                    created_at=order.created_at,
                    confirmed_at=group.confirmed_at,
                    legs=leg_reads,
                    passengers=passenger_reads,
                )
            )
        return reads
