"""Guests booking places on slots: free, so a booking is confirmed at once through the core's conditional update
(a slot never holds more guests than places); with approval, a request holds nothing until the host approves,
and approving takes the places or fails ``409 sold_out`` with the request still pending."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.attendance import Attendance
from tessera.booking.cancellation import Cancellations
from tessera.booking.errors import NotCancellableError, NotOnSaleError, TicketLimitError
from tessera.booking.holds import Holds
from tessera.booking.models import BookingStatus
from tessera.booking.reads import BookingReads
from tessera.booking.schemas import BookingCreate, BookingItem
from tessera.catalog.inventory import SeatInventory
from tessera.config import PartySettings
from tessera.core.auth import AuthMethod, CurrentUser, Role
from tessera.core.errors import NotFoundAppError
from tessera.core.idempotency import IdempotencyService, request_fingerprint
from tessera.core.outbox import enqueue
from tessera.parties.errors import AlreadyBookedError, AlreadyRequestedError, OwnPartyError, RequestNotPendingError
from tessera.parties.events import committed
from tessera.parties.hosts import Hosts
from tessera.parties.messages import party_notice
from tessera.parties.models import (
    EncounterStatus,
    PartyDetail,
    PartyEncounter,
    PartyRequest,
    PartySlot,
    RequestStatus,
)
from tessera.parties.parties import Parties
from tessera.parties.schemas import (
    ApprovalOutcome,
    BookingOutcome,
    BookingRequestIn,
    GuestBrief,
    HostBrief,
    PartyBookingRead,
    PartyRequestRead,
    Person,
    SlotGuest,
    SlotGuests,
)

IDEMPOTENCY_SCOPE = "party_bookings"


class PartyBookings:
    def __init__(
        self,
        session: AsyncSession,
        parties: Parties,
        hosts: Hosts,
        holds: Holds,
        reads: BookingReads,
        cancellations: Cancellations,
        settings: PartySettings,
    ) -> None:
        self.session = session
        self.settings = settings
        self.parties = parties
        self.hosts = hosts
        self.holds = holds  # booking for the parties domain
        self.reads = reads
        self.cancellations = cancellations

    async def _slot(self, slot_id: uuid.UUID) -> tuple[PartySlot, PartyDetail]:
        slot = await self.session.get(PartySlot, slot_id)
        if slot is None:
            raise NotFoundAppError("Slot not found")
        return slot, await self.session.get_one(PartyDetail, slot.party_id)

    async def book(
        self, slot_id: uuid.UUID, data: BookingRequestIn, user: CurrentUser, idempotency_key: str | None
    ) -> tuple[int, BookingOutcome | dict[str, object]]:
        """201 with the booking, or 202 with the request when the party needs the host's approval."""
        claim = None
        if idempotency_key is not None:
            claim, stored = await IdempotencyService(self.session).claim(
                user_id=user.id, scope=IDEMPOTENCY_SCOPE, key=idempotency_key, request_hash=request_fingerprint(data)
            )
            if stored is not None:
                return stored.status_code, stored.body
        slot, party = await self._slot(slot_id)
        if party.host_id == user.id:
            raise OwnPartyError("You host this party")
        info = await SeatInventory(self.session).bookable(slot.id, datetime.now(UTC))
        if not info.on_sale:
            raise NotOnSaleError(info.reason or "This slot cannot be booked")
        if data.places > party.max_places_per_guest:
            raise TicketLimitError(f"A guest may book at most {party.max_places_per_guest} place(s)")
        await self._not_yet_booked(slot.id, user.id)
        if party.approval_required:
            request = PartyRequest(
                slot_id=slot.id,
                party_id=party.id,
                host_id=party.host_id,
                guest_id=user.id,
                places=data.places,
                message=data.message,
                expires_at=min(
                    datetime.now(UTC) + self.settings.request_ttl,
                    info.starts_at - timedelta(minutes=party.booking_closes_minutes),
                ),
            )
            try:
                async with self.session.begin_nested():  # the same guest asking twice at once
                    self.session.add(request)
            except IntegrityError as exc:
                raise AlreadyRequestedError("You already asked for places on this slot") from exc
            await enqueue(
                self.session,
                [
                    party_notice(
                        party.host_id,
                        "party_request_received",
                        f"party_request:{request.id}:received",
                        slot_id=slot.id,
                        counterpart_id=user.id,
                    )
                ],
            )
            status, outcome = (
                202,
                BookingOutcome(status="requested", booking=None, request=(await self.request_reads([request]))[0]),
            )
        else:
            booking = await self._book_for(user.id, slot, party, data.places)
            status, outcome = 201, BookingOutcome(status="confirmed", booking=booking, request=None)
        if claim is not None:
            await IdempotencyService(self.session).complete(claim, status, outcome)
        return status, outcome

    async def _not_yet_booked(self, slot_id: uuid.UUID, guest_id: uuid.UUID) -> None:
        booked = await self.session.scalar(
            select(PartyEncounter.id).where(
                PartyEncounter.slot_id == slot_id,
                PartyEncounter.guest_id == guest_id,
                PartyEncounter.status == EncounterStatus.BOOKED,
            )
        )
        if booked is not None:
            raise AlreadyBookedError("You already have places on this slot")
        requested = await self.session.scalar(
            select(PartyRequest.id).where(
                PartyRequest.slot_id == slot_id,
                PartyRequest.guest_id == guest_id,
                PartyRequest.status == RequestStatus.PENDING,
            )
        )
        if requested is not None:
            raise AlreadyRequestedError("You already asked for places on this slot")

    async def _book_for(
        self, guest_id: uuid.UUID, slot: PartySlot, party: PartyDetail, places: int, *, approved: bool = False
    ) -> PartyBookingRead:
        """The core's free booking (sold at once, never past the slot's places), and its encounter."""
        guest = CurrentUser(id=guest_id, role=Role.PARTICIPANT, method=AuthMethod.BEARER)
        created = await self.holds.create(
            guest,
            BookingCreate(
                session_id=slot.id, items=[BookingItem(ticket_type_id=party.ticket_type_id, quantity=places)]
            ),
            announce=False,
        )
        booking_id = created.body.id  # type: ignore[union-attr]  # a fresh booking, not a replay
        encounter = PartyEncounter(
            slot_id=slot.id,
            party_id=party.id,
            host_id=party.host_id,
            guest_id=guest_id,
            booking_id=booking_id,
            places=places,
            window_opens_at=slot.ends_at,
            window_closes_at=slot.ends_at + self.settings.rating_window,
        )
        try:
            async with self.session.begin_nested():  # the same guest booking twice at once
                self.session.add(encounter)
        except IntegrityError as exc:
            raise AlreadyBookedError("You already have places on this slot") from exc
        committed(self.session, "party.booking_confirmed", booking_id=booking_id, slot_id=slot.id)
        await enqueue(
            self.session,
            [
                party_notice(
                    guest_id,
                    "party_booking_confirmed",
                    f"booking:{booking_id}:party_confirmed",
                    slot_id=slot.id,
                    encounter_id=encounter.id,
                    approved=approved,
                ),
                party_notice(
                    party.host_id,
                    "party_guest_joined",
                    f"booking:{booking_id}:party_host",
                    in_app=True,
                    slot_id=slot.id,
                    counterpart_id=guest_id,
                ),
            ],
        )
        return (await self.booking_reads([encounter]))[0]

    # -- requests ---------------------------------------------------------------------------------------

    async def _decide(
        self, request_id: uuid.UUID, who: str, user: CurrentUser, status: RequestStatus, reason: str | None = None
    ) -> PartyRequest:
        """A pending request of the host's (or the guest's) changes status; only one decision ever wins."""
        request = await self.session.get(PartyRequest, request_id)
        owner = None if request is None else request.host_id if who == "host" else request.guest_id
        if request is None or (owner != user.id and not user.is_admin):
            raise NotFoundAppError("Request not found")
        now = datetime.now(UTC)
        changed = await self.session.execute(
            update(PartyRequest)
            .where(PartyRequest.id == request.id, PartyRequest.status == RequestStatus.PENDING)
            .values(status=status.value, decided_at=now, decline_reason=reason, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if changed.rowcount != 1:  # type: ignore[attr-defined]
            raise RequestNotPendingError("This request has already been answered")
        committed(self.session, "party.request_decided", request_id=request.id, status=status.value)
        await self.session.refresh(request)
        return request

    async def approve(self, request_id: uuid.UUID, user: CurrentUser) -> ApprovalOutcome:
        request = await self._decide(request_id, "host", user, RequestStatus.APPROVED)
        slot, party = await self._slot(request.slot_id)
        info = await SeatInventory(self.session).bookable(slot.id, datetime.now(UTC))
        if not info.on_sale:
            raise NotOnSaleError(info.reason or "This slot cannot be booked")
        # Full: the error rolls the approval back, and the request stays pending.
        booking = await self._book_for(request.guest_id, slot, party, request.places, approved=True)
        request.booking_id = booking.id
        await self.session.flush()
        return ApprovalOutcome(request=(await self.request_reads([request]))[0], booking=booking)

    async def decline(self, request_id: uuid.UUID, reason: str, user: CurrentUser) -> PartyRequestRead:
        request = await self._decide(request_id, "host", user, RequestStatus.DECLINED, reason or None)
        await enqueue(
            self.session,
            [
                party_notice(
                    request.guest_id,
                    "party_request_declined",
                    f"party_request:{request.id}:declined",
                    slot_id=request.slot_id,
                    reason=reason,
                )
            ],
        )
        return (await self.request_reads([request]))[0]

    async def withdraw(self, request_id: uuid.UUID, user: CurrentUser) -> PartyRequestRead:
        request = await self._decide(request_id, "guest", user, RequestStatus.WITHDRAWN)
        return (await self.request_reads([request]))[0]

    async def requests(
        self, user: CurrentUser, role: str, status: str | None, limit: int, offset: int
    ) -> tuple[list[PartyRequestRead], int]:
        query = select(PartyRequest).where(
            (PartyRequest.host_id if role == "host" else PartyRequest.guest_id) == user.id
        )
        if status is not None:
            query = query.where(PartyRequest.status == status)
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = list(
            await self.session.scalars(
                query.order_by(PartyRequest.created_at.desc(), PartyRequest.id.desc()).limit(limit).offset(offset)
            )
        )
        return await self.request_reads(rows), total or 0

    async def request_reads(self, requests: list[PartyRequest]) -> list[PartyRequestRead]:
        reputations = await self.hosts.reputations({r.guest_id for r in requests})
        slots = await SeatInventory(self.session).describe({r.slot_id for r in requests})
        titles = dict(
            (
                await self.session.execute(
                    select(PartyDetail.id, PartyDetail.movie_title).where(
                        PartyDetail.id.in_({r.party_id for r in requests})
                    )
                )
            )
            .tuples()
            .all()
        )
        return [
            PartyRequestRead(
                id=r.id,
                slot_id=r.slot_id,
                party_id=r.party_id,
                guest=GuestBrief(
                    user_id=r.guest_id, name=reputations[r.guest_id].name, reputation=reputations[r.guest_id]
                ),
                places=r.places,
                message=r.message,
                status=r.status,
                booking_id=r.booking_id,
                decline_reason=r.decline_reason,
                expires_at=r.expires_at,
                created_at=r.created_at,
                decided_at=r.decided_at,
                movie_title=titles[r.party_id],
                starts_at=slots[r.slot_id].starts_at.astimezone(ZoneInfo(slots[r.slot_id].timezone or "UTC")),
                timezone=slots[r.slot_id].timezone or "UTC",
            )
            for r in requests
        ]

    async def expire_requests(self, now: datetime) -> int:
        """Requests nobody answered in time expire. Returns how many."""
        expired = (
            await self.session.execute(
                update(PartyRequest)
                .where(PartyRequest.status == RequestStatus.PENDING, PartyRequest.expires_at <= now)
                .values(status=RequestStatus.EXPIRED.value, decided_at=now, updated_at=now)
                .returning(PartyRequest.id, PartyRequest.guest_id, PartyRequest.slot_id)
                .execution_options(synchronize_session=False)
            )
        ).all()
        await enqueue(
            self.session,
            [
                party_notice(guest_id, "party_request_expired", f"party_request:{request_id}:expired", slot_id=slot_id)
                for request_id, guest_id, slot_id in expired
            ],
        )
        return len(expired)

    # -- the guest's bookings ---------------------------------------------------------------------------

    async def _mine(self, encounter_id_or_booking: uuid.UUID, user: CurrentUser) -> PartyEncounter:
        encounter = await self.session.scalar(
            select(PartyEncounter).where(PartyEncounter.booking_id == encounter_id_or_booking)
        )
        if encounter is None or not (user.is_admin or encounter.guest_id == user.id):
            raise NotFoundAppError("Booking not found")
        return encounter

    async def get(self, booking_id: uuid.UUID, user: CurrentUser) -> PartyBookingRead:
        return (await self.booking_reads([await self._mine(booking_id, user)]))[0]

    async def cancel(self, booking_id: uuid.UUID, reason: str, user: CurrentUser) -> PartyBookingRead:
        """Before the slot starts; the places go back (the encounter follows through the hooks)."""
        encounter = await self._mine(booking_id, user)
        slot = await self.session.get_one(PartySlot, encounter.slot_id)
        if encounter.status != EncounterStatus.BOOKED or slot.starts_at <= datetime.now(UTC):
            raise NotCancellableError("This booking can no longer be cancelled")
        await self.cancellations.cancel_managed(
            [encounter.booking_id], refunds={}, reason=reason or "Cancelled by the guest", kind=None
        )
        await enqueue(
            self.session,
            [
                party_notice(
                    encounter.host_id,
                    "party_booking_cancelled",
                    f"booking:{encounter.booking_id}:party_cancelled",
                    in_app=True,
                    slot_id=encounter.slot_id,
                    counterpart_id=encounter.guest_id,
                )
            ],
        )
        await self.session.refresh(encounter)
        return (await self.booking_reads([encounter]))[0]

    async def mine(
        self, user: CurrentUser, status: str | None, limit: int, offset: int
    ) -> tuple[list[PartyBookingRead], int]:
        query = select(PartyEncounter).where(PartyEncounter.guest_id == user.id)
        if status == "confirmed":
            query = query.where(PartyEncounter.status == EncounterStatus.BOOKED)
        elif status == "cancelled":
            query = query.where(PartyEncounter.status == EncounterStatus.CANCELLED)
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = list(
            await self.session.scalars(
                query.order_by(PartyEncounter.created_at.desc(), PartyEncounter.id.desc()).limit(limit).offset(offset)
            )
        )
        return await self.booking_reads(rows), total or 0

    async def booking_reads(self, encounters: list[PartyEncounter]) -> list[PartyBookingRead]:
        if not encounters:
            return []
        bookings = await self.reads.views(e.booking_id for e in encounters)
        parties = {
            p.id: p
            for p in await self.session.scalars(
                select(PartyDetail).where(PartyDetail.id.in_({e.party_id for e in encounters}))
            )
        }
        places = {party_id: await self.parties.place(party, show_address=True) for party_id, party in parties.items()}
        names = await self.hosts.names({p.host_id for p in parties.values()})
        reads = []
        for e in encounters:
            booking, party = bookings[e.booking_id], parties[e.party_id]
            live = e.status == EncounterStatus.BOOKED
            place = places[e.party_id]
            reads.append(
                PartyBookingRead(
                    id=booking.id,
                    reference=booking.reference,
                    slot_id=e.slot_id,
                    party_id=e.party_id,
                    movie_title=party.movie_title,
                    starts_at=booking.session_starts_at.astimezone(place.zone),
                    ends_at=booking.session_ends_at.astimezone(place.zone),
                    timezone=place.read.timezone,
                    places=e.places,
                    status="confirmed" if live and booking.status == BookingStatus.CONFIRMED else "cancelled",
                    # The address while the booking stands; a cancelled booking no longer shows it.
                    place=place.read if live else place.without_address,
                    host=HostBrief(user_id=party.host_id, display_name=names.get(party.host_id, "")),
                    ticket_codes=[t.code for t in booking.tickets if t.status != "cancelled"] if live else [],
                    encounter_id=e.id,
                    created_at=e.created_at,
                    cancelled_at=booking.cancelled_at,
                )
            )
        return reads

    # -- the host's guest list --------------------------------------------------------------------------

    async def guests(self, slot_id: uuid.UUID, user: CurrentUser) -> SlotGuests:
        slot, party = await self._slot(slot_id)
        if not (user.is_admin or party.host_id == user.id):
            raise NotFoundAppError("Slot not found")
        encounters = list(
            await self.session.scalars(
                select(PartyEncounter)
                .where(PartyEncounter.slot_id == slot.id, PartyEncounter.status == EncounterStatus.BOOKED)
                .order_by(PartyEncounter.created_at)
            )
        )
        reputations = await self.hosts.reputations({e.guest_id for e in encounters})
        checked_in = await Attendance(self.session).checked_in([e.booking_id for e in encounters])
        info = (await SeatInventory(self.session).describe([slot.id]))[slot.id]
        return SlotGuests(
            items=[
                SlotGuest(
                    booking_id=e.booking_id,
                    encounter_id=e.id,
                    guest=Person(user_id=e.guest_id, name=reputations[e.guest_id].name),
                    places=e.places,
                    checked_in=e.booking_id in checked_in,
                    no_show=e.no_show,
                    guest_reputation=reputations[e.guest_id].as_guest,
                    created_at=e.created_at,
                )
                for e in encounters
            ],
            total=len(encounters),
            places_taken=info.held + info.sold,
            capacity=info.capacity,
        )
