"""The flights domain's part in the booking core's life cycle (``booking.hooks.DomainHooks``): seats follow
their bookings, and a confirmed order is told in the flights domain's own words (one itinerary per order)."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.core.outbox import Outgoing, enqueue
from tessera.flights.models import FlightOrder, FlightOrderLeg
from tessera.flights.seating import Seating

EXPIRED = "expired"


class FlightHooks:
    async def on_released(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID], reason: str) -> None:
        await Seating(session).release(booking_ids, EXPIRED if reason == EXPIRED else "cancelled", datetime.now(UTC))

    async def revive(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID]) -> bool:
        return await Seating(session).revive(booking_ids, datetime.now(UTC))

    async def on_confirmed(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID]) -> None:
        orders = await session.execute(
            select(FlightOrder.id, FlightOrder.user_id, FlightOrder.reference).where(
                FlightOrder.id.in_(select(FlightOrderLeg.order_id).where(FlightOrderLeg.booking_id.in_(booking_ids)))
            )
        )
        await enqueue(
            session,
            [
                Outgoing(
                    user_id=user_id,
                    kind="flight_order_confirmed",
                    payload={"order_id": str(order_id), "reference": reference},
                    dedupe_key=f"flight_order:{order_id}:confirmed",
                )
                for order_id, user_id, reference in orders
            ],
        )
