"""Refunds: recorded in the business transaction that decides them, sent to the gateway after it commits,
and never paid twice. A refund whose answer was lost is ``unknown`` until the gateway's own account of what it
has refunded settles it (:class:`SettleUnknownRefunds`)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal, InvalidOperation

import structlog
from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tessera.booking.groups import group_of
from tessera.config import Settings
from tessera.core.audit import audit
from tessera.core.background import after_commit
from tessera.core.money import MINOR_UNITS, format_major
from tessera.core.outbox import Outgoing, enqueue
from tessera.payments.freedompay import FreedomPayClient, FreedomPayError
from tessera.payments.models import Payment, PaymentStatus, Refund, RefundStatus

logger = structlog.get_logger("tessera.payments")

MAX_REFUND_ATTEMPTS = 8


class RefundLedger:
    """Records refunds against a booking's paid attempts, in the caller's transaction, and sends each to the
    gateway once that transaction commits."""

    def __init__(
        self,
        session: AsyncSession,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        gateway: FreedomPayClient,
    ) -> None:
        self.session = session
        self.sessions = sessions
        self.settings = settings
        self.gateway = gateway

    async def record(
        self,
        booking_id: uuid.UUID,
        amount: int,
        currency: str,
        reason: str,
        *,
        payment_id: uuid.UUID | None = None,
    ) -> list[Refund]:
        """Refunds worth ``amount`` against the booking's paid attempts (or the one given), newest first. A
        booking of a group was paid for by the group's payments."""
        paid_for = Payment.booking_id == booking_id
        if (group_id := await group_of(self.session, booking_id)) is not None:
            paid_for = or_(paid_for, Payment.booking_group_id == group_id)
        stmt = select(Payment).where(paid_for, Payment.status == PaymentStatus.PAID)
        if payment_id is not None:
            stmt = stmt.where(Payment.id == payment_id)
        refunds: list[Refund] = []
        left = amount
        for payment in await self.session.scalars(stmt.order_by(Payment.paid_at.desc())):
            already = await _refunded(self.session, payment.id, Refund.status != RefundStatus.FAILED)
            portion = min(left, payment.amount - already)
            if portion <= 0:
                continue
            refund = Refund(
                payment_id=payment.id,
                booking_id=booking_id,
                amount=portion,
                currency=currency,
                reason=reason[:300],
            )
            self.session.add(refund)
            refunds.append(refund)
            left -= portion
            if left == 0:
                break
        if left > 0:
            logger.error("refund_exceeds_payments", booking_id=str(booking_id), missing=left)
        await self.session.flush()
        for refund in refunds:
            after_commit(self.session, RefundJob(self.sessions, self.settings, self.gateway, refund.id))
        return refunds


@dataclass(frozen=True)
class RefundJob:
    """Send one recorded refund to the gateway (after commit, and again from the periodic sweep)."""

    sessions: async_sessionmaker[AsyncSession]
    settings: Settings
    gateway: FreedomPayClient
    refund_id: uuid.UUID

    async def __call__(self) -> None:
        async with self.sessions() as session, session.begin():
            refund = await session.scalar(
                select(Refund).where(Refund.id == self.refund_id).with_for_update(skip_locked=True)
            )
            if refund is None or refund.status != RefundStatus.PENDING:
                return
            payment = await session.get(Payment, refund.payment_id)
            if payment is None or payment.provider_payment_id is None:  # pragma: no cover - refunds need a paid attempt
                refund.status = RefundStatus.FAILED
                refund.last_error = "No paid attempt to refund"
                return
            refunded_before = await _refunded(session, payment.id, Refund.status == RefundStatus.DONE)
            whole = refund.amount == payment.amount and not refunded_before
            refund.attempts += 1
            try:
                refund.provider_refund_id = await self.gateway.revoke(
                    payment_id=payment.provider_payment_id,
                    amount=None if whole else format_major(refund.amount, refund.currency),
                )
            except FreedomPayError as exc:
                refund.last_error = str(exc)[:500]
                if exc.outcome_unknown:
                    # The gateway may have paid it out: settled by asking (see settle_unknown_refunds), never
                    # by sending it again.
                    refund.status = RefundStatus.UNKNOWN
                    logger.warning("refund_outcome_unknown", refund_id=str(refund.id), error=str(exc))
                elif not exc.retryable or refund.attempts >= MAX_REFUND_ATTEMPTS:
                    refund.status = RefundStatus.FAILED
                    logger.error("refund_failed", refund_id=str(refund.id), error=str(exc))
                return
            await _mark_refund_done(session, refund, payment.user_id)


async def _refunded(session: AsyncSession, payment_id: uuid.UUID, which: ColumnElement[bool]) -> int:
    """The total of a payment's refunds that match ``which`` (e.g. done, or not failed), in minor units."""
    total = await session.scalar(
        select(func.coalesce(func.sum(Refund.amount), 0)).where(Refund.payment_id == payment_id, which)
    )
    return int(total or 0)


