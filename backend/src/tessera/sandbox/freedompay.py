"""A local emulator of the FreedomPay Merchant API, faithful enough to exercise every path of our adapter.

It checks the merchant id and the request signature (unsigned errors 9997 / 9998, as the gateway sends them),
keeps payments in memory, serves a hosted payment page where a person types a test card, calls the shop's
check and result URLs with signed parameters (retrying when the shop does not answer 200 with a valid signed
reply), redirects the browser back, and answers get_status3.php, revoke.php and cancel.php.

Test cards (any future expiry such as 12/30, any three-digit CVC):

=====================  ========================================================
4716 0472 6194 1981    approved at once
4916 3074 1633 4310    declined by the issuing bank (10001)
5367 6542 7610 2126    approved after a delay; the browser returns before that
4916 1098 3083 2246    approved, but the result callback is never delivered
4000 0000 0000 0317    approved; its first refund is made but the answer is lost
=====================  ========================================================

It is mounted by the backend at ``/sandbox/freedompay`` in embedded mode, and runs alone with
``tessera sandbox-freedompay``. It holds no card data beyond a masked number.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import re
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

import httpx
import structlog
from litestar import Litestar, MediaType, Request, Response, get, post, route
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from tessera.payments.freedompay import (
    MalformedParamsError,
    parse_xml,
    request_params,
    script_name,
    signed,
    verify,
    xml_response,
)
from tessera.sandbox.page import card_problem, html_page, payment_form

logger = structlog.get_logger("tessera.sandbox.freedompay")

APPROVE = "4716047261941981"
DECLINE = "4916307416334310"
DELAYED = "5367654276102126"
LOST_CALLBACK = "4916109830832246"
LOST_REFUND_ANSWER = "4000000000000317"
TEST_CARDS = {
    APPROVE: "approved at once",
    DECLINE: "declined by the issuing bank",
    DELAYED: "approved after a delay",
    LOST_CALLBACK: "approved, result callback never delivered",
    LOST_REFUND_ANSWER: "approved; the first refund is made but its answer is lost",
}


@dataclass
class SandboxPayment:
    id: int
    token: str
    order_id: str
    amount: str
    currency: str
    description: str
    check_url: str | None
    result_url: str | None
    success_url: str | None
    failure_url: str | None
    request_method: str
    testing_mode: str
    custom: dict[str, str]
    created_at: datetime
    status: str = "new"  # new | processing | success | error | revoked
    card_pan: str | None = None
    card_brand: str | None = None
    failure_code: str | None = None
    failure_description: str | None = None
    paid_at: datetime | None = None
    revoked: Decimal = Decimal(0)
    result_delivered: bool = False
    refunds: list[tuple[str, Decimal]] = field(default_factory=list)
    # Refunds still to be processed with their answer lost on the way back (the LOST_REFUND_ANSWER card).
    lose_refund_answers: int = 0


class FreedomPaySandbox:
    def __init__(
        self,
        *,
        merchant_id: str,
        secret_key: str,
        public_url: str | None = None,
        delay_seconds: float = 5.0,
        retry_seconds: float = 30.0,
        callback_attempts: int = 5,
    ) -> None:
        self.merchant_id = merchant_id
        self.secret_key = secret_key
        self.public_url = public_url.rstrip("/") if public_url else None
        self.delay_seconds = delay_seconds
        self.retry_seconds = retry_seconds
        self.callback_attempts = callback_attempts
        self.mount_path = ""  # set when served under a prefix of another app
        self.payments: dict[int, SandboxPayment] = {}
        self._ids = itertools.count(int(datetime.now(UTC).timestamp()) % 10_000_000 * 10)
        self._tasks: set[asyncio.Task[Any]] = set()
        self.app = self._build_app()

    # -- plumbing ---------------------------------------------------------------------------------------------

    def _build_app(self) -> Litestar:
        sandbox = self

        @route("/init_payment.php", http_method=["GET", "POST"])
        async def init_payment(request: Request[Any, Any, Any]) -> Response[str]:
            return await sandbox._init_payment(request)

        @route("/get_status3.php", http_method=["GET", "POST"])
        async def get_status(request: Request[Any, Any, Any]) -> Response[str]:
            return await sandbox._get_status(request)

        @route("/revoke.php", http_method=["GET", "POST"])
        async def revoke(request: Request[Any, Any, Any]) -> Response[str]:
            return await sandbox._revoke(request)

        @route("/cancel.php", http_method=["GET", "POST"])
        async def cancel(request: Request[Any, Any, Any]) -> Response[str]:
            return await sandbox._cancel(request)

        @get("/pay/{payment_id:int}", media_type=MediaType.HTML)
        async def payment_page(payment_id: FromPath[int], customer: FromQuery[str] = "") -> Response[str]:
            return sandbox._page(payment_id, customer)

        @post("/pay/{payment_id:int}", media_type=MediaType.HTML)
        async def pay(request: Request[Any, Any, Any], payment_id: FromPath[int]) -> Response[Any]:
            return await sandbox._pay(request, payment_id)

        return Litestar(
            route_handlers=[init_payment, get_status, revoke, cancel, payment_page, pay],
            openapi_config=None,
            logging_config=None,
            exception_handlers={MalformedParamsError: _malformed},
        )

    def _spawn(self, coroutine: Any) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def drain(self) -> None:
        """Wait for callbacks still in flight (tests)."""
        while self._tasks:
            await asyncio.wait(list(self._tasks))

    @staticmethod
    async def _params(request: Request[Any, Any, Any]) -> dict[str, Any]:
        return await request_params(request)

    def _xml(self, script: str, fields: Mapping[str, Any]) -> Response[str]:
        return Response(xml_response(signed(script, fields, self.secret_key)), media_type="text/xml")

    @staticmethod
    def _unsigned_error(code: str, description: str) -> Response[str]:
        body = {"pg_status": "error", "pg_error_code": code, "pg_error_description": description}
        return Response(xml_response(body), media_type="text/xml")

    def _authenticate(self, script: str, params: Mapping[str, Any]) -> Response[str] | None:
        if str(params.get("pg_merchant_id", "")) != self.merchant_id:
            return self._unsigned_error("9997", "Wrong merchant number")
        if not verify(script, params, self.secret_key):
            logger.warning("sandbox_bad_signature", script=script)
            return self._unsigned_error("9998", "Incorrect request signature")
        return None

    def _error(self, script: str, code: str, description: str) -> Response[str]:
        return self._xml(script, {"pg_status": "error", "pg_error_code": code, "pg_error_description": description})

    # -- the merchant API -------------------------------------------------------------------------------------

    async def _init_payment(self, request: Request[Any, Any, Any]) -> Response[str]:
        script = "init_payment.php"
        params = await self._params(request)
        if (refused := self._authenticate(script, params)) is not None:
            return refused
        for required in ("pg_amount", "pg_description", "pg_salt"):
            if not params.get(required):
                return self._error(script, "200", f"Missing parameter {required}")
        try:
            amount = Decimal(str(params["pg_amount"]))
        except InvalidOperation:
            return self._error(script, "200", "pg_amount is not a number")
        if not Decimal("0.01") <= amount <= Decimal("99999999"):
            return self._error(script, "200", "pg_amount is out of range")
        payment = SandboxPayment(
            id=next(self._ids),
            token=secrets.token_hex(16),
            order_id=str(params.get("pg_order_id", "")),
            amount=str(params["pg_amount"]),
            currency=str(params.get("pg_currency") or "KZT"),
            description=str(params["pg_description"]),
            check_url=params.get("pg_check_url") or None,
            result_url=params.get("pg_result_url") or None,
            success_url=params.get("pg_success_url") or None,
            failure_url=params.get("pg_failure_url") or None,
            request_method=str(params.get("pg_request_method") or "POST").upper(),
            testing_mode=str(params.get("pg_testing_mode") or "1"),
            custom={k: str(v) for k, v in params.items() if not k.startswith("pg_") and isinstance(v, str)},
            created_at=datetime.now(UTC),
        )
        self.payments[payment.id] = payment
        base = self.public_url or str(request.base_url).rstrip("/") + self.mount_path
        return self._xml(
            script,
            {
                "pg_status": "ok",
                "pg_payment_id": str(payment.id),
                "pg_redirect_url": f"{base}/pay/{payment.id}?customer={payment.token}",
                "pg_redirect_url_type": "need data",
            },
        )

    def _find(self, params: Mapping[str, Any]) -> SandboxPayment | None:
        if params.get("pg_payment_id"):
            try:
                return self.payments.get(int(str(params["pg_payment_id"])))
            except ValueError:
                return None
        order_id = str(params.get("pg_order_id", ""))
        return next((p for p in self.payments.values() if order_id and p.order_id == order_id), None)

    async def _get_status(self, request: Request[Any, Any, Any]) -> Response[str]:
        script = "get_status3.php"
        params = await self._params(request)
        if (refused := self._authenticate(script, params)) is not None:
            return refused
        payment = self._find(params)
        if payment is None:
            return self._error(script, "340", "Transaction not found")
        fields: dict[str, Any] = {
            "pg_status": "ok",
            "pg_payment_id": str(payment.id),
            "pg_order_id": payment.order_id,
            "pg_currency": payment.currency,
            "pg_amount": payment.amount,
            "pg_can_reject": "1",
            "pg_payment_method": "bankcard",
            "pg_payment_status": payment.status,
            "pg_revoked_amount": str(payment.revoked),
            "pg_create_date": payment.created_at.strftime("%Y-%m-%d %H:%M:%S"),
            "pg_testing_mode": payment.testing_mode,
            "pg_captured": "1" if payment.status in {"success", "revoked"} else "0",
        }
        if payment.card_pan:
            fields |= {"pg_card_pan": payment.card_pan, "pg_card_brand": payment.card_brand or ""}
        if payment.paid_at:
            fields["pg_payment_date"] = payment.paid_at.strftime("%Y-%m-%d %H:%M:%S")
        if payment.failure_code:
            fields |= {
                "pg_failure_code": payment.failure_code,
                "pg_failure_description": payment.failure_description or "",
            }
        return self._xml(script, fields)

    async def _revoke(self, request: Request[Any, Any, Any]) -> Response[str]:
        script = "revoke.php"
        params = await self._params(request)
        if (refused := self._authenticate(script, params)) is not None:
            return refused
        payment = self._find({"pg_payment_id": params.get("pg_payment_id")})
        if payment is None:
            return self._error(script, "340", "Transaction not found")
        if payment.status != "success":
            return self._error(script, "490", "Only a completed payment can be refunded")
        left = Decimal(payment.amount) - payment.revoked
        try:
            requested = Decimal(str(params.get("pg_refund_amount") or "0")) or left
        except InvalidOperation:
            return self._error(script, "200", "pg_refund_amount is not a number")
        if requested <= 0 or requested > left:
            return self._error(script, "490", "The refund exceeds what is left of the payment")
        refund_id = str(next(self._ids))
        payment.revoked += requested
        payment.refunds.append((refund_id, requested))
        if payment.revoked == Decimal(payment.amount):
            payment.status = "revoked"
        if payment.lose_refund_answers > 0:
            payment.lose_refund_answers -= 1
            # The money went back, but the shop never learns it: what a proxy timing out looks like.
            return Response("<html><body>502 Bad Gateway</body></html>", media_type="text/html", status_code=502)
        return self._xml(script, {"pg_status": "ok", "pg_revoke_payment_id": refund_id})

    async def _cancel(self, request: Request[Any, Any, Any]) -> Response[str]:
        script = "cancel.php"
        params = await self._params(request)
        if (refused := self._authenticate(script, params)) is not None:
            return refused
        payment = self._find({"pg_payment_id": params.get("pg_payment_id")})
        if payment is None:
            return self._error(script, "340", "Transaction not found")
        if payment.status != "new":
            return self._error(script, "490", "Only an unpaid payment can be cancelled")
        payment.status = "error"
        payment.failure_code, payment.failure_description = "400", "Cancelled by the merchant"
        return self._xml(script, {"pg_status": "ok", "pg_cancel_payment_id": str(payment.id)})

    # -- the hosted payment page ------------------------------------------------------------------------------

    def _page(self, payment_id: int, customer: str, error: str | None = None, status_code: int = 200) -> Response[str]:
        payment = self.payments.get(payment_id)
        if payment is None or not secrets.compare_digest(customer, payment.token):
            return Response(html_page("Payment not found", "<p>This payment link is not valid.</p>"), status_code=404)
        if payment.status != "new":
            return Response(html_page("Payment processed", f"<p>This payment is {html.escape(payment.status)}.</p>"))
        form = payment_form(
            form_action=f"{payment.id}?customer={payment.token}",
            amount=f"{payment.amount} {payment.currency}",
            description=payment.description,
            error=error,
            cards=TEST_CARDS,
        )
        return Response(html_page("FreedomPay sandbox", form), status_code=status_code)

    async def _pay(self, request: Request[Any, Any, Any], payment_id: int) -> Response[Any]:
        customer = request.query_params.get("customer", "")
        payment = self.payments.get(payment_id)
        if payment is None or not secrets.compare_digest(customer, payment.token) or payment.status != "new":
            return self._page(payment_id, customer)
        form = await request.form()
        number = re.sub(r"\D", "", str(form.get("card_number", "")))
        expiry = str(form.get("expiry", "")).strip()
        cvc = str(form.get("cvc", "")).strip()
        problem = card_problem(number, expiry, cvc)
        if problem:
            return self._page(payment_id, customer, problem, status_code=400)
        payment.card_pan = f"{number[:4]}-{number[4:6]}XX-XXXX-{number[-4:]}"
        payment.card_brand = {"4": "VI", "5": "MC", "2": "MC"}.get(number[0], "OT")

        if payment.check_url:
            answer = await self._call_merchant(payment, payment.check_url, self._callback_fields(payment))
            if answer != "ok":
                payment.status = "error"
                payment.failure_code, payment.failure_description = "400", "Rejected by the shop"
                await self._deliver_result(payment)
                return self._return(payment, success=False)

        if number == DECLINE or number not in TEST_CARDS:
            payment.status = "error"
            payment.failure_code = "10001" if number == DECLINE else "10005"
            payment.failure_description = (
                "Payment error, contact the issuing bank" if number == DECLINE else "Wrong card data"
            )
            await self._deliver_result(payment)
            return self._return(payment, success=False)
        if number == DELAYED:
            payment.status = "processing"
            self._spawn(self._approve_later(payment))
            return self._return(payment, success=True)
        payment.status = "success"
        payment.paid_at = datetime.now(UTC)
        if number == LOST_REFUND_ANSWER:
            payment.lose_refund_answers = 1
        if number in (APPROVE, LOST_REFUND_ANSWER):
            await self._deliver_result(payment)
        return self._return(payment, success=True)

    async def _approve_later(self, payment: SandboxPayment) -> None:
        await asyncio.sleep(self.delay_seconds)
        payment.status = "success"
        payment.paid_at = datetime.now(UTC)
        await self._deliver_result(payment)

    def _return(self, payment: SandboxPayment, *, success: bool) -> Response[Any]:
        target = payment.success_url if success else payment.failure_url
        if not target:
            return Response(html_page("Done", "<p>You can close this page.</p>"))
        if success:
            query = signed(
                script_name(target),
                {"pg_order_id": payment.order_id, "pg_payment_id": str(payment.id)},
                self.secret_key,
            )
        else:
            query = {
                "pg_order_id": payment.order_id,
                "pg_status": "error",
                "pg_error_code": payment.failure_code or "",
                "pg_error_description": payment.failure_description or "",
            }
        separator = "&" if "?" in target else "?"
        return Redirect(f"{target}{separator}{urlencode(query)}", status_code=303)

    # -- calling the shop -------------------------------------------------------------------------------------

    def _callback_fields(self, payment: SandboxPayment) -> dict[str, Any]:
        return {
            "pg_order_id": payment.order_id,
            "pg_payment_id": str(payment.id),
            "pg_amount": payment.amount,
            "pg_currency": payment.currency,
            "pg_ps_amount": payment.amount,
            "pg_ps_full_amount": payment.amount,
            "pg_ps_currency": payment.currency,
            "pg_description": payment.description,
            **payment.custom,
        }

    async def deliver_result(self, payment_id: int) -> None:
        """Send (again) the result callback of a payment: what the gateway does on its retry schedule."""
        await self._deliver_result(self.payments[payment_id])

    async def _deliver_result(self, payment: SandboxPayment) -> None:
        """Send the result callback; if the shop does not answer 200 with a signed reply, keep retrying in the
        background, as the gateway does."""
        if not payment.result_url:
            return
        fields = self._result_fields(payment)
        if await self._call_merchant(payment, payment.result_url, fields) is not None:
            payment.result_delivered = True
        else:
            self._spawn(self._retry_result(payment, fields))

    async def _retry_result(self, payment: SandboxPayment, fields: Mapping[str, Any]) -> None:
        assert payment.result_url is not None
        for attempt in range(2, self.callback_attempts + 1):
            await asyncio.sleep(self.retry_seconds)
            if await self._call_merchant(payment, payment.result_url, fields) is not None:
                payment.result_delivered = True
                return
            logger.info("sandbox_result_retry", payment_id=payment.id, attempt=attempt)

    def _result_fields(self, payment: SandboxPayment) -> dict[str, Any]:
        fields = self._callback_fields(payment) | {
            "pg_result": "1" if payment.status == "success" else "0",
            "pg_payment_date": (payment.paid_at or datetime.now(UTC)).strftime("%Y-%m-%d %H:%M:%S"),
            "pg_can_reject": "1",
            "pg_testing_mode": payment.testing_mode,
            "pg_captured": "1" if payment.status == "success" else "0",
            "pg_net_amount": payment.amount,
            "pg_payment_method": "bankcard",
            "pg_card_pan": payment.card_pan or "",
            "pg_card_brand": payment.card_brand or "",
        }
        if payment.status != "success":
            fields |= {
                "pg_failure_code": payment.failure_code or "",
                "pg_failure_description": payment.failure_description or "",
            }
        return fields

    async def _call_merchant(self, payment: SandboxPayment, url: str, fields: Mapping[str, Any]) -> str | None:
        """Call one of the shop's URLs; returns the shop's pg_status, or None if it did not answer properly."""
        script = script_name(url)
        body = {k: str(v) for k, v in signed(script, fields, self.secret_key).items()}
        try:
            async with httpx.AsyncClient(timeout=15) as http:
                if payment.request_method == "GET":
                    response = await http.get(url, params=body)
                else:
                    response = await http.post(url, data=body)
        except httpx.HTTPError as exc:
            logger.warning("sandbox_callback_unreachable", url=url, error=type(exc).__name__)
            return None
        if response.status_code != 200:
            return None
        try:
            answer = parse_xml(response.text)
        except Exception:
            return None
        if not verify(script, answer, self.secret_key):
            logger.warning("sandbox_callback_unsigned_reply", url=url)
            return None
        return str(answer.get("pg_status"))


SANDBOX_STATE_KEY = "freedompay_sandbox"
SANDBOX_PATH = "/sandbox/freedompay"


def mount_sandbox(sandbox: FreedomPaySandbox) -> Any:
    """The emulator as a route of the backend, at ``/sandbox/freedompay`` (embedded mode)."""
    from litestar.handlers import asgi

    from tessera.core.csrf import EXCLUDE_FROM_CSRF

    sandbox.mount_path = SANDBOX_PATH

    @asgi(SANDBOX_PATH, is_mount=True, copy_scope=True, opt={EXCLUDE_FROM_CSRF: True}, include_in_schema=False)
    async def freedompay_sandbox(scope: Any, receive: Any, send: Any) -> None:
        await sandbox.app(scope, receive, send)

    return freedompay_sandbox


def _malformed(_: Request[Any, Any, Any], __: MalformedParamsError) -> Response[str]:
    return Response("Malformed request", media_type=MediaType.TEXT, status_code=400)
