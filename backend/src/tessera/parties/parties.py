"""Parties: a film shown at a place, as a managed listing (kind ``party``) with one free ticket type, "Place".
The listing's venue carries only the public area; the exact address is sealed here and shown to the host (and,
once booking arrives, to guests with a live booking)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import msgspec
from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.catalog.changes import ListingChanges
from tessera.catalog.errors import EventCancelledError
from tessera.catalog.models import ListingKind, ListingStatus
from tessera.catalog.rules import manages
from tessera.catalog.schemas import EventCreate, EventUpdate, TicketTypeCreate, TicketTypeUpdate, VenueCreate
from tessera.catalog.services import CatalogService
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError
from tessera.core.outbox import enqueue
from tessera.core.pii import PiiVault, sealed_with_old_key
from tessera.parties.errors import InvalidPartyError
from tessera.parties.events import committed
from tessera.parties.hosts import Hosts, check_timezone
from tessera.parties.messages import party_notice
from tessera.parties.models import EncounterStatus, PartyDetail, PartyEncounter, PartySlot, SlotStatus
from tessera.parties.schemas import (
    HostBrief,
    HostProfileRead,
    HostWithReputation,
    MovieBrief,
    MovieRead,
    PartyCreate,
    PartyDetailRead,
    PartySummary,
    PartyUpdate,
    PlaceBrief,
    PlaceIn,
    PlaceRead,
)
from tessera.parties.slots import Slots

_AAD = b"tessera:party_details:address:"
CATEGORY = "watch-party"


def _local(moment: datetime | None, timezone: str) -> datetime | None:
    return moment.astimezone(ZoneInfo(timezone)) if moment is not None else None


def _title(movie_title: str) -> str:
    return f"Watch party: {movie_title}"[:200]


def _venue(place: PlaceIn) -> VenueCreate:
    # The public catalog sees the public area only, never the address.
    return VenueCreate(
        name=place.name, city=place.city, country=place.country, timezone=place.timezone, address=place.public_area
    )


@dataclass(frozen=True, slots=True)
class Place:
    """A party's place as shown: with the address (to those who may see it) or without, and its zone."""

    read: PlaceRead
    without_address: PlaceRead
    zone: ZoneInfo


# Addresses re-sealed per transaction by `tessera rotate-pii-keys`.
ROTATION_BATCH = 500


def seal_address(vault: PiiVault, party_id: uuid.UUID, address: str) -> bytes:
    return vault.seal(address.strip().encode(), _AAD + party_id.bytes)


