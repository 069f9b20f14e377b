from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from tessera.booking.batching import BookingBatcher
from tessera.booking.holds import BookingRequest
from tessera.booking.models import BookingStatus
from tessera.booking.schemas import (
    AttendeeBookingPage,
    BookingCancel,
    BookingCreate,
    BookingPage,
    BookingRead,
    CheckInRequest,
    CheckInResult,
    EventSales,
    SeatCodes,
    SeatMove,
    SessionSeating,
    SessionSeatMap,
)
from tessera.booking.services import Bookings
from tessera.core.auth import CurrentUser, client_ip, requires_organizer
from tessera.core.idempotency import IdempotencyKeyHeader, validate_key
from tessera.core.pagination import LimitOffset, provide_limit_offset
from tessera.core.ratelimit import ActionThrottle

BOOKING_DEPENDENCIES = {"page": Provide(provide_limit_offset, sync_to_thread=False)}


class BookingController(Controller):
    path = "/bookings"
    tags = ["booking"]
    dependencies = BOOKING_DEPENDENCIES

    @post(
        "/",
        operation_id="createBooking",
        status_code=HTTP_201_CREATED,
        summary="Hold seats (paid) or book them (free)",
        description=(
            "Paid bookings start as pending_payment and hold their seats until expires_at; free bookings are "
            "confirmed at once. 409 sold_out when the seats are not all free."
        ),
    )
    async def create_booking(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[BookingCreate],
        batcher: NamedDependency[BookingBatcher],
        current_user: NamedDependency[CurrentUser],
        booking_throttle: NamedDependency[ActionThrottle],
        idempotency_key: IdempotencyKeyHeader = None,
    ) -> Response[BookingRead]:
        await booking_throttle.check(current_user.id, client_ip(request))
        created = await batcher.book(BookingRequest(current_user, data, validate_key(idempotency_key)))
        headers = {"Idempotent-Replayed": "true"} if created.replayed else {}
        return Response(created.body, status_code=created.status_code, headers=headers)  # type: ignore[arg-type]

    @get("/", operation_id="listMyBookings", summary="Your bookings, newest first")
    async def list_bookings(
        self,
        bookings: NamedDependency[Bookings],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
        status: FromQuery[BookingStatus | None] = None,
    ) -> BookingPage:
        return await bookings.reads.list_mine(current_user, page.limit, page.offset, status)

    @get("/{booking_id:uuid}", operation_id="getBooking", summary="One of your bookings with its tickets")
    async def get_booking(
        self,
        booking_id: FromPath[uuid.UUID],
        bookings: NamedDependency[Bookings],
        current_user: NamedDependency[CurrentUser],
    ) -> BookingRead:
        return await bookings.reads.get(booking_id, current_user)

    @post(
        "/{booking_id:uuid}/cancel",
        operation_id="cancelBooking",
        status_code=HTTP_200_OK,
        summary="Cancel a booking, or some tickets of a confirmed one (refunded)",
    )
    async def cancel_booking(
        self,
        booking_id: FromPath[uuid.UUID],
        bookings: NamedDependency[Bookings],
        current_user: NamedDependency[CurrentUser],
        data: JSONBody[BookingCancel | None] = None,
    ) -> BookingRead:
        return await bookings.cancellations.cancel(booking_id, current_user, data or BookingCancel())


class SessionBookingsController(Controller):
    path = "/sessions"
    tags = ["organizer"]
    guards = [requires_organizer]
    dependencies = BOOKING_DEPENDENCIES

    @get("/{session_id:uuid}/bookings", operation_id="listSessionBookings", summary="Bookings on your session")
    async def list_session_bookings(
        self,
        session_id: FromPath[uuid.UUID],
        bookings: NamedDependency[Bookings],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
    ) -> AttendeeBookingPage:
        return await bookings.reads.attendees_of_session(session_id, current_user, page.limit, page.offset)


