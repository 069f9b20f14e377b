"""The flights domain's tables."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime
from decimal import Decimal

from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    SmallInteger,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from tessera.core.db import one_of


class Cabin(enum.StrEnum):
    FIRST = "first"
    BUSINESS = "business"
    PREMIUM_ECONOMY = "premium_economy"
    ECONOMY = "economy"


# Cabins from the front of the aircraft to the back.
CABIN_ORDER = {cabin.value: rank for rank, cabin in enumerate(Cabin)}


class DepartureStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class TripType(enum.StrEnum):
    ONE_WAY = "one_way"
    ROUND_TRIP = "round_trip"


class PassengerType(enum.StrEnum):
    ADULT = "adult"
    CHILD = "child"


class SeatStatus(enum.StrEnum):
    LIVE = "live"
    RELEASED = "released"


class SeatPosition(enum.StrEnum):
    WINDOW = "window"
    MIDDLE = "middle"
    AISLE = "aisle"


class Airport(UUIDv7AuditBase):
    """An airport by IATA code. Codes are reassigned over the years, so a code that disappears from the data
    source is deactivated, never deleted (routes keep pointing at the airport by id), and only one active
    airport holds a code."""

    __tablename__ = "airports"
    __table_args__ = (
        CheckConstraint("length(iata) = 3 AND iata = upper(iata)", name="iata"),
        Index(
            "uq_airports_iata_active",
            "iata",
            unique=True,
            postgresql_where=text("is_active"),
            sqlite_where=text("is_active"),
        ),
        Index("ix_airports_country", "country"),
    )

    iata: Mapped[str] = mapped_column(String(3))
    icao: Mapped[str | None] = mapped_column(String(4), default=None)
    name: Mapped[str] = mapped_column(String(200))
    city: Mapped[str] = mapped_column(String(100))
    subdivision: Mapped[str] = mapped_column(String(100), default="")
    # ISO 3166-1 alpha-2 (the data source also uses XK for Kosovo).
    country: Mapped[str] = mapped_column(String(2))
    latitude: Mapped[Decimal] = mapped_column(Numeric(9, 6))
    longitude: Mapped[Decimal] = mapped_column(Numeric(9, 6))
    # IANA zone name: every local time at this airport is shown in it.
    timezone: Mapped[str] = mapped_column(String(64))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    source: Mapped[str] = mapped_column(String(40))


class Aircraft(UUIDv7AuditBase):
    """A carrier's aircraft and its seat map. The seats never change once a departure uses it: every seat
    code stored in an order stays meaningful (a new layout is a new aircraft)."""

    __tablename__ = "aircraft"
    __table_args__ = (
        CheckConstraint("seat_count > 0", name="seat_count"),
        UniqueConstraint("organizer_id", "registration"),
        Index("ix_aircraft_organizer_created", "organizer_id", "created_at"),
    )

    organizer_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    model: Mapped[str] = mapped_column(String(100))
    registration: Mapped[str | None] = mapped_column(String(10), default=None)
    # Sellable seats: every seat but the blocked ones.
    seat_count: Mapped[int] = mapped_column(Integer)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class AircraftCabin(UUIDv7AuditBase):
    __tablename__ = "aircraft_cabins"
    __table_args__ = (
        CheckConstraint(f"cabin IN {one_of(Cabin)}", name="cabin"),
        CheckConstraint("first_row >= 1 AND last_row >= first_row AND last_row <= 99", name="rows"),
        UniqueConstraint("aircraft_id", "cabin"),
    )

    aircraft_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("aircraft.id", ondelete="CASCADE"))
    cabin: Mapped[str] = mapped_column(String(16))
    first_row: Mapped[int] = mapped_column(SmallInteger)
    last_row: Mapped[int] = mapped_column(SmallInteger)
    # Seat letters of a row, "-" for each aisle: "ABC-DEF".
    layout: Mapped[str] = mapped_column(String(20))
    seat_count: Mapped[int] = mapped_column(Integer)


class AircraftSeat(UUIDv7AuditBase):
    __tablename__ = "aircraft_seats"
    __table_args__ = (
        CheckConstraint(f"cabin IN {one_of(Cabin)}", name="cabin"),
        CheckConstraint(f"position IN {one_of(SeatPosition)}", name="position"),
        UniqueConstraint("aircraft_id", "code", name="uq_aircraft_seats_code"),
        UniqueConstraint("aircraft_id", "row", "letter", name="uq_aircraft_seats_row_letter"),
        Index("ix_aircraft_seats_cabin", "aircraft_id", "cabin"),
    )

    aircraft_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("aircraft.id", ondelete="CASCADE"))
    code: Mapped[str] = mapped_column(String(4))
    row: Mapped[int] = mapped_column(SmallInteger)
    letter: Mapped[str] = mapped_column(String(1))
    cabin: Mapped[str] = mapped_column(String(16))
    position: Mapped[str] = mapped_column(String(6))
    exit_row: Mapped[bool] = mapped_column(Boolean, default=False)
    extra_legroom: Mapped[bool] = mapped_column(Boolean, default=False)
    # Crew rests and inoperative seats: shown, never sold.
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)


class FlightRoute(UUIDv7AuditBase):
    """A carrier's flight number between two airports: one managed listing (``kind='flight'``), whose ticket
    types are the fares and whose sessions are the departures. The listing keeps the status (draft,
    published, cancelled) and the currency."""

    __tablename__ = "flight_routes"
    __table_args__ = (
        CheckConstraint("origin_airport_id <> destination_airport_id", name="airports"),
        UniqueConstraint("organizer_id", "flight_number", name="uq_flight_routes_flight_number"),
        Index("ix_flight_routes_organizer_created", "organizer_id", "created_at"),
    )

    # The listing's id: a route is its listing (``GET /events/{route id}/sales`` works for it).
    id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True)
    # Copied from the listing, so ownership is checked without reading the catalog's tables.
    organizer_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    flight_number: Mapped[str] = mapped_column(String(8))
    origin_airport_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("airports.id", ondelete="RESTRICT"))
    destination_airport_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("airports.id", ondelete="RESTRICT"))
    default_aircraft_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("aircraft.id", ondelete="RESTRICT"))
    # The route flying the other way, linked both ways by ``POST /flights/routes/{id}/return``.
    return_route_id: Mapped[uuid.UUID | None] = mapped_column(
        GUID, ForeignKey("flight_routes.id", ondelete="SET NULL"), default=None
    )


class FlightFare(UUIDv7AuditBase):
    """What a fare adds to its ticket type (which keeps the name, price, currency and whether it is sold)."""

    __tablename__ = "flight_fares"
    __table_args__ = (
        CheckConstraint(f"cabin IN {one_of(Cabin)}", name="cabin"),
        CheckConstraint("cabin_bags BETWEEN 0 AND 5 AND checked_bags BETWEEN 0 AND 5", name="bags"),
        Index("ix_flight_fares_route_cabin", "route_id", "cabin"),
    )

    # The ticket type's id.
    id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("ticket_types.id", ondelete="CASCADE"), primary_key=True)
    route_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("flight_routes.id", ondelete="CASCADE"))
    cabin: Mapped[str] = mapped_column(String(16))
    refundable: Mapped[bool] = mapped_column(Boolean, default=False)
    changeable: Mapped[bool] = mapped_column(Boolean, default=False)
    cabin_bags: Mapped[int] = mapped_column(SmallInteger, default=1)
    checked_bags: Mapped[int] = mapped_column(SmallInteger, default=0)


class FlightDeparture(UUIDv7AuditBase):
    """One dated flight of a route: a session of the route's listing, mirrored with what search needs. Written
    only by the flights module, in the same transaction as its session."""

    __tablename__ = "flight_departures"
    __table_args__ = (
        CheckConstraint("arrives_at > departs_at", name="period"),
        CheckConstraint(f"status IN {one_of(DepartureStatus)}", name="status"),
        # Search: one airport pair on one local date, in time order.
        Index(
            "ix_flight_departures_search",
            "origin_airport_id",
            "destination_airport_id",
            "departure_date_local",
            "departs_at",
            postgresql_where=text("status = 'scheduled'"),
            sqlite_where=text("status = 'scheduled'"),
        ),
        # A route flies once at a given time.
        Index(
            "uq_flight_departures_route_time",
            "route_id",
            "departs_at",
            unique=True,
            postgresql_where=text("status = 'scheduled'"),
            sqlite_where=text("status = 'scheduled'"),
        ),
        Index("ix_flight_departures_aircraft", "aircraft_id"),
    )

    # The session's id: check-in takes it as the session of a boarding pass.
    id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    route_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("flight_routes.id", ondelete="CASCADE"))
    origin_airport_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("airports.id", ondelete="RESTRICT"))
    destination_airport_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("airports.id", ondelete="RESTRICT"))
    aircraft_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("aircraft.id", ondelete="RESTRICT"))
    departs_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    arrives_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    # The calendar date of ``departs_at`` at the origin, computed when written: search asks by local date.
    departure_date_local: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(12), default=DepartureStatus.SCHEDULED.value)


LIVE_SEAT = text("status = 'live'")


class FlightOrder(UUIDv7AuditBase):
    """A trip: every leg for every passenger, booked as one booking group (one hold, one payment)."""

    __tablename__ = "flight_orders"
    __table_args__ = (
        CheckConstraint(f"trip_type IN {one_of(TripType)}", name="trip_type"),
        CheckConstraint(f"cabin IN {one_of(Cabin)}", name="cabin"),
        CheckConstraint("passenger_count BETWEEN 1 AND 9", name="passenger_count"),
        Index("ix_flight_orders_user_created", "user_id", "created_at"),
    )

    booking_group_id: Mapped[uuid.UUID] = mapped_column(
        GUID, ForeignKey("booking_groups.id", ondelete="RESTRICT"), unique=True
    )
    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    reference: Mapped[str] = mapped_column(String(6), unique=True)  # the group's
    trip_type: Mapped[str] = mapped_column(String(10))
    cabin: Mapped[str] = mapped_column(String(16))
    passenger_count: Mapped[int] = mapped_column(SmallInteger)


class FlightOrderLeg(UUIDv7AuditBase):
    """One flight of an order: a core booking on the departure's session, one ticket per passenger."""

    __tablename__ = "flight_order_legs"
    __table_args__ = (
        CheckConstraint("leg IN (1, 2)", name="leg"),
        UniqueConstraint("order_id", "leg", name="uq_flight_order_legs_leg"),
        Index("ix_flight_order_legs_departure", "departure_id"),
    )

    order_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("flight_orders.id", ondelete="CASCADE"))
    leg: Mapped[int] = mapped_column(SmallInteger)
    booking_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("bookings.id", ondelete="RESTRICT"), unique=True)
    departure_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("flight_departures.id", ondelete="RESTRICT"))
    fare_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("flight_fares.id", ondelete="RESTRICT"))


