"""What visitors browse: the public catalog (cached, invalidated on every change), a listing's page, and an
organizer's own listings."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import msgspec
from sqlalchemy import Select, exists, func, literal, not_, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.services import UserService
from tessera.catalog.models import Listing, ListingSession, ListingStatus, SessionStatus, TicketType, Venue
from tessera.catalog.rules import aware, manages, visible_listing
from tessera.catalog.schemas import (
    EventDetail,
    EventPage,
    EventSummary,
    OrganizerRead,
    session_read,
    ticket_type_read,
    venue_read,
)
from tessera.catalog.services import CATALOG_NAMESPACE
from tessera.core.auth import CurrentUser, Role
from tessera.core.cache import VersionedCache


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


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


class CatalogBrowser:
    def __init__(self, session: AsyncSession, cache: VersionedCache) -> None:
        self.session = session
        self.cache = cache

    async def event_detail(self, event_id: uuid.UUID, user: CurrentUser | None) -> EventDetail:
        """The cache holds only the public view. Organizers and admins always read live: they may manage the
        listing (and see its inactive ticket types), and must see their own changes at once."""
        if user is not None and user.role in (Role.ORGANIZER, Role.ADMIN):
            event = await visible_listing(self.session, event_id, user)
            return await self._build_detail(event, include_inactive=manages(event, user))
        key = await self.cache.key(CATALOG_NAMESPACE, "detail", str(event_id))
        cached = await self.cache.get(key, EventDetail)
        if cached is not None:
            return cached
        event = await visible_listing(self.session, event_id, user)
        if manages(event, user):  # a participant hosting a watch party: their own draft, read live
            return await self._build_detail(event, include_inactive=True)
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
            managed_by=event.managed_by,
            transfers_enabled=event.transfers_enabled,
            transfer_cutoff_hours=event.transfer_cutoff_hours,
            approval_required=event.approval_required,
            approval_hold_minutes=event.approval_hold_minutes,
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
                in_range.append(ListingSession.starts_at >= aware(query.date_from, "date_from"))
            if query.date_to:
                in_range.append(ListingSession.starts_at < aware(query.date_to, "date_to"))
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
                    managed_by=event.managed_by,
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
