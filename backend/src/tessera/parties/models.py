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


class RequestStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class EncounterStatus(enum.StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"


class PartyRequest(UUIDv7AuditBase):
    """A guest asking for places at a party that needs the host's approval: it holds nothing until approved."""

    __tablename__ = "party_requests"
    __table_args__ = (
        CheckConstraint("host_id <> guest_id", name="not_own"),
        CheckConstraint("places >= 1", name="places"),
        CheckConstraint(f"status IN {one_of(RequestStatus)}", name="status"),
        Index(
            "uq_party_requests_pending",
            "slot_id",
            "guest_id",
            unique=True,
            postgresql_where=text("status = 'pending'"),
            sqlite_where=text("status = 'pending'"),
        ),
        Index("ix_party_requests_host_status", "host_id", "status", "created_at"),
        Index("ix_party_requests_guest_created", "guest_id", "created_at"),
        Index(
            "ix_party_requests_expiry",
            "expires_at",
            postgresql_where=text("status = 'pending'"),
            sqlite_where=text("status = 'pending'"),
        ),
    )

    slot_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("party_slots.id", ondelete="RESTRICT"))
    party_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("party_details.id", ondelete="RESTRICT"))
    host_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    guest_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    places: Mapped[int] = mapped_column(SmallInteger)
    message: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(10), default=RequestStatus.PENDING.value)
    booking_id: Mapped[uuid.UUID | None] = mapped_column(
        GUID, ForeignKey("bookings.id", ondelete="RESTRICT"), default=None
    )
    decided_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    decline_reason: Mapped[str | None] = mapped_column(String(300), default=None)
    expires_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))


class PartyEncounter(UUIDv7AuditBase):
    """A guest's booking on a slot as host and guest meet: attendance, a no-show, and the two ratings, kept in
    one row so that revealing them is one conditional update."""

    __tablename__ = "party_encounters"
    __table_args__ = (
        CheckConstraint("host_id <> guest_id", name="not_own"),
        CheckConstraint(f"status IN {one_of(EncounterStatus)}", name="status"),
        CheckConstraint("score_for_guest IS NULL OR score_for_guest BETWEEN 1 AND 5", name="score_for_guest"),
        CheckConstraint("score_for_host IS NULL OR score_for_host BETWEEN 1 AND 5", name="score_for_host"),
        CheckConstraint("no_show_resolution IN ('upheld', 'overturned')", name="no_show_resolution"),
        # One live booking per guest and slot: max_places_per_guest cannot be dodged by booking twice.
        Index(
            "uq_party_encounters_live",
            "slot_id",
            "guest_id",
            unique=True,
            postgresql_where=text("status = 'booked'"),
            sqlite_where=text("status = 'booked'"),
        ),
        Index("ix_party_encounters_host", "host_id", "revealed_at"),
        Index("ix_party_encounters_guest", "guest_id", "revealed_at"),
        Index(
            "ix_party_encounters_reveal_due",
            "window_closes_at",
            postgresql_where=text("revealed_at IS NULL AND status = 'booked'"),
            sqlite_where=text("revealed_at IS NULL AND status = 'booked'"),
        ),
    )

    slot_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("party_slots.id", ondelete="RESTRICT"))
    party_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("party_details.id", ondelete="RESTRICT"))
    host_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    guest_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    booking_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("bookings.id", ondelete="RESTRICT"), unique=True)
    places: Mapped[int] = mapped_column(SmallInteger)
    status: Mapped[str] = mapped_column(String(10), default=EncounterStatus.BOOKED.value)
    no_show: Mapped[bool] = mapped_column(Boolean, default=False)
    no_show_marked_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    no_show_disputed_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    no_show_dispute_reason: Mapped[str | None] = mapped_column(String(500), default=None)
    no_show_resolution: Mapped[str | None] = mapped_column(String(10), default=None)
    score_for_guest: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    comment_for_guest: Mapped[str | None] = mapped_column(Text, default=None)
    host_rated_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    score_for_host: Mapped[int | None] = mapped_column(SmallInteger, default=None)
    comment_for_host: Mapped[str | None] = mapped_column(Text, default=None)
    guest_rated_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # The ratings window: from the slot's end for TESSERA_PARTY_RATING_WINDOW_DAYS.
    window_opens_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    window_closes_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    revealed_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
