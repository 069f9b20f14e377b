"""After the showing: host and guests rate each other, double-blind (neither sees the other's rating until both
have rated or the window closes); hosts check guests in and mark no-shows, which guests may dispute.

Both ratings of an encounter live in one row, so rating and revealing are conditional updates of that row: when
both sides rate at once, the database orders them and whichever comes second reveals, exactly once."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Row, and_, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.attendance import Attendance
from tessera.booking.checkin import CheckIn
from tessera.booking.schemas import CheckInResult
from tessera.catalog.inventory import SeatInventory
from tessera.config import PartySettings
from tessera.core.auth import AuthMethod, CurrentUser, Role
from tessera.core.errors import NotFoundAppError
from tessera.core.outbox import enqueue
from tessera.parties.errors import (
    AlreadyDisputedError,
    AlreadyRatedError,
    AlreadyRevealedError,
    DisputeWindowClosedError,
    EncounterCancelledError,
    GuestCheckedInError,
    MarkedNoShowError,
    NoOpenDisputeError,
    NoShowWindowError,
    NotMarkedNoShowError,
    RatingWindowClosedError,
    RatingWindowNotOpenError,
)
from tessera.parties.events import committed
from tessera.parties.hosts import Hosts
from tessera.parties.messages import party_notice
from tessera.parties.models import EncounterStatus, PartyDetail, PartyEncounter, PartySlot
from tessera.parties.reputation import guest_rating_counts
from tessera.parties.schemas import DisputeRead, EncounterRead, Person, PublicRating, RatingIn, RatingRead

DISPUTE_WINDOW = timedelta(days=7)
REVEAL_BATCH = 500
REMIND_BEFORE_CLOSE = timedelta(days=2)


class Encounters:
    def __init__(self, session: AsyncSession, hosts: Hosts, checkin: CheckIn, settings: PartySettings) -> None:
        self.session = session
        self.settings = settings
        self.hosts = hosts
        self.checkin = checkin

    async def _mine(self, encounter_id: uuid.UUID, user: CurrentUser) -> PartyEncounter:
        encounter = await self.session.get(PartyEncounter, encounter_id)
        if encounter is None or user.id not in (encounter.host_id, encounter.guest_id):
            raise NotFoundAppError("Encounter not found")
        return encounter

    # -- ratings ----------------------------------------------------------------------------------------

    async def rate(self, encounter_id: uuid.UUID, data: RatingIn, user: CurrentUser) -> EncounterRead:
        """Rate once; the answer carries the other side's rating only when this rating revealed the pair."""
        encounter = await self._mine(encounter_id, user)
        as_host = encounter.host_id == user.id
        if not as_host and encounter.no_show:
            raise MarkedNoShowError("You were marked as not having come, so you cannot rate this evening")
        now = datetime.now(UTC)
        rated_at = PartyEncounter.host_rated_at if as_host else PartyEncounter.guest_rated_at
        values: dict[str, Any] = (
            {"score_for_guest": data.score, "comment_for_guest": data.comment, "host_rated_at": now}
            if as_host
            else {"score_for_host": data.score, "comment_for_host": data.comment, "guest_rated_at": now}
        )
        rated = await self.session.execute(
            update(PartyEncounter)
            .where(
                PartyEncounter.id == encounter.id,
                PartyEncounter.status == EncounterStatus.BOOKED,
                rated_at.is_(None),
                PartyEncounter.revealed_at.is_(None),
                PartyEncounter.window_opens_at <= now,
                PartyEncounter.window_closes_at > now,
            )
            .values(**values, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if rated.rowcount != 1:  # type: ignore[attr-defined]
            await self.session.refresh(encounter)
            if encounter.status != EncounterStatus.BOOKED:
                raise EncounterCancelledError("This booking was cancelled")
            if (encounter.host_rated_at if as_host else encounter.guest_rated_at) is not None:
                raise AlreadyRatedError("You have rated this evening already")
            if now < encounter.window_opens_at:
                raise RatingWindowNotOpenError("Ratings open when the showing ends")
            raise RatingWindowClosedError("The time to rate this evening is over")
        revealed = await self._reveal(encounter.id, now)
        await self.session.refresh(encounter)
        [read] = await self.reads([encounter], user, show_theirs=revealed)
        return read

    async def _reveal(self, encounter_id: uuid.UUID, now: datetime) -> bool:
        """Reveal when both have rated, or the host has and the guest did not come; both sides are told. True if
        this call revealed it."""
        revealed = (
            await self.session.execute(
                update(PartyEncounter)
                .where(
                    PartyEncounter.id == encounter_id,
                    PartyEncounter.revealed_at.is_(None),
                    PartyEncounter.host_rated_at.is_not(None),
                    or_(PartyEncounter.guest_rated_at.is_not(None), PartyEncounter.no_show.is_(True)),
                )
                .values(revealed_at=now, updated_at=now)
                .returning(PartyEncounter.id, PartyEncounter.host_id, PartyEncounter.guest_id, PartyEncounter.slot_id)
                .execution_options(synchronize_session=False)
            )
        ).all()
        await self._tell_revealed(revealed)
        return bool(revealed)

    async def _tell_revealed(self, revealed: Sequence[Row[tuple[uuid.UUID, uuid.UUID, uuid.UUID, uuid.UUID]]]) -> None:
        for encounter_id, *_ in revealed:
            committed(self.session, "party.rating_revealed", encounter_id=encounter_id)
        await enqueue(
            self.session,
            [
                party_notice(
                    user_id,
                    "party_rating_revealed",
                    f"encounter:{encounter_id}:revealed:{user_id}",
                    slot_id=slot_id,
                    counterpart_id=other_id,
                )
                for encounter_id, host_id, guest_id, slot_id in revealed
                for user_id, other_id in ((host_id, guest_id), (guest_id, host_id))
            ],
        )

    async def reveal_due(self, now: datetime) -> int:
        """Encounters whose window closed with at least one rating are revealed as they stand. Returns how many."""
        total = 0
        while True:
            due = (
                select(PartyEncounter.id)
                .where(
                    PartyEncounter.revealed_at.is_(None),
                    PartyEncounter.status == EncounterStatus.BOOKED,
                    PartyEncounter.window_closes_at <= now,
                    or_(PartyEncounter.host_rated_at.is_not(None), PartyEncounter.guest_rated_at.is_not(None)),
                )
                .limit(REVEAL_BATCH)
                .with_for_update(skip_locked=True)
            )
            ids = list(await self.session.scalars(due))
            if not ids:
                return total
            revealed = (
                await self.session.execute(
                    update(PartyEncounter)
                    .where(PartyEncounter.id.in_(ids))
                    .values(revealed_at=PartyEncounter.window_closes_at, updated_at=now)
                    .returning(
                        PartyEncounter.id, PartyEncounter.host_id, PartyEncounter.guest_id, PartyEncounter.slot_id
                    )
                    .execution_options(synchronize_session=False)
                )
            ).all()
            await self._tell_revealed(revealed)
            total += len(ids)

    async def invite_to_rate(self, since: datetime, now: datetime) -> int:
        """Host and guests of showings that ended since ``since`` are asked to rate (once each). Returns how
        many invitations were new."""
        rows = (
            await self.session.execute(
                select(
                    PartyEncounter.id, PartyEncounter.host_id, PartyEncounter.guest_id, PartyEncounter.slot_id
                ).where(
                    PartyEncounter.status == EncounterStatus.BOOKED,
                    PartyEncounter.window_opens_at >= since,
                    PartyEncounter.window_opens_at <= now,
                    PartyEncounter.no_show.is_(False),
                )
            )
        ).all()
        written = await enqueue(
            self.session,
            [
                party_notice(
                    user_id,
                    "party_rating_invitation",
                    f"encounter:{encounter_id}:invite:{role}",
                    slot_id=slot_id,
                    counterpart_id=other_id,
                )
                for encounter_id, host_id, guest_id, slot_id in rows
                for role, user_id, other_id in (("host", host_id, guest_id), ("guest", guest_id, host_id))
            ],
        )
        return len(written)

    async def remind_to_rate(self, now: datetime) -> int:
        """Sides that have not rated an evening whose window closes within two days are reminded, once each.
        Returns how many reminders were new."""
        rows = (
            await self.session.execute(
                select(
                    PartyEncounter.id,
                    PartyEncounter.host_id,
                    PartyEncounter.guest_id,
                    PartyEncounter.slot_id,
                    PartyEncounter.host_rated_at,
                    PartyEncounter.guest_rated_at,
                    PartyEncounter.no_show,
                ).where(
                    PartyEncounter.status == EncounterStatus.BOOKED,
                    PartyEncounter.revealed_at.is_(None),
                    PartyEncounter.window_opens_at <= now,
                    PartyEncounter.window_closes_at > now,
                    PartyEncounter.window_closes_at <= now + REMIND_BEFORE_CLOSE,
                )
            )
        ).all()
        reminders = []
        for encounter_id, host_id, guest_id, slot_id, host_rated, guest_rated, no_show in rows:
            sides = [("host", host_id, guest_id)] if host_rated is None else []
            if guest_rated is None and not no_show:
                sides.append(("guest", guest_id, host_id))
            reminders += [
                party_notice(
                    user_id,
                    "party_rating_reminder",
                    f"encounter:{encounter_id}:remind:{role}",
                    slot_id=slot_id,
                    counterpart_id=other_id,
                )
                for role, user_id, other_id in sides
            ]
        return len(await enqueue(self.session, reminders))

    async def get(self, encounter_id: uuid.UUID, user: CurrentUser) -> EncounterRead:
        encounter = await self._mine(encounter_id, user)
        [read] = await self.reads([encounter], user, show_theirs=encounter.revealed_at is not None)
        return read

    async def mine(
        self, user: CurrentUser, awaiting_my_rating: bool, limit: int, offset: int
    ) -> tuple[list[EncounterRead], int]:
        """The evenings the user hosted or attended, newest first; or only those awaiting their rating now."""
        query = select(PartyEncounter).where(or_(PartyEncounter.host_id == user.id, PartyEncounter.guest_id == user.id))
        if awaiting_my_rating:
            now = datetime.now(UTC)
            query = query.where(
                PartyEncounter.status == EncounterStatus.BOOKED,
                PartyEncounter.revealed_at.is_(None),
                PartyEncounter.window_opens_at <= now,
                PartyEncounter.window_closes_at > now,
                or_(
                    and_(PartyEncounter.host_id == user.id, PartyEncounter.host_rated_at.is_(None)),
                    and_(
                        PartyEncounter.guest_id == user.id,
                        PartyEncounter.guest_rated_at.is_(None),
                        PartyEncounter.no_show.is_(False),
                    ),
                ),
            )
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = list(
            await self.session.scalars(
                query.order_by(PartyEncounter.window_opens_at.desc(), PartyEncounter.id).limit(limit).offset(offset)
            )
        )
        reads = [read for e in rows for read in await self.reads([e], user, show_theirs=e.revealed_at is not None)]
        return reads, total or 0

    async def reads(
        self, encounters: list[PartyEncounter], user: CurrentUser, *, show_theirs: bool
    ) -> list[EncounterRead]:
        if not encounters:
            return []
        names = await self.hosts.names({e.host_id for e in encounters} | {e.guest_id for e in encounters})
        titles = dict(
            (
                await self.session.execute(
                    select(PartyDetail.id, PartyDetail.movie_title).where(
                        PartyDetail.id.in_({e.party_id for e in encounters})
                    )
                )
            )
            .tuples()
            .all()
        )
        slots = await SeatInventory(self.session).describe({e.slot_id for e in encounters})
        reads = []
        for e in encounters:
            as_host = e.host_id == user.id
            host_side = (
                RatingRead(e.score_for_guest, e.comment_for_guest or "", e.host_rated_at)
                if e.host_rated_at and e.score_for_guest
                else None
            )
            guest_side = (
                RatingRead(e.score_for_host, e.comment_for_host or "", e.guest_rated_at)
                if e.guest_rated_at and e.score_for_host
                else None
            )
            mine, theirs = (host_side, guest_side) if as_host else (guest_side, host_side)
            if as_host and e.no_show:
                theirs = None  # a no-show guest's rating is void, never shown
            reads.append(
                EncounterRead(
                    id=e.id,
                    slot_id=e.slot_id,
                    party_id=e.party_id,
                    movie_title=titles[e.party_id],
                    starts_at=slots[e.slot_id].starts_at.astimezone(ZoneInfo(slots[e.slot_id].timezone or "UTC")),
                    role="host" if as_host else "guest",
                    counterpart=Person(
                        user_id=e.guest_id if as_host else e.host_id,
                        name=names.get(e.guest_id if as_host else e.host_id, ""),
                    ),
                    places=e.places,
                    status=e.status,
                    no_show=e.no_show,
                    window_opens_at=e.window_opens_at,
                    window_closes_at=e.window_closes_at,
                    mine=mine,
                    theirs=theirs if show_theirs and e.revealed_at is not None else None,
                    counterpart_rated=(e.guest_rated_at if as_host else e.host_rated_at) is not None,
                    revealed_at=e.revealed_at,
                    timezone=slots[e.slot_id].timezone or "UTC",
                    disputed_at=e.no_show_disputed_at,
                    dispute_resolution=e.no_show_resolution,
                )
            )
        return reads

    async def public_ratings(
        self, user_id: uuid.UUID, role: str, limit: int, offset: int
    ) -> tuple[list[PublicRating], int]:
        """Revealed ratings a user received as host (from guests who came) or as guest."""
        if role == "host":
            query = select(PartyEncounter).where(
                PartyEncounter.host_id == user_id,
                PartyEncounter.revealed_at.is_not(None),
                PartyEncounter.score_for_host.is_not(None),
                guest_rating_counts(),
            )
        else:
            query = select(PartyEncounter).where(
                PartyEncounter.guest_id == user_id,
                PartyEncounter.revealed_at.is_not(None),
                PartyEncounter.score_for_guest.is_not(None),
            )
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = list(
            await self.session.scalars(query.order_by(PartyEncounter.revealed_at.desc()).limit(limit).offset(offset))
        )
        authors = await self.hosts.names({e.guest_id if role == "host" else e.host_id for e in rows})
        titles = dict(
            (
                await self.session.execute(
                    select(PartyDetail.id, PartyDetail.movie_title).where(
                        PartyDetail.id.in_({e.party_id for e in rows})
                    )
                )
            )
            .tuples()
            .all()
        )
        return [
            PublicRating(
                score=(e.score_for_host if role == "host" else e.score_for_guest) or 0,
                comment=(e.comment_for_host if role == "host" else e.comment_for_guest) or "",
                author=Person(
                    user_id=e.guest_id if role == "host" else e.host_id,
                    name=authors.get(e.guest_id if role == "host" else e.host_id, ""),
                ),
                party_title=titles[e.party_id],
                slot_starts_at=e.window_opens_at,
                revealed_at=e.revealed_at or e.updated_at,
            )
            for e in rows
        ], total or 0

    # -- attendance -------------------------------------------------------------------------------------

    async def check_in(self, code: str, user: CurrentUser) -> CheckInResult:
        """The host scans a guest's code: the core's check-in at that ticket's slot (another host's: 404)."""
        session_id = await self.checkin.session_of(code)
        if session_id is None or await self.session.get(PartySlot, session_id) is None:
            raise NotFoundAppError("Ticket not found")
        return await self.checkin.check_in(code, session_id, user)

    async def _as_host(self, encounter_id: uuid.UUID, user: CurrentUser) -> tuple[PartyEncounter, PartySlot]:
        encounter = await self.session.get(PartyEncounter, encounter_id)
        if encounter is None or not (user.is_admin or encounter.host_id == user.id):
            raise NotFoundAppError("Encounter not found")
        return encounter, await self.session.get_one(PartySlot, encounter.slot_id)

    async def _check_no_show_window(self, encounter: PartyEncounter, slot: PartySlot, now: datetime) -> None:
        if not slot.starts_at + self.settings.no_show_grace <= now < slot.ends_at + self.settings.no_show_window:
            grace, window = self.settings.no_show_grace_minutes, self.settings.no_show_window_hours
            raise NoShowWindowError(
                f"No-shows are marked from {grace} minutes after the start until {window} hours after the end"
            )
        if encounter.status != EncounterStatus.BOOKED:
            raise EncounterCancelledError("This booking was cancelled")
        if encounter.revealed_at is not None:
            raise AlreadyRevealedError("The ratings of this evening are already revealed")

    async def mark_no_show(self, encounter_id: uuid.UUID, user: CurrentUser) -> EncounterRead:
        """The guest did not come: their rating of the host (if any) is void, and the host's may be revealed."""
        encounter, slot = await self._as_host(encounter_id, user)
        now = datetime.now(UTC)
        await self._check_no_show_window(encounter, slot, now)
        if encounter.booking_id in await Attendance(self.session).checked_in([encounter.booking_id]):
            raise GuestCheckedInError("This guest was checked in")
        encounter.no_show, encounter.no_show_marked_at = True, now
        await self.session.flush()
        committed(self.session, "party.no_show_marked", encounter_id=encounter.id)
        await enqueue(
            self.session,
            [
                party_notice(
                    encounter.guest_id,
                    "party_no_show_marked",
                    f"encounter:{encounter.id}:no_show:{now.isoformat()}",
                    slot_id=encounter.slot_id,
                )
            ],
        )
        await self._reveal(encounter.id, now)
        await self.session.refresh(encounter)
        [read] = await self.reads([encounter], user, show_theirs=encounter.revealed_at is not None)
        return read

    async def clear_no_show(self, encounter_id: uuid.UUID, user: CurrentUser) -> EncounterRead:
        encounter, slot = await self._as_host(encounter_id, user)
        await self._check_no_show_window(encounter, slot, datetime.now(UTC))
        encounter.no_show, encounter.no_show_marked_at = False, None
        encounter.no_show_disputed_at = encounter.no_show_dispute_reason = None
        await self.session.flush()
        [read] = await self.reads([encounter], user, show_theirs=False)
        return read

    async def dispute(self, encounter_id: uuid.UUID, reason: str, user: CurrentUser) -> EncounterRead:
        encounter = await self._mine(encounter_id, user)
        if encounter.guest_id != user.id:
            raise NotFoundAppError("Encounter not found")
        if not encounter.no_show or encounter.no_show_marked_at is None:
            raise NotMarkedNoShowError("You were not marked as not having come")
        if encounter.no_show_disputed_at is not None:
            raise AlreadyDisputedError("You have disputed this already")
        now = datetime.now(UTC)
        if now > encounter.no_show_marked_at + DISPUTE_WINDOW:
            raise DisputeWindowClosedError("A no-show can be disputed for 7 days")
        encounter.no_show_disputed_at, encounter.no_show_dispute_reason = now, reason.strip()
        await self.session.flush()
        [read] = await self.reads([encounter], user, show_theirs=encounter.revealed_at is not None)
        return read

    async def disputes(self, status: str, limit: int, offset: int, admin: CurrentUser) -> tuple[list[DisputeRead], int]:
        query = select(PartyEncounter).where(PartyEncounter.no_show_disputed_at.is_not(None))
        query = query.where(
            PartyEncounter.no_show_resolution.is_(None)
            if status == "open"
            else PartyEncounter.no_show_resolution.is_not(None)
        )
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = list(
            await self.session.scalars(query.order_by(PartyEncounter.no_show_disputed_at).limit(limit).offset(offset))
        )
        names = await self.hosts.names({e.host_id for e in rows} | {e.guest_id for e in rows})
        return [
            DisputeRead(
                encounter=(await self.reads([e], _as_guest(e), show_theirs=False))[0],
                guest=Person(user_id=e.guest_id, name=names.get(e.guest_id, "")),
                host=Person(user_id=e.host_id, name=names.get(e.host_id, "")),
                reason=e.no_show_dispute_reason or "",
                disputed_at=e.no_show_disputed_at or e.updated_at,
                resolution=e.no_show_resolution,
            )
            for e in rows
        ], total or 0

    async def resolve(self, encounter_id: uuid.UUID, outcome: str, admin: CurrentUser) -> EncounterRead:
        """Upheld: the no-show stands. Overturned: it is cleared, and the guest's rating counts again (revealed
        with the next reveal rule)."""
        encounter = await self.session.get(PartyEncounter, encounter_id)
        if encounter is None:
            raise NotFoundAppError("Encounter not found")
        if encounter.no_show_disputed_at is None or encounter.no_show_resolution is not None:
            raise NoOpenDisputeError("There is no open dispute on this evening")
        encounter.no_show_resolution = outcome
        if outcome == "overturned":
            encounter.no_show = False
        await self.session.flush()
        await enqueue(
            self.session,
            [
                party_notice(
                    encounter.guest_id,
                    "party_dispute_resolved",
                    f"encounter:{encounter.id}:dispute:{outcome}",
                    slot_id=encounter.slot_id,
                    outcome=outcome,
                )
            ],
        )
        [read] = await self.reads([encounter], _as_guest(encounter), show_theirs=False)
        return read


def _as_guest(encounter: PartyEncounter) -> CurrentUser:
    return CurrentUser(id=encounter.guest_id, role=Role.PARTICIPANT, method=AuthMethod.BEARER)
