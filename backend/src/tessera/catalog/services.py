"""Catalog rules: who may create and change listings, venues, sessions and ticket types, and who may see them."""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime

import msgspec
from sqlalchemy import Select, and_, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.catalog.errors import (
    CapacityBelowBookedError,
    CatalogValidationError,
    CurrencyMismatchError,
    EventCancelledError,
    NotPublishableError,
    check_domain,
)
from tessera.catalog.models import (
    Listing,
    ListingDomain,
    ListingKind,
    ListingSession,
    ListingStatus,
    SessionStatus,
    TicketType,
    Venue,
)
from tessera.catalog.rules import aware, check_timezone, listing_or_404, manages, visible_listing
from tessera.catalog.schemas import (
    EventCreate,
    EventUpdate,
    SessionCreate,
    SessionUpdate,
    TicketTypeCreate,
    TicketTypeUpdate,
    VenueCreate,
)
from tessera.catalog.seatmaps import SeatMaps
from tessera.core.audit import AuditRecord, audit, audit_many, changed, snapshot
from tessera.core.auth import CurrentUser
from tessera.core.background import on_commit
from tessera.core.cache import VersionedCache
from tessera.core.errors import NotFoundAppError, PermissionDeniedError

CATALOG_NAMESPACE = "catalog"

# The fields whose changes the audit log keeps.
LISTING_FIELDS = (
    "kind",
    "title",
    "description",
    "category",
    "tags",
    "venue_id",
    "image_url",
    "status",
    "transfers_enabled",
    "transfer_cutoff_hours",
    "approval_required",
    "approval_hold_minutes",
)
SESSION_FIELDS = ("starts_at", "ends_at", "capacity", "sales_start_at", "sales_end_at", "status", "seat_map_id")
TYPE_FIELDS = ("name", "price", "currency", "max_per_order", "is_active", "zone", "approval_required")


def _slugify(title: str) -> str:
    base = re.sub(r"[^\w]+", "-", title.lower(), flags=re.UNICODE).strip("-_")[:200] or "listing"
    return f"{base}-{secrets.token_hex(3)}"


