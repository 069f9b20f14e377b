"""Booking rules: holds that never oversell, expiry, cancellation with refunds, and check-in."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Protocol, cast

from sqlalchemy import Table, exists, func, select, text, tuple_, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from uuid_utils.compat import uuid7

from tessera.accounts.services import UserService
from tessera.booking.models import Booking, BookingStatus, Ticket, TicketStatus
from tessera.booking.schemas import (
    AttendeeBooking,
    AttendeeBookingPage,
    BookingCancel,
    BookingCreate,
    BookingPage,
    BookingRead,
    CheckInResult,
    EventSales,
    SessionSales,
    TicketRead,
)
from tessera.catalog.models import TicketType
from tessera.catalog.schemas import Availability
from tessera.catalog.services import BookableSession, SeatInventory
from tessera.config import BookingSettings
from tessera.core.auth import CurrentUser
from tessera.core.errors import AppError, NotFoundAppError
from tessera.core.idempotency import IdempotencyService, request_fingerprint
from tessera.core.outbox import Channel, Outgoing, enqueue

# Unambiguous alphabet: no 0/O, 1/I/L.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 6
TICKET_RANDOM_LENGTH = 10
TICKET_SIGNATURE_LENGTH = 6
EXPIRY_BATCH = 500
_CREATE_ATTEMPTS = 3


class SoldOutError(AppError):
    status_code = 409
    code = "sold_out"


class NotOnSaleError(AppError):
    status_code = 409
    code = "not_on_sale"


class InvalidBookingError(AppError):
    status_code = 400
    code = "invalid_booking"


class TicketLimitError(AppError):
    status_code = 409
    code = "ticket_limit_reached"


class NotCancellableError(AppError):
    status_code = 409
    code = "not_cancellable"


class InvalidTicketCodeError(AppError):
    status_code = 400
    code = "invalid_ticket_code"


class AlreadyCheckedInError(AppError):
    status_code = 409
    code = "already_checked_in"


class TicketNotValidError(AppError):
    status_code = 409
    code = "ticket_not_valid"


class WrongSessionError(AppError):
    status_code = 409
    code = "wrong_session"


class CheckInClosedError(AppError):
    status_code = 409
    code = "checkin_closed"


class NotPayableError(AppError):
    status_code = 409
    code = "booking_not_payable"


@dataclass(frozen=True, slots=True)
class PayableBooking:
    id: uuid.UUID
    user_id: uuid.UUID
    reference: str
    total: int
    currency: str
    expires_at: datetime
    title: str


class RefundRequester(Protocol):
    """How booking asks for money back. The payments module implements it; it must work inside the
    caller's transaction (record the request durably, talk to the gateway after commit)."""

    async def request_refund(
        self,
        session: AsyncSession,
        *,
        booking_id: uuid.UUID,
        amount: int,
        currency: str,
        reason: str,
    ) -> None: ...


class TicketCodes:
    """Ticket codes are random and carry an HMAC, so a forged code is refused before any lookup.

    They are signed with their own keys (``TESSERA_TICKET_KEYS``), not the session secret: the first key signs,
    every key verifies, so keys can be rotated without voiding tickets already in people's hands.
    """

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError("at least one ticket key is needed")
        self._keys = [hashlib.sha256(f"tessera-ticket-code:{key}".encode()).digest() for key in keys]

    @staticmethod
    def _signature(key: bytes, random_part: str) -> str:
        digest = hmac.new(key, random_part.encode(), hashlib.sha256).digest()
        return "".join(REFERENCE_ALPHABET[b % len(REFERENCE_ALPHABET)] for b in digest[:TICKET_SIGNATURE_LENGTH])

    def new(self) -> str:
        random_part = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(TICKET_RANDOM_LENGTH))
        return random_part + self._signature(self._keys[0], random_part)

    def is_genuine(self, code: str) -> bool:
        if len(code) != TICKET_RANDOM_LENGTH + TICKET_SIGNATURE_LENGTH:
            return False
        random_part, signature = code[:TICKET_RANDOM_LENGTH], code[TICKET_RANDOM_LENGTH:]
        # Every key is tried, so the time taken does not tell which one matched.
        matches = [hmac.compare_digest(signature, self._signature(key, random_part)) for key in self._keys]
        return any(matches)


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


@dataclass(frozen=True, slots=True)
class CreatedBooking:
    status_code: int
    body: BookingRead | dict[str, object]
    replayed: bool


@dataclass(frozen=True, slots=True)
class BookingRequest:
    user: CurrentUser
    data: BookingCreate
    key: str | None


@dataclass(slots=True)
class _Order:
    """One request's booking and tickets, built and checked but not yet saved."""

    booking: Booking
    tickets: list[Ticket]
    info: BookableSession
    paid: bool

    def read(self) -> BookingRead:
        return _booking_read(self.booking, self.tickets, self.info)

    def announcement(self) -> Outgoing:
        return Outgoing(
            user_id=self.booking.user_id,
            kind="booking_created" if self.paid else "booking_confirmed",
            payload={"booking_id": str(self.booking.id), "reference": self.booking.reference},
            dedupe_key=f"booking:{self.booking.id}:{self.booking.status}",
            # A booking awaiting payment is news for the app, not worth an e-mail.
            channel=Channel.IN_APP if self.paid else Channel.EMAIL,
        )


