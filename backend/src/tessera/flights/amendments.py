"""What a traveller changes after booking: seats (free of charge, until an hour before the flight), and
cancellation of the whole trip or of its return, refunded by the fare's rules and quoted first."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from uuid_utils.compat import uuid7

from tessera.booking.cancellation import Cancellations
from tessera.booking.errors import NotCancellableError
from tessera.booking.models import BookingStatus
from tessera.booking.schemas import BookingGroupRead, BookingRead
from tessera.core.auth import CurrentUser
from tessera.core.outbox import Outgoing, enqueue
from tessera.flights.errors import (
    InvalidCancelError,
    InvalidSeatError,
    NotChangeableError,
    SeatRestrictedError,
    SeatUnavailableError,
)
from tessera.flights.models import (
    FlightDeparture,
    FlightFare,
    FlightOrder,
    FlightOrderLeg,
    FlightPassenger,
    FlightSeatAssignment,
    PassengerType,
    SeatStatus,
)
from tessera.flights.order_reads import OrderReads
from tessera.flights.order_schemas import CancellationQuote, OrderCancel, OrderRead, SeatChanges
from tessera.flights.orders import FlightOrders
from tessera.flights.seating import Seating

# Seats can be changed until this long before the flight.
SEAT_CHANGE_CLOSES = timedelta(hours=1)


@dataclass(frozen=True, slots=True)
class LegState:
    leg: FlightOrderLeg
    departure: FlightDeparture
    fare: FlightFare
    booking: BookingRead


class OrderAmendments:
    def __init__(
        self,
        session: AsyncSession,
        orders: FlightOrders,
        reads: OrderReads,
        seating: Seating,
        cancellations: Cancellations,
        refund_cutoff_hours: int,
    ) -> None:
        self.session = session
        self.orders = orders
        self.reads = reads
        self.seating = seating
        self.cancellations = cancellations
        self.refund_cutoff = timedelta(hours=refund_cutoff_hours)

    async def _state(self, order: FlightOrder) -> tuple[BookingGroupRead, dict[int, LegState]]:
        group = (await self.reads.groups.views([order.booking_group_id]))[order.booking_group_id]
        bookings = {b.id: b for b in group.bookings}
        legs = list(await self.session.scalars(select(FlightOrderLeg).where(FlightOrderLeg.order_id == order.id)))
        departures = {
            d.id: d
            for d in await self.session.scalars(
                select(FlightDeparture).where(FlightDeparture.id.in_([leg.departure_id for leg in legs]))
            )
        }
        fares = {
            f.id: f
            for f in await self.session.scalars(
                select(FlightFare).where(FlightFare.id.in_([leg.fare_id for leg in legs]))
            )
        }
        return group, {
            leg.leg: LegState(leg, departures[leg.departure_id], fares[leg.fare_id], bookings[leg.booking_id])
            for leg in legs
        }

    # -- seats ------------------------------------------------------------------------------------------

    async def change_seats(self, order_id: uuid.UUID, data: SeatChanges, user: CurrentUser) -> OrderRead:
        """Move passengers to other seats, all or none: the old seats are released first, so two passengers
        of the order may swap."""
        order = await self.orders.owned(order_id, user)
        _, legs = await self._state(order)
        now = datetime.now(UTC)
        passengers = {
            p.id: p
            for p in await self.session.scalars(select(FlightPassenger).where(FlightPassenger.order_id == order.id))
        }
        asked = [(c.passenger_id, c.leg) for c in data.changes]
        if len(set(asked)) != len(asked):
            raise InvalidSeatError("One seat per passenger per leg")
        invalid, restricted = [], []
        for change in data.changes:
            state = legs.get(change.leg)
            passenger = passengers.get(change.passenger_id)
            if state is None or passenger is None:
                raise InvalidSeatError("No such passenger or leg in this order", extra={"seats": []})
            if state.booking.status not in (BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED):
                raise NotChangeableError(f"Leg {change.leg} is {state.booking.status.replace('_', ' ')}")
            if state.departure.departs_at - now <= SEAT_CHANGE_CLOSES:
                raise NotChangeableError(f"Seats on leg {change.leg} can no longer change: it leaves within an hour")
            seats = {s.code: s for s in await self.seating.cabin_seats(state.departure.aircraft_id, order.cabin)}
            seat = seats.get(change.seat.upper())
            if seat is None or seat.blocked:
                invalid.append({"leg": change.leg, "seat": change.seat.upper()})
            elif seat.exit_row and passenger.passenger_type != PassengerType.ADULT:
                restricted.append({"leg": change.leg, "seat": seat.code})
        if invalid:
            raise InvalidSeatError("No such seat to sell in this cabin on this flight", extra={"seats": invalid})
        if restricted:
            raise SeatRestrictedError("Exit-row seats are for adults only", extra={"seats": restricted})
        current = {
            (row.passenger_id, row.booking_id): row
            for row in await self.session.scalars(
                select(FlightSeatAssignment).where(
                    FlightSeatAssignment.passenger_id.in_(list(passengers)),
                    FlightSeatAssignment.status == SeatStatus.LIVE,
                )
            )
        }
        moving = [current[(c.passenger_id, legs[c.leg].booking.id)] for c in data.changes]
        # The booking core's seat guard first: every moving passenger's seat is given up, then each new one
        # claimed, so passengers of the order may swap.
        seated = await self.seating.claims.reseat(
            {old.ticket_id: change.seat.upper() for change, old in zip(data.changes, moving, strict=True)}, now
        )
        taken = [
            {"leg": change.leg, "seat": change.seat.upper()}
            for change, old in zip(data.changes, moving, strict=True)
            if old.ticket_id not in seated
        ]
        if taken:  # the request's rollback puts every passenger back in their old seat
            raise SeatUnavailableError("Someone else has this seat; choose another", extra={"seats": taken})
        await self.session.execute(
            update(FlightSeatAssignment)
            .where(FlightSeatAssignment.id.in_([row.id for row in moving]))
            .values(status=SeatStatus.RELEASED.value, released_at=now, release_reason="seat_change", updated_at=now)
            .execution_options(synchronize_session=False)
        )
        await self.session.execute(
            insert(FlightSeatAssignment),
            [
                {
                    "id": uuid7(),
                    "departure_id": old.departure_id,
                    "aircraft_id": old.aircraft_id,
                    "seat_code": change.seat.upper(),
                    "cabin": old.cabin,
                    "passenger_id": old.passenger_id,
                    "booking_id": old.booking_id,
                    "ticket_id": old.ticket_id,
                    "document_fingerprint": old.document_fingerprint,
                    "status": SeatStatus.LIVE.value,
                    "created_at": now,
                    "updated_at": now,
                }
                for change, old in zip(data.changes, moving, strict=True)
            ],
        )
        return await self.reads.one(order)

    # -- cancellation -----------------------------------------------------------------------------------

    async def quote(self, order_id: uuid.UUID, legs: Sequence[int] | None, user: CurrentUser) -> CancellationQuote:
        order = await self.orders.owned(order_id, user)
        group, states = await self._state(order)
        chosen, refunds = self._refunds(group, states, legs, datetime.now(UTC))
        return CancellationQuote(legs=chosen, refund=sum(refunds.values()), currency=group.currency, involuntary=False)

    async def cancel(self, order_id: uuid.UUID, data: OrderCancel, user: CurrentUser) -> OrderRead:
        """The quoted refund, recomputed now: the seats go back and the refund is asked for in this transaction."""
        order = await self.orders.owned(order_id, user)
        group, states = await self._state(order)
        chosen, refunds = self._refunds(group, states, data.legs, datetime.now(UTC))
        reason = data.reason or "Cancelled by the traveller"
        await self.cancellations.cancel_managed(
            [states[leg].booking.id for leg in chosen], refunds=refunds, reason=reason, kind=None
        )
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=order.user_id,
                    kind="flight_order_cancelled",
                    payload={
                        "order_id": str(order.id),
                        "reference": order.reference,
                        "legs": chosen,
                        "refund": sum(refunds.values()),
                        "currency": group.currency,
                    },
                    dedupe_key=f"flight_order:{order.id}:cancel:"
                    + hashlib.sha256(",".join(map(str, chosen)).encode()).hexdigest()[:12],
                )
            ],
        )
        return await self.reads.one(order)

    def _refunds(
        self, group: BookingGroupRead, states: dict[int, LegState], legs: Sequence[int] | None, now: datetime
    ) -> tuple[list[int], dict[uuid.UUID, int]]:
        """The legs to cancel and each one's refund by its fare: a refundable fare gets back what was paid for
        that leg until the refund cut-off before it leaves, nothing after; other fares nothing."""
        live = sorted(
            n for n, s in states.items() if s.booking.status in (BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED)
        )
        if not live:
            raise NotCancellableError(f"This order is {group.status.replace('_', ' ')}")
        chosen = sorted(set(legs)) if legs is not None else live
        if any(n not in states for n in chosen):
            raise InvalidCancelError("This order has no such leg")
        if any(n not in live for n in chosen):
            raise NotCancellableError("That leg is already cancelled")
        if legs is not None and group.status == BookingStatus.PENDING_PAYMENT and chosen != live:
            raise InvalidCancelError("An unpaid order is cancelled whole")
        if 1 in chosen and 2 in live and 2 not in chosen:
            raise InvalidCancelError("The outbound flight cannot be cancelled alone: cancel the whole trip")
        if any(states[n].departure.departs_at <= now for n in chosen):
            raise NotCancellableError("A flight that has left cannot be cancelled")
        refunds = {}
        for n in chosen:
            state = states[n]
            paid = state.booking.total if state.booking.status == BookingStatus.CONFIRMED else 0
            in_time = state.departure.departs_at - now >= self.refund_cutoff
            refunds[state.booking.id] = paid if state.fare.refundable and in_time else 0
        return chosen, refunds
