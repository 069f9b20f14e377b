"""The seat counters of sessions: what can be booked, and the conditional updates that hold, sell and release
seats without ever overselling (the sessions table's check constraint is the database's own refusal)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from advanced_alchemy.types import GUID
from sqlalchemy import Select, Table, bindparam, column, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.catalog.models import Listing, ListingSession, ListingStatus, SessionStatus, TicketType, Venue
from tessera.core.errors import NotFoundAppError


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
    managed_by: str | None  # the domain managing the listing, if any (catalog.models.ListingDomain)
    seat_map_id: uuid.UUID | None = None  # reserved seating: the map whose seats the session sells
    transfers_enabled: bool = True  # the listing's ticket transfer rules
    transfer_cutoff_hours: int = 0
    approval_required: bool = False  # the listing sells only on the organizer's approval
    approval_hold_minutes: int = 0


def _session_info(row: Any, reason: str | None) -> BookableSession:
    session, _, organizer_id, title, timezone, venue_name, managed_by, transfers_enabled, cutoff, approval, hold = row
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
        managed_by=managed_by,
        seat_map_id=session.seat_map_id,
        transfers_enabled=transfers_enabled,
        transfer_cutoff_hours=cutoff,
        approval_required=approval,
        approval_hold_minutes=hold,
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

    def _info_query(
        self,
    ) -> Select[tuple[ListingSession, str, uuid.UUID, str, str, str, str | None, bool, int, bool, int]]:
        return (
            select(
                ListingSession,
                Listing.status,
                Listing.organizer_id,
                Listing.title,
                Venue.timezone,
                Venue.name,
                Listing.managed_by,
                Listing.transfers_enabled,
                Listing.transfer_cutoff_hours,
                Listing.approval_required,
                Listing.approval_hold_minutes,
            )
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

    async def ticket_types(self, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, TicketType]:
        """Ticket types among ``ids``, on sale or not (for showing what was asked for)."""
        wanted = list(set(ids))
        if not wanted:
            return {}
        return {t.id: t for t in await self.session.scalars(select(TicketType).where(TicketType.id.in_(wanted)))}

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
        """Give seats back (expiry, cancellation), any number of sessions in one statement. The rows are changed
        in id order, as every writer of several sessions takes them, so two such transactions never deadlock."""
        params = [
            {"sid": sid, "d_held": held.get(sid, 0), "d_sold": sold.get(sid, 0)}
            for sid in sorted({*held.keys(), *sold.keys()})
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
