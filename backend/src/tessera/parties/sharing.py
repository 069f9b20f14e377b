"""Where a party, a slot or a host page lives in the web app, for sharing: only what the sharer may see."""

from __future__ import annotations

import uuid

from sqlalchemy.ext.asyncio import AsyncSession

from tessera.catalog.rules import visible_listing
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError
from tessera.parties.models import PartyDetail, PartyHost, PartySlot


async def party_path(
    session: AsyncSession, target_type: str, target_id: uuid.UUID, user: CurrentUser | None
) -> str | None:
    """A published party or slot (or the sharer's own draft), or an active host page; None otherwise."""
    try:
        if target_type == "host":
            host = await session.get(PartyHost, target_id)
            return f"/parties/hosts/{target_id}" if host is not None and host.is_active else None
        if target_type == "slot":
            slot = await session.get(PartySlot, target_id)
            if slot is None:
                return None
            await visible_listing(session, slot.party_id, user)
            return f"/parties/{slot.party_id}?slot={slot.id}"
        if target_type == "party" and await session.get(PartyDetail, target_id) is not None:
            await visible_listing(session, target_id, user)
            return f"/parties/{target_id}"
    except NotFoundAppError:
        return None
    return None
