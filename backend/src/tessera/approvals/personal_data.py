"""Requests for approval in an account's export; erasing withdraws the pending ones' claim to a decision and
blanks what the person wrote to the organizer."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.approvals.models import BookingRequest, RequestStatus


class ApprovalPersonalData:
    async def export(self, session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
        requests = await session.scalars(
            select(BookingRequest).where(BookingRequest.user_id == user_id).order_by(BookingRequest.created_at)
        )
        return {
            "booking_requests": [
                {
                    "id": str(r.id),
                    "session_id": str(r.session_id),
                    "items": r.items,
                    "message": r.message,
                    "status": r.status,
                    "booking_id": str(r.booking_id) if r.booking_id else None,
                    "decline_reason": r.decline_reason,
                    "created_at": r.created_at.isoformat(),
                }
                for r in requests
            ]
        }

    async def blocks_erasure(self, session: AsyncSession, user_id: uuid.UUID) -> str | None:
        return None

    async def erase(self, session: AsyncSession, user_id: uuid.UUID) -> None:
        mine = BookingRequest.user_id == user_id
        await session.execute(
            update(BookingRequest)
            .where(mine, BookingRequest.status == RequestStatus.PENDING)
            .values(status=RequestStatus.WITHDRAWN)
        )
        await session.execute(update(BookingRequest).where(mine).values(message=""))
