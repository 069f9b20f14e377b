"""Payments through FreedomPay: attempts, signed callbacks and lost-callback recovery (refunds: ``refunds.py``).

A payment is for one booking or for one booking group (a round trip, paid once). Either is confirmed only by
the gateway's signed result callback (or, if that is lost, by the gateway's own answer to a status query),
never by the browser coming back.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

import structlog
from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.services import UserService
from tessera.booking.groups import group_of, members_of
from tessera.booking.settlement import PayableBooking, Settlement
from tessera.config import Settings
from tessera.core.audit import audit
from tessera.core.auth import CurrentUser
from tessera.core.errors import AppError, NotFoundAppError
from tessera.core.idempotency import IdempotencyKey, IdempotencyService, request_fingerprint
from tessera.core.money import format_major
from tessera.core.outbox import Outgoing, enqueue
from tessera.payments.freedompay import FreedomPayClient, FreedomPayError, signed_xml_response, verify
from tessera.payments.models import Payment, PaymentStatus, Refund
from tessera.payments.refunds import GatewayRefunds
from tessera.payments.schemas import PaymentCreate, PaymentRead, RefundRead

logger = structlog.get_logger("tessera.payments")
security_log = structlog.get_logger("tessera.security")

CHECK_SCRIPT = "check"
RESULT_SCRIPT = "result"


class GatewayUnavailableError(AppError):
    status_code = 502
    code = "payment_gateway_unavailable"


@dataclass(frozen=True, slots=True)
class StartedPayment:
    status_code: int
    body: PaymentRead | dict[str, Any]
    replayed: bool


@dataclass(frozen=True, slots=True)
class OpenedAttempt:
    """A payment attempt recorded and not yet sent to the gateway."""

    payment: Payment
    booking: PayableBooking
    claim: IdempotencyKey | None
    email: str
    language: str
    return_path: str  # the web page the customer comes back to, e.g. /bookings/{id}/payment


def _same_amount(sent: str | None, amount: int, currency: str) -> bool:
    try:
        return sent is not None and Decimal(sent) == Decimal(format_major(amount, currency))
    except (InvalidOperation, TypeError, ValueError):  # not a number, or a nested field
        return False


class PaymentService:
    def __init__(
        self,
        session: AsyncSession,
        settings: Settings,
        gateway: FreedomPayClient,
        bookings: Settlement,
        refunds: GatewayRefunds,
    ) -> None:
        self.session = session
        self.settings = settings
        self.gateway = gateway
        self.bookings = bookings
        self.refunds = refunds

    # -- starting a payment -------------------------------------------------------------------------------

    async def open_attempt(
        self, user: CurrentUser, data: PaymentCreate, idempotency_key: str | None
    ) -> OpenedAttempt | StartedPayment:
        """Record an attempt for a booking (or find the answer to a replayed request). The caller commits the
        attempt before :meth:`send_to_gateway`: the gateway's callbacks may arrive before its answer does."""
        claim, stored = await self._claim(user, idempotency_key, data)
        if stored is not None:
            return stored
        booking = await self.bookings.payable(data.booking_id, user)
        payment = Payment(booking_id=booking.id, user_id=user.id, amount=booking.total, currency=booking.currency)
        return await self._open(user, payment, booking, claim, f"/bookings/{booking.id}/payment")

    async def open_group_attempt(
        self, user: CurrentUser, group_id: uuid.UUID, idempotency_key: str | None, *, return_path: str
    ) -> OpenedAttempt | StartedPayment:
        """:meth:`open_attempt` for a whole booking group, paid at once. ``return_path`` is the page of the
        group's domain the customer comes back to (e.g. ``/flights/orders/{id}/payment``)."""
        claim, stored = await self._claim(user, idempotency_key, {"booking_group_id": str(group_id)})
        if stored is not None:
            return stored
        group = await self.bookings.payable_group(group_id, user)
        payment = Payment(booking_group_id=group.id, user_id=user.id, amount=group.total, currency=group.currency)
        return await self._open(user, payment, group, claim, return_path)

    async def _claim(
        self, user: CurrentUser, key: str | None, request: object
    ) -> tuple[IdempotencyKey | None, StartedPayment | None]:
        if key is None:
            return None, None
        claim, stored = await IdempotencyService(self.session).claim(
            user_id=user.id, scope="payments", key=key, request_hash=request_fingerprint(request)
        )
        if stored is not None:
            return claim, StartedPayment(stored.status_code, stored.body, replayed=True)
        return claim, None

    async def _open(
        self,
        user: CurrentUser,
        payment: Payment,
        booking: PayableBooking,
        claim: IdempotencyKey | None,
        return_path: str,
    ) -> OpenedAttempt:
        payment.provider = "freedompay"
        payment.status = PaymentStatus.CREATED
        self.session.add(payment)
        await self.session.flush()
        email, language = await self._contact(user)
        return OpenedAttempt(payment, booking, claim, email, language, return_path)

    async def send_to_gateway(self, attempt: OpenedAttempt) -> StartedPayment:
        """Ask the gateway for its payment page and return where to send the customer. If the gateway cannot
        be reached, the attempt is recorded as failed (the error keeps that change) and a retry may try again."""
        payment, booking = attempt.payment, attempt.booking
        try:
            started = await self.gateway.init_payment(
                order_id=str(payment.id),
                amount=format_major(payment.amount, payment.currency),
                currency=payment.currency,
                description=f"Tessera {booking.reference}: {booking.title}"[:250],
                check_url=self._callback_url(CHECK_SCRIPT),
                result_url=self._callback_url(RESULT_SCRIPT),
                success_url=self._return_url(attempt, "success"),
                failure_url=self._return_url(attempt, "failure"),
                lifetime_seconds=int((booking.expires_at - datetime.now(UTC)).total_seconds()),
                user_email=attempt.email,
                language="ru" if attempt.language == "ru" else "en",
            )
        except FreedomPayError as exc:
            payment.status = PaymentStatus.FAILED
            payment.failed_at = datetime.now(UTC)
            payment.failure_reason = "The payment gateway could not start the payment"
            if attempt.claim is not None:  # a retry with the same key may try again
                await self.session.delete(attempt.claim)
            raise GatewayUnavailableError(
                "The payment gateway is not available right now; please try again in a minute", keeps_changes=True
            ) from exc
        payment.status = PaymentStatus.PENDING
        payment.provider_payment_id = started.payment_id
        payment.redirect_url = started.redirect_url
        body = await self._read(payment)
        if attempt.claim is not None:
            await IdempotencyService(self.session).complete(attempt.claim, 201, body)
        return StartedPayment(201, body, replayed=False)

    async def _contact(self, user: CurrentUser) -> tuple[str, str]:
        account = await UserService(session=self.session).get_user(user.id)
        return account.email, account.language

    def _callback_url(self, script: str) -> str:
        # The last path segment is the script name the gateway signs its calls with.
        return f"{self.settings.payments.callback_base_url}/api/v1/payments/freedompay/{script}"

    def _return_url(self, attempt: OpenedAttempt, outcome: str) -> str:
        return f"{self.settings.public_url}{attempt.return_path}?payment={attempt.payment.id}&outcome={outcome}"

    # -- reading ------------------------------------------------------------------------------------------

    async def get(self, payment_id: uuid.UUID, user: CurrentUser) -> PaymentRead:
        stmt = select(Payment).where(Payment.id == payment_id)
        if not user.is_admin:
            stmt = stmt.where(Payment.user_id == user.id)
        payment = await self.session.scalar(stmt)
        if payment is None:
            raise NotFoundAppError("Payment not found")
        return await self._read(payment)

    async def list_for_booking(self, booking_id: uuid.UUID, user: CurrentUser) -> list[PaymentRead]:
        """The booking's payment attempts, and those of its group (which paid for it) if it has one."""
        group_id = await group_of(self.session, booking_id)
        paid_for = Payment.booking_id == booking_id
        if group_id is not None:
            paid_for = or_(paid_for, Payment.booking_group_id == group_id)
        stmt = select(Payment).where(paid_for).order_by(Payment.created_at)
        if not user.is_admin:
            stmt = stmt.where(Payment.user_id == user.id)
        return [await self._read(p) for p in await self.session.scalars(stmt)]

    async def _read(self, payment: Payment) -> PaymentRead:
        refunds = await self.session.scalars(
            select(Refund).where(Refund.payment_id == payment.id).order_by(Refund.created_at)
        )
        return PaymentRead(
            id=payment.id,
            booking_id=payment.booking_id,
            booking_group_id=payment.booking_group_id,
            status=payment.status,
            redirect_url=payment.redirect_url if payment.status == PaymentStatus.PENDING else None,
            amount=payment.amount,
            currency=payment.currency,
            provider=payment.provider,
            card_pan=payment.card_pan,
            card_brand=payment.card_brand,
            failure_reason=payment.failure_reason,
            created_at=payment.created_at,
            paid_at=payment.paid_at,
            refunds=[
                RefundRead(
                    id=r.id,
                    amount=r.amount,
                    currency=r.currency,
                    status=r.status,
                    reason=r.reason,
                    created_at=r.created_at,
                    processed_at=r.processed_at,
                )
                for r in refunds
            ],
        )

    # -- gateway callbacks --------------------------------------------------------------------------------

    async def _verified_payment(
        self, script: str, params: Mapping[str, Any], client_ip: str
    ) -> tuple[Payment | None, str | None]:
        """The payment a callback is about, locked; or (None, reason) for a forged or mismatched call."""
        if not verify(script, params, self.settings.payments.secret_key):
            security_log.warning("payment_callback_bad_signature", script=script, client_ip=client_ip)
            return None, "Invalid signature"
        try:
            payment_id = uuid.UUID(str(params.get("pg_order_id", "")))
        except ValueError:
            payment_id = None
        payment = (
            await self.session.scalar(
                select(Payment)
                .where(Payment.id == payment_id)
                .with_for_update()
                .execution_options(populate_existing=True)
            )
            if payment_id
            else None
        )
        if payment is None:
            security_log.warning("payment_callback_unknown_order", script=script, client_ip=client_ip)
            return None, "Unknown order"
        currency = params.get("pg_currency") or payment.currency
        if currency != payment.currency or not _same_amount(params.get("pg_amount"), payment.amount, payment.currency):
            security_log.warning(
                "payment_callback_amount_mismatch",
                script=script,
                payment_id=str(payment.id),
                client_ip=client_ip,
                sent_amount=params.get("pg_amount"),
                sent_currency=params.get("pg_currency"),
            )
            return None, "Amount or currency does not match the order"
        provider_id = params.get("pg_payment_id")
        if payment.provider_payment_id and provider_id and str(provider_id) != payment.provider_payment_id:
            security_log.warning("payment_callback_payment_id_mismatch", script=script, client_ip=client_ip)
            return None, "Payment does not match the order"
        return payment, None

    def _answer(self, script: str, status: str, description: str) -> str:
        return signed_xml_response(
            script, {"pg_status": status, "pg_description": description}, self.settings.payments.secret_key
        )

    async def handle_check(self, params: Mapping[str, Any], client_ip: str) -> str:
        """May the gateway charge the customer? Yes while the booking's hold is running."""
        payment, problem = await self._verified_payment(CHECK_SCRIPT, params, client_ip)
        if payment is None:
            return self._answer(CHECK_SCRIPT, "error", problem or "Rejected")
        now = datetime.now(UTC)
        if payment.status in (PaymentStatus.CREATED, PaymentStatus.PENDING) and (
            await self.bookings.accepts_group_payment(payment.booking_group_id, now)
            if payment.booking_group_id is not None
            else payment.booking_id is not None and await self.bookings.accepts_payment(payment.booking_id, now)
        ):
            return self._answer(CHECK_SCRIPT, "ok", "The order can be paid")
        return self._answer(CHECK_SCRIPT, "rejected", "The order can no longer be paid")

    async def handle_result(self, params: Mapping[str, Any], client_ip: str) -> str:
        """The gateway reports the outcome. Idempotent: a repeated report changes nothing and gets the same
        answer; a success always wins over a failure, whatever order they arrive in."""
        payment, problem = await self._verified_payment(RESULT_SCRIPT, params, client_ip)
        if payment is None:
            return self._answer(RESULT_SCRIPT, "error", problem or "Rejected")
        if (mode_problem := self._testing_mode_problem(params)) is not None:
            if payment.status in (PaymentStatus.CREATED, PaymentStatus.PENDING):
                payment.review_reason = mode_problem
            security_log.warning(
                "payment_callback_testing_mode_mismatch",
                payment_id=str(payment.id),
                client_ip=client_ip,
                sent_testing_mode=params.get("pg_testing_mode"),
            )
            return self._answer(RESULT_SCRIPT, "ok", "Recorded for review")
        if str(params.get("pg_result")) == "1":
            await self._record_success(
                payment,
                provider_payment_id=params.get("pg_payment_id"),
                card_pan=params.get("pg_card_pan"),
                card_brand=params.get("pg_card_brand"),
            )
        else:
            await self._record_failure(
                payment, str(params.get("pg_failure_description") or "The payment was declined")[:300]
            )
        return self._answer(RESULT_SCRIPT, "ok", "Recorded")

    def _testing_mode_problem(self, params: Mapping[str, Any]) -> str | None:
        """A test-mode payment must never confirm a booking of a live shop (nor a live one of a test shop)."""
        sent = params.get("pg_testing_mode")
        if sent is None or sent == "":
            return None
        expected = "1" if self.settings.payments.testing_mode else "0"
        if str(sent) == expected:
            return None
        modes = {"1": "test", "0": "live"}
        return (
            f"The gateway reported a {modes.get(str(sent), 'unknown')}-mode payment to a shop in {modes[expected]} mode"
        )

    async def _record_success(
        self, payment: Payment, *, provider_payment_id: Any, card_pan: Any, card_brand: Any
    ) -> None:
        if payment.status == PaymentStatus.PAID:
            return
        now = datetime.now(UTC)
        audit(
            self.session,
            "payment.confirmed",
            payment.id,
            {"status": [payment.status, PaymentStatus.PAID], "amount": [None, payment.amount]},
        )
        payment.status = PaymentStatus.PAID
        payment.paid_at = now
        payment.failure_reason = None
        if provider_payment_id:
            payment.provider_payment_id = str(provider_payment_id)
        # Only the gateway's masked PAN ("4405-64XX-XXXX-6150") and brand are kept.
        payment.card_pan = _masked(card_pan)
        payment.card_brand = str(card_brand)[:16] if card_brand else None
        await self.session.flush()
        if payment.booking_group_id is not None:
            settled = await self.bookings.settle_group_payment(payment.booking_group_id, now)
        else:
            settled = payment.booking_id is not None and await self.bookings.settle_payment(payment.booking_id, now)
        if not settled:
            # The booking (or group) cannot be kept (seats gone after its hold expired, cancelled, or already
            # paid): the money goes back at once and the customer is told.
            await self._refund_whole(payment, "The payment arrived after the booking could no longer be kept")
            await enqueue(
                self.session,
                [
                    Outgoing(
                        user_id=payment.user_id,
                        kind="payment_refunded",
                        payload={**_about(payment), "payment_id": str(payment.id)},
                        dedupe_key=f"payment:{payment.id}:late_refund",
                    )
                ],
            )
        logger.info("payment_paid", payment_id=str(payment.id), **_about(payment))

    async def _refund_whole(self, payment: Payment, reason: str) -> None:
        """Record the refund of all of a payment: against its booking, or shared among its group's bookings."""
        ledger = self.refunds.ledger(self.session)
        if payment.booking_id is not None:
            await ledger.record(payment.booking_id, payment.amount, payment.currency, reason, payment_id=payment.id)
            return
        assert payment.booking_group_id is not None  # the table's check: one or the other
        members = await members_of(self.session, payment.booking_group_id)
        left = payment.amount
        for index, member in enumerate(members):
            share = left if index == len(members) - 1 else min(left, member.total)
            if share > 0:
                await ledger.record(member.id, share, payment.currency, reason, payment_id=payment.id)
            left -= share

    async def _record_failure(self, payment: Payment, reason: str) -> None:
        if payment.status not in (PaymentStatus.CREATED, PaymentStatus.PENDING):
            return  # a failure never overrides a success, and is recorded once
        payment.status = PaymentStatus.FAILED
        payment.failed_at = datetime.now(UTC)
        payment.failure_reason = reason
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=payment.user_id,
                    kind="payment_failed",
                    payload={**_about(payment), "payment_id": str(payment.id), "reason": reason},
                    dedupe_key=f"payment:{payment.id}:failed",
                )
            ],
        )
        logger.info("payment_failed", payment_id=str(payment.id))

    # -- lost callbacks -----------------------------------------------------------------------------------

    async def stale_attempts(self, now: datetime, limit: int = 100) -> list[uuid.UUID]:
        """Attempts that have waited too long for their callback: the job asks the gateway about each, one
        transaction per attempt (:meth:`reconcile_one`)."""
        cutoff = now - timedelta(minutes=self.settings.payments.stale_minutes)
        return list(
            await self.session.scalars(
                select(Payment.id)
                .where(
                    Payment.status.in_([PaymentStatus.CREATED, PaymentStatus.PENDING]),
                    Payment.created_at <= cutoff,
                    Payment.review_reason.is_(None),
                )
                .order_by(Payment.created_at)
                .limit(limit)
            )
        )

    async def reconcile_one(self, payment_id: uuid.UUID, now: datetime) -> int:
        payment = await self.session.scalar(
            select(Payment).where(Payment.id == payment_id).with_for_update(skip_locked=True)
        )
        if (
            payment is None
            or payment.status not in (PaymentStatus.CREATED, PaymentStatus.PENDING)
            or payment.review_reason is not None
        ):
            return 0
        payment.last_checked_at = now
        try:
            status = await self.gateway.get_status(
                payment_id=payment.provider_payment_id,
                order_id=None if payment.provider_payment_id else str(payment.id),
            )
        except FreedomPayError as exc:
            if payment.status == PaymentStatus.CREATED and not exc.retryable:
                # The gateway never heard of it: the attempt died before reaching the payment page.
                await self._record_failure(payment, "The payment was never started")
                return 1
            logger.warning("payment_status_unknown", payment_id=str(payment.id), error=str(exc))
            return 0
        if status.payment_status == "success":
            if not _same_amount(status.amount, payment.amount, payment.currency):
                security_log.error("payment_status_amount_mismatch", payment_id=str(payment.id))
                return 0
            await self._record_success(
                payment,
                provider_payment_id=status.payment_id,
                card_pan=status.card_pan,
                card_brand=status.card_brand,
            )
            return 1
        if status.payment_status in {"error", "failed", "revoked", "incomplete"}:
            await self._record_failure(payment, status.failure_description or "The payment did not go through")
            return 1
        return 0


def _about(payment: Payment) -> dict[str, str]:
    """What a payment was for, as messages and logs name it."""
    if payment.booking_group_id is not None:
        return {"booking_group_id": str(payment.booking_group_id)}
    return {"booking_id": str(payment.booking_id)}


def _masked(pan: Any) -> str | None:
    """Keep a PAN only if the gateway masked it; anything that looks like a full card number is dropped."""
    if not pan:
        return None
    text = str(pan)[:32]
    digits = sum(c.isdigit() for c in text)
    return text if "X" in text.upper() and digits <= 10 else None