async def _mark_refund_done(session: AsyncSession, refund: Refund, user_id: uuid.UUID) -> None:
    refund.status = RefundStatus.DONE
    refund.processed_at = datetime.now(UTC)
    await enqueue(
        session,
        [
            Outgoing(
                user_id=user_id,
                kind="refund_completed",
                payload={
                    "booking_id": str(refund.booking_id),
                    "refund_id": str(refund.id),
                    "amount": refund.amount,
                    "currency": refund.currency,
                },
                dedupe_key=f"refund:{refund.id}:done",
            )
        ],
    )
    logger.info("refund_done", refund_id=str(refund.id), amount=refund.amount)


def _minor_units(major: str, currency: str) -> int | None:
    try:
        value = Decimal(major) * 10 ** MINOR_UNITS[currency]
    except (InvalidOperation, KeyError):
        return None
    return int(value) if value == value.to_integral_value() else None


@dataclass(frozen=True)
class SettleUnknownRefunds:
    """Settle the refunds of one payment whose answer was lost, by what the gateway says it has refunded.

    The gateway's refunded total, less the refunds known to be done, is what the unknown ones account for:
    taken oldest first, a refund it covers is done; when it covers nothing the refund surely did not happen
    and goes back to pending (sent again by the sweep); anything in between is left for a person.
    """

    sessions: async_sessionmaker[AsyncSession]
    settings: Settings
    gateway: FreedomPayClient
    payment_id: uuid.UUID

    async def __call__(self) -> int:
        async with self.sessions() as session, session.begin():
            payment = await session.scalar(
                select(Payment).where(Payment.id == self.payment_id).with_for_update(skip_locked=True)
            )
            if payment is None or payment.provider_payment_id is None:
                return 0
            unknown = list(
                await session.scalars(
                    select(Refund)
                    .where(Refund.payment_id == payment.id, Refund.status == RefundStatus.UNKNOWN)
                    .order_by(Refund.created_at)
                )
            )
            if not unknown:
                return 0
            try:
                status = await self.gateway.get_status(payment_id=payment.provider_payment_id)
            except FreedomPayError as exc:
                logger.warning("refund_status_unknown", payment_id=str(payment.id), error=str(exc))
                return 0
            refunded = _minor_units(status.revoked_amount, payment.currency)
            done = await _refunded(session, payment.id, Refund.status == RefundStatus.DONE)
            if refunded is None:
                logger.error("refund_status_unreadable", payment_id=str(payment.id))
                return 0
            unaccounted = refunded - done
            settled = 0
            for refund in unknown:
                if unaccounted >= refund.amount:
                    unaccounted -= refund.amount
                    await _mark_refund_done(session, refund, payment.user_id)
                    settled += 1
                elif unaccounted == 0:
                    refund.status = RefundStatus.PENDING
                    refund.last_error = "The gateway has not made this refund; it will be sent again"
                    settled += 1
                else:
                    logger.error(
                        "refund_needs_review",
                        refund_id=str(refund.id),
                        gateway_refunded=refunded,
                        known_done=done,
                    )
            return settled


async def retry_pending_refunds(
    sessions: async_sessionmaker[AsyncSession], settings: Settings, gateway: FreedomPayClient
) -> int:
    """The periodic sweep: settle refunds whose answer was lost by asking the gateway (once they have been
    quiet for ``stale_minutes``, so a refund still being processed is not taken for one that never happened),
    then resend refunds still pending (gateway down, process died after commit)."""
    quiet_since = datetime.now(UTC) - timedelta(minutes=settings.payments.stale_minutes)
    async with sessions() as session:
        unknown = list(
            await session.scalars(
                select(Refund.payment_id)
                .where(Refund.status == RefundStatus.UNKNOWN, Refund.updated_at <= quiet_since)
                .group_by(Refund.payment_id)
                .limit(100)
            )
        )
    for payment_id in unknown:
        await SettleUnknownRefunds(sessions, settings, gateway, payment_id)()
    async with sessions() as session:
        ids = list(
            await session.scalars(
                select(Refund.id).where(Refund.status == RefundStatus.PENDING).order_by(Refund.created_at).limit(100)
            )
        )
    for refund_id in ids:
        await RefundJob(sessions, settings, gateway, refund_id)()
    return len(ids)


class GatewayRefunds:
    """The booking module's refund interface, implemented with FreedomPay refunds."""

    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], settings: Settings, gateway: FreedomPayClient
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.gateway = gateway

    def ledger(self, session: AsyncSession) -> RefundLedger:
        return RefundLedger(session, self.sessions, self.settings, self.gateway)

    async def request_refund(
        self, session: AsyncSession, *, booking_id: uuid.UUID, amount: int, currency: str, reason: str
    ) -> None:
        await self.ledger(session).record(booking_id, amount, currency, reason)
        audit(session, "refund.requested", booking_id, {"amount": [0, amount], "currency": [None, currency]})

    async def retry_pending(self) -> int:
        return await retry_pending_refunds(self.sessions, self.settings, self.gateway)
