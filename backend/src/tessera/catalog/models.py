"""Listings (events, flights, watch parties), their venues, sessions (dated occurrences) and prices."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID, DateTimeUTC, JsonB
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from tessera.core.db import one_of


class ListingKind(enum.StrEnum):
    EVENT = "event"
    FLIGHT = "flight"
    PARTY = "party"


class ListingStatus(enum.StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class ListingDomain(enum.StrEnum):
    """A domain that manages its listings itself (its own pages, orders and rules), on the booking core."""

    FLIGHTS = "flights"
    PARTIES = "parties"


# Where a managed listing is booked and edited instead of the generic endpoints.
DOMAIN_PATHS = {ListingDomain.FLIGHTS: "/api/v1/flights", ListingDomain.PARTIES: "/api/v1/parties"}


class SessionStatus(enum.StrEnum):
    SCHEDULED = "scheduled"
    CANCELLED = "cancelled"


class Venue(UUIDv7AuditBase):
    __tablename__ = "venues"

    organizer_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300), default="")
    city: Mapped[str] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2))
    timezone: Mapped[str] = mapped_column(String(64))
    capacity: Mapped[int | None] = mapped_column(Integer, default=None)


# The catalog filters by city whatever its case.
Index("ix_venues_city_lower", func.lower(Venue.city))


class SeatMap(UUIDv7AuditBase):
    """A venue's seating plan as its organizer drew it (``layout``: sections of rows). Its seats are generated
    from the drawing (:mod:`tessera.catalog.seatmaps`), the same every time. Sessions that use it sell those
    seats one by one; once one does, the map never changes (a new plan is a new map), so a seat code always
    means the same place."""

    __tablename__ = "seat_maps"
    __table_args__ = (
        CheckConstraint("seat_count > 0", name="seat_count"),
        Index("ix_seat_maps_venue", "venue_id"),
    )

    venue_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("venues.id", ondelete="RESTRICT"))
    name: Mapped[str] = mapped_column(String(200))
    layout: Mapped[dict[str, object]] = mapped_column(JsonB)
    # Sellable seats: every seat but the blocked ones.
    seat_count: Mapped[int] = mapped_column(Integer)
    # Bumped on every replacement, so a cached plan is never served after an edit.
    version: Mapped[int] = mapped_column(Integer, default=1)


class Listing(UUIDv7AuditBase):
    """A listing. ``starts_at``/``ends_at`` span its scheduled sessions (kept by the catalog service) so the
    catalog sorts and hides past listings without scanning sessions."""

    __tablename__ = "listings"
    __table_args__ = (
        CheckConstraint(f"kind IN {one_of(ListingKind)}", name="kind"),
        CheckConstraint(f"status IN {one_of(ListingStatus)}", name="status"),
        CheckConstraint(f"managed_by IN {one_of(ListingDomain)}", name="managed_by"),
        # The public catalog shows published listings that have not ended, optionally of one kind or category.
        Index("ix_listings_status_ends", "status", "ends_at"),
        Index("ix_listings_status_kind_ends", "status", "kind", "ends_at"),
        Index("ix_listings_category_ends", "category", "ends_at"),
        Index("ix_listings_organizer", "organizer_id"),
        Index("ix_listings_venue", "venue_id"),
        # What ticket types reference, so the database itself keeps every price of a listing in one currency.
        Index("uq_listings_id_currency", "id", "currency", unique=True),
    )

    kind: Mapped[str] = mapped_column(String(10), default=ListingKind.EVENT.value)
    title: Mapped[str] = mapped_column(String(200))
    slug: Mapped[str] = mapped_column(String(240), unique=True)
    description: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(String(60), default="other")
    tags: Mapped[list[str]] = mapped_column(JsonB, default=list)
    organizer_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    venue_id: Mapped[uuid.UUID | None] = mapped_column(GUID, ForeignKey("venues.id", ondelete="RESTRICT"), default=None)
    status: Mapped[str] = mapped_column(String(12), default=ListingStatus.DRAFT.value)
    image_url: Mapped[str | None] = mapped_column(String(500), default=None)
    published_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    starts_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    ends_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # Kept by the reviews module on approval and rejection; never recomputed per request.
    rating_average: Mapped[float] = mapped_column(Numeric(3, 2, asdecimal=False), default=0)
    rating_count: Mapped[int] = mapped_column(Integer, default=0)
    # Set once a listing has ended (the scheduler's archive job, or when its sessions move): the catalog's
    # text-search indexes hold only unarchived published listings, so searching costs the same with
    # ten years of past listings as with one month.
    archived: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    # The listing's one currency, fixed by its first ticket type.
    currency: Mapped[str | None] = mapped_column(String(3), default=None)
    # Set when a domain (flights, parties) manages the listing: the generic booking and editing endpoints
    # refuse it, and the booking core calls that domain's hooks when its bookings' seats change hands.
    managed_by: Mapped[str | None] = mapped_column(String(12), default=None)
    # Ticket holders may hand a ticket to someone else, until this many hours before a session starts.
    transfers_enabled: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    transfer_cutoff_hours: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # Approval-only sales: buyers ask, the organizer approves each request (or only for some ticket types);
    # a request holds seats for this many minutes (0: it holds nothing until approved).
    approval_required: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
    approval_hold_minutes: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))


class ListingSession(UUIDv7AuditBase):
    """A dated occurrence with a capacity. ``held`` seats await payment; ``sold`` seats are confirmed.
    Seat counts change only through conditional updates in :mod:`tessera.catalog.services`; the check
    constraint is the database's own refusal to oversell."""

    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint("capacity >= 0 AND held >= 0 AND sold >= 0 AND held + sold <= capacity", name="seats"),
        CheckConstraint("ends_at > starts_at", name="period"),
        CheckConstraint(f"status IN {one_of(SessionStatus)}", name="status"),
        Index("ix_sessions_event_starts", "event_id", "starts_at"),
        Index("ix_sessions_starts", "starts_at"),
    )

    event_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("listings.id", ondelete="CASCADE"))
    starts_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    ends_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    capacity: Mapped[int] = mapped_column(Integer)
    held: Mapped[int] = mapped_column(Integer, default=0)
    sold: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(12), default=SessionStatus.SCHEDULED.value)
    sales_start_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    sales_end_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # Reserved seating: the seat map whose seats this session sells one by one (its capacity is the map's
    # sellable seats less those the organizer blocks for the session). (No ON DELETE clause: SQLite adds this
    # column in place, and reads a column's own clause back without it; NO ACTION refuses deletes all the same.)
    seat_map_id: Mapped[uuid.UUID | None] = mapped_column(GUID, ForeignKey("seat_maps.id"), default=None, index=True)


class TicketType(UUIDv7AuditBase):
    __tablename__ = "ticket_types"
    __table_args__ = (
        CheckConstraint("price >= 0", name="price"),
        CheckConstraint("max_per_order >= 1", name="max_per_order"),
        Index("ix_ticket_types_event", "event_id"),
        ForeignKeyConstraint(
            ["event_id", "currency"],
            ["listings.id", "listings.currency"],
            name="fk_ticket_types_event_currency",
            ondelete="CASCADE",
        ),
    )

    event_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("listings.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    description: Mapped[str] = mapped_column(String(500), default="")
    price: Mapped[int] = mapped_column(BigInteger)  # up to core.money.Amount's maximum
    currency: Mapped[str] = mapped_column(String(3), default="KZT")
    max_per_order: Mapped[int] = mapped_column(Integer, default=10)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Reserved seating: the price zone of the seats this ticket type sells (None: not for seated sessions).
    zone: Mapped[str | None] = mapped_column(String(40), default=None)
    # Sold only on the organizer's approval, even on a listing that sells its other tickets freely.
    approval_required: Mapped[bool] = mapped_column(Boolean, default=False, server_default=text("false"))
