"""What short links may point at, answered by the modules that own each kind of target."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from tessera.catalog.models import ListingStatus
from tessera.catalog.rules import visible_listing
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError
from tessera.parties.sharing import party_path


class LinkTargets:
    async def path(
        self, session: AsyncSession, target_type: str, target_id: uuid.UUID, user: CurrentUser | None
    ) -> str | None:
        if target_type != "event":
            return await party_path(session, target_type, target_id, user)
        try:
            listing = await visible_listing(session, target_id, None)
        except NotFoundAppError:
            return None
        return f"/events/{target_id}" if listing.status == ListingStatus.PUBLISHED else None
