"""Host and guests rate each other after the showing, double-blind: neither sees the other's rating until both
have rated or the window closes, reputation counts revealed ratings only, and a no-show's rating never counts."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from tessera.catalog.models import ListingSession
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.db import session_scope
from tessera.core.outbox import Notification
from tessera.parties.models import PartyEncounter, PartySlot
from tessera.server.container import Container
from tessera.server.jobs import invite_party_ratings, remind_party_ratings, reveal_due_ratings

from .conftest import ClientFactory, SettingsFactory
from .helpers import Account, make_accounts
from .test_parties import PARTIES, _host
from .test_party_bookings import SLOTS, _published

ENCOUNTERS = f"{PARTIES}/encounters"


async def _move_slot(
    settings: Settings, slot_id: str, starts_in: timedelta, length: timedelta = timedelta(hours=3)
) -> None:
    """Put a slot (and its encounters' rating window) at another time, as time passing would."""
    starts = datetime.now(UTC) + starts_in
    ends = starts + length
    slot = uuid.UUID(slot_id)
    async with session_scope(settings.database) as session:
        await session.execute(update(PartySlot).where(PartySlot.id == slot).values(starts_at=starts, ends_at=ends))
        await session.execute(
            update(ListingSession)
            .where(ListingSession.id == slot)
            .values(starts_at=starts, ends_at=ends, sales_end_at=None)
        )
        await session.execute(
            update(PartyEncounter)
            .where(PartyEncounter.slot_id == slot)
            .values(window_opens_at=ends, window_closes_at=ends + timedelta(days=14))
        )


async def _evening(
    settings: Settings, host: Account, guests: list[Account], **party: Any
) -> tuple[dict[str, Any], list[str]]:
    """A published party whose guests booked; returns the slot and each guest's encounter id."""
    await _host(host.client)
    _, slot = await _published(host.client, capacity=20, **party)
    encounters = []
    for guest in guests:
        booked = await guest.client.post(f"{SLOTS}/{slot['id']}/bookings", json={"places": 1})
        assert booked.status_code == 201, booked.text
        encounters.append(booked.json()["booking"]["encounter_id"])
    return slot, encounters


async def _reputation(client: Any, user_id: uuid.UUID) -> dict[str, Any]:
    body: dict[str, Any] = (await client.get(f"{PARTIES}/users/{user_id}/reputation")).json()
    return body


async def test_ratings_stay_hidden_until_both_sides_have_rated(
    settings: Settings, client_factory: ClientFactory
) -> None:
    host, guest = await make_accounts(settings, client_factory, 2)
    slot, [encounter] = await _evening(settings, host, [guest])
    early = await host.client.post(f"{ENCOUNTERS}/{encounter}/rating", json={"score": 5})
    assert (early.status_code, early.json()["code"]) == (409, "rating_window_not_open")
    await _move_slot(settings, slot["id"], timedelta(hours=-4))

    first = await host.client.post(f"{ENCOUNTERS}/{encounter}/rating", json={"score": 4, "comment": "Lovely guest"})
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["role"], body["mine"]["score"], body["theirs"], body["revealed_at"]) == ("host", 4, None, None)
    seen = (await guest.client.get(f"{ENCOUNTERS}/{encounter}")).json()
    assert (seen["role"], seen["mine"], seen["theirs"], seen["counterpart_rated"]) == ("guest", None, None, True)
    assert (await _reputation(guest.client, guest.id))["as_guest"]["count"] == 0  # nothing revealed yet
    twice = await host.client.post(f"{ENCOUNTERS}/{encounter}/rating", json={"score": 1})
    assert (twice.status_code, twice.json()["code"]) == (409, "already_rated")
    awaiting = (await guest.client.get(ENCOUNTERS, params={"awaiting_my_rating": "true"})).json()
    assert [e["id"] for e in awaiting["items"]] == [encounter]

    second = await guest.client.post(f"{ENCOUNTERS}/{encounter}/rating", json={"score": 5, "comment": "Great film"})
    assert second.status_code == 201
    revealed = second.json()
    assert (revealed["theirs"]["score"], revealed["theirs"]["comment"]) == (4, "Lovely guest")
    assert revealed["revealed_at"] is not None
    host_view = (await host.client.get(f"{ENCOUNTERS}/{encounter}")).json()
    assert (host_view["theirs"]["score"], host_view["revealed_at"]) == (5, revealed["revealed_at"])
    reputation = await _reputation(guest.client, host.id)
    assert reputation["as_host"] == {"average": None, "count": 1}  # no average before three ratings
    assert (await _reputation(host.client, guest.id))["as_guest"]["count"] == 1
    ratings = (await guest.client.get(f"{PARTIES}/users/{host.id}/ratings", params={"role": "host"})).json()
    assert [(r["score"], r["comment"], r["author"]["user_id"]) for r in ratings["items"]] == [
        (5, "Great film", str(guest.id))
    ]
    assert (await guest.client.get(ENCOUNTERS, params={"awaiting_my_rating": "true"})).json()["total"] == 0

    stranger_review = await guest.client.post("/api/v1/reviews", json={"event_id": slot["party_id"], "rating": 5})
    assert (stranger_review.status_code, stranger_review.json()["code"]) == (409, "use_party_ratings")


