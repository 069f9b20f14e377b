"""Catalog rules: who may change a listing, what a public visitor sees, and the seat inventory."""

from __future__ import annotations

import re
import secrets
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import msgspec
from advanced_alchemy.types import GUID
from sqlalchemy import Select, Table, and_, bindparam, column, exists, func, literal, not_, or_, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.services import UserService
from tessera.catalog.models import Listing, ListingSession, ListingStatus, SessionStatus, TicketType, Venue
from tessera.catalog.schemas import (
    EventCreate,
    EventDetail,
    EventPage,
    EventSummary,
    EventUpdate,
    OrganizerRead,
    SessionCreate,
    SessionRead,
    SessionUpdate,
    TicketTypeCreate,
    TicketTypeRead,
    TicketTypeUpdate,
    VenueCreate,
    VenueRead,
)
from tessera.core.auth import CurrentUser, Role
from tessera.core.background import on_commit
from tessera.core.cache import VersionedCache
from tessera.core.errors import AppError, NotFoundAppError, PermissionDeniedError

CATALOG_NAMESPACE = "catalog"


class CatalogValidationError(AppError):
    status_code = 400
    code = "invalid_listing"


class EventCancelledError(AppError):
    status_code = 409
    code = "event_cancelled"


class NotPublishableError(AppError):
    status_code = 409
    code = "not_publishable"


class CurrencyMismatchError(AppError):
    status_code = 409
    code = "currency_mismatch"


class CapacityBelowBookedError(AppError):
    status_code = 409
    code = "capacity_below_booked"


@dataclass(frozen=True, slots=True)
class CatalogQuery:
    limit: int
    offset: int
    kind: str | None = None
    q: str | None = None
    category: str | None = None
    city: str | None = None
    date_from: datetime | None = None
    date_to: datetime | None = None
    organizer_id: uuid.UUID | None = None
    min_rating: float | None = None


