"""Waiting-list places in an account's export; erasing takes the account out of every line it still waits in."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.waitlist.models import EntryStatus, WaitlistEntry


class WaitlistPersonalData:
    async def export(self, session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
        entries = await session.scalars(
            select(WaitlistEntry).where(WaitlistEntry.user_id == user_id).order_by(WaitlistEntry.created_at)
        )
        return {
            "waitlist_entries": [
                {
                    "id": str(e.id),
                    "session_id": str(e.session_id),
                    "ticket_type_id": str(e.ticket_type_id),
                    "quantity": e.quantity,
                    "status": e.status,
                    "booking_id": str(e.booking_id) if e.booking_id else None,
                    "created_at": e.created_at.isoformat(),
                }
                for e in entries
            ]
        }

    async def blocks_erasure(self, session: AsyncSession, user_id: uuid.UUID) -> str | None:
        return None

    async def erase(self, session: AsyncSession, user_id: uuid.UUID) -> None:
        await session.execute(
            update(WaitlistEntry)
            .where(WaitlistEntry.user_id == user_id, WaitlistEntry.status == EntryStatus.WAITING)
            .values(status=EntryStatus.LEFT)
        )
