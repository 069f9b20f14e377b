"""Taking seats: holds (paid bookings await payment) and sales (free ones are confirmed at once).

One path for every rule. ``create`` books one request and answers each broken rule with its error;
``create_batch`` books many requests of one process in one transaction (the flash-sale fast path), answers
the common refusals itself with the same errors, and hands back the few it cannot settle, to be booked one by
one through ``create``; ``create_group`` books several sessions as one booking group (a round trip), all or
nothing. Each plans orders with ``drafts.plan_order``, checks the per-account limit with
:meth:`Holds._within_limits`, takes seats through the seat inventory and writes with :meth:`Holds._write`.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import Table, func, select, text, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from uuid_utils.compat import uuid7

from tessera.booking.codes import TicketCodes, new_reference
from tessera.booking.drafts import BookingDraft, OrderDraft, TicketDraft, plan_order, row_values
from tessera.booking.errors import (
    InvalidOrderError,
    NotOnSaleError,
    SoldOutError,
    TicketLimitError,
)
from tessera.booking.groups import group_read
from tessera.booking.models import Booking, BookingGroup, BookingStatus, Ticket
from tessera.booking.releases import Releases
from tessera.booking.schemas import BookingCreate, BookingGroupRead, BookingRead
from tessera.catalog.errors import check_domain
from tessera.catalog.inventory import BookableSession, SeatInventory
from tessera.catalog.models import ListingDomain, TicketType
from tessera.config import BookingSettings
from tessera.core.audit import AuditRecord, audit_many
from tessera.core.auth import CurrentUser
from tessera.core.db import insert_ignoring_conflicts
from tessera.core.errors import AppError, NotFoundAppError
from tessera.core.idempotency import IdempotencyService, request_fingerprint
from tessera.core.outbox import enqueue

# Draws of a booking reference or ticket code before giving up (31^6 references, 31^10 codes).
_DRAWS = 3
# Bookings in one group: a round trip has two; a multi-city trip a few more.
MAX_GROUP_SIZE = 10


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


def _sold_out(available: int, **extra: str) -> SoldOutError:
    return SoldOutError(
        f"Only {available} seat(s) left" if available else "Sold out", extra={**extra, "available": available}
    )


class Holds:
    def __init__(
        self,
        session: AsyncSession,
        settings: BookingSettings,
        codes: TicketCodes,
        inventory: SeatInventory,
        releases: Releases,
        domain: ListingDomain | None = None,
    ) -> None:
        self.session = session
        self.settings = settings
        self.codes = codes
        self.inventory = inventory
        self.releases = releases
        self.seats = releases.seats
        # The domain booking through these holds: only its listings; None is the generic endpoint.
        self.domain = domain

    async def create(
        self,
        user: CurrentUser,
        data: BookingCreate,
        idempotency_key: str | None = None,
        *,
        announce: bool = True,
        hold_until: datetime | None = None,
        approved: bool = False,
        awaiting_approval: bool = False,
    ) -> CreatedBooking:
        """Hold (or, when free, sell) seats and write the booking, its tickets and an outbox row, in the
        caller's transaction; every rule that fails raises its own error. A domain that tells its customers
        itself (one message per order, not per booking) passes ``announce=False``. ``hold_until`` holds the
        seats until then even when free (a waiting-list offer, taken or left by its person). Tickets sold on the
        organizer's approval are refused (``409 approval_required``) unless ``approved``: the approvals module
        books them once a request is approved, or holds them ``awaiting_approval`` (neither payable nor
        cancellable as a booking) until the organizer decides."""
        claim = None
        if idempotency_key is not None:
            claim, stored = await IdempotencyService(self.session).claim(
                user_id=user.id, scope="bookings", key=idempotency_key, request_hash=request_fingerprint(data)
            )
            if stored is not None:
                return CreatedBooking(stored.status_code, stored.body, replayed=True)

        now = datetime.now(UTC)
        info = await self.inventory.bookable(data.session_id, now)
        check_domain(info.managed_by, self.domain)
        if not info.on_sale:
            raise NotOnSaleError(info.reason or "This session cannot be booked")
        types = await self.inventory.active_ticket_types({item.ticket_type_id for item in data.items})
        if info.seat_map_id is not None and await self.releases.has_overdue_holds(info.session_id, now):
            # A chosen seat may sit in a hold that just ran out: free such seats before claiming any.
            await self.releases.expire_overdue_holds(now, session_id=info.session_id)
        planned = self._plan(user, data, info, types, now, approved=approved)
        if hold_until is not None:
            planned.hold_until(hold_until)
        planned.booking.awaiting_approval = awaiting_approval
        orders = await self._within_limits({0: planned}, strict=True)
        placed = await self._take_seats(orders)
        # Seats may be stuck in holds that expired moments ago: if so, free them and try once more.
        if not placed and await self.releases.expire_overdue_holds(now, session_id=info.session_id):
            placed = await self._take_seats(orders)
        if not placed:
            raise _sold_out(await self._seats_left(info.session_id))
        await self.seats.place(placed[0], data.seats, types)
        await self._write(placed, announce=announce)
        body = placed[0].read()
        if claim is not None:
            await IdempotencyService(self.session).complete(claim, 201, body)
        return CreatedBooking(201, body, replayed=False)

    async def hold_for_payment(self, booking_id: uuid.UUID, now: datetime) -> None:
        """A held booking (an approved request's) now awaits payment for the usual hold time, from ``now``."""
        await self.session.execute(
            update(Booking)
            .where(Booking.id == booking_id, Booking.status == BookingStatus.PENDING_PAYMENT)
            .values(
                expires_at=now + timedelta(minutes=self.settings.hold_minutes),
                awaiting_approval=False,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )

    async def create_group(
        self, user: CurrentUser, requests: Sequence[BookingCreate], *, announce: bool = True
    ) -> BookingGroupRead:
        """Book several sessions as one group, in the caller's transaction: one hold time, one payment, confirmed
        and expired together. Either every booking is made or the first broken rule raises (a sold-out session
        answers ``sold_out`` with its ``session_id``), and the caller's rollback leaves nothing behind. The
        idempotency of the request is the caller's (the domain's order endpoint)."""
        sessions = [data.session_id for data in requests]
        if not 1 <= len(requests) <= MAX_GROUP_SIZE:
            raise InvalidOrderError(f"An order holds 1 to {MAX_GROUP_SIZE} bookings")
        if len(set(sessions)) != len(sessions):
            raise InvalidOrderError("Each booking of an order is for a different session")
        now = datetime.now(UTC)
        infos = await self.inventory.bookable_many(sessions, now)
        for session_id in sessions:
            info = infos.get(session_id)
            if info is None:
                raise NotFoundAppError("Session not found", extra={"session_id": str(session_id)})
            check_domain(info.managed_by, self.domain)
            if not info.on_sale:
                raise NotOnSaleError(
                    info.reason or "This session cannot be booked", extra={"session_id": str(session_id)}
                )
        types = await self.inventory.active_ticket_types({item.ticket_type_id for d in requests for item in d.items})
        orders = {i: self._plan(user, data, infos[data.session_id], types, now) for i, data in enumerate(requests)}
        currencies = {o.booking.currency for o in orders.values()}
        if len(currencies) != 1:
            raise InvalidOrderError("All bookings of an order must be in one currency")
        total = sum(o.booking.total for o in orders.values())
        expires_at = now + timedelta(minutes=self.settings.hold_minutes) if total > 0 else None
        group = BookingGroup(
            id=uuid7(),
            reference=new_reference(),
            user_id=user.id,
            status=BookingStatus.PENDING_PAYMENT if total > 0 else BookingStatus.CONFIRMED,
            total=total,
            currency=currencies.pop(),
            expires_at=expires_at,
            confirmed_at=None if total > 0 else now,
            cancelled_at=None,
            expired_at=None,
            created_at=now,
            updated_at=now,
        )
        for order in orders.values():
            order.booking.group_id = group.id
            if total > 0 and not order.paid:
                order.hold_until(expires_at)
        # Seats stuck in holds that ran out are freed first, before this transaction locks any session.
        for session_id in sorted(sessions):
            if await self.releases.has_overdue_holds(session_id, now):
                await self.releases.expire_overdue_holds(now, session_id=session_id)
        orders = await self._within_limits(orders, strict=True)
        refused = await self._take_all(orders)
        if refused is not None:
            raise _sold_out(await self._seats_left(refused), session_id=str(refused))
        for i, data in enumerate(requests):
            await self.seats.place(orders[i], data.seats, types)
        await self._write(orders, group=group, announce=announce)
        return group_read(group, [orders[i].read() for i in sorted(orders)])

    async def create_batch(self, requests: Sequence[BookingRequest]) -> list[CreatedBooking | AppError | None]:
        """Book many requests in this one transaction: one statement per step for the whole batch, one
        conditional UPDATE per session for the batch's seats, so the hot row's lock and the commit are paid
        once per batch instead of once per booking.

        Returns, per request, its booking; or the error ``create`` would answer, where the batch knows it
        for sure (an invalid order, a session not on sale, no seats left); or None, meaning "book it on its
        own with ``create``", the reference for every rule (a replayed key, a limit, an unknown session,
        seats that overdue holds may free). Nothing is written for a refused or None request, so answering
        it, or running it on its own, is always safe."""
        now = datetime.now(UTC)
        claims = await IdempotencyService(self.session).claim_many(
            "bookings", {i: (r.user.id, r.key, request_fingerprint(r.data)) for i, r in enumerate(requests) if r.key}
        )
        candidates = [i for i, r in enumerate(requests) if r.key is None or i in claims]
        infos = await self.inventory.bookable_many({requests[i].data.session_id for i in candidates}, now)
        types = await self.inventory.active_ticket_types(
            {item.ticket_type_id for i in candidates for item in requests[i].data.items}
        )
        orders: dict[int, OrderDraft] = {}
        results: list[CreatedBooking | AppError | None] = [None] * len(requests)
        for i in candidates:
            info = infos.get(requests[i].data.session_id)
            if info is None:
                continue  # booked on its own, which answers 404
            if info.seat_map_id is not None or requests[i].data.seats is not None:
                continue  # seats are chosen one order at a time, on its own
            try:  # the checks of ``create``, in its order
                check_domain(info.managed_by, self.domain)
                if not info.on_sale:
                    raise NotOnSaleError(info.reason or "This session cannot be booked")
                orders[i] = self._plan(requests[i].user, requests[i].data, info, types, now)
            except AppError as refusal:
                results[i] = refusal
        orders = await self._within_limits(orders, strict=False)
        placed = await self._take_seats(orders)
        await self._write(placed)
        # Orders left without seats: sold out, unless overdue holds may free some (``create`` frees them).
        short = {orders[i].booking.session_id for i in orders if i not in placed}
        for session_id in sorted(short):
            if not await self.releases.has_overdue_holds(session_id, now):
                available = await self._seats_left(session_id)
                for i in orders:
                    if i not in placed and orders[i].booking.session_id == session_id:
                        results[i] = _sold_out(available)

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

    async def _seats_left(self, session_id: uuid.UUID) -> int:
        left = await self.inventory.counts(session_id)
        return max(0, left.capacity - left.sold - left.held)

    def _plan(
        self,
        user: CurrentUser,
        data: BookingCreate,
        info: BookableSession,
        types: Mapping[uuid.UUID, TicketType],
        now: datetime,
        *,
        approved: bool = False,
    ) -> OrderDraft:
        return plan_order(user, data, info, types, now, self.codes, self.settings.hold_minutes, approved=approved)

    async def _within_limits(self, orders: dict[int, OrderDraft], *, strict: bool) -> dict[int, OrderDraft]:
        """The orders that keep each account within its per-session limit, counting earlier orders of the
        same call. ``strict``: an order over the limit raises instead of being left out."""
        if not orders:
            return orders
        pairs = sorted({(o.booking.user_id, o.booking.session_id) for o in orders.values()})
        held = [BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED]
        if self.session.get_bind().dialect.name == "postgresql":
            # Serialise each account's concurrent bookings on a session, so the count below stays true;
            # taken in one sorted pass, so two calls over the same accounts cannot deadlock. The count is a
            # statement of its own: its snapshot must be taken after the locks are held.
            await self.session.execute(
                text(
                    "SELECT count(pg_advisory_xact_lock(hashtextextended(k, 0))) "
                    "FROM (SELECT unnest(CAST(:keys AS text[])) AS k ORDER BY 1) AS locks"
                ),
                {"keys": [f"{user_id}:{session_id}" for user_id, session_id in pairs]},
            )
            # The pairs as arrays: one statement text (and one prepared statement) whatever the batch size.
            rows = await self.session.execute(
                text(
                    "SELECT b.user_id, b.session_id, sum(b.quantity) FROM bookings AS b "
                    "JOIN unnest(CAST(:users AS uuid[]), CAST(:sessions AS uuid[])) AS p(user_id, session_id) "
                    "ON b.user_id = p.user_id AND b.session_id = p.session_id "
                    "WHERE b.status IN (:pending, :confirmed) GROUP BY b.user_id, b.session_id"
                ),
                {
                    "users": [user_id for user_id, _ in pairs],
                    "sessions": [session_id for _, session_id in pairs],
                    "pending": held[0].value,
                    "confirmed": held[1].value,
                },
            )
        else:
            rows = await self.session.execute(
                select(Booking.user_id, Booking.session_id, func.sum(Booking.quantity))
                .where(tuple_(Booking.user_id, Booking.session_id).in_(pairs), Booking.status.in_(held))
                .group_by(Booking.user_id, Booking.session_id)
            )
        owned: dict[tuple[uuid.UUID, uuid.UUID], int] = defaultdict(int)
        for user_id, session_id, seats in rows:
            owned[(user_id, session_id)] = int(seats)
        limit = self.settings.max_tickets_per_user
        allowed = {}
        for i, order in orders.items():
            pair = (order.booking.user_id, order.booking.session_id)
            if owned[pair] + order.booking.quantity <= limit:
                owned[pair] += order.booking.quantity
                allowed[i] = order
            elif strict:
                raise TicketLimitError(
                    f"One account may book at most {limit} seats per session; you already have {owned[pair]}"
                )
        return allowed

    async def _take_seats(self, orders: dict[int, OrderDraft]) -> dict[int, OrderDraft]:
        """Seats for the orders: each session's orders together, in one conditional UPDATE per call; where a
        session's share does not fit, order by order, keeping those that do."""
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
        if len(wanted) == 1:  # the common case, and every single booking: one statement, no lock pass
            [(session_id, (held, sold))] = wanted.items()
            taken = {session_id} if await self.inventory.take(session_id, held=held, sold=sold) else set()
        else:
            taken = await self.inventory.take_many(wanted)
        placed = {i: orders[i] for session_id in taken for i in by_session[session_id]}
        for session_id in sorted(set(by_session) - taken):
            members = by_session[session_id]
            if len(members) == 1:
                continue  # that one order was just refused
            # Only orders that fit what is left are tried: once a sale is sold out, a batch of its requests
            # costs one statement more, not one per request.
            room = await self._seats_left(session_id)
            for i in members:
                seats, paid = orders[i].booking.quantity, orders[i].paid
                if seats > room:
                    continue
                if await self.inventory.take(session_id, held=seats if paid else 0, sold=0 if paid else seats):
                    placed[i] = orders[i]
                    room -= seats
        return placed

    async def _take_all(self, orders: Mapping[int, OrderDraft]) -> uuid.UUID | None:
        """Seats for every order or for none: returns None, or a session that had no room (the seats taken on
        the others are given back). Sessions are taken in id order, so two groups over the same sessions in
        opposite orders wait for each other instead of deadlocking."""
        wanted = {
            o.booking.session_id: (o.booking.quantity, 0) if o.paid else (0, o.booking.quantity)
            for o in orders.values()
        }
        taken = await self.inventory.take_many(wanted)
        refused = sorted(set(wanted) - taken)
        if not refused:
            return None
        await self.inventory.release(held={s: wanted[s][0] for s in taken}, sold={s: wanted[s][1] for s in taken})
        return refused[0]

    async def _write(
        self, orders: Mapping[int, OrderDraft], *, group: BookingGroup | None = None, announce: bool = True
    ) -> None:
        """Insert the group (if any), bookings, tickets and outbox rows with one statement each. A reference or
        a ticket code already taken (rare) is drawn again, so a collision never fails the transaction."""
        if not orders:
            return
        groups, bookings, tickets = (cast(Table, m.__table__) for m in (BookingGroup, Booking, Ticket))
        connection = await self.session.connection()

        async def insert_unique(
            table: Table, column: str, rows: Mapping[uuid.UUID, BookingDraft | TicketDraft | BookingGroup]
        ) -> None:
            pending = dict(rows)
            # Parameter lists, not .values([...]): SQLAlchemy caches the compiled statement and sends the rows
            # as multi-row INSERTs ("insertmanyvalues"), instead of compiling a new statement per size.
            for _ in range(_DRAWS):
                written = await connection.execute(
                    insert_ignoring_conflicts(self.session, table).returning(table.c.id),
                    [row_values(table, entity) for entity in pending.values()],
                )
                for (entity_id,) in written:
                    del pending[entity_id]
                if not pending:
                    return
                for entity in pending.values():
                    if isinstance(entity, TicketDraft):
                        entity.code = self.codes.new()
                    else:
                        entity.reference = new_reference()
            raise AppError(f"Could not draw unique {column}s")  # pragma: no cover

        if group is not None:
            await insert_unique(groups, "reference", {group.id: group})
        await insert_unique(bookings, "reference", {o.booking.id: o.booking for o in orders.values()})
        await audit_many(
            self.session,
            [
                AuditRecord(
                    "booking.created",
                    o.booking.id,
                    {
                        "status": [None, o.booking.status],
                        "session_id": [None, o.booking.session_id],
                        "quantity": [None, o.booking.quantity],
                        "total": [None, o.booking.total],
                    },
                    actor_id=o.booking.user_id,
                )
                for o in orders.values()
            ],
        )
        await insert_unique(tickets, "code", {t.id: t for o in orders.values() for t in o.tickets})
        if any(o.info.seat_map_id is not None for o in orders.values()):
            await self.seats.claim(orders.values(), next(iter(orders.values())).booking.created_at)
        if announce:
            await enqueue(self.session, [o.announcement() for o in orders.values()])
