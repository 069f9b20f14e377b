"""Reviews in an account's export; erasing keeps each rating (it counts in the listing's average) and blanks
what the person wrote."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.reviews.models import Review, ReviewFlag


class ReviewPersonalData:
    async def export(self, session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
        reviews = await session.scalars(select(Review).where(Review.user_id == user_id).order_by(Review.created_at))
        return {
            "reviews": [
                {
                    "id": str(r.id),
                    "listing_id": str(r.event_id),
                    "rating": r.rating,
                    "comment": r.comment,
                    "status": r.status,
                    "created_at": r.created_at.isoformat(),
                }
                for r in reviews
            ]
        }

    async def blocks_erasure(self, session: AsyncSession, user_id: uuid.UUID) -> str | None:
        return None

    async def erase(self, session: AsyncSession, user_id: uuid.UUID) -> None:
        await session.execute(update(Review).where(Review.user_id == user_id).values(comment=""))
        await session.execute(update(ReviewFlag).where(ReviewFlag.user_id == user_id).values(reason=""))