def _row(entity: Booking | Ticket) -> dict[str, object]:
    """The entity's column values for a Core INSERT (many rows in one statement)."""
    table = cast(Table, type(entity).__table__)
    return {c.name: getattr(entity, c.name) for c in table.columns if c.name != "sa_orm_sentinel"}


class BookingService:
    def __init__(
        self,
        session: AsyncSession,
        settings: BookingSettings,
        codes: TicketCodes,
        refunds: RefundRequester,
    ) -> None:
        self.session = session
        self.settings = settings
        self.codes = codes
        self.refunds = refunds
        self.inventory = SeatInventory(session)

    # -- creating -----------------------------------------------------------------------------------------

    async def create(
        self, user: CurrentUser, data: BookingCreate, idempotency_key: str | None = None
    ) -> CreatedBooking:
        """Hold (or, when free, sell) seats and write the booking, its tickets and an outbox row, in one
        transaction. A reference or code collision (rare) retries the whole transaction."""
        for attempt in range(_CREATE_ATTEMPTS):
            try:
                return await self._create_once(user, data, idempotency_key)
            except IntegrityError as exc:
                if attempt == _CREATE_ATTEMPTS - 1 or not _is_code_collision(exc):
                    raise
                await self.session.rollback()
        raise AssertionError("unreachable")  # pragma: no cover

    async def _create_once(self, user: CurrentUser, data: BookingCreate, idempotency_key: str | None) -> CreatedBooking:
        claim = None
        if idempotency_key is not None:
            claim, stored = await IdempotencyService(self.session).claim(
                user_id=user.id, scope="bookings", key=idempotency_key, request_hash=request_fingerprint(data)
            )
            if stored is not None:
                return CreatedBooking(stored.status_code, stored.body, replayed=True)

        now = datetime.now(UTC)
        info = await self.inventory.bookable(data.session_id, now)
        if not info.on_sale:
            raise NotOnSaleError(info.reason or "This session cannot be booked")
        types = await self.inventory.active_ticket_types({item.ticket_type_id for item in data.items})
        order = self._plan(user, data, info, types, now)
        await self._check_user_limit(user.id, info.session_id, order.booking.quantity)

        reserve = self.inventory.hold if order.paid else self.inventory.sell
        # Seats may be stuck in holds that expired moments ago: if so, free them and try once more.
        if not await reserve(info.session_id, order.booking.quantity) and (
            not await self.expire_overdue_holds(now, session_id=info.session_id)
            or not await reserve(info.session_id, order.booking.quantity)
        ):
            left = await self.inventory.counts(info.session_id)
            available = max(0, left.capacity - left.sold - left.held)
            raise SoldOutError(
                f"Only {available} seat(s) left" if available else "Sold out", extra={"available": available}
            )

        self.session.add(order.booking)
        self.session.add_all(order.tickets)
        await enqueue(self.session, [order.announcement()])
        await self.session.flush()
        body = order.read()
        if claim is not None:
            await IdempotencyService(self.session).complete(claim, 201, body)
        return CreatedBooking(201, body, replayed=False)

    def _plan(
        self,
        user: CurrentUser,
        data: BookingCreate,
        info: BookableSession,
        types: Mapping[uuid.UUID, TicketType],
        now: datetime,
    ) -> _Order:
        """Check one request against its listing's ticket types and build its booking and tickets (unsaved)."""
        quantities: dict[uuid.UUID, int] = defaultdict(int)
        for item in data.items:
            quantities[item.ticket_type_id] += item.quantity
        unknown = [str(t) for t in quantities if t not in types or types[t].event_id != info.event_id]
        if unknown:
            raise InvalidBookingError(f"Unknown ticket type for this listing: {', '.join(unknown)}")
        for type_id, quantity in quantities.items():
            if quantity > types[type_id].max_per_order:
                raise InvalidBookingError(
                    f"At most {types[type_id].max_per_order} {types[type_id].name!r} tickets per order"
                )
        seats = sum(quantities.values())
        if data.attendees is not None and len(data.attendees) != seats:
            raise InvalidBookingError(f"Give one attendee per seat ({seats}), or none")
        currencies = {types[t].currency for t in quantities}
        if len(currencies) != 1:  # pragma: no cover - the catalog keeps one currency per listing
            raise InvalidBookingError("All tickets of one booking must be in one currency")
        total = sum(types[t].price * q for t, q in quantities.items())
        paid = total > 0
        booking = Booking(
            id=uuid7(),
            reference=new_reference(),
            user_id=user.id,
            session_id=info.session_id,
            event_id=info.event_id,
            status=BookingStatus.PENDING_PAYMENT if paid else BookingStatus.CONFIRMED,
            quantity=seats,
            total=total,
            currency=currencies.pop(),
            expires_at=now + timedelta(minutes=self.settings.hold_minutes) if paid else None,
            confirmed_at=None if paid else now,
            cancelled_at=None,
            expired_at=None,
            cancel_reason=None,
            created_at=now,
            updated_at=now,
        )
        names = iter(a.name.strip() for a in data.attendees or [])
        tickets = [
            Ticket(
                id=uuid7(),
                booking_id=booking.id,
                session_id=info.session_id,
                ticket_type_id=type_id,
                ticket_type_name=types[type_id].name,
                code=self.codes.new(),
                price=types[type_id].price,
                currency=types[type_id].currency,
                status=TicketStatus.PENDING if paid else TicketStatus.VALID,
                attendee_name=next(names, None),
                checked_in_at=None,
                created_at=now,
                updated_at=now,
            )
            for type_id, quantity in quantities.items()
            for _ in range(quantity)
        ]
        return _Order(booking, tickets, info, paid)

    async def create_batch(self, requests: Sequence[BookingRequest]) -> list[CreatedBooking | None]:
        """Book many requests in this one transaction: one statement per step for the whole batch, one
        conditional UPDATE per session for the batch's seats, so the hot row's lock and the commit are paid
        once per batch instead of once per booking.

        Returns, per request, its booking or None: None means "book it on its own with ``create``", which
        is the reference for every rule and error (replays, invalid orders, limits, sold out). Nothing is
        written for a None request, so running it on its own is always safe."""
        now = datetime.now(UTC)
        claims = await IdempotencyService(self.session).claim_many(
            "bookings", {i: (r.user.id, r.key, request_fingerprint(r.data)) for i, r in enumerate(requests) if r.key}
        )
        candidates = [i for i, r in enumerate(requests) if r.key is None or i in claims]
        infos = await self.inventory.bookable_many({requests[i].data.session_id for i in candidates}, now)
        types = await self.inventory.active_ticket_types(
            {item.ticket_type_id for i in candidates for item in requests[i].data.items}
        )
        orders: dict[int, _Order] = {}
        for i in candidates:
            info = infos.get(requests[i].data.session_id)
            if info is None or not info.on_sale:
                continue
            try:
                orders[i] = self._plan(requests[i].user, requests[i].data, info, types, now)
            except AppError:
                continue
        orders = await self._within_user_limits(orders)
        placed = await self._take_seats(orders)
        await self._write(placed)

        results: list[CreatedBooking | None] = [None] * len(requests)
        completed: dict[uuid.UUID, tuple[int, object]] = {}
        for i, order in placed.items():
            body = order.read()
            results[i] = CreatedBooking(201, body, replayed=False)
            if i in claims:
                completed[claims[i]] = (201, body)
        # A request going its own way must find its key free, as if this batch had never seen it.
        await IdempotencyService(self.session).settle_many(
            completed, abandoned=[claim for i, claim in claims.items() if i not in placed]
        )
        return results

    async def _within_user_limits(self, orders: dict[int, _Order]) -> dict[int, _Order]:
        """The orders that keep each account within its per-session limit, counting earlier ones in the batch."""
        if not orders:
            return orders
        pairs = sorted({(o.booking.user_id, o.booking.session_id) for o in orders.values()})
        if self.session.get_bind().dialect.name == "postgresql":
            # The same per-account lock as a single booking takes, in one sorted pass (no deadlocks).
            await self.session.execute(
                text(
                    "SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) "
                    "FROM (SELECT unnest(CAST(:keys AS text[])) AS k ORDER BY 1) AS locks"
                ),
                {"keys": [f"{user_id}:{session_id}" for user_id, session_id in pairs]},
            )
        owned: dict[tuple[uuid.UUID, uuid.UUID], int] = defaultdict(int)
        rows = await self.session.execute(
            select(Booking.user_id, Booking.session_id, func.sum(Booking.quantity))
            .where(
                tuple_(Booking.user_id, Booking.session_id).in_(pairs),
                Booking.status.in_([BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED]),
            )
            .group_by(Booking.user_id, Booking.session_id)
        )
        for user_id, session_id, seats in rows:
            owned[(user_id, session_id)] = int(seats)
        allowed = {}
        for i, order in orders.items():
            pair = (order.booking.user_id, order.booking.session_id)
            if owned[pair] + order.booking.quantity <= self.settings.max_tickets_per_user:
                owned[pair] += order.booking.quantity
                allowed[i] = order
        return allowed

    async def _take_seats(self, orders: dict[int, _Order]) -> dict[int, _Order]:
        """Seats for the orders: each session's orders together, all sessions in one conditional UPDATE;
        where a session's share of the batch does not fit, order by order, keeping those that do."""
        by_session: dict[uuid.UUID, list[int]] = defaultdict(list)
        for i, order in orders.items():
            by_session[order.booking.session_id].append(i)
        wanted = {
            session_id: (
                sum(orders[i].booking.quantity for i in members if orders[i].paid),
                sum(orders[i].booking.quantity for i in members if not orders[i].paid),
            )
            for session_id, members in by_session.items()
        }
        taken = await self.inventory.take_many(wanted)
        placed = {i: orders[i] for session_id in taken for i in by_session[session_id]}
        for session_id in sorted(set(by_session) - taken):  # the batch did not fit: order by order
            for i in by_session[session_id]:
                seats, paid = orders[i].booking.quantity, orders[i].paid
                if await self.inventory.take(session_id, held=seats if paid else 0, sold=0 if paid else seats):
                    placed[i] = orders[i]
        return placed

    async def _write(self, orders: dict[int, _Order]) -> None:
        """Insert the bookings, tickets and outbox rows with one statement each; a booking reference
        that is already taken (rare) is redrawn."""
        if not orders:
            return
        pending = {o.booking.id: o.booking for o in orders.values()}
        insert = pg_insert if self.session.get_bind().dialect.name == "postgresql" else sqlite_insert
        bookings, tickets = cast(Table, Booking.__table__), cast(Table, Ticket.__table__)
        connection = await self.session.connection()
        # Parameter lists, not .values([...]): SQLAlchemy caches the compiled statement and sends the rows
        # as multi-row INSERTs ("insertmanyvalues"), instead of compiling a new statement per batch size.
        for _ in range(_CREATE_ATTEMPTS):
            written = await connection.execute(
                insert(bookings).on_conflict_do_nothing(index_elements=["reference"]).returning(bookings.c.id),
                [_row(b) for b in pending.values()],
            )
            for (booking_id,) in written:
                del pending[booking_id]
            if not pending:
                break
            for booking in pending.values():
                booking.reference = new_reference()
        else:
            raise AppError("Could not draw unique booking references")  # pragma: no cover - 31^6 codes
        await connection.execute(insert(tickets), [_row(t) for o in orders.values() for t in o.tickets])
        await enqueue(self.session, [o.announcement() for o in orders.values()])

    async def _check_user_limit(self, user_id: uuid.UUID, session_id: uuid.UUID, seats: int) -> None:
        limit = self.settings.max_tickets_per_user
        if self.session.get_bind().dialect.name == "postgresql":
            # Serialise one user's concurrent bookings on one session so the count below stays true.
            await self.session.execute(
                text("SELECT pg_advisory_xact_lock(hashtextextended(:k, 0))"), {"k": f"{user_id}:{session_id}"}
            )
        owned = await self.session.scalar(
            select(func.coalesce(func.sum(Booking.quantity), 0)).where(
                Booking.user_id == user_id,
                Booking.session_id == session_id,
                Booking.status.in_([BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED]),
            )
        )
        if (owned or 0) + seats > limit:
            raise TicketLimitError(
                f"One account may book at most {limit} seats per session; you already have {owned or 0}"
            )

    # -- expiry -------------------------------------------------------------------------------------------

    async def has_overdue_holds(self, session_id: uuid.UUID, now: datetime) -> bool:
        overdue = await self.session.scalar(
            select(
                exists().where(
                    Booking.session_id == session_id,
                    Booking.status == BookingStatus.PENDING_PAYMENT,
                    Booking.expires_at <= now,
                )
            )
        )
        return bool(overdue)

    async def live_availability(self, session_id: uuid.UUID, now: datetime) -> Availability:
        """Live seat counts, never cached; overdue holds are released first so they never show as taken.
        Usually there are none: then it is two reads, no write (visitors poll this while a sale is on)."""
        info = await self.inventory.bookable(session_id, now)
        capacity, held, sold, status = info.capacity, info.held, info.sold, info.status
        if await self.has_overdue_holds(session_id, now):
            await self.expire_overdue_holds(now, session_id=session_id)
            counts = await self.inventory.counts(session_id)
            capacity, held, sold, status = counts.capacity, counts.held, counts.sold, counts.status
        return Availability(
            session_id=session_id,
            capacity=capacity,
            available=max(0, capacity - sold - held) if info.on_sale else 0,
            held=held,
            sold=sold,
            status=status,
            on_sale=info.on_sale,
        )

    async def expire_overdue_holds(self, now: datetime, *, session_id: uuid.UUID | None = None) -> int:
        """Expire holds past ``expires_at`` and give their seats back. Safe on many workers at once: each
        batch claims its rows with SKIP LOCKED (PostgreSQL; SQLite runs one writer at a time)."""
        released = 0
        while True:
            due = (
                select(Booking.id)
                .where(Booking.status == BookingStatus.PENDING_PAYMENT, Booking.expires_at <= now)
                .order_by(Booking.expires_at)
                .limit(EXPIRY_BATCH)
                .with_for_update(skip_locked=True)
            )
            if session_id is not None:
                due = due.where(Booking.session_id == session_id)
            rows = (
                await self.session.execute(
                    update(Booking)
                    .where(Booking.id.in_(due.scalar_subquery()), Booking.status == BookingStatus.PENDING_PAYMENT)
                    .values(status=BookingStatus.EXPIRED, expired_at=now, updated_at=now)
                    .returning(Booking.id, Booking.user_id, Booking.session_id, Booking.quantity, Booking.reference)
                    .execution_options(synchronize_session=False)
                )
            ).all()
            if not rows:
                return released
            await self._release([(r.id, r.session_id, r.quantity) for r in rows], held=True, now=now)
            await enqueue(
                self.session,
                [
                    Outgoing(
                        user_id=r.user_id,
                        kind="hold_expired",
                        payload={"booking_id": str(r.id), "reference": r.reference},
                        dedupe_key=f"booking:{r.id}:expired",
                    )
                    for r in rows
                ],
            )
            released += len(rows)
            if len(rows) < EXPIRY_BATCH:
                return released

    async def _release(
        self, bookings: Sequence[tuple[uuid.UUID, uuid.UUID, int]], *, held: bool, now: datetime
    ) -> None:
        """Cancel the bookings' live tickets and give their seats back."""
        await self.session.execute(
            update(Ticket)
            .where(
                Ticket.booking_id.in_([b[0] for b in bookings]),
                Ticket.status.in_([TicketStatus.PENDING, TicketStatus.VALID]),
            )
            .values(status=TicketStatus.CANCELLED, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        per_session: dict[uuid.UUID, int] = defaultdict(int)
        for _, session_id, quantity in bookings:
            per_session[session_id] += quantity
        await self.inventory.release(held=per_session if held else {}, sold={} if held else per_session)

    # -- reading ------------------------------------------------------------------------------------------

    async def _load(self, booking_id: uuid.UUID, user: CurrentUser, *, for_update: bool = False) -> Booking:
        """The booking if ``user`` owns it (or is an admin); anyone else gets 404, never 403."""
        stmt = select(Booking).where(Booking.id == booking_id).execution_options(populate_existing=True)
        if not user.is_admin:
            stmt = stmt.where(Booking.user_id == user.id)
        if for_update:
            stmt = stmt.with_for_update()
        booking = await self.session.scalar(stmt)
        if booking is None:
            raise NotFoundAppError("Booking not found")
        return booking

    async def get(self, booking_id: uuid.UUID, user: CurrentUser) -> BookingRead:
        booking = await self._load(booking_id, user)
        return (await self._reads([booking]))[0]

    async def view(self, booking_id: uuid.UUID) -> BookingRead | None:
        """Any booking, for system use (notifications); never exposed to a request directly."""
        booking = await self.session.get(Booking, booking_id)
        return (await self._reads([booking]))[0] if booking else None

    async def notify_attendees(self, session_ids: Sequence[uuid.UUID], kind: str) -> int:
        """One ``kind`` notification per confirmed booking on the sessions (reminders, review invitations);
        repeated runs add nothing. Returns how many were new."""
        if not session_ids:
            return 0
        rows = (
            await self.session.execute(
                select(Booking.id, Booking.user_id, Booking.reference).where(
                    Booking.session_id.in_(session_ids), Booking.status == BookingStatus.CONFIRMED
                )
            )
        ).all()
        written = await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=r.user_id,
                    kind=kind,
                    payload={"booking_id": str(r.id), "reference": r.reference},
                    dedupe_key=f"booking:{r.id}:{kind}",
                )
                for r in rows
            ],
        )
        return len(written)

    async def list_mine(self, user: CurrentUser, limit: int, offset: int, status: str | None) -> BookingPage:
        stmt = select(Booking).where(Booking.user_id == user.id)
        if status is not None:
            stmt = stmt.where(Booking.status == status)
        total = await self.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        bookings = list(
            await self.session.scalars(stmt.order_by(Booking.created_at.desc()).limit(limit).offset(offset))
        )
        return BookingPage(items=await self._reads(bookings), total=total, limit=limit, offset=offset)

    async def _reads(self, bookings: Sequence[Booking]) -> list[BookingRead]:
        if not bookings:
            return []
        tickets: dict[uuid.UUID, list[Ticket]] = defaultdict(list)
        for ticket in await self.session.scalars(
            select(Ticket).where(Ticket.booking_id.in_([b.id for b in bookings])).order_by(Ticket.created_at)
        ):
            tickets[ticket.booking_id].append(ticket)
        infos = await self.inventory.describe(b.session_id for b in bookings)
        return [_booking_read(b, tickets[b.id], infos[b.session_id]) for b in bookings]

    async def attendees_of_session(
        self, session_id: uuid.UUID, user: CurrentUser, limit: int, offset: int
    ) -> AttendeeBookingPage:
        """The organizer's view of a session's bookings: names and check-ins, no contact or payment data."""
        info = (await self.inventory.describe([session_id])).get(session_id)
        if info is None or not (user.is_admin or info.organizer_id == user.id):
            raise NotFoundAppError("Session not found")
        stmt = select(Booking).where(Booking.session_id == session_id)
        total = await self.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        bookings = list(await self.session.scalars(stmt.order_by(Booking.created_at).limit(limit).offset(offset)))
        tickets: dict[uuid.UUID, list[Ticket]] = defaultdict(list)
        for ticket in await self.session.scalars(select(Ticket).where(Ticket.booking_id.in_([b.id for b in bookings]))):
            tickets[ticket.booking_id].append(ticket)
        names = await UserService(session=self.session).names([b.user_id for b in bookings])
        items = [
            AttendeeBooking(
                id=b.id,
                reference=b.reference,
                status=b.status,
                quantity=b.quantity,
                booked_by=names.get(b.user_id, ""),
                attendee_names=[
                    t.attendee_name or names.get(b.user_id, "")
                    for t in tickets[b.id]
                    if t.status != TicketStatus.CANCELLED
                ],
                checked_in=sum(1 for t in tickets[b.id] if t.status == TicketStatus.USED),
                created_at=b.created_at,
            )
            for b in bookings
        ]
        return AttendeeBookingPage(items=items, total=total, limit=limit, offset=offset)

    async def sales_of_event(self, event_id: uuid.UUID, user: CurrentUser) -> EventSales:
        """Seats sold, check-ins and revenue per session of the organizer's listing, from live tickets."""
        owner = await self.inventory.event_owner(event_id)
        if owner is None or not (user.is_admin or owner == user.id):
            raise NotFoundAppError("Listing not found")
        live = Ticket.status.in_([TicketStatus.VALID, TicketStatus.USED])
        rows = (
            await self.session.execute(
                select(
                    Ticket.session_id,
                    Ticket.currency,
                    func.count(func.distinct(Ticket.booking_id)),
                    func.count(),
                    func.count().filter(Ticket.status == TicketStatus.USED),
                    func.coalesce(func.sum(Ticket.price), 0),
                )
                .join(Booking, Booking.id == Ticket.booking_id)
                .where(Booking.event_id == event_id, Booking.status == BookingStatus.CONFIRMED, live)
                .group_by(Ticket.session_id, Ticket.currency)
                .order_by(Ticket.session_id)
            )
        ).all()
        sessions = [
            SessionSales(session_id=r[0], bookings=r[2], tickets_sold=r[3], checked_in=r[4], revenue=int(r[5]))
            for r in rows
        ]
        return EventSales(
            event_id=event_id,
            currency=rows[0][1] if rows else None,
            bookings=sum(s.bookings for s in sessions),
            tickets_sold=sum(s.tickets_sold for s in sessions),
            checked_in=sum(s.checked_in for s in sessions),
            revenue=sum(s.revenue for s in sessions),
            sessions=sessions,
        )

    # -- cancelling ---------------------------------------------------------------------------------------

    async def cancel(self, booking_id: uuid.UUID, user: CurrentUser, data: BookingCancel) -> BookingRead:
        """The customer cancels a whole booking, or some tickets of a confirmed one (partial refund)."""
        now = datetime.now(UTC)
        booking = await self._load(booking_id, user, for_update=True)
        if booking.status not in (BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED):
            raise NotCancellableError(f"A booking that is {booking.status.replace('_', ' ')} cannot be cancelled")
        info = (await self.inventory.describe([booking.session_id]))[booking.session_id]
        if info.starts_at <= now:
            raise NotCancellableError("The session has started; the booking can no longer be cancelled")
        live = list(
            await self.session.scalars(
                select(Ticket).where(
                    Ticket.booking_id == booking.id,
                    Ticket.status.in_([TicketStatus.PENDING, TicketStatus.VALID, TicketStatus.USED]),
                )
            )
        )
        chosen = live
        if data.ticket_ids is not None:
            wanted = set(data.ticket_ids)
            chosen = [t for t in live if t.id in wanted]
            if len(chosen) != len(wanted):
                raise InvalidBookingError("Some tickets are not part of this booking or are already cancelled")
            if booking.status == BookingStatus.PENDING_PAYMENT and len(chosen) != len(live):
                raise NotCancellableError("An unpaid booking can only be cancelled as a whole")
        if any(t.status == TicketStatus.USED for t in chosen):
            raise NotCancellableError("A ticket that was already used cannot be cancelled")

        held = booking.status == BookingStatus.PENDING_PAYMENT
        amount = sum(t.price for t in chosen)
        # Policy: a full refund until the cut-off before the session, none after.
        cutoff = info.starts_at - timedelta(hours=self.settings.refund_cutoff_hours)
        refund = amount if not held and now <= cutoff else 0
        for ticket in chosen:
            ticket.status = TicketStatus.CANCELLED
        booking.quantity -= len(chosen)
        booking.total -= amount
        whole = booking.quantity == 0
        if whole:
            booking.status = BookingStatus.CANCELLED
            booking.cancelled_at = now
            booking.cancel_reason = data.reason or "Cancelled by the customer"
        await self.session.flush()
        per_session = {booking.session_id: len(chosen)}
        await self.inventory.release(held=per_session if held else {}, sold={} if held else per_session)
        if refund > 0:
            await self.refunds.request_refund(
                self.session,
                booking_id=booking.id,
                amount=refund,
                currency=booking.currency,
                reason=data.reason or "Cancelled by the customer",
            )
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=booking.user_id,
                    kind="booking_cancelled" if whole else "tickets_cancelled",
                    payload={
                        "booking_id": str(booking.id),
                        "reference": booking.reference,
                        "tickets": [str(t.id) for t in chosen],
                        "refund": refund,
                        "currency": booking.currency,
                    },
                    dedupe_key=f"booking:{booking.id}:cancel:{_digest(sorted(str(t.id) for t in chosen))}",
                )
            ],
        )
        return (await self._reads([booking]))[0]

    async def cancel_for_sessions(self, session_ids: Sequence[uuid.UUID], reason: str, kind: str) -> int:
        """The organizer cancelled these sessions: cancel every live booking on them, refund what was paid
        and tell each customer. Returns how many bookings were cancelled."""
        if not session_ids:
            return 0
        now = datetime.now(UTC)
        bookings = list(
            await self.session.scalars(
                select(Booking)
                .where(
                    Booking.session_id.in_(session_ids),
                    Booking.status.in_([BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED]),
                )
                .with_for_update()
            )
        )
        if not bookings:
            return 0
        held = [(b.id, b.session_id, b.quantity) for b in bookings if b.status == BookingStatus.PENDING_PAYMENT]
        sold = [(b.id, b.session_id, b.quantity) for b in bookings if b.status == BookingStatus.CONFIRMED]
        if held:
            await self._release(held, held=True, now=now)
        if sold:
            await self._release(sold, held=False, now=now)
        for booking in bookings:
            if booking.status == BookingStatus.CONFIRMED and booking.total > 0:
                await self.refunds.request_refund(
                    self.session,
                    booking_id=booking.id,
                    amount=booking.total,
                    currency=booking.currency,
                    reason=reason,
                )
            booking.status = BookingStatus.CANCELLED
            booking.cancelled_at = now
            booking.cancel_reason = reason
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=b.user_id,
                    kind=kind,
                    payload={"booking_id": str(b.id), "reference": b.reference, "reason": reason},
                    dedupe_key=f"booking:{b.id}:{kind}",
                )
                for b in bookings
            ],
        )
        await self.session.flush()
        return len(bookings)

    async def notify_session_changed(self, session_id: uuid.UUID, starts_at: datetime) -> None:
        bookings = (
            await self.session.execute(
                select(Booking.id, Booking.user_id, Booking.reference).where(
                    Booking.session_id == session_id,
                    Booking.status.in_([BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED]),
                )
            )
        ).all()
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=b.user_id,
                    kind="session_changed",
                    payload={"booking_id": str(b.id), "reference": b.reference, "starts_at": starts_at.isoformat()},
                    dedupe_key=f"booking:{b.id}:session_changed:{starts_at.isoformat()}",
                )
                for b in bookings
            ],
        )

    # -- payment -------------------------------------------------------------------------------------------

    async def payable(self, booking_id: uuid.UUID, user: CurrentUser) -> PayableBooking:
        """The customer's booking, if it can be paid now."""
        booking = await self._load(booking_id, user)
        now = datetime.now(UTC)
        if booking.status != BookingStatus.PENDING_PAYMENT or booking.expires_at is None or booking.expires_at <= now:
            raise NotPayableError(
                "This booking is not awaiting payment"
                if booking.status != BookingStatus.PENDING_PAYMENT
                else "The time to pay for this booking has run out"
            )
        info = (await self.inventory.describe([booking.session_id]))[booking.session_id]
        return PayableBooking(
            id=booking.id,
            user_id=booking.user_id,
            reference=booking.reference,
            total=booking.total,
            currency=booking.currency,
            expires_at=booking.expires_at,
            title=info.title,
        )

    async def accepts_payment(self, booking_id: uuid.UUID, now: datetime) -> bool:
        """Whether a charge may go ahead (the gateway's check call): the hold is still running."""
        booking = await self.session.get(Booking, booking_id, populate_existing=True)
        return bool(
            booking is not None
            and booking.status == BookingStatus.PENDING_PAYMENT
            and booking.expires_at is not None
            and booking.expires_at > now
        )

    async def settle_payment(self, booking_id: uuid.UUID, now: datetime) -> bool:
        """Money for the booking arrived. Confirms it (held seats become sold) and returns True; or returns
        False when the booking can no longer be had and the money must go back: it was cancelled, already
        paid by another attempt, or its hold expired and the seats have been taken since."""
        booking = await self.session.scalar(
            select(Booking).where(Booking.id == booking_id).with_for_update().execution_options(populate_existing=True)
        )
        if booking is None:
            return False
        info = (await self.inventory.describe([booking.session_id]))[booking.session_id]
        if booking.status == BookingStatus.PENDING_PAYMENT:
            taken = await self.inventory.confirm_held(booking.session_id, booking.quantity)
        elif booking.status == BookingStatus.EXPIRED and info.starts_at > now:
            # A late payment: keep the booking if its seats are still free.
            taken = await self.inventory.sell(booking.session_id, booking.quantity)
        else:
            return False
        if not taken:
            return False
        await self.session.execute(
            update(Ticket)
            .where(Ticket.booking_id == booking.id)
            .values(status=TicketStatus.VALID, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        booking.status = BookingStatus.CONFIRMED
        booking.confirmed_at = now
        booking.updated_at = now
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=booking.user_id,
                    kind="booking_confirmed",
                    payload={"booking_id": str(booking.id), "reference": booking.reference},
                    dedupe_key=f"booking:{booking.id}:confirmed",
                )
            ],
        )
        await self.session.flush()
        return True

    # -- check-in -----------------------------------------------------------------------------------------

    async def check_in(self, code: str, session_id: uuid.UUID, user: CurrentUser) -> CheckInResult:
        """Admit a ticket at the door of ``session_id``: only that session's tickets, only while its check-in
        is open (``checkin_opens_minutes`` before the start until the end), and each ticket once."""
        code = code.strip().upper()
        if not self.codes.is_genuine(code):
            raise InvalidTicketCodeError("This is not a Tessera ticket code")
        door = (await self.inventory.describe([session_id])).get(session_id)
        if door is None or (not user.is_admin and door.organizer_id != user.id):
            raise NotFoundAppError("Session not found")
        row = (
            await self.session.execute(
                select(Ticket, Booking.reference, Booking.event_id)
                .join(Booking, Booking.id == Ticket.booking_id)
                .where(Ticket.code == code)
            )
        ).first()
        if row is None:
            raise NotFoundAppError("Ticket not found")
        ticket, reference, event_id = row
        if not user.is_admin and await self.inventory.event_owner(event_id) != user.id:
            raise NotFoundAppError("Ticket not found")
        if ticket.session_id != session_id:
            raise WrongSessionError(
                "This ticket is for another session", extra={"ticket_session_id": str(ticket.session_id)}
            )
        now = datetime.now(UTC)
        opens_at = door.starts_at - timedelta(minutes=self.settings.checkin_opens_minutes)
        if not opens_at <= now < door.ends_at:
            raise CheckInClosedError(
                "Check-in for this session is not open" if now < opens_at else "This session has ended",
                extra={"opens_at": opens_at, "closes_at": door.ends_at},
            )
        if ticket.status == TicketStatus.VALID:
            claimed = await self.session.execute(
                update(Ticket)
                .where(Ticket.id == ticket.id, Ticket.status == TicketStatus.VALID)
                .values(status=TicketStatus.USED, checked_in_at=now, updated_at=now)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount == 1:  # type: ignore[attr-defined]
                return CheckInResult(
                    ticket_id=ticket.id,
                    code=ticket.code,
                    status=TicketStatus.USED,
                    checked_in_at=now,
                    attendee_name=ticket.attendee_name,
                    ticket_type_name=ticket.ticket_type_name,
                    booking_reference=reference,
                    session_id=ticket.session_id,
                )
            await self.session.refresh(ticket)  # a concurrent scan won
        if ticket.status == TicketStatus.USED and ticket.checked_in_at is not None:
            raise AlreadyCheckedInError(
                f"Already checked in at {ticket.checked_in_at.isoformat()}",
                extra={"checked_in_at": ticket.checked_in_at},
            )
        why = "is cancelled" if ticket.status == TicketStatus.CANCELLED else "is not paid for yet"
        raise TicketNotValidError(f"This ticket {why}", extra={"ticket_status": ticket.status})


def _digest(parts: Sequence[str]) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]


