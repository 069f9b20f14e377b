"""The flights domain's tables."""

from __future__ import annotations

from decimal import Decimal

from advanced_alchemy.base import UUIDv7AuditBase
from sqlalchemy import Boolean, CheckConstraint, Index, Numeric, String, text
from sqlalchemy.orm import Mapped, mapped_column


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