class FlightPassenger(UUIDv7AuditBase):
    """A traveller of an order. The document is sealed (core.pii) and bound to this row; only masks are kept in
    clear. After the trip the document and its fingerprint are purged; the masks stay."""

    __tablename__ = "flight_passengers"
    __table_args__ = (
        CheckConstraint(f"passenger_type IN {one_of(PassengerType)}", name="passenger_type"),
        CheckConstraint("position BETWEEN 1 AND 9", name="position"),
        UniqueConstraint("order_id", "position", name="uq_flight_passengers_position"),
    )

    order_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("flight_orders.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(SmallInteger)
    passenger_type: Mapped[str] = mapped_column(String(6))
    given_name: Mapped[str] = mapped_column(String(60))
    family_name: Mapped[str] = mapped_column(String(60))
    nationality: Mapped[str] = mapped_column(String(2))
    document_ciphertext: Mapped[bytes | None] = mapped_column(LargeBinary, default=None)
    document_number_masked: Mapped[str] = mapped_column(String(24))
    document_series_masked: Mapped[str | None] = mapped_column(String(12), default=None)
    document_fingerprint: Mapped[str | None] = mapped_column(String(64), default=None)
    purged_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)


class FlightSeatAssignment(UUIDv7AuditBase):
    """A passenger in a seat on a departure, with the cabin and the passport: at most one live row per passport
    and per ticket on a departure. The seat itself is claimed on the booking core's per-seat guard
    (``session_seats``), so a seat is never held by two passengers and a cabin is never oversold. Held and sold
    seats are both live (held or sold is the booking's status); a released row is kept as history."""

    __tablename__ = "flight_seat_assignments"
    __table_args__ = (
        CheckConstraint(f"status IN {one_of(SeatStatus)}", name="status"),
        CheckConstraint(f"cabin IN {one_of(Cabin)}", name="cabin"),
        Index(
            "uq_flight_passport_live",
            "departure_id",
            "document_fingerprint",
            unique=True,
            postgresql_where=LIVE_SEAT,
            sqlite_where=LIVE_SEAT,
        ),
        Index("uq_flight_ticket_live", "ticket_id", unique=True, postgresql_where=LIVE_SEAT, sqlite_where=LIVE_SEAT),
        Index("ix_flight_seat_cabin_live", "departure_id", "cabin", postgresql_where=LIVE_SEAT, sqlite_where=LIVE_SEAT),
        Index("ix_flight_seat_booking", "booking_id"),
        Index("ix_flight_seat_passenger", "passenger_id"),
    )

    departure_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("flight_departures.id", ondelete="RESTRICT"))
    aircraft_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("aircraft.id", ondelete="RESTRICT"))
    seat_code: Mapped[str] = mapped_column(String(4))
    cabin: Mapped[str] = mapped_column(String(16))
    passenger_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("flight_passengers.id", ondelete="CASCADE"))
    booking_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("bookings.id", ondelete="RESTRICT"))
    ticket_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("tickets.id", ondelete="RESTRICT"))
    document_fingerprint: Mapped[str | None] = mapped_column(String(64), default=None)
    status: Mapped[str] = mapped_column(String(10), default=SeatStatus.LIVE.value)
    released_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # expired, cancelled, seat_change, aircraft_change
    release_reason: Mapped[str | None] = mapped_column(String(20), default=None)


