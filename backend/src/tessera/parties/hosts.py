"""Host profiles: anyone signed in may host. Reputation as host and as guest comes from revealed ratings."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.services import UserService
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError
from tessera.parties.errors import HostProfileRequiredError, InvalidTimezoneError
from tessera.parties.models import PartyHost
from tessera.parties.reputation import reputation_rows
from tessera.parties.schemas import GuestRating, HostProfileUpdate, HostRating, Reputation

MIN_RATINGS_SHOWN = 3


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InvalidTimezoneError(f"Unknown time zone {name!r}; use an IANA name such as Asia/Almaty") from exc
    return name


class Hosts:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def save_profile(self, data: HostProfileUpdate, user: CurrentUser) -> PartyHost:
        """Create or update the caller's host profile."""
        check_timezone(data.timezone)
        host = await self.session.get(PartyHost, user.id)
        if host is None:
            host = PartyHost(id=user.id)
            self.session.add(host)
        host.display_name = data.display_name.strip()
        host.bio = data.bio
        host.city = data.city.strip()
        host.country = data.country
        host.timezone = data.timezone
        host.approval_required = data.approval_required
        host.avatar_url = data.avatar_url
        host.is_active = True
        await self.session.flush()
        return host

    async def profile(self, user_id: uuid.UUID) -> PartyHost:
        host = await self.session.get(PartyHost, user_id)
        if host is None or not host.is_active:
            raise NotFoundAppError("No host profile")
        return host

    async def required(self, user: CurrentUser) -> PartyHost:
        """The caller's profile, which hosting needs."""
        host = await self.session.get(PartyHost, user.id)
        if host is None or not host.is_active:
            raise HostProfileRequiredError("Create your host profile first: PUT /api/v1/parties/host-profile")
        return host

    async def names(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        """Hosts' display names, and account names for everyone else."""
        ids = set(user_ids)
        names = await UserService(session=self.session).names(list(ids))
        for host_id, display_name in await self.session.execute(
            select(PartyHost.id, PartyHost.display_name).where(PartyHost.id.in_(ids))
        ):
            names[host_id] = display_name
        return names

    async def reputation(self, user_id: uuid.UUID) -> Reputation:
        """Anyone's reputation (zero counts for someone new to parties); no such account is 404."""
        if not await UserService(session=self.session).names([user_id]):
            raise NotFoundAppError("No such user")
        return (await self.reputations([user_id]))[user_id]

    async def reputations(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Reputation]:
        """Each user's reputation as host and as guest; an average shows from three revealed ratings on."""
        ids = set(user_ids)
        names = await self.names(ids)
        rows = await reputation_rows(self.session, ids, datetime.now(UTC))
        return {
            user_id: Reputation(
                user_id=user_id,
                name=names.get(user_id, ""),
                as_host=HostRating(average=_shown(row["host_avg"], row["host_count"]), count=row["host_count"]),
                as_guest=GuestRating(
                    average=_shown(row["guest_avg"], row["guest_count"]),
                    count=row["guest_count"],
                    no_shows=row["no_shows"],
                    attended=row["attended"],
                ),
            )
            for user_id, row in rows.items()
        }


def _shown(average: float | None, count: int) -> float | None:
    """Too few ratings say little: a new host or guest shows no average until three are revealed."""
    return round(average, 2) if average is not None and count >= MIN_RATINGS_SHOWN else None
