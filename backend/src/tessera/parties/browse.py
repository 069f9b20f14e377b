"""Finding a host: those with an upcoming showing of a published party, by the city of its place, dates and
reputation, best rated or soonest first."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import and_, case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.catalog.models import ListingKind
from tessera.catalog.services import CatalogService
from tessera.parties.hosts import MIN_RATINGS_SHOWN, Hosts
from tessera.parties.models import PartyDetail, PartyEncounter, PartyHost, PartySlot, SlotStatus
from tessera.parties.reputation import guest_rating_counts
from tessera.parties.schemas import HostSummary, NextSlot
from tessera.parties.slots import Slots


class HostBrowser:
    def __init__(self, session: AsyncSession, catalog: CatalogService, hosts: Hosts, slots: Slots) -> None:
        self.session = session
        self.catalog = catalog
        self.hosts = hosts
        self.slots = slots

    async def browse(
        self,
        *,
        city: str | None,
        q: str | None,
        min_rating: float | None,
        date_from: datetime | None,
        date_to: datetime | None,
        sort: str,
        limit: int,
        offset: int,
    ) -> tuple[list[HostSummary], int]:
        now = datetime.now(UTC)
        upcoming = (
            select(PartySlot.host_id, func.min(PartySlot.starts_at).label("next_at"), func.count().label("slots"))
            .join(PartyDetail, PartyDetail.id == PartySlot.party_id)
            .where(
                PartySlot.status == SlotStatus.SCHEDULED,
                PartySlot.starts_at > now,
                PartyDetail.id.in_(self.catalog.published_ids(ListingKind.PARTY)),
            )
            .group_by(PartySlot.host_id)
        )
        if city:
            upcoming = upcoming.where(func.lower(PartyDetail.place_city) == city.strip().lower())
        if date_from is not None:
            upcoming = upcoming.where(PartySlot.starts_at >= date_from)
        if date_to is not None:
            upcoming = upcoming.where(PartySlot.starts_at < date_to)
        ahead = upcoming.subquery()
        # Revealed ratings of each host by guests who came: what reputation shows and sorts by.
        ratings = (
            select(
                PartyEncounter.host_id,
                func.avg(PartyEncounter.score_for_host).label("average"),
                func.count(PartyEncounter.score_for_host).label("count"),
            )
            .where(
                PartyEncounter.revealed_at.is_not(None),
                PartyEncounter.score_for_host.is_not(None),
                guest_rating_counts(),
            )
            .group_by(PartyEncounter.host_id)
            .subquery()
        )
        count = func.coalesce(ratings.c.count, 0)
        rated = count >= MIN_RATINGS_SHOWN
        query = (
            select(PartyHost, ahead.c.slots)
            .join(ahead, ahead.c.host_id == PartyHost.id)
            .outerjoin(ratings, ratings.c.host_id == PartyHost.id)
            .where(PartyHost.is_active.is_(True))
        )
        if q:
            pattern = "%" + q.strip().replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"
            query = query.where(PartyHost.display_name.ilike(pattern, escape="/"))
        if min_rating is not None:
            query = query.where(and_(rated, ratings.c.average >= min_rating))
        if sort == "rating":  # rated hosts by average, then the new ones
            order = [case((rated, 0), else_=1), ratings.c.average.desc(), count.desc(), ahead.c.next_at]
        else:
            order = [ahead.c.next_at]
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = (await self.session.execute(query.order_by(*order, PartyHost.id).limit(limit).offset(offset))).all()
        reputations = await self.hosts.reputations(host.id for host, _ in rows)
        summaries = []
        for host, slots in rows:
            first = await self.session.scalar(
                select(PartySlot)
                .where(
                    PartySlot.host_id == host.id,
                    PartySlot.status == SlotStatus.SCHEDULED,
                    PartySlot.starts_at > now,
                    PartySlot.party_id.in_(self.catalog.published_ids(ListingKind.PARTY)),
                )
                .order_by(PartySlot.starts_at)
                .limit(1)
            )
            next_slot = None
            if first is not None:
                [read] = await self.slots.reads([first])
                title = await self.session.scalar(
                    select(PartyDetail.movie_title).where(PartyDetail.id == first.party_id)
                )
                next_slot = NextSlot(
                    slot_id=read.id,
                    party_id=read.party_id,
                    movie_title=title or "",
                    starts_at=read.starts_at,
                    seats_left=read.seats_left,
                )
            summaries.append(
                HostSummary(
                    user_id=host.id,
                    display_name=host.display_name,
                    city=host.city,
                    avatar_url=host.avatar_url,
                    approval_required=host.approval_required,
                    reputation=reputations[host.id],
                    next_slot=next_slot,
                    upcoming_slots=int(slots),
                )
            )
        return summaries, total or 0