def _is_code_collision(exc: IntegrityError) -> bool:
    message = str(exc.orig).lower()
    return "reference" in message or "code" in message


def _ticket_read(ticket: Ticket) -> TicketRead:
    return TicketRead(
        id=ticket.id,
        code=ticket.code,
        status=ticket.status,
        ticket_type_id=ticket.ticket_type_id,
        ticket_type_name=ticket.ticket_type_name,
        price=ticket.price,
        currency=ticket.currency,
        attendee_name=ticket.attendee_name,
        checked_in_at=ticket.checked_in_at,
    )


def _booking_read(booking: Booking, tickets: Sequence[Ticket], info: BookableSession) -> BookingRead:
    return BookingRead(
        id=booking.id,
        reference=booking.reference,
        status=booking.status,
        session_id=booking.session_id,
        event_id=booking.event_id,
        event_title=info.title,
        session_starts_at=info.starts_at,
        session_ends_at=info.ends_at,
        timezone=info.timezone,
        venue_name=info.venue_name,
        quantity=booking.quantity,
        total=booking.total,
        currency=booking.currency,
        expires_at=booking.expires_at,
        created_at=booking.created_at,
        confirmed_at=booking.confirmed_at,
        cancelled_at=booking.cancelled_at,
        tickets=[_ticket_read(t) for t in tickets],
    )
