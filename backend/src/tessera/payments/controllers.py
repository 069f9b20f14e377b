from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.core.auth import CurrentUser, client_ip, requires_verified_email
from tessera.core.csrf import EXCLUDE_FROM_CSRF
from tessera.core.errors import AppError, documented_error
from tessera.core.idempotency import IdempotencyKeyHeader, validate_key
from tessera.core.ratelimit import ActionThrottle
from tessera.payments.freedompay import MalformedParamsError
from tessera.payments.freedompay import request_params as gateway_params
from tessera.payments.schemas import PaymentCreate, PaymentRead
from tessera.payments.services import OpenedAttempt, PaymentService


class PaymentController(Controller):
    path = "/payments"
    tags = ["payments"]

    @post(
        "/",
        operation_id="createPayment",
        guards=[requires_verified_email],
        status_code=HTTP_201_CREATED,
        summary="Start paying a booking: returns the gateway page to send the customer to",
        description=(
            "The booking is confirmed only when the gateway reports the money arrived, never by the customer "
            "returning from its page: poll GET /payments/{id} (or the booking) until it is paid."
        ),
        responses={502: documented_error("The payment gateway cannot be reached; try again in a minute")},
    )
    async def create_payment(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[PaymentCreate],
        db_session: NamedDependency[AsyncSession],
        payments: NamedDependency[PaymentService],
        current_user: NamedDependency[CurrentUser],
        payment_throttle: NamedDependency[ActionThrottle],
        idempotency_key: IdempotencyKeyHeader = None,
    ) -> Response[PaymentRead]:
        await payment_throttle.check(current_user.id, client_ip(request))
        started = await payments.open_attempt(current_user, data, validate_key(idempotency_key))
        if isinstance(started, OpenedAttempt):
            # The attempt is committed before the gateway hears of it: its callbacks may arrive first.
            await db_session.commit()
            started = await payments.send_to_gateway(started)
        headers = {"Idempotent-Replayed": "true"} if started.replayed else {}
        return Response(started.body, status_code=started.status_code, headers=headers)  # type: ignore[arg-type]

    @get("/", operation_id="listPayments", summary="Payment attempts of one of your bookings")
    async def list_payments(
        self,
        booking_id: FromQuery[uuid.UUID],
        payments: NamedDependency[PaymentService],
        current_user: NamedDependency[CurrentUser],
    ) -> list[PaymentRead]:
        return await payments.list_for_booking(booking_id, current_user)

    @get("/{payment_id:uuid}", operation_id="getPayment", summary="One payment attempt with its refunds")
    async def get_payment(
        self,
        payment_id: FromPath[uuid.UUID],
        payments: NamedDependency[PaymentService],
        current_user: NamedDependency[CurrentUser],
    ) -> PaymentRead:
        return await payments.get(payment_id, current_user)


class FreedomPayCallbackController(Controller):
    """Server-to-server calls from the gateway: signed form fields in, signed XML out. No cookies, no CSRF."""

    path = "/payments/freedompay"
    tags = ["payments"]
    opt = {EXCLUDE_FROM_CSRF: True}

    # The gateway calls with the method we ask for (POST); GET is accepted as the protocol allows it.
    @post(
        "/check",
        operation_id="freedompayCheck",
        summary="Gateway asks whether the order may still be paid",
        status_code=HTTP_200_OK,
        media_type="text/xml",
    )
    async def check(self, request: Request[Any, Any, Any], payments: NamedDependency[PaymentService]) -> Response[str]:
        return _xml(await payments.handle_check(await _callback_params(request), client_ip(request)))

    @get("/check", include_in_schema=False)
    async def check_by_get(
        self, request: Request[Any, Any, Any], payments: NamedDependency[PaymentService]
    ) -> Response[str]:
        return _xml(await payments.handle_check(await _callback_params(request), client_ip(request)))

    @post(
        "/result",
        operation_id="freedompayResult",
        summary="Gateway reports the outcome of a payment",
        status_code=HTTP_200_OK,
        media_type="text/xml",
    )
    async def result(self, request: Request[Any, Any, Any], payments: NamedDependency[PaymentService]) -> Response[str]:
        return _xml(await payments.handle_result(await _callback_params(request), client_ip(request)))

    @get("/result", include_in_schema=False)
    async def result_by_get(
        self, request: Request[Any, Any, Any], payments: NamedDependency[PaymentService]
    ) -> Response[str]:
        return _xml(await payments.handle_result(await _callback_params(request), client_ip(request)))


class MalformedCallbackError(AppError):
    status_code = 400
    code = "malformed_callback"


async def _callback_params(request: Request[Any, Any, Any]) -> dict[str, Any]:
    try:
        return await gateway_params(request)
    except MalformedParamsError as exc:
        raise MalformedCallbackError("The callback's fields cannot be read") from exc


def _xml(answer: str) -> Response[str]:
    return Response(answer, media_type="text/xml", status_code=200)
