"""Watch parties' share of an account's personal data: the host profile, requests, and the ratings the account
gave (all) and received (revealed only: the export must not break the double blind). Erasing blanks what the
person wrote and the host profile; scores stay in the other side's reputation."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.core.pii import PiiVault
from tessera.parties.models import (
    EncounterStatus,
    PartyDetail,
    PartyEncounter,
    PartyHost,
    PartyRequest,
    PartySlot,
    SlotStatus,
)
from tessera.parties.parties import seal_address


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _rating(score: int | None, comment: str | None, at: datetime | None) -> dict[str, Any] | None:
    return None if at is None else {"score": score, "comment": comment or "", "rated_at": _when(at)}


class PartyPersonalData:
    def __init__(self, vault: PiiVault) -> None:
        self.vault = vault

    async def export(self, session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
        host = await session.get(PartyHost, user_id)
        requests = await session.scalars(
            select(PartyRequest).where(PartyRequest.guest_id == user_id).order_by(PartyRequest.created_at)
        )
        encounters = await session.scalars(
            select(PartyEncounter)
            .where(or_(PartyEncounter.guest_id == user_id, PartyEncounter.host_id == user_id))
            .order_by(PartyEncounter.created_at)
        )
        ratings = []
        for e in encounters:
            as_host = e.host_id == user_id
            given = _rating(e.score_for_guest, e.comment_for_guest, e.host_rated_at)
            received = _rating(e.score_for_host, e.comment_for_host, e.guest_rated_at)
            if not as_host:
                given, received = received, given
            ratings.append(
                {
                    "encounter_id": str(e.id),
                    "slot_id": str(e.slot_id),
                    "role": "host" if as_host else "guest",
                    "given": given,
                    "received": received if e.revealed_at is not None else None,
                    "no_show": e.no_show,
                    "dispute_reason": e.no_show_dispute_reason if not as_host else None,
                }
            )
        return {
            "party_host_profile": None
            if host is None
            else {
                "display_name": host.display_name,
                "bio": host.bio,
                "city": host.city,
                "country": host.country,
                "timezone": host.timezone,
                "avatar_url": host.avatar_url,
                "created_at": _when(host.created_at),
            },
            "party_requests": [
                {
                    "id": str(r.id),
                    "slot_id": str(r.slot_id),
                    "places": r.places,
                    "message": r.message,
                    "status": r.status,
                    "created_at": _when(r.created_at),
                }
                for r in requests
            ],
            "party_ratings": ratings,
        }

    async def blocks_erasure(self, session: AsyncSession, user_id: uuid.UUID) -> str | None:
        hosting = await session.scalar(
            select(func.count(func.distinct(PartySlot.id)))
            .join(PartyEncounter, PartyEncounter.slot_id == PartySlot.id)
            .where(
                PartyEncounter.host_id == user_id,
                PartyEncounter.status == EncounterStatus.BOOKED,
                PartySlot.status == SlotStatus.SCHEDULED,
                PartySlot.starts_at > datetime.now(UTC),
            )
        )
        if hosting:
            return f"Guests are booked on {hosting} showing(s) you host: cancel them first"
        return None

    async def erase(self, session: AsyncSession, user_id: uuid.UUID) -> None:
        # The exact address of the host's place (often their home) is sealed anew as empty.
        for party in await session.scalars(select(PartyDetail).where(PartyDetail.host_id == user_id)):
            party.place_address_ciphertext = seal_address(self.vault, party.id, "")
        await session.execute(
            update(PartyHost)
            .where(PartyHost.id == user_id)
            .values(display_name="Former host", bio="", avatar_url=None, is_active=False)
        )
        await session.execute(update(PartyRequest).where(PartyRequest.guest_id == user_id).values(message=""))
        await session.execute(
            update(PartyEncounter)
            .where(PartyEncounter.guest_id == user_id)
            .values(comment_for_host=None, no_show_dispute_reason=None)
        )
        await session.execute(
            update(PartyEncounter).where(PartyEncounter.host_id == user_id).values(comment_for_guest=None)
        )
