"""Approval-only sales. A listing (or some of its ticket types) sells only on the organizer's approval: the
generic booking endpoint refuses such tickets (``409 approval_required``), and buyers send a request instead.
A request holds nothing, or, when the listing says so, holds the seats for a set time as a booking of the core
(so approval can never oversell). Approval books the tickets: a paid booking awaits payment within the core's
hold, a free one is confirmed. Declined, withdrawn and expired requests release what they held."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.services import UserService
from tessera.approvals.models import BookingRequest, RequestStatus
from tessera.approvals.schemas import RequestCreate, RequestItem, RequestPage, RequestRead
from tessera.booking.errors import InvalidBookingError, NotOnSaleError
from tessera.booking.models import BookingStatus
from tessera.booking.schemas import BookingCancel, BookingCreate, BookingItem, BookingRead
from tessera.booking.services import Bookings
from tessera.catalog.errors import check_domain
from tessera.catalog.inventory import BookableSession, SeatInventory
from tessera.core.audit import audit
from tessera.core.auth import AuthMethod, CurrentUser, Role
from tessera.core.errors import AppError, NotFoundAppError
from tessera.core.outbox import Outgoing, enqueue

# A request that holds nothing waits this long for a decision (never past the session's start).
REQUEST_DAYS = 3
EXPIRY_BATCH = 200


class ApprovalNotNeededError(AppError):
    status_code = 409
    code = "approval_not_required"


class RequestNotPendingError(AppError):
    status_code = 409
    code = "request_not_pending"


def _as_customer(user_id: uuid.UUID) -> CurrentUser:
    return CurrentUser(id=user_id, role=Role.PARTICIPANT, method=AuthMethod.BEARER)


class Approvals:
    def __init__(self, session: AsyncSession, bookings: Bookings) -> None:
        self.session = session
        self.bookings = bookings
        self.inventory = SeatInventory(session)

    # -- buyers ------------------------------------------------------------------------------------------

    async def request(self, session_id: uuid.UUID, data: RequestCreate, user: CurrentUser) -> RequestRead:
        """Ask for tickets sold on approval; holds the seats for the listing's hold time, if it has one."""
        now = datetime.now(UTC)
        info = await self.inventory.bookable(session_id, now)
        check_domain(info.managed_by, None)
        if not info.on_sale:
            raise NotOnSaleError(info.reason or "This session cannot be booked")
        types = await self.inventory.active_ticket_types({i.ticket_type_id for i in data.items})
        if any(i.ticket_type_id not in types or types[i.ticket_type_id].event_id != info.event_id for i in data.items):
            raise InvalidBookingError("Unknown ticket type for this listing")
        if not (info.approval_required or any(types[i.ticket_type_id].approval_required for i in data.items)):
            raise ApprovalNotNeededError("These tickets need no approval: book them directly")
        hold = info.approval_hold_minutes
        expires_at = min(now + (timedelta(minutes=hold) if hold else timedelta(days=REQUEST_DAYS)), info.starts_at)
        request = BookingRequest(
            session_id=info.session_id,
            user_id=user.id,
            items=[{"ticket_type_id": str(i.ticket_type_id), "quantity": i.quantity} for i in data.items],
            message=data.message.strip(),
            status=RequestStatus.PENDING,
            expires_at=expires_at,
        )
        if hold:  # every rule of a booking applies now (seats, limits): the hold is a booking of the core
            created = await self.bookings.holds.create(
                user,
                self._booking(request),
                announce=False,
                hold_until=expires_at,
                approved=True,
                awaiting_approval=True,
            )
            request.hold_booking_id = _booking_id(created.body)
        self.session.add(request)
        await self.session.flush()
        audit(self.session, "booking_request.created", request.id, {"session_id": [None, info.session_id]})
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=info.organizer_id,
                    kind="booking_request_received",
                    payload={"request_id": str(request.id), "title": info.title},
                    dedupe_key=f"request:{request.id}:received",
                )
            ],
        )
        return (await self._reads([request]))[0]

    async def mine(self, user: CurrentUser, limit: int, offset: int) -> RequestPage:
        stmt = select(BookingRequest).where(BookingRequest.user_id == user.id)
        return await self._page(stmt, limit, offset)

    async def withdraw(self, request_id: uuid.UUID, user: CurrentUser) -> RequestRead:
        request = await self._locked(request_id)
        if request is None or request.user_id != user.id:
            raise NotFoundAppError("Request not found")
        await self._close(request, RequestStatus.WITHDRAWN, "Withdrawn by the buyer", user)
        return (await self._reads([request]))[0]

    # -- the organizer -----------------------------------------------------------------------------------

    async def _organized(self, session_id: uuid.UUID, user: CurrentUser) -> BookableSession:
        info = (await self.inventory.describe([session_id])).get(session_id)
        if info is None or not (user.is_admin or info.organizer_id == user.id):
            raise NotFoundAppError("Session not found")
        return info

    async def of_session(self, session_id: uuid.UUID, user: CurrentUser, limit: int, offset: int) -> RequestPage:
        await self._organized(session_id, user)
        return await self._page(select(BookingRequest).where(BookingRequest.session_id == session_id), limit, offset)

    async def _decidable(self, request_id: uuid.UUID, user: CurrentUser) -> BookingRequest:
        request = await self._locked(request_id)
        if request is None:
            raise NotFoundAppError("Request not found")
        await self._organized(request.session_id, user)
        if request.status != RequestStatus.PENDING or datetime.now(UTC) >= request.expires_at:
            raise RequestNotPendingError(f"This request is {request.status}, not awaiting a decision")
        return request

    async def approve(self, request_id: uuid.UUID, user: CurrentUser) -> RequestRead:
        """Book what was asked: the held seats, or seats taken now (``409 sold_out`` if none are left). A paid
        booking then awaits payment within the core's hold; a free one is confirmed."""
        request = await self._decidable(request_id, user)
        now = datetime.now(UTC)
        buyer = _as_customer(request.user_id)
        if request.hold_booking_id is not None:
            booking = await self.bookings.reads.view(request.hold_booking_id)
            if booking is None or booking.status != BookingStatus.PENDING_PAYMENT:
                raise RequestNotPendingError("The seats this request held were released")
            booking_id = booking.id
            # Approved: payment is due within the core's usual hold, from now; a free booking is confirmed.
            await self.bookings.holds.hold_for_payment(booking_id, now)
            if booking.total == 0:
                await self.bookings.settlement.settle_payment(booking_id, now)
        else:
            created = await self.bookings.holds.create(buyer, self._booking(request), announce=True, approved=True)
            booking_id = _booking_id(created.body)
        request.status = RequestStatus.APPROVED
        request.booking_id = booking_id
        request.decided_at = now
        await self.session.flush()
        audit(self.session, "booking_request.approved", request.id, {"status": ["pending", "approved"]})
        await self._tell(request, "booking_request_approved", booking_id)
        return (await self._reads([request]))[0]

    async def decline(self, request_id: uuid.UUID, reason: str | None, user: CurrentUser) -> RequestRead:
        request = await self._decidable(request_id, user)
        request.decline_reason = reason
        await self._close(request, RequestStatus.DECLINED, reason or "Declined by the organizer", user)
        await self._tell(request, "booking_request_declined", None)
        return (await self._reads([request]))[0]

    async def expire_overdue(self, now: datetime) -> int:
        """Requests nobody decided in time expire, and release what they held (a batch; returns how many)."""
        due = list(
            await self.session.scalars(
                select(BookingRequest)
                .where(BookingRequest.status == RequestStatus.PENDING, BookingRequest.expires_at <= now)
                .order_by(BookingRequest.expires_at)
                .limit(EXPIRY_BATCH)
                .with_for_update(skip_locked=True)
            )
        )
        for request in due:
            await self._close(request, RequestStatus.EXPIRED, "The request expired", None)
            await self._tell(request, "booking_request_expired", None)
        return len(due)

    # -- shared ------------------------------------------------------------------------------------------

    async def _close(
        self, request: BookingRequest, status: RequestStatus, reason: str, actor: CurrentUser | None
    ) -> None:
        if request.status != RequestStatus.PENDING:
            raise RequestNotPendingError(f"This request is {request.status}")
        if request.hold_booking_id is not None:
            held = await self.bookings.reads.view(request.hold_booking_id)
            if held is not None and held.status == BookingStatus.PENDING_PAYMENT:
                await self.bookings.cancellations.cancel(
                    held.id, _as_customer(request.user_id), BookingCancel(reason=reason[:300]), request_closed=True
                )
        request.status = status
        request.decided_at = datetime.now(UTC)
        await self.session.flush()
        audit(
            self.session,
            f"booking_request.{status.value}",
            request.id,
            {"status": ["pending", status.value]},
            actor_id=actor.id if actor else None,
        )

    async def _tell(self, request: BookingRequest, kind: str, booking_id: uuid.UUID | None) -> None:
        info = (await self.inventory.describe([request.session_id]))[request.session_id]
        payload: dict[str, str] = {"request_id": str(request.id), "title": info.title}
        if request.decline_reason:
            payload["reason"] = request.decline_reason
        if booking_id is not None:
            payload["booking_id"] = str(booking_id)
        await enqueue(
            self.session,
            [Outgoing(user_id=request.user_id, kind=kind, payload=payload, dedupe_key=f"request:{request.id}:{kind}")],
        )

    def _booking(self, request: BookingRequest) -> BookingCreate:
        return BookingCreate(
            session_id=request.session_id,
            items=[BookingItem(uuid.UUID(i["ticket_type_id"]), int(i["quantity"])) for i in request.items],
        )

    async def _locked(self, request_id: uuid.UUID) -> BookingRequest | None:
        found: BookingRequest | None = await self.session.scalar(
            select(BookingRequest)
            .where(BookingRequest.id == request_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return found

    async def _page(self, query: Select[tuple[BookingRequest]], limit: int, offset: int) -> RequestPage:
        total = await self.session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = list(
            await self.session.scalars(query.order_by(BookingRequest.created_at.desc()).limit(limit).offset(offset))
        )
        return RequestPage(items=await self._reads(rows), total=total, limit=limit, offset=offset)

    async def _reads(self, requests: list[BookingRequest]) -> list[RequestRead]:
        infos = await self.inventory.describe(r.session_id for r in requests)
        types = await self.inventory.ticket_types(uuid.UUID(i["ticket_type_id"]) for r in requests for i in r.items)
        names = await UserService(session=self.session).names([r.user_id for r in requests])
        reads = []
        for r in requests:
            info = infos[r.session_id]
            reads.append(
                RequestRead(
                    id=r.id,
                    session_id=r.session_id,
                    event_id=info.event_id,
                    event_title=info.title,
                    session_starts_at=info.starts_at,
                    status=r.status,
                    items=[
                        RequestItem(
                            ticket_type_id=uuid.UUID(i["ticket_type_id"]),
                            ticket_type_name=types[uuid.UUID(i["ticket_type_id"])].name
                            if uuid.UUID(i["ticket_type_id"]) in types
                            else "",
                            quantity=int(i["quantity"]),
                        )
                        for i in r.items
                    ],
                    message=r.message,
                    expires_at=r.expires_at,
                    holds_seats=r.hold_booking_id is not None and r.status == RequestStatus.PENDING,
                    booking_id=r.booking_id,
                    decline_reason=r.decline_reason,
                    decided_at=r.decided_at,
                    created_at=r.created_at,
                    requester_name=names.get(r.user_id, ""),
                )
            )
        return reads


def _booking_id(body: BookingRead | dict[str, object]) -> uuid.UUID:
    return body.id if isinstance(body, BookingRead) else uuid.UUID(str(body["id"]))
