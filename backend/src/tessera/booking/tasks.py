"""Booking work outside requests: run by the scheduler and by ``tessera expire-holds``."""

from __future__ import annotations

from datetime import UTC, datetime

from tessera.booking.dependencies import build_booking_service
from tessera.core.runtime import Runtime


async def expire_holds(runtime: Runtime) -> int:
    """Release the seats of every hold whose payment time ran out. Returns how many expired."""
    async with runtime.sessions() as session, session.begin():
        return await build_booking_service(session, runtime).expire_overdue_holds(datetime.now(UTC))