async def test_both_sides_rating_at_once_reveal_exactly_once(settings: Settings, client_factory: ClientFactory) -> None:
    host, *guests = await make_accounts(settings, client_factory, 6)
    slot, encounters = await _evening(settings, host, guests)
    await _move_slot(settings, slot["id"], timedelta(hours=-4))
    pairs = await asyncio.gather(
        *(
            asyncio.gather(
                host.client.post(f"{ENCOUNTERS}/{e}/rating", json={"score": 4}),
                guest.client.post(f"{ENCOUNTERS}/{e}/rating", json={"score": 3}),
            )
            for e, guest in zip(encounters, guests, strict=True)
        )
    )
    for host_answer, guest_answer in pairs:
        assert (host_answer.status_code, guest_answer.status_code) == (201, 201)
        revealing = [a.json() for a in (host_answer, guest_answer) if a.json()["theirs"] is not None]
        assert len(revealing) == 1  # exactly one answer revealed the pair
        assert revealing[0]["revealed_at"] is not None
    reputation = await _reputation(host.client, host.id)
    assert reputation["as_host"] == {"average": 3.0, "count": 5}
    # Each reveal told both sides once: two messages per evening, no score in them.
    async with session_scope(settings.database) as session:
        told = list(
            await session.execute(
                select(Notification.user_id, Notification.payload).where(Notification.kind == "party_rating_revealed")
            )
        )
    assert len(told) == 2 * len(encounters)
    assert {user_id for user_id, _ in told} == {host.id, *(g.id for g in guests)}
    assert all(set(payload) == {"slot_id", "counterpart_id"} for _, payload in told)
    container = Container.build(settings)
    try:
        # The evening ended an hour ago: host and guest are each invited to rate, once.
        assert await invite_party_ratings(container) == 2 * len(encounters)
        assert await invite_party_ratings(container) == 0
    finally:
        await container.close()