class EventSalesController(Controller):
    path = "/events"
    tags = ["organizer"]
    guards = [requires_organizer]
    dependencies = BOOKING_DEPENDENCIES

    @get("/{event_id:uuid}/sales", operation_id="getEventSales", summary="Seats sold and revenue of your listing")
    async def event_sales(
        self,
        event_id: FromPath[uuid.UUID],
        bookings: NamedDependency[Bookings],
        current_user: NamedDependency[CurrentUser],
    ) -> EventSales:
        return await bookings.reads.sales_of_event(event_id, current_user)


class CheckInController(Controller):
    path = "/checkin"
    tags = ["organizer"]
    guards = [requires_organizer]
    dependencies = BOOKING_DEPENDENCIES

    @post("/", operation_id="checkIn", status_code=HTTP_200_OK, summary="Admit a ticket (once)")
    async def check_in(
        self,
        data: JSONBody[CheckInRequest],
        bookings: NamedDependency[Bookings],
        current_user: NamedDependency[CurrentUser],
    ) -> CheckInResult:
        return await bookings.checkin.check_in(data.code, data.session_id, current_user)


class SessionSeatingController(Controller):
    path = "/sessions"
    tags = ["booking"]

    @get(
        "/{session_id:uuid}/seat-map",
        operation_id="getSessionSeatMap",
        summary="A seated session's map with the seats that cannot be chosen now (live)",
        cache_control=None,
    )
    async def seat_map(
        self,
        session_id: FromPath[uuid.UUID],
        bookings: NamedDependency[Bookings],
        viewer: NamedDependency[CurrentUser | None],
    ) -> SessionSeatMap:
        return await bookings.seating.seat_map(session_id, viewer)

    @get(
        "/{session_id:uuid}/seats",
        operation_id="listSessionSeats",
        guards=[requires_organizer],
        tags=["organizer"],
        summary="Who holds each taken seat of your session, and the seats you blocked",
    )
    async def holders(
        self,
        session_id: FromPath[uuid.UUID],
        bookings: NamedDependency[Bookings],
        current_user: NamedDependency[CurrentUser],
    ) -> SessionSeating:
        return await bookings.seating.holders(session_id, current_user)

    @post(
        "/{session_id:uuid}/seats/block",
        operation_id="blockSeats",
        guards=[requires_organizer],
        tags=["organizer"],
        status_code=HTTP_200_OK,
        summary="Take free seats off sale for this session (409 seat_unavailable names any taken)",
    )
    async def block(
        self,
        session_id: FromPath[uuid.UUID],
        data: JSONBody[SeatCodes],
        bookings: NamedDependency[Bookings],
        current_user: NamedDependency[CurrentUser],
    ) -> SessionSeating:
        return await bookings.seating.block(session_id, data.seats, current_user)

    @post(
        "/{session_id:uuid}/seats/release",
        operation_id="releaseSeats",
        guards=[requires_organizer],
        tags=["organizer"],
        status_code=HTTP_200_OK,
        summary="Put seats you blocked back on sale",
    )
    async def release(
        self,
        session_id: FromPath[uuid.UUID],
        data: JSONBody[SeatCodes],
        bookings: NamedDependency[Bookings],
        current_user: NamedDependency[CurrentUser],
    ) -> SessionSeating:
        return await bookings.seating.release(session_id, data.seats, current_user)

    @post(
        "/{session_id:uuid}/seats/move",
        operation_id="moveSeat",
        guards=[requires_organizer],
        tags=["organizer"],
        status_code=HTTP_200_OK,
        summary="Move a ticket to a free seat of its price zone; its holder is told",
    )
    async def move(
        self,
        session_id: FromPath[uuid.UUID],
        data: JSONBody[SeatMove],
        bookings: NamedDependency[Bookings],
        current_user: NamedDependency[CurrentUser],
    ) -> SessionSeating:
        return await bookings.seating.move(session_id, data, current_user)
