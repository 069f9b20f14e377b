"""Payment attempts and refunds. No card number, expiry or CVC is ever stored: at most the gateway's masked
PAN and card brand."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tessera.core.db import one_of


class PaymentStatus(enum.StrEnum):
    CREATED = "created"  # recorded, gateway not yet asked
    PENDING = "pending"  # the customer is on the gateway's page
    PAID = "paid"
    FAILED = "failed"
    CANCELLED = "cancelled"


class RefundStatus(enum.StrEnum):
    PENDING = "pending"  # to be sent (again): the gateway has surely not processed it
    UNKNOWN = "unknown"  # sent, but the answer was lost: settled by asking the gateway, never resent blind
    DONE = "done"
    FAILED = "failed"


class Payment(UUIDv7AuditBase):
    __tablename__ = "payments"
    __table_args__ = (
        CheckConstraint(f"status IN {one_of(PaymentStatus)}", name="status"),
        CheckConstraint("amount > 0", name="amount"),
        # A payment is for one booking or for one booking group, never both.
        CheckConstraint("(booking_id IS NULL) <> (booking_group_id IS NULL)", name="target"),
        Index("ix_payments_booking", "booking_id"),
        Index("ix_payments_group", "booking_group_id"),
        Index("ix_payments_status_created", "status", "created_at"),
        Index("ix_payments_provider_payment", "provider", "provider_payment_id"),
    )

    booking_id: Mapped[uuid.UUID | None] = mapped_column(
        GUID, ForeignKey("bookings.id", ondelete="RESTRICT"), default=None
    )
    booking_group_id: Mapped[uuid.UUID | None] = mapped_column(
        GUID, ForeignKey("booking_groups.id", ondelete="RESTRICT"), default=None
    )
    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="RESTRICT"))
    provider: Mapped[str] = mapped_column(String(20), default="freedompay")
    provider_payment_id: Mapped[str | None] = mapped_column(String(64), default=None)
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(12), default=PaymentStatus.CREATED.value)
    redirect_url: Mapped[str | None] = mapped_column(String(1000), default=None)
    card_pan: Mapped[str | None] = mapped_column(String(32), default=None)  # masked by the gateway
    card_brand: Mapped[str | None] = mapped_column(String(16), default=None)
    failure_reason: Mapped[str | None] = mapped_column(String(300), default=None)
    paid_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    failed_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    last_checked_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # Set when a callback cannot be trusted to settle the payment (e.g. test mode against a live shop): the
    # payment stays pending for a person to look at, and the status sweep leaves it alone.
    review_reason: Mapped[str | None] = mapped_column(String(300), default=None)


class Refund(UUIDv7AuditBase):
    __tablename__ = "refunds"
    __table_args__ = (
        CheckConstraint(f"status IN {one_of(RefundStatus)}", name="status"),
        CheckConstraint("amount > 0", name="amount"),
        Index("ix_refunds_payment", "payment_id"),
        Index("ix_refunds_status", "status"),
    )

    payment_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("payments.id", ondelete="RESTRICT"))
    booking_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("bookings.id", ondelete="RESTRICT"))
    amount: Mapped[int] = mapped_column(BigInteger)
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(10), default=RefundStatus.PENDING.value)
    reason: Mapped[str] = mapped_column(String(300))
    provider_refund_id: Mapped[str | None] = mapped_column(String(64), default=None)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    processed_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
