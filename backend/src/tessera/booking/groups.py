"""Booking groups: bookings on several sessions held, paid, confirmed and expired as one (a round trip's legs).

:meth:`Holds.create_group` creates them whole or not at all; the expiry in ``releases.py`` and the settlement
in ``settlement.py`` treat each group as one. This file reads groups, answers which group a booking is in,
and keeps a group's total and status in step when members are cancelled.

Lock order, so that no two of these can deadlock: a group's row first, then its members' rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, Select, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.models import Booking, BookingGroup, BookingStatus
from tessera.booking.reads import BookingReads
from tessera.booking.schemas import BookingGroupRead, BookingRead
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError

LIVE = (BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED)


async def group_of(session: AsyncSession, booking_id: uuid.UUID) -> uuid.UUID | None:
    """The group the booking belongs to, if any."""
    group_id: uuid.UUID | None = await session.scalar(select(Booking.group_id).where(Booking.id == booking_id))
    return group_id


async def load_group(
    session: AsyncSession, group_id: uuid.UUID, user: CurrentUser | None, *, for_update: bool = False
) -> BookingGroup:
    """The group if ``user`` owns it (or is an admin, or is None: system use); anyone else gets 404."""
    stmt = select(BookingGroup).where(BookingGroup.id == group_id).execution_options(populate_existing=True)
    if user is not None and not user.is_admin:
        stmt = stmt.where(BookingGroup.user_id == user.id)
    if for_update:
        stmt = stmt.with_for_update()
    group = await session.scalar(stmt)
    if group is None:
        raise NotFoundAppError("Order not found")
    return group


async def members_of(session: AsyncSession, group_id: uuid.UUID, *, for_update: bool = False) -> list[Booking]:
    """The group's bookings in the order they were asked for (their ids are time-ordered)."""
    stmt = (
        select(Booking)
        .where(Booking.group_id == group_id)
        .order_by(Booking.id)
        .execution_options(populate_existing=True)
    )
    if for_update:
        stmt = stmt.with_for_update()
    return list(await session.scalars(stmt))


async def lock_groups_of(session: AsyncSession, bookings: ColumnElement[bool]) -> None:
    """Lock the groups of the bookings that match, in id order, before the bookings themselves are locked."""
    group_ids = select(Booking.group_id).where(bookings, Booking.group_id.is_not(None)).distinct()
    await session.execute(
        select(BookingGroup.id).where(BookingGroup.id.in_(group_ids)).order_by(BookingGroup.id).with_for_update()
    )


async def sync_groups(session: AsyncSession, group_ids: Iterable[uuid.UUID], now: datetime) -> None:
    """After members were cancelled: a group charges what its live members cost, and a group with no live
    member left is cancelled."""
    ids = sorted(set(group_ids))
    if not ids:
        return
    rows = await session.execute(
        select(Booking.group_id, func.sum(Booking.total))
        .where(Booking.group_id.in_(ids), Booking.status.in_(LIVE))
        .group_by(Booking.group_id)
    )
    live: dict[uuid.UUID | None, int] = {group_id: int(total) for group_id, total in rows}
    for group in await session.scalars(
        select(BookingGroup).where(BookingGroup.id.in_(ids)).execution_options(populate_existing=True)
    ):
        group.total = live.get(group.id, 0)
        group.updated_at = now
        if group.id not in live and group.status in LIVE:
            group.status = BookingStatus.CANCELLED
            group.cancelled_at = now


class BookingGroups:
    def __init__(self, session: AsyncSession, reads: BookingReads) -> None:
        self.session = session
        self.reads = reads

    async def get(self, group_id: uuid.UUID, user: CurrentUser) -> BookingGroupRead:
        """The customer's own group (an admin may read any); anyone else gets 404."""
        return await self._read(await load_group(self.session, group_id, user))

    async def view(self, group_id: uuid.UUID) -> BookingGroupRead | None:
        """Any group, for system use (notifications); never exposed to a request directly."""
        return (await self.views([group_id])).get(group_id)

    async def views(self, group_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, BookingGroupRead]:
        """Groups by id, for the domain that made them (which checks who may see them)."""
        ids = set(group_ids)
        if not ids:
            return {}
        groups = list(
            await self.session.scalars(
                select(BookingGroup).where(BookingGroup.id.in_(ids)).execution_options(populate_existing=True)
            )
        )
        members = list(
            await self.session.scalars(
                select(Booking)
                .where(Booking.group_id.in_(ids))
                .order_by(Booking.id)
                .execution_options(populate_existing=True)
            )
        )
        by_group: dict[uuid.UUID, list[BookingRead]] = {group.id: [] for group in groups}
        for member, read in zip(members, await self.reads.of(members), strict=True):
            by_group[member.group_id].append(read)  # type: ignore[index]  # members of these groups
        return {group.id: group_read(group, by_group[group.id]) for group in groups}

    async def _read(self, group: BookingGroup) -> BookingGroupRead:
        return group_read(group, await self.reads.of(await members_of(self.session, group.id)))


PARTIALLY_CANCELLED = "partially_cancelled"


def groups_in_state(user_id: uuid.UUID, state: str | None) -> Select[tuple[uuid.UUID]]:
    """The user's groups in ``state``: a group status, or ``partially_cancelled`` (confirmed, with a cancelled
    member); all of them without a state. For a domain listing its orders by their groups' state."""
    query = select(BookingGroup.id).where(BookingGroup.user_id == user_id)
    cancelled_member = exists().where(Booking.group_id == BookingGroup.id, Booking.status == BookingStatus.CANCELLED)
    if state == PARTIALLY_CANCELLED:
        return query.where(BookingGroup.status == BookingStatus.CONFIRMED, cancelled_member)
    if state == BookingStatus.CONFIRMED:
        return query.where(BookingGroup.status == BookingStatus.CONFIRMED, ~cancelled_member)
    if state is not None:
        return query.where(BookingGroup.status == state)
    return query


def groups_closed_before(cutoff: datetime) -> Select[tuple[uuid.UUID]]:
    """Groups that expired or were cancelled before ``cutoff`` (a domain erasing what it no longer needs)."""
    closed_at = func.coalesce(BookingGroup.expired_at, BookingGroup.cancelled_at)
    return select(BookingGroup.id).where(
        BookingGroup.status.in_([BookingStatus.EXPIRED, BookingStatus.CANCELLED]), closed_at < cutoff
    )


def group_read(group: BookingGroup, bookings: list[BookingRead]) -> BookingGroupRead:
    return BookingGroupRead(
        id=group.id,
        reference=group.reference,
        status=group.status,
        total=group.total,
        currency=group.currency,
        expires_at=group.expires_at,
        created_at=group.created_at,
        confirmed_at=group.confirmed_at,
        cancelled_at=group.cancelled_at,
        bookings=bookings,
    )