class CatalogService:
    """Listings, venues, sessions and ticket types, with the public catalog cached and invalidated on change."""

    def __init__(self, session: AsyncSession, cache: VersionedCache, domain: ListingDomain | None = None) -> None:
        self.session = session
        self.cache = cache
        # The domain this service acts for: it creates listings that domain manages, and edits only those.
        self.domain = domain

    # -- access -----------------------------------------------------------------------------------------

    async def _event(self, event_id: uuid.UUID) -> Listing:
        return await listing_or_404(self.session, event_id)

    async def event_for_editing(self, event_id: uuid.UUID, user: CurrentUser) -> Listing:
        """The event if ``user`` may manage it. Others' drafts stay invisible (404); others' public
        listings are visibly not theirs (403)."""
        event = await self._event(event_id)
        if user.is_admin or event.organizer_id == user.id:
            check_domain(event.managed_by, self.domain)
            return event
        if event.status == ListingStatus.DRAFT:
            raise NotFoundAppError("Listing not found")
        raise PermissionDeniedError("Only the listing's organizer may change it")

    async def _editable(self, event_id: uuid.UUID, user: CurrentUser) -> Listing:
        event = await self.event_for_editing(event_id, user)
        if event.status == ListingStatus.CANCELLED:
            raise EventCancelledError("This listing is cancelled and can no longer change")
        return event

    async def _session_for_editing(self, session_id: uuid.UUID, user: CurrentUser) -> tuple[ListingSession, Listing]:
        row = await self.session.get(ListingSession, session_id)
        if row is None:
            raise NotFoundAppError("Session not found")
        return row, await self._editable(row.event_id, user)

    async def set_rating(self, event_id: uuid.UUID, average: float, count: int) -> None:
        """Kept by the reviews module whenever the set of approved reviews changes."""
        await self.session.execute(
            update(Listing).where(Listing.id == event_id).values(rating_average=round(average, 2), rating_count=count)
        )

    def invalidate(self) -> None:
        """Drop every cached catalog response once this transaction commits (not before: a reader in between
        would cache the old data again), and before the request answers."""
        on_commit(self.session, lambda: self.cache.bump(CATALOG_NAMESPACE))

    # -- venues -----------------------------------------------------------------------------------------

    async def create_venue(self, data: VenueCreate, user: CurrentUser) -> Venue:
        venue = Venue(
            organizer_id=user.id,
            name=data.name.strip(),
            address=data.address.strip(),
            city=data.city.strip(),
            country=data.country,
            timezone=check_timezone(data.timezone),
            capacity=data.capacity,
        )
        self.session.add(venue)
        await self.session.flush()
        return venue

    async def list_venues(self, user: CurrentUser, limit: int, offset: int) -> tuple[list[Venue], int]:
        stmt = select(Venue)
        if not user.is_admin:
            stmt = stmt.where(Venue.organizer_id == user.id)
        total = await self.session.scalar(select(func.count()).select_from(stmt.subquery()))
        rows = await self.session.scalars(stmt.order_by(Venue.name).limit(limit).offset(offset))
        return list(rows), total or 0

    async def _usable_venue(self, venue_id: uuid.UUID, user: CurrentUser) -> Venue:
        venue = await self.session.get(Venue, venue_id)
        if venue is None or not (user.is_admin or venue.organizer_id == user.id):
            raise NotFoundAppError("Venue not found")
        return venue

    # -- events -----------------------------------------------------------------------------------------

    async def create_event(self, data: EventCreate, user: CurrentUser) -> Listing:
        if data.venue is not None and data.venue_id is not None:
            raise CatalogValidationError("Give either venue or venue_id, not both")
        venue_id = None
        if data.venue is not None:
            venue_id = (await self.create_venue(data.venue, user)).id
        elif data.venue_id is not None:
            venue_id = (await self._usable_venue(data.venue_id, user)).id
        event = Listing(
            kind=data.kind,
            title=data.title.strip(),
            slug=_slugify(data.title),
            description=data.description,
            category=data.category,
            tags=sorted({t.strip().lower() for t in data.tags if t.strip()}),
            organizer_id=user.id,
            venue_id=venue_id,
            image_url=data.image_url,
            managed_by=self.domain,
        )
        self.session.add(event)
        await self.session.flush()
        audit(self.session, "listing.created", event.id, changed({}, snapshot(event, LISTING_FIELDS)))
        self.invalidate()
        return event

    async def update_event(self, event_id: uuid.UUID, data: EventUpdate, user: CurrentUser) -> Listing:
        event = await self._editable(event_id, user)
        before = snapshot(event, LISTING_FIELDS)
        if data.title is not msgspec.UNSET:
            event.title = data.title.strip()
        if data.description is not msgspec.UNSET:
            event.description = data.description
        if data.category is not msgspec.UNSET:
            event.category = data.category
        if data.tags is not msgspec.UNSET:
            event.tags = sorted({t.strip().lower() for t in data.tags if t.strip()})
        if data.venue_id is not msgspec.UNSET:
            event.venue_id = (await self._usable_venue(data.venue_id, user)).id
        if data.image_url is not msgspec.UNSET:
            event.image_url = data.image_url
        if data.transfers_enabled is not msgspec.UNSET:
            event.transfers_enabled = data.transfers_enabled
        if data.transfer_cutoff_hours is not msgspec.UNSET:
            event.transfer_cutoff_hours = data.transfer_cutoff_hours
        if data.approval_required is not msgspec.UNSET:
            event.approval_required = data.approval_required
        if data.approval_hold_minutes is not msgspec.UNSET:
            event.approval_hold_minutes = data.approval_hold_minutes
        if changes := changed(before, snapshot(event, LISTING_FIELDS)):
            audit(self.session, "listing.updated", event.id, changes)
        await self.session.flush()
        self.invalidate()
        return event

    async def publish_event(self, event_id: uuid.UUID, user: CurrentUser) -> Listing:
        event = await self._editable(event_id, user)
        if event.status == ListingStatus.PUBLISHED:
            return event
        now = datetime.now(UTC)
        has_session = await self.session.scalar(
            select(
                exists().where(
                    ListingSession.event_id == event.id,
                    ListingSession.status == SessionStatus.SCHEDULED,
                    ListingSession.starts_at > now,
                )
            )
        )
        has_price = await self.session.scalar(
            select(exists().where(TicketType.event_id == event.id, TicketType.is_active.is_(True)))
        )
        missing = [
            what for what, ok in (("an upcoming session", has_session), ("an active ticket type", has_price)) if not ok
        ]
        if missing:
            raise NotPublishableError(f"Add {' and '.join(missing)} before publishing")
        audit(self.session, "listing.published", event.id, {"status": [event.status, ListingStatus.PUBLISHED]})
        event.status = ListingStatus.PUBLISHED
        event.published_at = now
        await self.session.flush()
        self.invalidate()
        return event

    async def mark_event_cancelled(self, event: Listing) -> list[uuid.UUID]:
        """Cancel the listing and its scheduled sessions; returns the sessions cancelled now.
        The booking module cancels their bookings in the same transaction."""
        now = datetime.now(UTC)
        audit(self.session, "listing.cancelled", event.id, {"status": [event.status, ListingStatus.CANCELLED]})
        event.status = ListingStatus.CANCELLED
        event.cancelled_at = now
        result = await self.session.execute(
            update(ListingSession)
            .where(ListingSession.event_id == event.id, ListingSession.status == SessionStatus.SCHEDULED)
            .values(status=SessionStatus.CANCELLED, updated_at=now)
            .returning(ListingSession.id)
        )
        return list(result.scalars())

    async def mark_session_cancelled(self, session_id: uuid.UUID, user: CurrentUser) -> ListingSession:
        row, event = await self._session_for_editing(session_id, user)
        if row.status != SessionStatus.CANCELLED:
            audit(self.session, "session.cancelled", row.id, {"status": [row.status, SessionStatus.CANCELLED]})
            row.status = SessionStatus.CANCELLED
            await self.session.flush()
            await self._refresh_span(event.id)
        return row

    async def _refresh_span(self, event_id: uuid.UUID) -> None:
        scheduled = and_(ListingSession.event_id == event_id, ListingSession.status == SessionStatus.SCHEDULED)
        await self.session.execute(
            update(Listing)
            .where(Listing.id == event_id)
            .values(
                starts_at=select(func.min(ListingSession.starts_at)).where(scheduled).scalar_subquery(),
                ends_at=select(func.max(ListingSession.ends_at)).where(scheduled).scalar_subquery(),
                # A listing whose sessions moved into the future comes back to the catalog search.
                archived=False,
            )
        )

    async def archive_finished(self, now: datetime) -> int:
        """Move listings that have ended out of the catalog's search indexes; returns how many."""
        result = await self.session.execute(
            update(Listing)
            .where(Listing.archived.is_(False), Listing.ends_at <= now)
            .values(archived=True)
            .execution_options(synchronize_session=False)
        )
        return int(result.rowcount)  # type: ignore[attr-defined]

    # -- sessions ---------------------------------------------------------------------------------------

    async def _check_session_fields(
        self,
        event: Listing,
        starts_at: datetime,
        ends_at: datetime,
        capacity: int,
        sales_start_at: datetime | None,
        sales_end_at: datetime | None,
    ) -> None:
        if ends_at <= starts_at:
            raise CatalogValidationError("ends_at must be after starts_at")
        if sales_start_at is not None and sales_end_at is not None and sales_end_at <= sales_start_at:
            raise CatalogValidationError("sales_end_at must be after sales_start_at")
        if sales_end_at is not None and sales_end_at > ends_at:
            raise CatalogValidationError("sales_end_at must not be after the session ends")
        if event.venue_id is not None:
            venue = await self.session.get(Venue, event.venue_id)
            if venue is not None and venue.capacity is not None and capacity > venue.capacity:
                raise CatalogValidationError(f"capacity exceeds the venue's {venue.capacity} seats")

    async def add_session(self, event_id: uuid.UUID, data: SessionCreate, user: CurrentUser) -> ListingSession:
        [row] = await self.add_sessions(event_id, [data], user)
        return row

    async def add_sessions(
        self, event_id: uuid.UUID, items: Sequence[SessionCreate], user: CurrentUser
    ) -> list[ListingSession]:
        """Sessions of one listing, in the given order (a flight schedule adds a year of them at once)."""
        event = await self._editable(event_id, user)
        now = datetime.now(UTC)
        rows = []
        for data in items:
            starts_at, ends_at = aware(data.starts_at, "starts_at"), aware(data.ends_at, "ends_at")
            if starts_at <= now:
                raise CatalogValidationError("starts_at must be in the future")
            sales_start = aware(data.sales_start_at, "sales_start_at") if data.sales_start_at else None
            sales_end = aware(data.sales_end_at, "sales_end_at") if data.sales_end_at else None
            capacity = data.capacity
            if data.seat_map_id is not None:
                # Reserved seating: the map's seats are the session's capacity.
                seat_map = await SeatMaps(self.session).usable(data.seat_map_id, event.venue_id)
                if capacity is not None and capacity != seat_map.seat_count:
                    raise CatalogValidationError(
                        f"A session with a seat map sells its {seat_map.seat_count} seats; leave capacity out"
                    )
                capacity = seat_map.seat_count
            if capacity is None:
                raise CatalogValidationError("capacity is required (or a seat_map_id)")
            await self._check_session_fields(event, starts_at, ends_at, capacity, sales_start, sales_end)
            rows.append(
                ListingSession(
                    event_id=event.id,
                    starts_at=starts_at,
                    ends_at=ends_at,
                    capacity=capacity,
                    sales_start_at=sales_start,
                    sales_end_at=sales_end,
                    seat_map_id=data.seat_map_id,
                )
            )
        self.session.add_all(rows)
        await self.session.flush()
        await audit_many(
            self.session,
            [AuditRecord("session.created", row.id, changed({}, snapshot(row, SESSION_FIELDS))) for row in rows],
        )
        await self._refresh_span(event.id)
        self.invalidate()
        return rows

    async def update_session(
        self, session_id: uuid.UUID, data: SessionUpdate, user: CurrentUser
    ) -> tuple[ListingSession, bool]:
        """Returns the session and whether its time changed (attendees must be told)."""
        row, event = await self._session_for_editing(session_id, user)
        if row.status == SessionStatus.CANCELLED:
            raise EventCancelledError("This session is cancelled and can no longer change")
        starts_at = aware(data.starts_at, "starts_at") if data.starts_at is not msgspec.UNSET else row.starts_at
        ends_at = aware(data.ends_at, "ends_at") if data.ends_at is not msgspec.UNSET else row.ends_at
        capacity = data.capacity if data.capacity is not msgspec.UNSET else row.capacity
        if row.seat_map_id is not None and capacity != row.capacity:
            raise CatalogValidationError("A seated session's capacity follows its seat map: block or release seats")
        sales_start = row.sales_start_at
        if data.sales_start_at is not msgspec.UNSET:
            sales_start = aware(data.sales_start_at, "sales_start_at") if data.sales_start_at else None
        sales_end = row.sales_end_at
        if data.sales_end_at is not msgspec.UNSET:
            sales_end = aware(data.sales_end_at, "sales_end_at") if data.sales_end_at else None
        await self._check_session_fields(event, starts_at, ends_at, capacity, sales_start, sales_end)
        before = snapshot(row, SESSION_FIELDS)
        if capacity != row.capacity:
            # Conditional, like every seat change: never below what is already held or sold.
            resized = await self.session.execute(
                update(ListingSession)
                .where(ListingSession.id == row.id, ListingSession.sold + ListingSession.held <= capacity)
                .values(capacity=capacity)
            )
            if resized.rowcount != 1:  # type: ignore[attr-defined]
                raise CapacityBelowBookedError("Capacity cannot go below the seats already held or sold")
            await self.session.refresh(row)
        time_changed = (starts_at, ends_at) != (row.starts_at, row.ends_at)
        row.starts_at, row.ends_at = starts_at, ends_at
        row.sales_start_at, row.sales_end_at = sales_start, sales_end
        if changes := changed(before, snapshot(row, SESSION_FIELDS)):
            audit(self.session, "session.updated", row.id, changes)
        await self.session.flush()
        await self._refresh_span(event.id)
        return row, time_changed

    async def sessions_of(self, event_id: uuid.UUID, user: CurrentUser | None) -> list[ListingSession]:
        await self.visible_event(event_id, user)
        rows = await self.session.scalars(
            select(ListingSession).where(ListingSession.event_id == event_id).order_by(ListingSession.starts_at)
        )
        return list(rows)

    # -- ticket types -----------------------------------------------------------------------------------

    async def add_ticket_type(self, event_id: uuid.UUID, data: TicketTypeCreate, user: CurrentUser) -> TicketType:
        event = await self._editable(event_id, user)
        # The first ticket type fixes the listing's currency; one conditional update, so two concurrent
        # requests in different currencies cannot both win (the database's foreign key backs this up).
        fixed = await self.session.execute(
            update(Listing)
            .where(Listing.id == event.id, or_(Listing.currency.is_(None), Listing.currency == data.currency))
            .values(currency=data.currency)
            .execution_options(synchronize_session=False)
        )
        if fixed.rowcount != 1:  # type: ignore[attr-defined]
            other_currency = await self.session.scalar(select(Listing.currency).where(Listing.id == event.id))
            raise CurrencyMismatchError(f"This listing is priced in {other_currency}; use one currency per listing")
        ticket_type = TicketType(
            event_id=event.id,
            name=data.name.strip(),
            description=data.description,
            price=data.price,
            currency=data.currency,
            max_per_order=data.max_per_order,
            zone=data.zone,
            approval_required=data.approval_required,
        )
        self.session.add(ticket_type)
        await self.session.flush()
        audit(self.session, "ticket_type.created", ticket_type.id, changed({}, snapshot(ticket_type, TYPE_FIELDS)))
        self.invalidate()
        return ticket_type

    async def update_ticket_type(
        self, ticket_type_id: uuid.UUID, data: TicketTypeUpdate, user: CurrentUser
    ) -> TicketType:
        ticket_type = await self.session.get(TicketType, ticket_type_id)
        if ticket_type is None:
            raise NotFoundAppError("Ticket type not found")
        await self._editable(ticket_type.event_id, user)
        before = snapshot(ticket_type, TYPE_FIELDS)
        # Bookings copy the price onto their tickets, so later price changes never alter them.
        for field in ("name", "description", "price", "max_per_order", "is_active", "zone", "approval_required"):
            value = getattr(data, field)
            if value is not msgspec.UNSET:
                setattr(ticket_type, field, value.strip() if isinstance(value, str) else value)
        if changes := changed(before, snapshot(ticket_type, TYPE_FIELDS)):
            action = "ticket_type.price_changed" if "price" in changes else "ticket_type.updated"
            audit(self.session, action, ticket_type.id, changes)
        await self.session.flush()
        self.invalidate()
        return ticket_type

    async def ticket_types_of(self, event_id: uuid.UUID, user: CurrentUser | None) -> list[TicketType]:
        event = await self.visible_event(event_id, user)
        stmt = select(TicketType).where(TicketType.event_id == event_id).order_by(TicketType.price)
        if not manages(event, user):
            stmt = stmt.where(TicketType.is_active.is_(True))
        return list(await self.session.scalars(stmt))

    # -- reading ----------------------------------------------------------------------------------------

    async def visible_event(self, event_id: uuid.UUID, user: CurrentUser | None) -> Listing:
        return await visible_listing(self.session, event_id, user)

    async def listings(self, listing_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Listing]:
        """Listings by id, whatever their status (a domain reading its own listings)."""
        ids = set(listing_ids)
        if not ids:
            return {}
        return {row.id: row for row in await self.session.scalars(select(Listing).where(Listing.id.in_(ids)))}

    async def venue_of(self, listing: Listing) -> Venue:
        """A listing's venue (a domain that always gives its listings one)."""
        venue = await self.session.get(Venue, listing.venue_id) if listing.venue_id else None
        if venue is None:
            raise NotFoundAppError("Venue not found")
        return venue

    def published_ids(self, kind: ListingKind) -> Select[tuple[uuid.UUID]]:
        """Published listings of a kind, for a domain filtering its own rows by them."""
        return select(Listing.id).where(Listing.status == ListingStatus.PUBLISHED, Listing.kind == kind)

    def ids_with_status(self, organizer_id: uuid.UUID, status: str) -> Select[tuple[uuid.UUID]]:
        """An organizer's listings in one status (draft, published, cancelled)."""
        return select(Listing.id).where(Listing.organizer_id == organizer_id, Listing.status == status)

    async def ticket_types(self, ticket_type_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, TicketType]:
        """Ticket types by id, active or not (a domain reading its own listings' prices)."""
        ids = set(ticket_type_ids)
        if not ids:
            return {}
        rows = await self.session.scalars(select(TicketType).where(TicketType.id.in_(ids)))
        return {row.id: row for row in rows}