async def test_the_window_closes_and_reveals_what_was_given(settings: Settings, client_factory: ClientFactory) -> None:
    host, guest, quiet = await make_accounts(settings, client_factory, 3)
    slot, [rated, unrated] = await _evening(settings, host, [guest, quiet])
    await _move_slot(settings, slot["id"], timedelta(hours=-4))
    await guest.client.post(f"{ENCOUNTERS}/{rated}/rating", json={"score": 2, "comment": "Too loud"})
    # A day before the window closes, those who have not rated are reminded once: the host twice, the quiet guest.
    async with session_scope(settings.database) as session:
        await session.execute(update(PartyEncounter).values(window_closes_at=datetime.now(UTC) + timedelta(days=1)))
    container = Container.build(settings)
    try:
        assert await remind_party_ratings(container) == 3
        assert await remind_party_ratings(container) == 0
    finally:
        await container.close()
    async with session_scope(settings.database) as session:
        await session.execute(update(PartyEncounter).values(window_closes_at=datetime.now(UTC) - timedelta(minutes=1)))
    late = await host.client.post(f"{ENCOUNTERS}/{rated}/rating", json={"score": 5})
    assert (late.status_code, late.json()["code"]) == (409, "rating_window_closed")
    container = Container.build(settings)
    try:
        assert await reveal_due_ratings(container) == 1  # the evening nobody rated has nothing to reveal
        assert await reveal_due_ratings(container) == 0
    finally:
        await container.close()
    shown = (await host.client.get(f"{ENCOUNTERS}/{rated}")).json()
    assert (shown["theirs"]["score"], shown["mine"]) == (2, None)
    assert (await host.client.get(f"{ENCOUNTERS}/{unrated}")).json()["revealed_at"] is None


async def test_a_no_show_cannot_rate_and_may_dispute(settings: Settings, client_factory: ClientFactory) -> None:
    host, absent, present = await make_accounts(settings, client_factory, 3)
    [admin] = await make_accounts(settings, client_factory, 1, Role.ADMIN, "admin")
    slot, [missing, came] = await _evening(settings, host, [absent, present])
    too_early = await host.client.post(f"{ENCOUNTERS}/{missing}/no-show")
    assert (too_early.status_code, too_early.json()["code"]) == (409, "no_show_window")
    # The showing started twenty minutes ago; the present guest is checked in at the door.
    await _move_slot(settings, slot["id"], timedelta(minutes=-20))
    code = (await present.client.get(f"{PARTIES}/bookings")).json()["items"][0]["ticket_codes"][0]
    door = await host.client.post(f"{PARTIES}/checkin", json={"code": code})
    assert door.status_code == 200, door.text
    assert (await absent.client.post(f"{PARTIES}/checkin", json={"code": code})).status_code == 404
    checked = await host.client.post(f"{ENCOUNTERS}/{came}/no-show")
    assert (checked.status_code, checked.json()["code"]) == (409, "guest_checked_in")
    marked = await host.client.post(f"{ENCOUNTERS}/{missing}/no-show")
    assert (marked.status_code, marked.json()["no_show"]) == (200, True)
    guests = (await host.client.get(f"{SLOTS}/{slot['id']}/guests")).json()["items"]
    assert {(g["encounter_id"], g["checked_in"], g["no_show"]) for g in guests} == {
        (missing, False, True),
        (came, True, False),
    }

    await _move_slot(settings, slot["id"], timedelta(hours=-4))
    refused = await absent.client.post(f"{ENCOUNTERS}/{missing}/rating", json={"score": 1})
    assert (refused.status_code, refused.json()["code"]) == (409, "marked_no_show")
    rated = await host.client.post(f"{ENCOUNTERS}/{missing}/rating", json={"score": 1, "comment": "Never came"})
    assert rated.json()["revealed_at"] is not None  # the host's rating of a no-show is revealed at once
    assert (await _reputation(host.client, absent.id))["as_guest"]["no_shows"] == 1
    assert (await _reputation(host.client, present.id))["as_guest"]["attended"] == 1

    disputed = await absent.client.post(f"{ENCOUNTERS}/{missing}/dispute", json={"reason": "I was there, row 2"})
    assert disputed.status_code == 200, disputed.text
    again = await absent.client.post(f"{ENCOUNTERS}/{missing}/dispute", json={"reason": "Really"})
    assert (again.status_code, again.json()["code"]) == (409, "already_disputed")
    queue = (await admin.client.get("/api/v1/admin/parties/disputes")).json()
    assert [(d["encounter"]["id"], d["reason"]) for d in queue["items"]] == [(missing, "I was there, row 2")]
    assert (await host.client.get("/api/v1/admin/parties/disputes")).status_code == 403
    resolved = await admin.client.post(
        f"/api/v1/admin/parties/disputes/{missing}/resolve", json={"outcome": "overturned"}
    )
    assert (resolved.status_code, resolved.json()["no_show"]) == (200, False)
    assert (await _reputation(host.client, absent.id))["as_guest"]["no_shows"] == 0
    twice = await admin.client.post(f"/api/v1/admin/parties/disputes/{missing}/resolve", json={"outcome": "upheld"})
    assert (twice.status_code, twice.json()["code"]) == (409, "no_open_dispute")


