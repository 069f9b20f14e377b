"""Watch parties: anyone may host; a party is a film at a place, shown in slots that never overlap per host."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient

from tessera.config import Settings
from tessera.server.app import create_app

from .conftest import ClientFactory, SettingsFactory
from .helpers import make_accounts

PARTIES = "/api/v1/parties"
PROFILE = {"display_name": "Aigerim's Cinema Club", "city": "Almaty", "country": "KZ", "timezone": "Asia/Almaty"}
PARTY: dict[str, Any] = {
    "movie": {"title": "Stalker", "year": 1979, "runtime_minutes": 162, "url": "https://example.com/stalker"},
    "place": {
        "name": "Living room",
        "city": "Almaty",
        "country": "KZ",
        "timezone": "Asia/Almaty",
        "public_area": "Medeu district, near Abay metro",
        "address": "Abay Ave 10, flat 42",
    },
    "capacity": 6,
    "max_places_per_guest": 2,
}


def _at(days: int, hour: int, minute: int = 0) -> str:
    day = (datetime.now(UTC) + timedelta(days=days)).date()
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00+05:00"


async def _host(client: AsyncClient, **changes: Any) -> dict[str, Any]:
    saved = await client.put(f"{PARTIES}/host-profile", json={**PROFILE, **changes})
    assert saved.status_code == 200, saved.text
    body: dict[str, Any] = saved.json()
    return body


async def _party(client: AsyncClient, **changes: Any) -> dict[str, Any]:
    created = await client.post(PARTIES, json={**PARTY, **changes})
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


async def _slot(client: AsyncClient, party_id: str, starts_at: str, ends_at: str | None = None) -> Any:
    body: dict[str, Any] = {"starts_at": starts_at}
    if ends_at is not None:
        body["ends_at"] = ends_at
    return await client.post(f"{PARTIES}/{party_id}/slots", json=body)


async def test_anyone_may_host_a_party_whose_address_only_the_host_sees(
    settings: Settings, client_factory: ClientFactory
) -> None:
    host, guest = await make_accounts(settings, client_factory, 2)  # participants, not organizers
    anonymous = await client_factory()
    early = await host.client.post(PARTIES, json=PARTY)
    assert (early.status_code, early.json()["code"]) == (409, "host_profile_required")
    assert (await host.client.get(f"{PARTIES}/host-profile")).status_code == 404
    bad_zone = await host.client.put(f"{PARTIES}/host-profile", json={**PROFILE, "timezone": "Mars/Olympus"})
    assert (bad_zone.status_code, bad_zone.json()["code"]) == (400, "invalid_timezone")
    profile = await _host(host.client, approval_required=True)
    assert (profile["display_name"], profile["approval_required"], profile["parties"]) == (
        PROFILE["display_name"],
        True,
        [],
    )
    assert profile["reputation"]["as_host"] == {"average": None, "count": 0}

    too_many = await host.client.post(PARTIES, json={**PARTY, "max_places_per_guest": 7})
    assert (too_many.status_code, too_many.json()["code"]) == (400, "invalid_party")
    party = await _party(host.client)
    assert (party["status"], party["approval_required"], party["capacity"]) == ("draft", True, 6)
    assert party["movie"]["title"] == "Stalker"
    assert party["place"]["address"] == "Abay Ave 10, flat 42"
    assert party["host"]["display_name"] == PROFILE["display_name"]
    assert (await anonymous.get(f"{PARTIES}/{party['id']}")).status_code == 404  # a draft

    early_publish = await host.client.post(f"{PARTIES}/{party['id']}/publish")
    assert (early_publish.status_code, early_publish.json()["code"]) == (409, "not_publishable")
    made = await _slot(host.client, party["id"], _at(5, 19))
    assert made.status_code == 201, made.text
    slot = made.json()
    # The film's 162 minutes and the 30-minute buffer; bookings close an hour before.
    assert (slot["starts_at"], slot["ends_at"]) == (_at(5, 19), _at(5, 22, 12))
    assert (slot["timezone"], slot["capacity"], slot["seats_left"], slot["on_sale"]) == ("Asia/Almaty", 6, 6, False)
    assert slot["booking_closes_at"] == _at(5, 18)
    published = await host.client.post(f"{PARTIES}/{party['id']}/publish")
    assert (published.status_code, published.json()["status"]) == (200, "published")

    public = (await anonymous.get(f"{PARTIES}/{party['id']}")).json()
    assert public["place"]["address"] is None
    assert public["place"]["public_area"] == "Medeu district, near Abay metro"
    assert public["slots"][0]["on_sale"] is True
    listing = await anonymous.get(f"/api/v1/events/{party['id']}")
    assert listing.status_code == 200
    assert "Abay Ave 10" not in listing.text
    assert listing.json()["managed_by"] == "parties"
    assert (await guest.client.get(f"{PARTIES}/{party['id']}")).json()["place"]["address"] is None
    availability = (await anonymous.get(f"/api/v1/sessions/{slot['id']}/availability")).json()
    assert availability["available"] == 6
    generic = await guest.client.post(
        "/api/v1/bookings",
        json={
            "session_id": slot["id"],
            "items": [{"ticket_type_id": listing.json()["ticket_types"][0]["id"], "quantity": 1}],
        },
    )
    assert (generic.status_code, generic.json()["code"]) == (409, "domain_booking_required")

    found = (await anonymous.get(PARTIES, params={"city": "almaty"})).json()
    assert [p["id"] for p in found["items"]] == [party["id"]]
    assert found["items"][0]["upcoming_slots"] == 1
    assert (await anonymous.get(PARTIES, params={"city": "Astana"})).json()["total"] == 0
    assert (await anonymous.get(PARTIES, params={"q": "stalk"})).json()["total"] == 1
    page = (await anonymous.get(f"{PARTIES}/hosts/{host.id}")).json()
    assert [p["id"] for p in page["parties"]] == [party["id"]]
    mine = (await host.client.get(f"{PARTIES}/mine", params={"status": "published"})).json()
    assert mine["total"] == 1
    assert (await guest.client.patch(f"{PARTIES}/{party['id']}", json={"capacity": 3})).status_code == 404

    changed = await host.client.patch(
        f"{PARTIES}/{party['id']}", json={"capacity": 3, "place": {**PARTY["place"], "address": "Dostyk 5"}}
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["capacity"], changed.json()["place"]["address"]) == (3, "Dostyk 5")
    refused = await host.client.patch(f"{PARTIES}/{party['id']}", json={"max_places_per_guest": 4})
    assert (refused.status_code, refused.json()["code"]) == (400, "invalid_party")

    cancelled = await host.client.post(f"{PARTIES}/{party['id']}/cancel", json={"reason": "Projector broke"})
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["slots"][0]["status"] == "cancelled"
    late = await _slot(host.client, party["id"], _at(9, 19))
    assert (late.status_code, late.json()["code"]) == (409, "event_cancelled")


async def test_a_hosts_slots_never_overlap(settings: Settings, client_factory: ClientFactory) -> None:
    host, other = await make_accounts(settings, client_factory, 2)
    await _host(host.client)
    await _host(other.client, display_name="Other club")
    party = await _party(host.client)
    second_party = await _party(host.client, movie={"title": "Solaris", "runtime_minutes": 167})
    first = (await _slot(host.client, party["id"], _at(6, 19), _at(6, 22))).json()

    overlap = await _slot(host.client, party["id"], _at(6, 21, 30), _at(6, 23))
    assert (overlap.status_code, overlap.json()["code"]) == (409, "slot_overlap")
    assert overlap.json()["conflicting_slot_id"] == first["id"]
    # Another party of the same host cannot take the evening either; another host can.
    elsewhere = await _slot(host.client, second_party["id"], _at(6, 20), _at(6, 21))
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (409, "slot_overlap")
    theirs = await _party(other.client)
    assert (await _slot(other.client, theirs["id"], _at(6, 20), _at(6, 21))).status_code == 201
    # Back to back is fine.
    after = await _slot(host.client, party["id"], _at(6, 22), _at(6, 23))
    assert after.status_code == 201, after.text
    into = await host.client.patch(f"{PARTIES}/slots/{after.json()['id']}", json={"starts_at": _at(6, 21, 45)})
    assert (into.status_code, into.json()["code"]) == (409, "slot_overlap")
    # A refused slot left nothing behind: the listing has exactly the two slots.
    sessions = (await host.client.get(f"/api/v1/events/{party['id']}")).json()["sessions"]
    assert len(sessions) == 2
    # A cancelled slot does not block.
    assert (await host.client.post(f"{PARTIES}/slots/{first['id']}/cancel", json={})).json()["status"] == "cancelled"
    assert (await _slot(host.client, party["id"], _at(6, 19), _at(6, 21, 30))).status_code == 201
    moved = await host.client.patch(f"{PARTIES}/slots/{after.json()['id']}", json={"capacity": 4})
    assert (moved.status_code, moved.json()["capacity"]) == (200, 4)

    refused = [
        {"starts_at": "2027-05-01T19:00:00"},  # no offset
        {"starts_at": _at(-1, 19)},  # past
        {"starts_at": _at(8, 19), "ends_at": _at(8, 18)},  # ends before it starts
        {"starts_at": (datetime.now(UTC) + timedelta(minutes=30)).isoformat()},  # bookings would already be closed
    ]
    for body in refused:
        answer = await host.client.post(f"{PARTIES}/{party['id']}/slots", json=body)
        assert (answer.status_code, answer.json()["code"]) == (400, "invalid_slot"), body
    assert (
        await other.client.post(f"{PARTIES}/{party['id']}/slots", json={"starts_at": _at(9, 19)})
    ).status_code == 404


async def test_overlapping_slots_created_at_once_one_wins(settings: Settings, client_factory: ClientFactory) -> None:
    [host] = await make_accounts(settings, client_factory, 1)
    await _host(host.client)
    party = await _party(host.client)
    evening = datetime.fromisoformat(_at(7, 18))
    answers = await asyncio.gather(
        *(
            _slot(
                host.client,
                party["id"],
                (evening + timedelta(minutes=10 * i)).isoformat(),
                (evening + timedelta(minutes=180 + 10 * i)).isoformat(),
            )
            for i in range(10)
        )
    )
    assert sorted(a.status_code for a in answers) == [201] + [409] * 9, [
        a.text for a in answers if a.status_code != 409
    ]
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"slot_overlap"}
    slots = (await host.client.get(f"{PARTIES}/{party['id']}/slots")).json()["items"]
    assert len(slots) == 1
    assert len((await host.client.get(f"/api/v1/events/{party['id']}")).json()["sessions"]) == 1


async def test_people_find_hosts_with_upcoming_showings(settings: Settings, client_factory: ClientFactory) -> None:
    early, late, idle = await make_accounts(settings, client_factory, 3)
    anonymous = await client_factory()
    for account, name in ((early, "Early Birds"), (late, "Night Owls"), (idle, "Idle Club")):
        await _host(account.client, display_name=name)
    for account, day, city in ((early, 3, "Almaty"), (late, 6, "Astana")):
        party = await _party(account.client, place={**PARTY["place"], "city": city})
        await _slot(account.client, party["id"], _at(day, 19))
        await account.client.post(f"{PARTIES}/{party['id']}/publish")
    draft = await _party(idle.client)
    await _slot(idle.client, draft["id"], _at(2, 19))  # a draft's slot does not make a host findable

    found = (await anonymous.get(f"{PARTIES}/hosts", params={"sort": "next_slot"})).json()
    assert [h["display_name"] for h in found["items"]] == ["Early Birds", "Night Owls"]
    first = found["items"][0]
    assert (first["upcoming_slots"], first["next_slot"]["movie_title"], first["next_slot"]["seats_left"]) == (
        1,
        "Stalker",
        6,
    )
    assert first["next_slot"]["starts_at"] == _at(3, 19)
    assert first["reputation"]["as_host"] == {"average": None, "count": 0}
    in_astana = (await anonymous.get(f"{PARTIES}/hosts", params={"city": "astana"})).json()
    assert [h["display_name"] for h in in_astana["items"]] == ["Night Owls"]
    assert (await anonymous.get(f"{PARTIES}/hosts", params={"q": "owl"})).json()["total"] == 1
    assert (await anonymous.get(f"{PARTIES}/hosts", params={"min_rating": 4})).json()["total"] == 0
    soon = (await anonymous.get(f"{PARTIES}/hosts", params={"date_to": _at(4, 0)})).json()
    assert [h["display_name"] for h in soon["items"]] == ["Early Birds"]


async def test_party_events_are_logged_with_ids_only(
    settings: Settings, make_settings: SettingsFactory, client_factory: ClientFactory
) -> None:
    from structlog.testing import capture_logs

    [host] = await make_accounts(settings, client_factory, 1)
    client = await client_factory(create_app(make_settings(TESSERA_LOG_LEVEL="INFO")))
    client.headers["Authorization"] = host.client.headers["Authorization"]
    await _host(client)
    with capture_logs() as logs:
        party = await _party(client)
        first = (await _slot(client, party["id"], _at(5, 19))).json()
        refused = await _slot(client, party["id"], _at(5, 20))
    assert refused.status_code == 409
    events = [
        (entry["event"], {k: v for k, v in entry.items() if k not in ("event", "log_level")})
        for entry in logs
        if entry["event"].startswith("party.")
    ]
    assert events == [
        ("party.created", {"party_id": party["id"], "host_id": str(host.id)}),
        ("party.slot_created", {"slot_id": first["id"], "party_id": party["id"]}),
        ("party.slot_overlap_refused", {"host_id": str(host.id), "conflicting_slot_id": first["id"]}),
    ]
    assert "Abay" not in str(logs)
