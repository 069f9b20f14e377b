"""The traveller's side of flights: orders, paying for them, seats, cancellation, and answers to schedule
changes."""

from __future__ import annotations

import uuid
from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, get, post, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.core.auth import CurrentUser, client_ip, requires_verified_email
from tessera.core.errors import documented_error
from tessera.core.idempotency import IdempotencyKeyHeader, validate_key
from tessera.core.pagination import LimitOffset, OffsetPagination, provide_limit_offset
from tessera.core.ratelimit import ActionThrottle
from tessera.flights.amendments import OrderAmendments
from tessera.flights.change_answers import ChangeAnswers
from tessera.flights.errors import InvalidCancelError
from tessera.flights.order_schemas import (
    CancellationQuote,
    ChangeRejection,
    OrderCancel,
    OrderChangeList,
    OrderCreate,
    OrderRead,
    SeatChanges,
)
from tessera.flights.orders import FlightOrders
from tessera.payments.schemas import PaymentRead
from tessera.payments.services import OpenedAttempt, PaymentService


class FlightOrderController(Controller):
    path = "/flights/orders"
    tags = ["flights"]
    dependencies = {"page": Provide(provide_limit_offset, sync_to_thread=False)}

    @post(
        "/",
        operation_id="createFlightOrder",
        status_code=HTTP_201_CREATED,
        summary="Book every leg for every passenger at once, seats chosen or assigned; pay within the hold",
    )
    async def create(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[OrderCreate],
        flight_orders: NamedDependency[FlightOrders],
        current_user: NamedDependency[CurrentUser],
        booking_throttle: NamedDependency[ActionThrottle],
        idempotency_key: IdempotencyKeyHeader = None,
    ) -> Response[OrderRead]:
        await booking_throttle.check(current_user.id, client_ip(request))
        created = await flight_orders.create(data, current_user, validate_key(idempotency_key))
        headers = {"Idempotent-Replayed": "true"} if created.replayed else {}
        return Response(created.body, status_code=HTTP_201_CREATED, headers=headers)  # type: ignore[arg-type]

    @get("/", operation_id="listFlightOrders", summary="Your flight orders, newest first")
    async def list_orders(
        self,
        flight_orders: NamedDependency[FlightOrders],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
        status: FromQuery[
            Literal["pending_payment", "confirmed", "partially_cancelled", "cancelled", "expired"] | None
        ] = None,
    ) -> OffsetPagination[OrderRead]:
        items, total = await flight_orders.list_mine(current_user, status, page.limit, page.offset)
        return OffsetPagination(items=items, total=total, limit=page.limit, offset=page.offset)

    @get("/{order_id:uuid}", operation_id="getFlightOrder", summary="One of your flight orders")
    async def get_order(
        self,
        order_id: FromPath[uuid.UUID],
        flight_orders: NamedDependency[FlightOrders],
        current_user: NamedDependency[CurrentUser],
    ) -> OrderRead:
        return await flight_orders.get(order_id, current_user)

    @post(
        "/{order_id:uuid}/pay",
        operation_id="payFlightOrder",
        guards=[requires_verified_email],
        status_code=HTTP_201_CREATED,
        summary="Start paying the whole order at once: returns the gateway page to send the customer to",
        description=(
            "Every leg is confirmed together when the gateway reports the money arrived, never by the customer "
            "returning from its page: poll GET /flights/orders/{id} until it is confirmed."
        ),
        responses={502: documented_error("The payment gateway cannot be reached; try again in a minute")},
    )
    async def pay(
        self,
        request: Request[Any, Any, Any],
        order_id: FromPath[uuid.UUID],
        db_session: NamedDependency[AsyncSession],
        flight_orders: NamedDependency[FlightOrders],
        payments: NamedDependency[PaymentService],
        current_user: NamedDependency[CurrentUser],
        payment_throttle: NamedDependency[ActionThrottle],
        idempotency_key: IdempotencyKeyHeader = None,
    ) -> Response[PaymentRead]:
        await payment_throttle.check(current_user.id, client_ip(request))
        order = await flight_orders.owned(order_id, current_user)
        started = await payments.open_group_attempt(
            current_user,
            order.booking_group_id,
            validate_key(idempotency_key),
            return_path=f"/flights/orders/{order.id}/payment",
        )
        if isinstance(started, OpenedAttempt):
            # The attempt is committed before the gateway hears of it: its callbacks may arrive first.
            await db_session.commit()
            started = await payments.send_to_gateway(started)
        headers = {"Idempotent-Replayed": "true"} if started.replayed else {}
        return Response(started.body, status_code=started.status_code, headers=headers)  # type: ignore[arg-type]