def _aware(moment: datetime, field: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise CatalogValidationError(f"{field} must include a time zone offset, e.g. 2026-05-01T19:00:00+05:00")
    return moment.astimezone(UTC)


def _check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CatalogValidationError(f"Unknown time zone {name!r}; use an IANA name such as Asia/Almaty") from exc
    return name


def _slugify(title: str) -> str:
    base = re.sub(r"[^\w]+", "-", title.lower(), flags=re.UNICODE).strip("-_")[:200] or "listing"
    return f"{base}-{secrets.token_hex(3)}"


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _available(session: ListingSession) -> int:
    return max(0, session.capacity - session.sold - session.held)


def venue_read(venue: Venue) -> VenueRead:
    return msgspec.convert(venue, VenueRead, from_attributes=True)


def ticket_type_read(ticket_type: TicketType) -> TicketTypeRead:
    return msgspec.convert(ticket_type, TicketTypeRead, from_attributes=True)


def session_read(session: ListingSession) -> SessionRead:
    return SessionRead(
        id=session.id,
        event_id=session.event_id,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        capacity=session.capacity,
        available=_available(session) if session.status == SessionStatus.SCHEDULED else 0,
        status=session.status,
        sales_start_at=session.sales_start_at,
        sales_end_at=session.sales_end_at,
    )


class CatalogService:
    """Listings, venues, sessions and ticket types, with the public catalog cached and invalidated on change."""

    def __init__(self, session: AsyncSession, cache: VersionedCache) -> None:
        self.session = session
        self.cache = cache

    # -- access -----------------------------------------------------------------------------------------

    async def _event(self, event_id: uuid.UUID) -> Listing:
        event = await self.session.get(Listing, event_id)
        if event is None:
            raise NotFoundAppError("Listing not found")
        return event

    async def event_for_editing(self, event_id: uuid.UUID, user: CurrentUser) -> Listing:
        """The event if ``user`` may manage it. Others' drafts stay invisible (404); others' public
        listings are visibly not theirs (403)."""
        event = await self._event(event_id)
        if user.is_admin or event.organizer_id == user.id:
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
            timezone=_check_timezone(data.timezone),
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
        )
        self.session.add(event)
        await self.session.flush()
        self.invalidate()
        return event

    async def update_event(self, event_id: uuid.UUID, data: EventUpdate, user: CurrentUser) -> Listing:
        event = await self._editable(event_id, user)
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
        event.status = ListingStatus.PUBLISHED
        event.published_at = now
        await self.session.flush()
        self.invalidate()
        return event

    async def mark_event_cancelled(self, event: Listing) -> list[uuid.UUID]:
        """Cancel the listing and its scheduled sessions; returns the sessions cancelled now.
        The booking module cancels their bookings in the same transaction."""
        now = datetime.now(UTC)
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
        event = await self._editable(event_id, user)
        starts_at, ends_at = _aware(data.starts_at, "starts_at"), _aware(data.ends_at, "ends_at")
        if starts_at <= datetime.now(UTC):
            raise CatalogValidationError("starts_at must be in the future")
        sales_start = _aware(data.sales_start_at, "sales_start_at") if data.sales_start_at else None
        sales_end = _aware(data.sales_end_at, "sales_end_at") if data.sales_end_at else None
        await self._check_session_fields(event, starts_at, ends_at, data.capacity, sales_start, sales_end)
        row = ListingSession(
            event_id=event.id,
            starts_at=starts_at,
            ends_at=ends_at,
            capacity=data.capacity,
            sales_start_at=sales_start,
            sales_end_at=sales_end,
        )
        self.session.add(row)
        await self.session.flush()
        await self._refresh_span(event.id)
        self.invalidate()
        return row

    async def update_session(
        self, session_id: uuid.UUID, data: SessionUpdate, user: CurrentUser
    ) -> tuple[ListingSession, bool]:
        """Returns the session and whether its time changed (attendees must be told)."""
        row, event = await self._session_for_editing(session_id, user)
        if row.status == SessionStatus.CANCELLED:
            raise EventCancelledError("This session is cancelled and can no longer change")
        starts_at = _aware(data.starts_at, "starts_at") if data.starts_at is not msgspec.UNSET else row.starts_at
        ends_at = _aware(data.ends_at, "ends_at") if data.ends_at is not msgspec.UNSET else row.ends_at
        capacity = data.capacity if data.capacity is not msgspec.UNSET else row.capacity
        sales_start = row.sales_start_at
        if data.sales_start_at is not msgspec.UNSET:
            sales_start = _aware(data.sales_start_at, "sales_start_at") if data.sales_start_at else None
        sales_end = row.sales_end_at
        if data.sales_end_at is not msgspec.UNSET:
            sales_end = _aware(data.sales_end_at, "sales_end_at") if data.sales_end_at else None
        await self._check_session_fields(event, starts_at, ends_at, capacity, sales_start, sales_end)
        if capacity != row.capacity:
            # Conditional, like every seat change: never below what is already held or sold.
            changed = await self.session.execute(
                update(ListingSession)
                .where(ListingSession.id == row.id, ListingSession.sold + ListingSession.held <= capacity)
                .values(capacity=capacity)
            )
            if changed.rowcount != 1:  # type: ignore[attr-defined]
                raise CapacityBelowBookedError("Capacity cannot go below the seats already held or sold")
            await self.session.refresh(row)
        time_changed = (starts_at, ends_at) != (row.starts_at, row.ends_at)
        row.starts_at, row.ends_at = starts_at, ends_at
        row.sales_start_at, row.sales_end_at = sales_start, sales_end
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
        )
        self.session.add(ticket_type)
        await self.session.flush()
        self.invalidate()
        return ticket_type

    async def update_ticket_type(
        self, ticket_type_id: uuid.UUID, data: TicketTypeUpdate, user: CurrentUser
    ) -> TicketType:
        ticket_type = await self.session.get(TicketType, ticket_type_id)
        if ticket_type is None:
            raise NotFoundAppError("Ticket type not found")
        await self._editable(ticket_type.event_id, user)
        # Bookings copy the price onto their tickets, so later price changes never alter them.
        for field in ("name", "description", "price", "max_per_order", "is_active"):
            value = getattr(data, field)
            if value is not msgspec.UNSET:
                setattr(ticket_type, field, value.strip() if isinstance(value, str) else value)
        await self.session.flush()
        self.invalidate()
        return ticket_type

    async def ticket_types_of(self, event_id: uuid.UUID, user: CurrentUser | None) -> list[TicketType]:
        event = await self.visible_event(event_id, user)
        stmt = select(TicketType).where(TicketType.event_id == event_id).order_by(TicketType.price)
        if not _manages(event, user):
            stmt = stmt.where(TicketType.is_active.is_(True))
        return list(await self.session.scalars(stmt))

    # -- reading ----------------------------------------------------------------------------------------

    async def visible_event(self, event_id: uuid.UUID, user: CurrentUser | None) -> Listing:
        """Published and cancelled listings are public; drafts only to their organizer and admins."""
        event = await self._event(event_id)
        if event.status == ListingStatus.DRAFT and not _manages(event, user):
            raise NotFoundAppError("Listing not found")
        return event

    async def event_detail(self, event_id: uuid.UUID, user: CurrentUser | None) -> EventDetail:
        """The cache holds only the public view. Organizers and admins always read live: they may manage the
        listing (and see its inactive ticket types), and must see their own changes at once."""
        if user is not None and user.role in (Role.ORGANIZER, Role.ADMIN):
            event = await self.visible_event(event_id, user)
            return await self._build_detail(event, include_inactive=_manages(event, user))
        key = await self.cache.key(CATALOG_NAMESPACE, "detail", str(event_id))
        cached = await self.cache.get(key, EventDetail)
        if cached is not None:
            return cached
        event = await self.visible_event(event_id, None)
        detail = await self._build_detail(event, include_inactive=False)
        await self.cache.set(key, detail)
        return detail

    async def _build_detail(self, event: Listing, *, include_inactive: bool) -> EventDetail:
        venue = await self.session.get(Venue, event.venue_id) if event.venue_id else None
        sessions = await self.session.scalars(
            select(ListingSession).where(ListingSession.event_id == event.id).order_by(ListingSession.starts_at)
        )
        types_stmt = select(TicketType).where(TicketType.event_id == event.id).order_by(TicketType.price)
        if not include_inactive:
            types_stmt = types_stmt.where(TicketType.is_active.is_(True))
        ticket_types = list(await self.session.scalars(types_stmt))
        names = await UserService(session=self.session).names([event.organizer_id])
        session_reads = [session_read(s) for s in sessions]
        now = datetime.now(UTC)
        upcoming = [s for s in session_reads if s.status == SessionStatus.SCHEDULED and s.starts_at > now]
        return EventDetail(
            id=event.id,
            kind=event.kind,
            title=event.title,
            slug=event.slug,
            description=event.description,
            category=event.category,
            tags=list(event.tags),
            status=event.status,
            image_url=event.image_url,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            venue=venue_read(venue) if venue else None,
            organizer=OrganizerRead(id=event.organizer_id, name=names.get(event.organizer_id, "")),
            sessions=session_reads,
            ticket_types=[ticket_type_read(t) for t in ticket_types],
            sold_out=bool(upcoming) and all(s.available == 0 for s in upcoming),
            rating_average=float(event.rating_average),
            rating_count=event.rating_count,
            published_at=event.published_at,
            created_at=event.created_at,
            updated_at=event.updated_at,
        )

    async def public_catalog(self, query: CatalogQuery) -> EventPage:
        key = await self.cache.key(CATALOG_NAMESPACE, "list", msgspec.structs.asdict(_CachedQuery(**_qdict(query))))
        cached = await self.cache.get(key, EventPage)
        if cached is not None:
            return cached
        page = await self._search(self._public_filter(query), query.limit, query.offset)
        await self.cache.set(key, page)
        return page

    async def organizer_listings(self, user: CurrentUser, limit: int, offset: int, status: str | None) -> EventPage:
        stmt = select(Listing.id).where(Listing.organizer_id == user.id)
        if status is not None:
            stmt = stmt.where(Listing.status == status)
        return await self._search(stmt, limit, offset, newest_first=True)

    def _public_filter(self, query: CatalogQuery) -> Select[Any]:
        now = datetime.now(UTC)
        # 'published' written into the SQL, not bound: a prepared statement's generic plan must still be able to
        # use the partial indexes, whose predicate names it.
        stmt = select(Listing.id).where(Listing.status == literal(ListingStatus.PUBLISHED.value, literal_execute=True))
        if query.kind:
            stmt = stmt.where(Listing.kind == query.kind)
        if query.category:
            stmt = stmt.where(Listing.category == query.category)
        if query.organizer_id:
            stmt = stmt.where(Listing.organizer_id == query.organizer_id)
        if query.min_rating is not None:
            stmt = stmt.where(Listing.rating_count > 0, Listing.rating_average >= query.min_rating)
        if query.city:
            stmt = stmt.where(
                Listing.venue_id.in_(select(Venue.id).where(func.lower(Venue.city) == query.city.strip().lower()))
            )
        if query.q and query.q.strip():
            pattern = _like_pattern(query.q.strip())
            stmt = stmt.where(
                not_(Listing.archived),  # the partial text-search indexes' predicate (PostgreSQL)
                or_(Listing.title.ilike(pattern, escape="\\"), Listing.description.ilike(pattern, escape="\\")),
            )
        if query.date_from or query.date_to:
            # Listings with a session starting in [date_from, date_to).
            in_range = [ListingSession.event_id == Listing.id, ListingSession.status == SessionStatus.SCHEDULED]
            if query.date_from:
                in_range.append(ListingSession.starts_at >= _aware(query.date_from, "date_from"))
            if query.date_to:
                in_range.append(ListingSession.starts_at < _aware(query.date_to, "date_to"))
            stmt = stmt.where(exists().where(*in_range))
        else:
            stmt = stmt.where(Listing.ends_at > now)  # past listings leave the catalog
        return stmt

    async def _search(self, matching: Select[Any], limit: int, offset: int, *, newest_first: bool = False) -> EventPage:
        """One page of the listings ``matching`` selects: the page's ids and the total in one pass (filters
        and order on the listings indexes; a text search is run once, not once more to count), then those few
        rows with their venues, prices and remaining seats."""
        order = (
            [Listing.created_at.desc(), Listing.id]
            if newest_first
            else [Listing.starts_at.asc().nulls_last(), Listing.id]
        )
        found = (
            await self.session.execute(
                matching.add_columns(func.count().over().label("total")).order_by(*order).limit(limit).offset(offset)
            )
        ).all()
        page_ids = [row[0] for row in found]
        if found:
            total = int(found[0].total)
        else:  # past the last page (or nothing matches): count on its own
            total = await self.session.scalar(select(func.count()).select_from(matching.subquery())) or 0
        rows = {
            event.id: (event, venue)
            for event, venue in (
                await self.session.execute(
                    select(Listing, Venue)
                    .outerjoin(Venue, Venue.id == Listing.venue_id)
                    .where(Listing.id.in_(page_ids))
                )
            ).tuples()
        }
        prices = await self._prices_from(page_ids)
        remaining = await self._remaining_seats(page_ids)
        items = []
        for event_id in page_ids:
            event, venue = rows[event_id]
            price, currency = prices.get(event.id, (None, None))
            items.append(
                EventSummary(
                    id=event.id,
                    kind=event.kind,
                    title=event.title,
                    slug=event.slug,
                    category=event.category,
                    tags=list(event.tags),
                    status=event.status,
                    image_url=event.image_url,
                    starts_at=event.starts_at,
                    ends_at=event.ends_at,
                    city=venue.city if venue else None,
                    venue_name=venue.name if venue else None,
                    timezone=venue.timezone if venue else None,
                    price_from=price,
                    currency=currency,
                    sold_out=event.id in remaining and remaining[event.id] == 0,
                    rating_average=float(event.rating_average),
                    rating_count=event.rating_count,
                    organizer_id=event.organizer_id,
                )
            )
        return EventPage(items=items, total=total, limit=limit, offset=offset)

    async def _prices_from(self, event_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, tuple[int, str]]:
        if not event_ids:
            return {}
        rows = await self.session.execute(
            select(TicketType.event_id, func.min(TicketType.price), func.min(TicketType.currency))
            .where(TicketType.event_id.in_(event_ids), TicketType.is_active.is_(True))
            .group_by(TicketType.event_id)
        )
        return {event_id: (price, currency) for event_id, price, currency in rows.tuples()}

    async def _remaining_seats(self, event_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, int]:
        if not event_ids:
            return {}
        rows = await self.session.execute(
            select(
                ListingSession.event_id,
                func.sum(ListingSession.capacity - ListingSession.sold - ListingSession.held),
            )
            .where(
                ListingSession.event_id.in_(event_ids),
                ListingSession.status == SessionStatus.SCHEDULED,
                ListingSession.starts_at > datetime.now(UTC),
            )
            .group_by(ListingSession.event_id)
        )
        return {event_id: int(left) for event_id, left in rows.tuples()}


