from __future__ import annotations

from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.dependencies import build_booking_service
from tessera.core.runtime import Runtime
from tessera.payments.services import PaymentService


def build_payment_service(session: AsyncSession, runtime: Runtime) -> PaymentService:
    return PaymentService(
        session, runtime.settings, runtime.freedompay, build_booking_service(session, runtime), runtime.sessions
    )


def provide_payment_service(
    db_session: NamedDependency[AsyncSession], runtime: NamedDependency[Runtime]
) -> PaymentService:
    return build_payment_service(db_session, runtime)