class Parties:
    def __init__(
        self,
        session: AsyncSession,
        catalog: CatalogService,
        changes: ListingChanges,
        hosts: Hosts,
        slots: Slots,
        vault: PiiVault,
    ) -> None:
        self.session = session
        self.catalog = catalog  # acting for the parties domain
        self.changes = changes
        self.hosts = hosts
        self.slots = slots
        self.vault = vault

    def _seal(self, party_id: uuid.UUID, address: str) -> bytes:
        return seal_address(self.vault, party_id, address)

    def _address(self, party: PartyDetail) -> str:
        return self.vault.open(party.place_address_ciphertext, _AAD + party.id.bytes).decode()

    async def rotate_batch(self) -> int:
        """Re-seal up to one batch of addresses sealed with an older key; returns how many (0: all done)."""
        rows = list(
            await self.session.scalars(
                select(PartyDetail)
                .where(sealed_with_old_key(self.session, PartyDetail.place_address_ciphertext, self.vault))
                .order_by(PartyDetail.id)
                .limit(ROTATION_BATCH)
                .with_for_update(skip_locked=True)
            )
        )
        for party in rows:
            party.place_address_ciphertext = self._seal(party.id, self._address(party))
        await self.session.flush()
        return len(rows)

    async def owned(self, party_id: uuid.UUID, user: CurrentUser) -> PartyDetail:
        party = await self.session.get(PartyDetail, party_id)
        if party is None or not (user.is_admin or party.host_id == user.id):
            raise NotFoundAppError("Party not found")
        return party

    # -- writing ----------------------------------------------------------------------------------------

    async def create(self, data: PartyCreate, user: CurrentUser) -> PartyDetailRead:
        host = await self.hosts.required(user)
        if data.max_places_per_guest > data.capacity:
            raise InvalidPartyError("A guest cannot book more places than the party has")
        check_timezone(data.place.timezone)
        listing = await self.catalog.create_event(
            EventCreate(
                title=_title(data.movie.title),
                kind=ListingKind.PARTY.value,
                description=data.description,
                category=CATEGORY,
                venue=_venue(data.place),
                image_url=data.movie.poster_url,
            ),
            user,
        )
        place = await self.catalog.add_ticket_type(
            listing.id,
            TicketTypeCreate(name="Place", price=0, currency="KZT", max_per_order=data.max_places_per_guest),
            user,
        )
        party = PartyDetail(
            id=listing.id,
            host_id=user.id,
            movie_title=data.movie.title.strip(),
            movie_year=data.movie.year,
            movie_runtime_minutes=data.movie.runtime_minutes,
            movie_url=data.movie.url,
            poster_url=data.movie.poster_url,
            place_city=data.place.city.strip(),
            place_public_area=data.place.public_area.strip(),
            place_address_ciphertext=self._seal(listing.id, data.place.address),
            capacity=data.capacity,
            max_places_per_guest=data.max_places_per_guest,
            approval_required=host.approval_required if data.approval_required is None else data.approval_required,
            buffer_minutes=data.buffer_minutes,
            booking_closes_minutes=data.booking_closes_minutes,
            ticket_type_id=place.id,
        )
        self.session.add(party)
        await self.session.flush()
        committed(self.session, "party.created", party_id=party.id, host_id=user.id)
        return await self.detail(party, user)

    async def update(self, party_id: uuid.UUID, data: PartyUpdate, user: CurrentUser) -> PartyDetailRead:
        party = await self.owned(party_id, user)
        listing = await self.catalog.event_for_editing(party.id, user)
        if listing.status == ListingStatus.CANCELLED:
            raise EventCancelledError("This party is cancelled and can no longer change")
        capacity = party.capacity if data.capacity is msgspec.UNSET else data.capacity
        places = party.max_places_per_guest if data.max_places_per_guest is msgspec.UNSET else data.max_places_per_guest
        if places > capacity:
            raise InvalidPartyError("A guest cannot book more places than the party has")
        listing_changes = EventUpdate()
        if data.movie is not msgspec.UNSET:
            party.movie_title, party.movie_year = data.movie.title.strip(), data.movie.year
            party.movie_runtime_minutes, party.movie_url = data.movie.runtime_minutes, data.movie.url
            party.poster_url = data.movie.poster_url
            listing_changes.title, listing_changes.image_url = _title(data.movie.title), data.movie.poster_url
        if data.place is not msgspec.UNSET:
            check_timezone(data.place.timezone)
            venue = await self.catalog.create_venue(_venue(data.place), user)
            listing_changes.venue_id = venue.id
            party.place_city, party.place_public_area = data.place.city.strip(), data.place.public_area.strip()
            party.place_address_ciphertext = self._seal(party.id, data.place.address)
        if data.description is not msgspec.UNSET:
            listing_changes.description = data.description
        await self.catalog.update_event(party.id, listing_changes, user)
        for field in ("approval_required", "buffer_minutes", "booking_closes_minutes"):
            value = getattr(data, field)
            if value is not msgspec.UNSET:
                setattr(party, field, value)
        party.capacity, party.max_places_per_guest = capacity, places
        await self.catalog.update_ticket_type(party.ticket_type_id, TicketTypeUpdate(max_per_order=places), user)
        await self.session.flush()
        if data.place is not msgspec.UNSET:
            await self._tell_place_changed(party)
        return await self.detail(party, user)

    async def _tell_place_changed(self, party: PartyDetail) -> None:
        """Guests booked on upcoming showings learn the new place (and its address, in their e-mail)."""
        now = datetime.now(UTC)
        booked = (
            await self.session.execute(
                select(PartyEncounter.guest_id, PartyEncounter.slot_id)
                .join(PartySlot, PartySlot.id == PartyEncounter.slot_id)
                .where(
                    PartyEncounter.party_id == party.id,
                    PartyEncounter.status == EncounterStatus.BOOKED,
                    PartySlot.starts_at > now,
                )
            )
        ).all()
        await enqueue(
            self.session,
            [
                party_notice(
                    guest_id,
                    "party_place_changed",
                    f"party:{party.id}:place:{now.isoformat()}:{slot_id}",
                    slot_id=slot_id,
                )
                for guest_id, slot_id in booked
            ],
        )

    async def publish(self, party_id: uuid.UUID, user: CurrentUser) -> PartyDetailRead:
        party = await self.owned(party_id, user)
        await self.catalog.publish_event(party.id, user)
        return await self.detail(party, user)

    async def cancel(self, party_id: uuid.UUID, reason: str, user: CurrentUser) -> PartyDetailRead:
        """Every scheduled slot with it; guests are told."""
        party = await self.owned(party_id, user)
        await self.changes.cancel_event(party.id, user, reason or "The host cancelled this party")
        await self.session.execute(
            update(PartySlot)
            .where(PartySlot.party_id == party.id, PartySlot.status == SlotStatus.SCHEDULED)
            .values(status=SlotStatus.CANCELLED.value)
            .execution_options(synchronize_session=False)
        )
        return await self.detail(party, user)

    # -- reading ----------------------------------------------------------------------------------------

    async def host_profile(self, user_id: uuid.UUID, viewer: CurrentUser | None) -> HostProfileRead:
        """A host's public page: profile, reputation and parties with upcoming slots (every party of their own,
        to the host)."""
        host = await self.hosts.profile(user_id)
        reputation = (await self.hosts.reputations([host.id]))[host.id]
        if viewer is not None and viewer.id == host.id:
            parties, _ = await self.mine(viewer, None, 100, 0)
        else:
            parties, _ = await self.browse(
                city=None, q=None, host_id=host.id, date_from=None, date_to=None, limit=100, offset=0
            )
        return HostProfileRead(
            user_id=host.id,
            display_name=host.display_name,
            bio=host.bio,
            city=host.city,
            country=host.country,
            timezone=host.timezone,
            avatar_url=host.avatar_url,
            approval_required=host.approval_required,
            member_since=host.created_at,
            reputation=reputation,
            parties=parties,
        )

    async def get(self, party_id: uuid.UUID, viewer: CurrentUser | None) -> PartyDetailRead:
        """A published or cancelled party; a draft only to its host."""
        party = await self.session.get(PartyDetail, party_id)
        if party is None:
            raise NotFoundAppError("Party not found")
        await self.catalog.visible_event(party.id, viewer)
        return await self.detail(party, viewer)

    async def place(self, party: PartyDetail, *, show_address: bool) -> Place:
        listing = (await self.catalog.listings([party.id]))[party.id]
        venue = await self.catalog.venue_of(listing)
        public = PlaceRead(
            name=venue.name,
            city=venue.city,
            country=venue.country,
            timezone=venue.timezone,
            public_area=party.place_public_area,
            address=None,
        )
        shown = msgspec.structs.replace(public, address=self._address(party)) if show_address else public
        return Place(read=shown, without_address=public, zone=ZoneInfo(venue.timezone))

    async def _booked_by(self, party_id: uuid.UUID, viewer: CurrentUser | None) -> bool:
        """Whether the viewer has a live booking on one of the party's slots."""
        if viewer is None:
            return False
        found = await self.session.scalar(
            select(PartyEncounter.id).where(
                PartyEncounter.party_id == party_id,
                PartyEncounter.guest_id == viewer.id,
                PartyEncounter.status == EncounterStatus.BOOKED,
            )
        )
        return found is not None

    async def detail(self, party: PartyDetail, viewer: CurrentUser | None) -> PartyDetailRead:
        listing = (await self.catalog.listings([party.id]))[party.id]
        host_view = manages(listing, viewer)
        place = await self.place(party, show_address=host_view or await self._booked_by(party.id, viewer))
        reputation = (await self.hosts.reputations([party.host_id]))[party.host_id]
        slots = await self.slots.of_party(party.id, include_past=host_view, date_from=None, date_to=None)
        return PartyDetailRead(
            id=party.id,
            status=listing.status,  # type: ignore[arg-type]  # a listing status
            host=HostWithReputation(user_id=party.host_id, display_name=reputation.name, reputation=reputation),
            movie=MovieRead(
                title=party.movie_title,
                year=party.movie_year,
                runtime_minutes=party.movie_runtime_minutes,
                url=party.movie_url,
                poster_url=party.poster_url,
            ),
            description=listing.description,
            place=place.read,
            capacity=party.capacity,
            max_places_per_guest=party.max_places_per_guest,
            approval_required=party.approval_required,
            buffer_minutes=party.buffer_minutes,
            booking_closes_minutes=party.booking_closes_minutes,
            slots=slots,
            created_at=party.created_at,
        )

    async def summaries(self, parties: list[PartyDetail]) -> list[PartySummary]:
        if not parties:
            return []
        ids = [p.id for p in parties]
        listings = await self.catalog.listings(ids)
        names = await self.hosts.names({p.host_id for p in parties})
        venues = {p.id: await self.catalog.venue_of(listings[p.id]) for p in parties}
        upcoming: dict[uuid.UUID, tuple[datetime | None, int]] = {
            party_id: (first, count)
            for party_id, first, count in await self.session.execute(
                select(PartySlot.party_id, func.min(PartySlot.starts_at), func.count())
                .where(
                    PartySlot.party_id.in_(ids),
                    PartySlot.status == SlotStatus.SCHEDULED,
                    PartySlot.starts_at > datetime.now(UTC),
                )
                .group_by(PartySlot.party_id)
            )
        }
        return [
            PartySummary(
                id=p.id,
                status=listings[p.id].status,
                host=HostBrief(user_id=p.host_id, display_name=names.get(p.host_id, "")),
                movie=MovieBrief(
                    title=p.movie_title,
                    year=p.movie_year,
                    runtime_minutes=p.movie_runtime_minutes,
                    poster_url=p.poster_url,
                ),
                place=PlaceBrief(name=venues[p.id].name, city=p.place_city, public_area=p.place_public_area),
                capacity=p.capacity,
                next_slot_starts_at=_local(upcoming.get(p.id, (None, 0))[0], venues[p.id].timezone),
                upcoming_slots=upcoming.get(p.id, (None, 0))[1],
                timezone=venues[p.id].timezone,
            )
            for p in parties
        ]

    async def browse(
        self,
        *,
        city: str | None,
        q: str | None,
        host_id: uuid.UUID | None,
        date_from: datetime | None,
        date_to: datetime | None,
        limit: int,
        offset: int,
    ) -> tuple[list[PartySummary], int]:
        """Published parties with an upcoming slot (in the dates, if given), soonest first."""
        slots = select(PartySlot.party_id, func.min(PartySlot.starts_at).label("next_at")).where(
            PartySlot.status == SlotStatus.SCHEDULED, PartySlot.starts_at > datetime.now(UTC)
        )
        if date_from is not None:
            slots = slots.where(PartySlot.starts_at >= date_from)
        if date_to is not None:
            slots = slots.where(PartySlot.starts_at < date_to)
        upcoming = slots.group_by(PartySlot.party_id).subquery()
        published = self.catalog.published_ids(ListingKind.PARTY)
        query = (
            select(PartyDetail)
            .join(upcoming, upcoming.c.party_id == PartyDetail.id)
            .where(PartyDetail.id.in_(published))
        )
        if city:
            query = query.where(func.lower(PartyDetail.place_city) == city.strip().lower())
        if q:
            pattern = "%" + q.strip().replace("/", "//").replace("%", "/%").replace("_", "/_") + "%"
            query = query.where(
                or_(
                    PartyDetail.movie_title.ilike(pattern, escape="/"),
                    PartyDetail.place_public_area.ilike(pattern, escape="/"),
                )
            )
        if host_id is not None:
            query = query.where(PartyDetail.host_id == host_id)
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = list(
            await self.session.scalars(query.order_by(upcoming.c.next_at, PartyDetail.id).limit(limit).offset(offset))
        )
        return await self.summaries(rows), total or 0

    async def mine(
        self, user: CurrentUser, status: str | None, limit: int, offset: int
    ) -> tuple[list[PartySummary], int]:
        """The host's parties, newest first, any status."""
        query = select(PartyDetail).where(PartyDetail.host_id == user.id)
        if status is not None:
            query = query.where(PartyDetail.id.in_(self.catalog.ids_with_status(user.id, status)))
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = list(
            await self.session.scalars(
                query.order_by(PartyDetail.created_at.desc(), PartyDetail.id.desc()).limit(limit).offset(offset)
            )
        )
        return await self.summaries(rows), total or 0
