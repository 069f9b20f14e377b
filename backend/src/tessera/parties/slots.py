"""Slots: the dated showings of a party, each a session of its listing. A host's scheduled slots never overlap:
the database refuses it (``ex_party_slot_overlap``), so two requests racing for overlapping times cannot both
win, and a refused slot leaves nothing behind (its session goes with the request's rollback)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.catalog.changes import ListingChanges
from tessera.catalog.errors import EventCancelledError
from tessera.catalog.inventory import SeatInventory
from tessera.catalog.schemas import SessionCreate, SessionUpdate
from tessera.catalog.services import CatalogService
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError
from tessera.parties.errors import InvalidSlotError, SlotOverlapError, SlotStartedError
from tessera.parties.events import committed, refused
from tessera.parties.models import PartyDetail, PartySlot, SlotStatus
from tessera.parties.schemas import SlotCreate, SlotRead, SlotUpdate

OVERLAP = "ex_party_slot_overlap"


def _aware(moment: datetime, field: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise InvalidSlotError(f"{field} must include a time zone offset, e.g. 2026-12-20T19:00:00+05:00")
    return moment.astimezone(UTC)


class Slots:
    def __init__(self, session: AsyncSession, catalog: CatalogService, changes: ListingChanges) -> None:
        self.session = session
        self.catalog = catalog  # acting for the parties domain
        self.changes = changes

    async def _party(self, party_id: uuid.UUID, user: CurrentUser) -> PartyDetail:
        party = await self.session.get(PartyDetail, party_id)
        if party is None or not (user.is_admin or party.host_id == user.id):
            raise NotFoundAppError("Party not found")
        return party

    async def _slot(self, slot_id: uuid.UUID, user: CurrentUser) -> tuple[PartySlot, PartyDetail]:
        slot = await self.session.get(PartySlot, slot_id)
        if slot is None:
            raise NotFoundAppError("Slot not found")
        return slot, await self._party(slot.party_id, user)

    def _times(
        self, party: PartyDetail, starts_at: datetime, ends_at: datetime | None, now: datetime
    ) -> tuple[datetime, datetime]:
        starts = _aware(starts_at, "starts_at")
        ends = (
            _aware(ends_at, "ends_at")
            if ends_at
            else starts + timedelta(minutes=party.movie_runtime_minutes + party.buffer_minutes)
        )
        if ends <= starts:
            raise InvalidSlotError("A slot must end after it starts")
        if starts - timedelta(minutes=party.booking_closes_minutes) <= now:
            raise InvalidSlotError(
                f"A slot starts in the future, at least {party.booking_closes_minutes} minutes ahead "
                "(bookings close then)"
            )
        return starts, ends

    async def add(self, party_id: uuid.UUID, data: SlotCreate, user: CurrentUser) -> SlotRead:
        party = await self._party(party_id, user)
        starts, ends = self._times(party, data.starts_at, data.ends_at, datetime.now(UTC))
        [session] = await self.catalog.add_sessions(
            party.id,
            [
                SessionCreate(
                    starts_at=starts,
                    ends_at=ends,
                    capacity=data.capacity or party.capacity,
                    sales_end_at=starts - timedelta(minutes=party.booking_closes_minutes),
                )
            ],
            user,
        )
        slot = PartySlot(id=session.id, party_id=party.id, host_id=party.host_id, starts_at=starts, ends_at=ends)
        await self._guarded(lambda: self.session.add(slot), party.host_id, slot.id, starts, ends)
        committed(self.session, "party.slot_created", slot_id=slot.id, party_id=party.id)
        [read] = await self.reads([slot])
        return read

    async def _guarded(
        self, write: Callable[[], None], host_id: uuid.UUID, slot_id: uuid.UUID, starts: datetime, ends: datetime
    ) -> None:
        """Write the slot's mirror row (``slot_id``, to be at ``starts``..``ends``) in a savepoint: the overlap
        guard answers ``409 slot_overlap`` with the slot it collides with, and the transaction goes on (the
        request then rolls back). The values come as arguments: the rollback expires the row's."""
        try:
            async with self.session.begin_nested():
                write()
        except IntegrityError as exc:
            if OVERLAP not in str(exc.orig):
                raise
            conflicting = await self.session.scalar(
                select(PartySlot.id).where(
                    PartySlot.host_id == host_id,
                    PartySlot.status == SlotStatus.SCHEDULED,
                    PartySlot.id != slot_id,
                    PartySlot.starts_at < ends,
                    starts < PartySlot.ends_at,
                )
            )
            refused("party.slot_overlap_refused", host_id=host_id, conflicting_slot_id=str(conflicting))
            raise SlotOverlapError(
                "You host another slot at that time", extra={"conflicting_slot_id": str(conflicting)}
            ) from exc

    async def move(self, slot_id: uuid.UUID, data: SlotUpdate, user: CurrentUser) -> SlotRead:
        """New times or capacity, before the slot starts; guests are told when the time changes."""
        slot, party = await self._slot(slot_id, user)
        now = datetime.now(UTC)
        if slot.status == SlotStatus.CANCELLED:
            raise EventCancelledError("This slot is cancelled and can no longer change")
        if slot.starts_at <= now:
            raise SlotStartedError("This slot has started and can no longer change")
        starts = slot.starts_at if data.starts_at is msgspec.UNSET else data.starts_at
        ends = slot.ends_at if data.ends_at is msgspec.UNSET else data.ends_at
        if data.starts_at is not msgspec.UNSET or data.ends_at is not msgspec.UNSET:
            new_starts, new_ends = self._times(party, starts, ends, now)

            def retime() -> None:
                slot.starts_at, slot.ends_at = new_starts, new_ends

            await self._guarded(retime, slot.host_id, slot.id, new_starts, new_ends)
        await self.changes.update_session(
            slot.id,
            SessionUpdate(
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                capacity=data.capacity,
                sales_end_at=slot.starts_at - timedelta(minutes=party.booking_closes_minutes),
            ),
            user,
        )
        [read] = await self.reads([slot])
        return read

    async def cancel(self, slot_id: uuid.UUID, reason: str, user: CurrentUser) -> SlotRead:
        """Its guests' bookings are cancelled (nothing was paid) and they are told."""
        slot, _ = await self._slot(slot_id, user)
        if slot.status != SlotStatus.CANCELLED:
            await self.changes.cancel_session(slot.id, user, reason or "The host cancelled this showing")
            slot.status = SlotStatus.CANCELLED
            await self.session.flush()
        [read] = await self.reads([slot])
        return read

    async def of_party(
        self, party_id: uuid.UUID, *, include_past: bool, date_from: datetime | None, date_to: datetime | None
    ) -> list[SlotRead]:
        query = select(PartySlot).where(PartySlot.party_id == party_id)
        if not include_past:
            query = query.where(PartySlot.ends_at > datetime.now(UTC))
        if date_from is not None:
            query = query.where(PartySlot.starts_at >= date_from)
        if date_to is not None:
            query = query.where(PartySlot.starts_at < date_to)
        return await self.reads(list(await self.session.scalars(query.order_by(PartySlot.starts_at))))

    async def reads(self, slots: list[PartySlot]) -> list[SlotRead]:
        """Slots in their place's zone, with seats left now and whether they can be booked now."""
        if not slots:
            return []
        inventory = SeatInventory(self.session)
        described = await inventory.describe(s.id for s in slots)
        bookable = await inventory.bookable_many([s.id for s in slots], datetime.now(UTC))
        closes = dict(
            (
                await self.session.execute(
                    select(PartyDetail.id, PartyDetail.booking_closes_minutes).where(
                        PartyDetail.id.in_({s.party_id for s in slots})
                    )
                )
            )
            .tuples()
            .all()
        )
        reads = []
        for slot in slots:
            info = described[slot.id]
            zone = ZoneInfo(info.timezone or "UTC")
            reads.append(
                SlotRead(
                    id=slot.id,
                    party_id=slot.party_id,
                    starts_at=slot.starts_at.astimezone(zone),
                    ends_at=slot.ends_at.astimezone(zone),
                    timezone=zone.key,
                    capacity=info.capacity,
                    seats_left=max(0, info.capacity - info.held - info.sold),
                    status=slot.status,
                    booking_closes_at=(slot.starts_at - timedelta(minutes=closes[slot.party_id])).astimezone(zone),
                    on_sale=slot.status == SlotStatus.SCHEDULED and slot.id in bookable and bookable[slot.id].on_sale,
                )
            )
        return reads
