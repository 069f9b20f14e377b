"""Travellers' answers to schedule changes: accept (the trip stands as changed) or reject (every flight still
ahead is cancelled and everything paid for it refunded, whatever the fare). Unanswered changes count as
accepted once their time is up."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.cancellation import Cancellations
from tessera.booking.models import BookingStatus
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError
from tessera.core.outbox import Outgoing, enqueue
from tessera.flights.errors import ChangeNotPendingError
from tessera.flights.models import Airport, AnswerStatus, FlightDeparture, FlightOrderChange, FlightScheduleChange
from tessera.flights.order_reads import OrderReads
from tessera.flights.order_schemas import OrderChangeList, OrderChangeRead, OrderRead
from tessera.flights.orders import FlightOrders

LIVE = (BookingStatus.PENDING_PAYMENT, BookingStatus.CONFIRMED)


class ChangeAnswers:
    def __init__(
        self, session: AsyncSession, orders: FlightOrders, reads: OrderReads, cancellations: Cancellations
    ) -> None:
        self.session = session
        self.orders = orders
        self.reads = reads
        self.cancellations = cancellations

    async def list(self, order_id: uuid.UUID, user: CurrentUser) -> OrderChangeList:
        order = await self.orders.owned(order_id, user)
        rows = (
            await self.session.execute(
                select(FlightOrderChange, FlightScheduleChange)
                .join(FlightScheduleChange, FlightScheduleChange.id == FlightOrderChange.change_id)
                .where(FlightOrderChange.order_id == order.id)
                .order_by(FlightOrderChange.created_at, FlightOrderChange.id)
            )
        ).all()
        zones = await self._zones({change.departure_id for _, change in rows})
        return OrderChangeList(
            items=[
                OrderChangeRead(
                    id=answer.id,
                    change_id=change.id,
                    kind=change.kind,
                    departure_id=change.departure_id,
                    leg=answer.leg,
                    old_departs_at=change.old_departs_at.astimezone(zones[change.departure_id][0]),
                    new_departs_at=change.new_departs_at.astimezone(zones[change.departure_id][0])
                    if change.new_departs_at
                    else None,
                    old_arrives_at=change.old_arrives_at.astimezone(zones[change.departure_id][1]),
                    new_arrives_at=change.new_arrives_at.astimezone(zones[change.departure_id][1])
                    if change.new_arrives_at
                    else None,
                    conflicts_with_return=answer.conflicts_with_return,
                    status=answer.status,
                    respond_by=answer.respond_by,
                    created_at=answer.created_at,
                )
                for answer, change in rows
            ]
        )

    async def _zones(self, departure_ids: set[uuid.UUID]) -> dict[uuid.UUID, tuple[ZoneInfo, ZoneInfo]]:
        rows = (
            await self.session.execute(
                select(
                    FlightDeparture.id, FlightDeparture.origin_airport_id, FlightDeparture.destination_airport_id
                ).where(FlightDeparture.id.in_(departure_ids))
            )
        ).all()
        airports = {
            a.id: ZoneInfo(a.timezone)
            for a in await self.session.scalars(
                select(Airport).where(Airport.id.in_({r[1] for r in rows} | {r[2] for r in rows}))
            )
        }
        return {d: (airports[o], airports[t]) for d, o, t in rows}

    async def _pending(self, order_id: uuid.UUID, change_id: uuid.UUID, user: CurrentUser) -> FlightOrderChange:
        order = await self.orders.owned(order_id, user)
        answer = await self.session.scalar(
            select(FlightOrderChange)
            .where(FlightOrderChange.order_id == order.id, FlightOrderChange.change_id == change_id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        if answer is None:
            raise NotFoundAppError("No such change for this order")
        if answer.status != AnswerStatus.PENDING or answer.respond_by <= datetime.now(UTC):
            raise ChangeNotPendingError(f"This change is {answer.status} and cannot be answered now")
        return answer

    async def accept(self, order_id: uuid.UUID, change_id: uuid.UUID, user: CurrentUser) -> OrderRead:
        answer = await self._pending(order_id, change_id, user)
        answer.status, answer.responded_at = AnswerStatus.ACCEPTED.value, datetime.now(UTC)
        await self.session.flush()
        return await self.orders.get(order_id, user)

    async def reject(self, order_id: uuid.UUID, change_id: uuid.UUID, reason: str, user: CurrentUser) -> OrderRead:
        """The whole trip is cancelled and every live flight refunded in full (the change was not theirs)."""
        answer = await self._pending(order_id, change_id, user)
        order = await self.orders.owned(order_id, user)
        group = (await self.reads.groups.views([order.booking_group_id]))[order.booking_group_id]
        live = [b for b in group.bookings if b.status in LIVE]
        refunds = {b.id: b.total if b.status == BookingStatus.CONFIRMED else 0 for b in live}
        reason = reason or "The traveller rejected a schedule change"
        if live:
            await self.cancellations.cancel_managed([b.id for b in live], refunds=refunds, reason=reason, kind=None)
        answer.status, answer.responded_at = AnswerStatus.REJECTED.value, datetime.now(UTC)
        await self.session.flush()
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=order.user_id,
                    kind="flight_order_cancelled",
                    payload={
                        "order_id": str(order.id),
                        "reference": order.reference,
                        "legs": [],
                        "refund": sum(refunds.values()),
                        "currency": group.currency,
                    },
                    dedupe_key=f"flight_order:{order.id}:reject:{change_id}",
                )
            ],
        )
        return await self.reads.one(order)


async def accept_overdue(session: AsyncSession, now: datetime) -> int:
    """Changes nobody answered in time count as accepted. Returns how many."""
    result = await session.execute(
        update(FlightOrderChange)
        .where(FlightOrderChange.status == AnswerStatus.PENDING, FlightOrderChange.respond_by <= now)
        .values(status=AnswerStatus.ACCEPTED.value, responded_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
