"""Flight orders: every leg for every passenger booked in one transaction, as one booking group (one hold,
one payment, confirmed and expired together), with each passenger seated on each leg. Never half a trip:
the first broken rule raises, and the request's rollback takes back every seat counter, booking, passenger
and seat written before it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from uuid_utils.compat import uuid7

from tessera.booking.errors import InvalidOrderError, NotOnSaleError, SoldOutError
from tessera.booking.groups import groups_in_state
from tessera.booking.holds import Holds
from tessera.booking.models import BookingStatus
from tessera.booking.schemas import Attendee, BookingCreate, BookingGroupRead, BookingItem
from tessera.catalog.models import ListingStatus
from tessera.catalog.services import CatalogService
from tessera.config import FlightSettings
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError
from tessera.core.idempotency import IdempotencyService, request_fingerprint
from tessera.core.outbox import Channel, Outgoing, enqueue
from tessera.core.pii import PiiVault
from tessera.flights.errors import CabinSoldOutError, FareNotInCabinError, InvalidRoundTripError, PriceChangedError
from tessera.flights.models import (
    Airport,
    DepartureStatus,
    FlightDeparture,
    FlightFare,
    FlightOrder,
    FlightOrderLeg,
    FlightPassenger,
    TripType,
)
from tessera.flights.order_reads import OrderReads
from tessera.flights.order_schemas import OrderCreate, OrderRead
from tessera.flights.passengers import PassengerDraft, passenger_drafts
from tessera.flights.seating import Place, Seating

IDEMPOTENCY_SCOPE = "flight_orders"


class CreatedOrder:
    def __init__(self, body: OrderRead | dict[str, object], replayed: bool) -> None:
        self.body = body
        self.replayed = replayed


class FlightOrders:
    def __init__(
        self,
        session: AsyncSession,
        settings: FlightSettings,
        vault: PiiVault,
        catalog: CatalogService,
        holds: Holds,
        seating: Seating,
        reads: OrderReads,
    ) -> None:
        self.session = session
        self.settings = settings
        self.vault = vault
        self.catalog = catalog
        self.holds = holds  # booking for the flights domain
        self.seating = seating
        self.reads = reads

    async def create(self, data: OrderCreate, user: CurrentUser, idempotency_key: str | None) -> CreatedOrder:
        claim = None
        if idempotency_key is not None:
            claim, stored = await IdempotencyService(self.session).claim(
                user_id=user.id, scope=IDEMPOTENCY_SCOPE, key=idempotency_key, request_hash=request_fingerprint(data)
            )
            if stored is not None:
                return CreatedOrder(stored.body, replayed=True)
        if not 1 <= len(data.legs) <= 2:
            raise InvalidOrderError("An order is one flight, or two for a round trip")
        now = datetime.now(UTC)
        departures, fares = await self._legs(data)
        airports = {
            a.id: a
            for a in await self.session.scalars(
                select(Airport).where(
                    Airport.id.in_(
                        {d.origin_airport_id for d in departures} | {d.destination_airport_id for d in departures}
                    )
                )
            )
        }
        first, last = departures[0], departures[-1]
        if len(departures) == 2:
            self._check_round_trip(first, last)
        travel_date = first.departs_at.astimezone(ZoneInfo(airports[first.origin_airport_id].timezone)).date()
        last_arrival = last.arrives_at.astimezone(ZoneInfo(airports[last.destination_airport_id].timezone)).date()
        passengers = passenger_drafts(data.passengers, self.vault, travel_date, last_arrival)
        places = self._places(data, departures, passengers)
        await self.seating.check_chosen(places)
        # A full cabin is refused before the departures' seat counters are touched: under a rush, refusals then
        # do not queue on the departure's row behind the orders that get seats. (The seat guard still decides.)
        left = await self.seating.seats_left([d.id for d in departures], {d.id: d.aircraft_id for d in departures})
        for leg, departure in enumerate(departures, start=1):
            available = left[departure.id].get(data.cabin, 0)
            if available < len(passengers):
                raise CabinSoldOutError(
                    f"Not enough seats left in {data.cabin} on leg {leg}", extra={"leg": leg, "available": available}
                )
        prices = await self.catalog.ticket_types(fare.id for fare in fares)
        total = sum(prices[fare.id].price for fare in fares) * len(passengers)
        if data.expected_total is not None and data.expected_total != total:
            raise PriceChangedError("The price changed since you looked: check the new total", extra={"total": total})
        group = await self._book(user, data, departures, fares, passengers)
        order = FlightOrder(
            id=uuid7(),
            booking_group_id=group.id,
            user_id=user.id,
            reference=group.reference,
            trip_type=TripType.ROUND_TRIP.value if len(departures) == 2 else TripType.ONE_WAY.value,
            cabin=data.cabin,
            passenger_count=len(passengers),
        )
        self.session.add(order)
        await self.session.flush()
        await self.session.execute(
            insert(FlightPassenger),
            [
                {
                    "id": p.id,
                    "order_id": order.id,
                    "position": p.position,
                    "passenger_type": p.passenger_type,
                    "given_name": p.given_name,
                    "family_name": p.family_name,
                    "nationality": p.nationality,
                    "document_ciphertext": p.document_ciphertext,
                    "document_number_masked": p.document_number_masked,
                    "document_series_masked": p.document_series_masked,
                    "document_fingerprint": p.document_fingerprint,
                }
                for p in passengers
            ],
        )
        await self.session.execute(
            insert(FlightOrderLeg),
            [
                {
                    "id": uuid7(),
                    "order_id": order.id,
                    "leg": i,
                    "booking_id": b.id,
                    "departure_id": d.id,
                    "fare_id": f.id,
                }
                for i, (b, d, f) in enumerate(zip(group.bookings, departures, fares, strict=True), start=1)
            ],
        )
        for place in places:
            booking = group.bookings[place.leg - 1]
            place.booking_id = booking.id
            place.ticket_id = booking.tickets[place.passenger.position - 1].id
        await self.seating.assign(places, now)
        # A trip to pay is noted in the app; a free one is confirmed at once and gets its itinerary.
        free = group.status == BookingStatus.CONFIRMED
        kind = "flight_order_confirmed" if free else "flight_order_created"
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=user.id,
                    kind=kind,
                    payload={"order_id": str(order.id), "reference": order.reference},
                    dedupe_key=f"flight_order:{order.id}:{'confirmed' if free else 'created'}",
                    channel=Channel.EMAIL if free else Channel.IN_APP,
                )
            ],
        )
        body = await self.reads.one(order)
        if claim is not None:
            await IdempotencyService(self.session).complete(claim, 201, body)
        return CreatedOrder(body, replayed=False)

    async def _legs(self, data: OrderCreate) -> tuple[list[FlightDeparture], list[FlightFare]]:
        """Each leg's departure and fare: published, scheduled, the fare of that route and of the cabin."""
        ids = [leg.departure_id for leg in data.legs]
        if len(set(ids)) != len(ids):
            raise InvalidOrderError("Each leg is a different flight")
        found = {
            d.id: d for d in await self.session.scalars(select(FlightDeparture).where(FlightDeparture.id.in_(ids)))
        }
        fares = {
            f.id: f
            for f in await self.session.scalars(
                select(FlightFare).where(FlightFare.id.in_([leg.fare_id for leg in data.legs]))
            )
        }
        listings = await self.catalog.listings({d.route_id for d in found.values()})
        active = await self.catalog.ticket_types(fares)
        departures, chosen = [], []
        for number, leg in enumerate(data.legs, start=1):
            departure = found.get(leg.departure_id)
            if departure is None or listings[departure.route_id].status == ListingStatus.DRAFT:
                raise NotFoundAppError("Departure not found", extra={"leg": number})
            fare = fares.get(leg.fare_id)
            if fare is None or fare.route_id != departure.route_id or not active[fare.id].is_active:
                raise NotFoundAppError("Fare not found on this flight", extra={"leg": number})
            if fare.cabin != data.cabin:
                raise FareNotInCabinError(f"The fare of leg {number} is not a {data.cabin} fare", extra={"leg": number})
            if departure.status == DepartureStatus.CANCELLED:
                raise NotOnSaleError("This flight is cancelled", extra={"leg": number})
            departures.append(departure)
            chosen.append(fare)
        return departures, chosen

    def _check_round_trip(self, outbound: FlightDeparture, back: FlightDeparture) -> None:
        if (back.origin_airport_id, back.destination_airport_id) != (
            outbound.destination_airport_id,
            outbound.origin_airport_id,
        ):
            raise InvalidRoundTripError("The return flight must fly back between the same airports")
        turnaround = timedelta(minutes=self.settings.min_turnaround_minutes)
        if back.departs_at < outbound.arrives_at + turnaround:
            raise InvalidRoundTripError(
                f"The return flight must leave at least {self.settings.min_turnaround_minutes} minutes after landing"
            )

    def _places(
        self, data: OrderCreate, departures: list[FlightDeparture], passengers: list[PassengerDraft]
    ) -> list[Place]:
        places = []
        for request, passenger in zip(data.passengers, passengers, strict=True):
            seats = request.seats
            if seats is not None and len(seats) != len(departures):
                raise InvalidOrderError(
                    f"Passenger {passenger.position}: give one seat (or null) per leg",
                    extra={"passenger": passenger.position},
                )
            for leg, departure in enumerate(departures, start=1):
                chosen = seats[leg - 1] if seats is not None else None
                places.append(
                    Place(
                        leg=leg,
                        departure_id=departure.id,
                        aircraft_id=departure.aircraft_id,
                        cabin=data.cabin,
                        passenger=passenger,
                        chosen=chosen.upper() if chosen else None,
                    )
                )
        for leg in range(1, len(departures) + 1):
            seats = [p.chosen for p in places if p.leg == leg and p.chosen is not None]
            if len(set(seats)) != len(seats):
                raise InvalidOrderError(f"One seat for two passengers on leg {leg}")
        return places

    async def _book(
        self,
        user: CurrentUser,
        data: OrderCreate,
        departures: list[FlightDeparture],
        fares: list[FlightFare],
        passengers: list[PassengerDraft],
    ) -> BookingGroupRead:
        """The core's booking group: every leg's seat counters taken at once (sessions locked in id order), so
        concurrent orders on a departure queue on its session row until this transaction ends."""
        requests = [
            BookingCreate(
                session_id=departure.id,
                items=[BookingItem(ticket_type_id=fare.id, quantity=len(passengers))],
                attendees=[Attendee(name=p.ticket_name) for p in passengers],
            )
            for departure, fare in zip(departures, fares, strict=True)
        ]
        try:
            return await self.holds.create_group(user, requests, announce=False)
        except SoldOutError as exc:
            leg = next(i for i, d in enumerate(departures, start=1) if str(d.id) == exc.extra.get("session_id"))
            departure = departures[leg - 1]
            left = await self.seating.seats_left([departure.id], {departure.id: departure.aircraft_id})
            raise CabinSoldOutError(
                f"Not enough seats left in {data.cabin} on leg {leg}",
                extra={"leg": leg, "available": left[departure.id].get(data.cabin, 0)},
            ) from exc
        except NotOnSaleError as exc:
            session_id = exc.extra.get("session_id")
            leg = next((i for i, d in enumerate(departures, start=1) if str(d.id) == session_id), 1)
            raise NotOnSaleError(exc.detail, extra={"leg": leg}) from exc

    # -- reading ----------------------------------------------------------------------------------------

    async def owned(self, order_id: uuid.UUID, user: CurrentUser) -> FlightOrder:
        """The customer's own order (any, for an admin); anyone else's is not found."""
        order = await self.session.get(FlightOrder, order_id)
        if order is None or not (user.is_admin or order.user_id == user.id):
            raise NotFoundAppError("Order not found")
        return order

    async def get(self, order_id: uuid.UUID, user: CurrentUser) -> OrderRead:
        return await self.reads.one(await self.owned(order_id, user))

    async def list_mine(
        self, user: CurrentUser, state: str | None, limit: int, offset: int
    ) -> tuple[list[OrderRead], int]:
        """The customer's orders, newest first, optionally in one state."""
        query = select(FlightOrder).where(
            FlightOrder.user_id == user.id, FlightOrder.booking_group_id.in_(groups_in_state(user.id, state))
        )
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = await self.session.scalars(
            query.order_by(FlightOrder.created_at.desc(), FlightOrder.id.desc()).limit(limit).offset(offset)
        )
        return await self.reads.many(list(rows)), total or 0
