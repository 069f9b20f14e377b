"""The flights domain's tables."""

from __future__ import annotations

import enum
import uuid
from decimal import Decimal

from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
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
