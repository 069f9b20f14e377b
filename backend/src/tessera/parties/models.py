"""The parties domain's tables."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    LargeBinary,
    SmallInteger,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from tessera.core.db import one_of


class SlotStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class PartyHost(UUIDv7AuditBase):
    """Anyone signed in may host: this is their public profile."""

    __tablename__ = "party_hosts"

    # The account's id: one profile per account.
    id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    display_name: Mapped[str] = mapped_column(String(80))
    bio: Mapped[str] = mapped_column(Text, default="")
    city: Mapped[str] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))
    # The default for new parties.
    approval_required: Mapped[bool] = mapped_column(Boolean, default=False)
    avatar_url: Mapped[str | None] = mapped_column(String(500), default=None)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


Index("ix_party_hosts_city_lower", func.lower(PartyHost.city))


class PartyDetail(UUIDv7AuditBase):
    """What a party adds to its listing: the film, the private address (sealed), and its rules."""

    __tablename__ = "party_details"
    __table_args__ = (
        CheckConstraint("movie_year IS NULL OR movie_year BETWEEN 1888 AND 2100", name="movie_year"),
        CheckConstraint("movie_runtime_minutes BETWEEN 1 AND 600", name="runtime"),
        CheckConstraint("capacity BETWEEN 1 AND 50", name="capacity"),
        CheckConstraint("max_places_per_guest BETWEEN 1 AND capacity", name="max_places"),
        CheckConstraint("buffer_minutes BETWEEN 0 AND 240", name="buffer"),
        CheckConstraint("booking_closes_minutes BETWEEN 0 AND 1440", name="booking_closes"),
        Index("ix_party_details_host", "host_id"),
    )

    # The listing's id: a party is its listing (GET /events/{id} answers for it, without the address).
    id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("listings.id", ondelete="CASCADE"), primary_key=True)
    host_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    movie_title: Mapped[str] = mapped_column(String(200))
    movie_year: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    movie_runtime_minutes: Mapped[int] = mapped_column(SmallInteger)
    movie_url: Mapped[str | None] = mapped_column(String(500), default=None)
    poster_url: Mapped[str | None] = mapped_column(String(500), default=None)
    place_city: Mapped[str] = mapped_column(String(100))
    place_public_area: Mapped[str] = mapped_column(String(200))
    # Often someone's home: sealed (core.pii), shown only to the host and guests with a live booking.
    place_address_ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    capacity: Mapped[int] = mapped_column(SmallInteger)
    max_places_per_guest: Mapped[int] = mapped_column(SmallInteger, default=1)
    approval_required: Mapped[bool] = mapped_column(Boolean, default=False)
    buffer_minutes: Mapped[int] = mapped_column(SmallInteger, default=30)
    booking_closes_minutes: Mapped[int] = mapped_column(SmallInteger, default=60)
    # The free "Place" ticket type of the listing.
    ticket_type_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("ticket_types.id", ondelete="RESTRICT"))


Index("ix_party_details_city_lower", func.lower(PartyDetail.place_city))


class PartySlot(UUIDv7AuditBase):
    """A showing: a session of the party's listing, mirrored with its host so that one host's scheduled slots
    never overlap (an exclusion constraint on PostgreSQL, triggers on SQLite; both in the migration)."""

    __tablename__ = "party_slots"
    __table_args__ = (
        CheckConstraint("ends_at > starts_at", name="period"),
        CheckConstraint(f"status IN {one_of(SlotStatus)}", name="status"),
        Index("ix_party_slots_host_starts", "host_id", "starts_at"),
        Index("ix_party_slots_party", "party_id", "starts_at"),
        Index(
            "ix_party_slots_upcoming",
            "starts_at",
            postgresql_where=text("status = 'scheduled'"),
            sqlite_where=text("status = 'scheduled'"),
        ),
    )

    # The session's id: GET /sessions/{id}/availability answers for a slot.
    id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True)
    party_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("party_details.id", ondelete="CASCADE"))
    host_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    starts_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    status: Mapped[str] = mapped_column(String(12), default=SlotStatus.SCHEDULED.value)