def _legs(raw: str | None) -> list[int] | None:
    """``legs=1,2`` as a list; absent means the whole order."""
    if raw is None:
        return None
    try:
        legs = [int(part) for part in raw.split(",")]
    except ValueError as exc:
        raise InvalidCancelError("legs is a comma-separated list of leg numbers, such as 2 or 1,2") from exc
    return legs


class FlightOrderChangeController(Controller):
    path = "/flights/orders/{order_id:uuid}"
    tags = ["flights"]

    @put("/seats", operation_id="changeFlightSeats", summary="Move passengers to other seats, all or none")
    async def change_seats(
        self,
        order_id: FromPath[uuid.UUID],
        data: JSONBody[SeatChanges],
        amendments: NamedDependency[OrderAmendments],
        current_user: NamedDependency[CurrentUser],
    ) -> OrderRead:
        return await amendments.change_seats(order_id, data, current_user)

    @get(
        "/cancellation-quote",
        operation_id="quoteFlightCancellation",
        summary="What cancelling the order (or its return, legs=2) would refund now",
        responses={409: documented_error("not_cancellable: the order or that flight is cancelled, expired or gone")},
    )
    async def quote(
        self,
        order_id: FromPath[uuid.UUID],
        amendments: NamedDependency[OrderAmendments],
        current_user: NamedDependency[CurrentUser],
        legs: Annotated[str | None, QueryParameter(max_length=10, description="Comma-separated legs")] = None,
    ) -> CancellationQuote:
        return await amendments.quote(order_id, _legs(legs), current_user)

    @post(
        "/cancel",
        operation_id="cancelFlightOrder",
        status_code=HTTP_200_OK,
        summary="Cancel the whole order, or its return flight; the fare's refund is asked for at once",
    )
    async def cancel(
        self,
        order_id: FromPath[uuid.UUID],
        data: JSONBody[OrderCancel],
        amendments: NamedDependency[OrderAmendments],
        current_user: NamedDependency[CurrentUser],
    ) -> OrderRead:
        return await amendments.cancel(order_id, data, current_user)

    @get("/schedule-changes", operation_id="listFlightOrderChanges", summary="Schedule changes that met this order")
    async def schedule_changes(
        self,
        order_id: FromPath[uuid.UUID],
        change_answers: NamedDependency[ChangeAnswers],
        current_user: NamedDependency[CurrentUser],
    ) -> OrderChangeList:
        return await change_answers.list(order_id, current_user)

    @post(
        "/schedule-changes/{change_id:uuid}/accept",
        operation_id="acceptFlightChange",
        status_code=HTTP_200_OK,
        summary="Keep the trip as the airline changed it",
    )
    async def accept(
        self,
        order_id: FromPath[uuid.UUID],
        change_id: FromPath[uuid.UUID],
        change_answers: NamedDependency[ChangeAnswers],
        current_user: NamedDependency[CurrentUser],
    ) -> OrderRead:
        return await change_answers.accept(order_id, change_id, current_user)

    @post(
        "/schedule-changes/{change_id:uuid}/reject",
        operation_id="rejectFlightChange",
        status_code=HTTP_200_OK,
        summary="Cancel the whole trip over the change, with a full refund whatever the fare",
    )
    async def reject(
        self,
        order_id: FromPath[uuid.UUID],
        change_id: FromPath[uuid.UUID],
        data: JSONBody[ChangeRejection],
        change_answers: NamedDependency[ChangeAnswers],
        current_user: NamedDependency[CurrentUser],
    ) -> OrderRead:
        return await change_answers.reject(order_id, change_id, data.reason, current_user)