async def test_a_rating_given_before_the_guest_is_marked_absent_never_counts(
    settings: Settings, client_factory: ClientFactory
) -> None:
    host, guest = await make_accounts(settings, client_factory, 2)
    slot, [encounter] = await _evening(settings, host, [guest])
    await _move_slot(settings, slot["id"], timedelta(hours=-4))  # ended an hour ago
    rated = await guest.client.post(f"{ENCOUNTERS}/{encounter}/rating", json={"score": 1, "comment": "Dull host"})
    assert rated.status_code == 201, rated.text
    marked = await host.client.post(f"{ENCOUNTERS}/{encounter}/no-show")
    assert (marked.status_code, marked.json()["theirs"], marked.json()["revealed_at"]) == (200, None, None)

    host_rated = (await host.client.post(f"{ENCOUNTERS}/{encounter}/rating", json={"score": 1})).json()
    assert host_rated["revealed_at"] is not None  # the host's rating of a no-show reveals at once
    assert host_rated["theirs"] is None
    assert (await host.client.get(f"{ENCOUNTERS}/{encounter}")).json()["theirs"] is None
    assert (await _reputation(guest.client, host.id))["as_host"]["count"] == 0
    public = (await guest.client.get(f"{PARTIES}/users/{host.id}/ratings", params={"role": "host"})).json()
    assert public["items"] == []


class TestOperatorsSetTheWindows:
    """The rating window, the request lifetime and the no-show window come from TESSERA_PARTY_* settings."""

    @pytest.fixture
    def settings(self, make_settings: SettingsFactory) -> Settings:
        return make_settings(
            TESSERA_PARTY_RATING_WINDOW_DAYS="3",
            TESSERA_PARTY_REQUEST_TTL_HOURS="2",
            TESSERA_PARTY_NO_SHOW_GRACE_MINUTES="0",
            TESSERA_PARTY_NO_SHOW_WINDOW_HOURS="1",
        )

    async def test_windows_follow_the_settings(self, settings: Settings, client_factory: ClientFactory) -> None:
        host, guest, asker = await make_accounts(settings, client_factory, 3)
        slot, [encounter] = await _evening(settings, host, [guest])
        mine = (await guest.client.get(ENCOUNTERS)).json()["items"][0]
        closes = datetime.fromisoformat(mine["window_closes_at"]) - datetime.fromisoformat(slot["ends_at"])
        assert closes == timedelta(days=3)

        # No grace: a no-show may be marked a minute after the start, and no longer an hour after the end.
        await _move_slot(settings, slot["id"], timedelta(minutes=-1))
        marked = await host.client.post(f"{ENCOUNTERS}/{encounter}/no-show")
        assert marked.status_code == 200, marked.text
        await _move_slot(settings, slot["id"], timedelta(hours=-5), length=timedelta(hours=3, minutes=59))
        late = await host.client.post(f"{ENCOUNTERS}/{encounter}/no-show")
        assert (late.status_code, late.json()["code"]) == (409, "no_show_window")

        _, far = await _published(host.client, approval_required=True)  # five days ahead
        asked = await asker.client.post(f"{SLOTS}/{far['id']}/bookings", json={"places": 1})
        assert asked.status_code == 202, asked.text
        lifetime = datetime.fromisoformat(asked.json()["request"]["expires_at"]) - datetime.now(UTC)
        assert timedelta(hours=1, minutes=58) < lifetime <= timedelta(hours=2)
