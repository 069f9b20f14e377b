from __future__ import annotations

from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.services import BookingService, TicketCodes
from tessera.core.runtime import Runtime
from tessera.payments.refunds import GatewayRefunds


def build_booking_service(session: AsyncSession, runtime: Runtime) -> BookingService:
    return BookingService(
        session,
        runtime.settings.booking,
        TicketCodes(runtime.settings.booking.ticket_keys),
        GatewayRefunds(runtime.sessions, runtime.settings, runtime.freedompay),
    )


def provide_booking_service(
    db_session: NamedDependency[AsyncSession], runtime: NamedDependency[Runtime]
) -> BookingService:
    return build_booking_service(db_session, runtime)
