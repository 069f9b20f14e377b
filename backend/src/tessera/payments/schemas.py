from __future__ import annotations

import uuid
from datetime import datetime

import msgspec


class PaymentCreate(msgspec.Struct, forbid_unknown_fields=True):
    booking_id: uuid.UUID


class RefundRead(msgspec.Struct):
    id: uuid.UUID
    amount: int
    currency: str
    status: str
    reason: str
    created_at: datetime
    processed_at: datetime | None


class PaymentRead(msgspec.Struct):
    """A payment attempt for one booking (``booking_id``) or for one booking group (``booking_group_id``)."""

    id: uuid.UUID
    booking_id: uuid.UUID | None
    booking_group_id: uuid.UUID | None
    status: str
    redirect_url: str | None
    amount: int
    currency: str
    provider: str
    card_pan: str | None
    card_brand: str | None
    failure_reason: str | None
    created_at: datetime
    paid_at: datetime | None
    refunds: list[RefundRead]