class _CachedQuery(msgspec.Struct):
    limit: int
    offset: int
    kind: str | None
    q: str | None
    category: str | None
    city: str | None
    date_from: datetime | None
    date_to: datetime | None
    organizer_id: uuid.UUID | None
    min_rating: float | None


def _qdict(query: CatalogQuery) -> dict[str, Any]:
    return {f: getattr(query, f) for f in _CachedQuery.__struct_fields__}


def _manages(event: Listing, user: CurrentUser | None) -> bool:
    return user is not None and (user.is_admin or user.id == event.organizer_id)


# -- seat inventory ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BookableSession:
    session_id: uuid.UUID
    event_id: uuid.UUID
    organizer_id: uuid.UUID
    title: str
    starts_at: datetime
    ends_at: datetime
    timezone: str | None
    venue_name: str | None
    capacity: int
    on_sale: bool
    reason: str | None
    held: int  # seat counts as read with the rest (live counts: SeatInventory.counts)
    sold: int
    status: str


def _session_info(row: Any, reason: str | None) -> BookableSession:
    session, _, organizer_id, title, timezone, venue_name = row
    return BookableSession(
        session_id=session.id,
        event_id=session.event_id,
        organizer_id=organizer_id,
        title=title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        timezone=timezone,
        venue_name=venue_name,
        capacity=session.capacity,
        on_sale=reason is None,
        reason=reason,
        held=session.held,
        sold=session.sold,
        status=session.status,
    )