class FlightDocumentReveal(UUIDv7AuditBase):
    """One reveal of a departure's passport documents to its carrier (the manifest with ``reveal=documents``):
    who, when, how many passengers, why."""

    __tablename__ = "flight_document_reveals"
    __table_args__ = (Index("ix_flight_document_reveals_departure", "departure_id", "created_at"),)

    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    departure_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("flight_departures.id", ondelete="RESTRICT"))
    passenger_count: Mapped[int] = mapped_column(Integer)
    purpose: Mapped[str] = mapped_column(String(40))


class ChangeKind(enum.StrEnum):
    RETIMED = "retimed"
    AIRCRAFT = "aircraft"
    CANCELLED = "cancelled"


class AnswerStatus(enum.StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"


class FlightScheduleChange(UUIDv7AuditBase):
    """A carrier's change to a departure: new times, another aircraft, or its cancellation."""

    __tablename__ = "flight_schedule_changes"
    __table_args__ = (
        CheckConstraint(f"kind IN {one_of(ChangeKind)}", name="kind"),
        Index("ix_flight_schedule_changes_departure", "departure_id", "created_at"),
    )

    departure_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("flight_departures.id", ondelete="RESTRICT"))
    kind: Mapped[str] = mapped_column(String(12))
    old_departs_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    old_arrives_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    new_departs_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    new_arrives_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    old_aircraft_id: Mapped[uuid.UUID | None] = mapped_column(GUID, ForeignKey("aircraft.id", ondelete="RESTRICT"))
    new_aircraft_id: Mapped[uuid.UUID | None] = mapped_column(GUID, ForeignKey("aircraft.id", ondelete="RESTRICT"))
    reason: Mapped[str] = mapped_column(String(300), default="")
    created_by: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))


class FlightOrderChange(UUIDv7AuditBase):
    """A schedule change as one order met it, and the traveller's answer: accept it, or reject it and get every
    live leg refunded in full. Unanswered by ``respond_by``, it counts as accepted."""

    __tablename__ = "flight_order_changes"
    __table_args__ = (
        CheckConstraint(f"status IN {one_of(AnswerStatus)}", name="status"),
        CheckConstraint("leg IN (1, 2)", name="leg"),
        UniqueConstraint("order_id", "change_id", name="uq_flight_order_changes_change"),
        Index("ix_flight_order_changes_order_status", "order_id", "status"),
        Index(
            "ix_flight_order_changes_pending_due",
            "respond_by",
            postgresql_where=text("status = 'pending'"),
            sqlite_where=text("status = 'pending'"),
        ),
    )

    order_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("flight_orders.id", ondelete="CASCADE"))
    change_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("flight_schedule_changes.id", ondelete="CASCADE"))
    leg: Mapped[int] = mapped_column(SmallInteger)
    status: Mapped[str] = mapped_column(String(10), default=AnswerStatus.PENDING.value)
    conflicts_with_return: Mapped[bool] = mapped_column(Boolean, default=False)
    respond_by: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    responded_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
