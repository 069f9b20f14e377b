"""The parties domain's part in the booking core's life cycle (``booking.hooks.DomainHooks``): when the core
gives back a guest's places (the guest, the host or a cancelled slot), the encounter ends with them."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.parties.models import EncounterStatus, PartyEncounter


class PartyHooks:
    async def on_released(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID], reason: str) -> None:
        await session.execute(
            update(PartyEncounter)
            .where(PartyEncounter.booking_id.in_(list(booking_ids)), PartyEncounter.status == EncounterStatus.BOOKED)
            .values(status=EncounterStatus.CANCELLED.value, updated_at=datetime.now(UTC))
            .execution_options(synchronize_session=False)
        )

    # Places are free: a booking is confirmed when it is made, so no payment ever confirms or revives one.
    async def revive(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID]) -> bool:
        return False

    async def on_confirmed(self, session: AsyncSession, booking_ids: Sequence[uuid.UUID]) -> None:
        return None
