"""Reputation as host and as guest, from revealed ratings only (so nobody can watch an average move and infer a
hidden score); a no-show guest's rating of the host never counts. Aggregated over the indexed encounters of the
users asked about, when asked."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.parties.models import EncounterStatus, PartyEncounter


def guest_rating_counts() -> ColumnElement[bool]:
    """A guest's rating of the host counts unless the guest was (and stays) a no-show."""
    return PartyEncounter.no_show.is_(False)


async def reputation_rows(
    session: AsyncSession, user_ids: set[uuid.UUID], now: datetime
) -> dict[uuid.UUID, dict[str, Any]]:
    """Revealed ratings only (so that nobody can watch an average move and infer a hidden score); a no-show
    guest's rating of the host never counts. Aggregates over the indexed encounters of these users."""
    out: dict[uuid.UUID, dict[str, Any]] = {
        u: {"host_avg": None, "host_count": 0, "guest_avg": None, "guest_count": 0, "no_shows": 0, "attended": 0}
        for u in user_ids
    }
    if not user_ids:
        return out
    for host_id, average, count in await session.execute(
        select(
            PartyEncounter.host_id, func.avg(PartyEncounter.score_for_host), func.count(PartyEncounter.score_for_host)
        )
        .where(
            PartyEncounter.host_id.in_(user_ids),
            PartyEncounter.revealed_at.is_not(None),
            PartyEncounter.score_for_host.is_not(None),
            guest_rating_counts(),
        )
        .group_by(PartyEncounter.host_id)
    ):
        out[host_id].update(host_avg=float(average) if average is not None else None, host_count=int(count))
    revealed_score = case((PartyEncounter.revealed_at.is_not(None), PartyEncounter.score_for_guest))
    came = and_(
        PartyEncounter.status == EncounterStatus.BOOKED,
        PartyEncounter.window_opens_at <= now,
        PartyEncounter.no_show.is_(False),
    )
    for guest_id, average, count, no_shows, attended in await session.execute(
        select(
            PartyEncounter.guest_id,
            func.avg(revealed_score),
            func.count(revealed_score),
            func.count(case((PartyEncounter.no_show.is_(True), 1))),
            func.count(case((came, 1))),
        )
        .where(PartyEncounter.guest_id.in_(user_ids))
        .group_by(PartyEncounter.guest_id)
    ):
        out[guest_id].update(
            guest_avg=float(average) if average is not None else None,
            guest_count=int(count),
            no_shows=int(no_shows),
            attended=int(attended),
        )
    return out
