"""Payments in an account's export: amounts, states and dates, never card data. Nothing here is erased: the
rows hold no personal value (the gateway's masked card number is left out of the export too) and accounting
needs them."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.models import Booking
from tessera.payments.models import Payment, Refund


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


class PaymentPersonalData:
    async def export(self, session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
        payments = list(
            await session.scalars(select(Payment).where(Payment.user_id == user_id).order_by(Payment.created_at))
        )
        mine = select(Booking.id).where(Booking.user_id == user_id).scalar_subquery()
        refunds = await session.scalars(select(Refund).where(Refund.booking_id.in_(mine)).order_by(Refund.created_at))
        return {
            "payments": [
                {
                    "id": str(p.id),
                    "booking_id": str(p.booking_id) if p.booking_id else None,
                    "booking_group_id": str(p.booking_group_id) if p.booking_group_id else None,
                    "amount": p.amount,
                    "currency": p.currency,
                    "status": p.status,
                    "created_at": _when(p.created_at),
                    "paid_at": _when(p.paid_at),
                }
                for p in payments
            ],
            "refunds": [
                {
                    "id": str(r.id),
                    "booking_id": str(r.booking_id),
                    "amount": r.amount,
                    "currency": r.currency,
                    "status": r.status,
                    "created_at": _when(r.created_at),
                }
                for r in refunds
            ],
        }

    async def blocks_erasure(self, session: AsyncSession, user_id: uuid.UUID) -> str | None:
        return None

    async def erase(self, session: AsyncSession, user_id: uuid.UUID) -> None:
        return None