_LOCK_IN_ORDER = text(
    "SELECT count(*) FROM (SELECT 1 FROM sessions WHERE id = ANY(CAST(:ids AS uuid[])) ORDER BY id FOR UPDATE) AS l"
)
_TAKE_MANY = text(  # 'scheduled' is SessionStatus.SCHEDULED
    "UPDATE sessions AS s SET held = s.held + v.held, sold = s.sold + v.sold"
    " FROM unnest(CAST(:ids AS uuid[]), CAST(:held AS integer[]), CAST(:sold AS integer[])) AS v(id, held, sold)"
    " WHERE s.id = v.id AND s.status = 'scheduled'"
    " AND s.sold + s.held + v.held + v.sold <= s.capacity"
    " RETURNING s.id"
).columns(column("id", GUID))


class SeatInventory:
    """Every change to a session's seat counts. Each is one conditional UPDATE, so concurrent bookings
    can never take more seats than exist, on PostgreSQL and SQLite alike."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    def _info_query(self) -> Select[tuple[ListingSession, str, uuid.UUID, str, str, str]]:
        return (
            select(ListingSession, Listing.status, Listing.organizer_id, Listing.title, Venue.timezone, Venue.name)
            .join(Listing, Listing.id == ListingSession.event_id)
            .outerjoin(Venue, Venue.id == Listing.venue_id)
        )

    async def bookable(self, session_id: uuid.UUID, now: datetime) -> BookableSession:
        """The session with whether it can be booked now (and why not)."""
        found = (await self.bookable_many([session_id], now)).get(session_id)
        if found is None:
            raise NotFoundAppError("Session not found")
        return found

    async def bookable_many(self, session_ids: Iterable[uuid.UUID], now: datetime) -> dict[uuid.UUID, BookableSession]:
        """Sessions with whether each can be booked now (and why not); unknown and draft ones are left out."""
        ids = list(set(session_ids))
        rows = (await self.session.execute(self._info_query().where(ListingSession.id.in_(ids)))).all() if ids else []
        found = {}
        for row in rows:
            session, event_status = row[0], row[1]
            if event_status == ListingStatus.DRAFT:
                continue
            reason = None
            if event_status == ListingStatus.CANCELLED or session.status == SessionStatus.CANCELLED:
                reason = "This session is cancelled"
            elif session.starts_at <= now:
                reason = "This session has already started"
            elif session.sales_start_at is not None and now < session.sales_start_at:
                reason = "Sales for this session have not opened yet"
            elif session.sales_end_at is not None and now >= session.sales_end_at:
                reason = "Sales for this session are closed"
            found[session.id] = _session_info(row, reason)
        return found

    async def describe(self, session_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, BookableSession]:
        """Title, times and place of sessions, for showing bookings."""
        ids = list(set(session_ids))
        if not ids:
            return {}
        rows = (await self.session.execute(self._info_query().where(ListingSession.id.in_(ids)))).all()
        return {row[0].id: _session_info(row, None) for row in rows}

    async def sessions_between(self, column: str, start: datetime, end: datetime) -> list[uuid.UUID]:
        """Scheduled sessions whose ``starts_at`` or ``ends_at`` (``column``) falls in [start, end)."""
        moment = ListingSession.starts_at if column == "starts_at" else ListingSession.ends_at
        rows = await self.session.scalars(
            select(ListingSession.id).where(
                ListingSession.status == SessionStatus.SCHEDULED, moment >= start, moment < end
            )
        )
        return list(rows)

    async def event_owner(self, event_id: uuid.UUID) -> uuid.UUID | None:
        owner: uuid.UUID | None = await self.session.scalar(select(Listing.organizer_id).where(Listing.id == event_id))
        return owner

    async def active_ticket_types(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, TicketType]:
        """Ticket types on sale among ``ids``, of any listings (callers check which listing each belongs to)."""
        wanted = list(set(ids))
        if not wanted:
            return {}
        rows = await self.session.scalars(
            select(TicketType).where(TicketType.id.in_(wanted), TicketType.is_active.is_(True))
        )
        return {t.id: t for t in rows}

    async def hold(self, session_id: uuid.UUID, seats: int) -> bool:
        """Reserve seats while the customer pays. False when they are not all free."""
        return await self._change(session_id, held=seats, require_free=seats)

    async def sell(self, session_id: uuid.UUID, seats: int) -> bool:
        """Take seats outright (free tickets). False when they are not all free."""
        return await self._change(session_id, sold=seats, require_free=seats)

    async def take(self, session_id: uuid.UUID, *, held: int, sold: int) -> bool:
        """Hold some seats and sell others in one statement, all or nothing. False when they are not all free."""
        return await self._change(session_id, held=held, sold=sold, require_free=held + sold)

    async def take_many(self, seats: Mapping[uuid.UUID, tuple[int, int]]) -> set[uuid.UUID]:
        """``take`` for many sessions at once, {session: (held, sold)}; returns the sessions that had room.

        On PostgreSQL the rows are first locked in id order, so batches running side by side in other
        processes never deadlock, and then changed by one conditional UPDATE. SQLite has one writer at a
        time, so there it is simply one ``take`` per session."""
        ids = sorted(seats)
        if self.session.get_bind().dialect.name != "postgresql":
            return {sid for sid in ids if await self.take(sid, held=seats[sid][0], sold=seats[sid][1])}
        params = {"ids": ids, "held": [seats[s][0] for s in ids], "sold": [seats[s][1] for s in ids]}
        await self.session.execute(_LOCK_IN_ORDER, params)
        taken = await self.session.scalars(_TAKE_MANY, params)
        return set(taken)

    async def confirm_held(self, session_id: uuid.UUID, seats: int) -> bool:
        """Held seats become sold (payment arrived)."""
        return await self._change(session_id, held=-seats, sold=seats)

    async def release(self, held: Mapping[uuid.UUID, int], sold: Mapping[uuid.UUID, int]) -> None:
        """Give seats back (expiry, cancellation), any number of sessions in one statement."""
        params = [
            {"sid": sid, "d_held": held.get(sid, 0), "d_sold": sold.get(sid, 0)} for sid in {*held.keys(), *sold.keys()}
        ]
        if not params:
            return
        table = cast(Table, ListingSession.__table__)
        stmt = (
            update(table)
            .where(table.c.id == bindparam("sid"))
            .values(held=table.c.held - bindparam("d_held"), sold=table.c.sold - bindparam("d_sold"))
        )
        await (await self.session.connection()).execute(stmt, params)

    async def _change(self, session_id: uuid.UUID, *, held: int = 0, sold: int = 0, require_free: int = 0) -> bool:
        conditions = [ListingSession.id == session_id]
        if require_free:
            conditions += [
                ListingSession.status == SessionStatus.SCHEDULED,
                ListingSession.sold + ListingSession.held + require_free <= ListingSession.capacity,
            ]
        if held < 0:
            conditions.append(ListingSession.held >= -held)
        result = await self.session.execute(
            update(ListingSession)
            .where(*conditions)
            .values(held=ListingSession.held + held, sold=ListingSession.sold + sold)
            .execution_options(synchronize_session=False)
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    async def counts(self, session_id: uuid.UUID) -> ListingSession:
        row = await self.session.scalar(
            select(ListingSession).where(ListingSession.id == session_id).execution_options(populate_existing=True)
        )
        if row is None:
            raise NotFoundAppError("Session not found")
        return row
