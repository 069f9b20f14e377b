"""Listings: who may manage them, what the public sees, search filters, caching."""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from prometheus_client import REGISTRY
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError

from tessera.catalog.hot_cache import VERSION_MAX_AGE
from tessera.catalog.models import Listing, TicketType
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.db import session_scope
from tessera.server.app import create_app

from .conftest import REDIS_URL, ClientFactory, SettingsFactory
from .helpers import Account, at, book, make_accounts, make_listing


@pytest.fixture
async def organizer(settings: Settings, client_factory: ClientFactory) -> Account:
    return (await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org"))[0]


@pytest.fixture
async def participant(settings: Settings, client_factory: ClientFactory) -> Account:
    return (await make_accounts(settings, client_factory, 1, Role.PARTICIPANT, "fan"))[0]


async def test_organizer_publishes_a_listing_the_public_can_see(
    organizer: Account, client_factory: ClientFactory
) -> None:
    draft = await make_listing(organizer.client, publish=False)
    assert draft["status"] == "draft"
    assert draft["venue"]["city"] == "Almaty"
    assert draft["venue"]["timezone"] == "Asia/Almaty"
    assert len(draft["sessions"]) == 1
    assert draft["ticket_types"][0]["price"] == 500_000
    assert draft["ticket_types"][0]["currency"] == "KZT"

    public = await client_factory()
    assert (await public.get(f"/api/v1/events/{draft['id']}")).status_code == 404
    assert (await public.get("/api/v1/events")).json()["total"] == 0
    assert (await public.get(f"/api/v1/events/{draft['id']}/sessions")).status_code == 404

    published = await organizer.client.post(f"/api/v1/events/{draft['id']}/publish")
    assert published.status_code == 200
    assert published.json()["status"] == "published"

    listing = (await public.get("/api/v1/events")).json()
    assert listing["total"] == 1
    item = listing["items"][0]
    assert item["id"] == draft["id"]
    assert item["kind"] == "event"
    assert item["rating_average"] == 0
    assert item["rating_count"] == 0
    assert item["price_from"] == 500_000
    assert item["sold_out"] is False
    detail = (await public.get(f"/api/v1/events/{draft['id']}")).json()
    assert detail["organizer"]["id"] == str(organizer.id)
    assert detail["sessions"][0]["available"] == 50


async def test_publishing_needs_a_session_and_a_price(organizer: Account) -> None:
    created = await organizer.client.post("/api/v1/events", json={"title": "Empty", "category": "talks"})
    event_id = created.json()["id"]
    refused = await organizer.client.post(f"/api/v1/events/{event_id}/publish")
    assert refused.status_code == 409
    assert refused.json()["code"] == "not_publishable"
    assert "upcoming session" in refused.json()["detail"]
    assert "ticket type" in refused.json()["detail"]


async def test_only_organizers_manage_their_own_listings(
    settings: Settings, client_factory: ClientFactory, organizer: Account, participant: Account
) -> None:
    forbidden = await participant.client.post("/api/v1/events", json={"title": "Mine"})
    assert forbidden.status_code == 403
    assert forbidden.json()["code"] == "forbidden"

    rival = (await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "rival"))[0]
    published = await make_listing(organizer.client)
    draft = await make_listing(organizer.client, publish=False, title="Secret")

    edit_public = await rival.client.patch(f"/api/v1/events/{published['id']}", json={"title": "Hijacked"})
    assert edit_public.status_code == 403
    edit_draft = await rival.client.patch(f"/api/v1/events/{draft['id']}", json={"title": "Hijacked"})
    assert edit_draft.status_code == 404  # others' drafts are invisible
    add_session = await rival.client.post(
        f"/api/v1/events/{published['id']}/sessions", json={"starts_at": at(3), "ends_at": at(3, 2), "capacity": 5}
    )
    assert add_session.status_code == 403
    move = await rival.client.patch(f"/api/v1/sessions/{published['sessions'][0]['id']}", json={"capacity": 1})
    assert move.status_code == 403
    cancel = await rival.client.post(f"/api/v1/events/{published['id']}/cancel")
    assert cancel.status_code == 403

    admins = await make_accounts(settings, client_factory, 1, Role.ADMIN, "admin")
    fixed = await admins[0].client.patch(f"/api/v1/events/{published['id']}", json={"title": "Edited by admin"})
    assert fixed.status_code == 200
    assert fixed.json()["title"] == "Edited by admin"

    mine = (await organizer.client.get("/api/v1/organizer/events")).json()
    assert {e["id"] for e in mine["items"]} == {published["id"], draft["id"]}
    drafts = (await organizer.client.get("/api/v1/organizer/events", params={"status": "draft"})).json()
    assert [e["id"] for e in drafts["items"]] == [draft["id"]]


@pytest.mark.parametrize(
    ("session", "message"),
    [
        ({"starts_at": "2031-05-01T19:00:00", "ends_at": "2031-05-01T22:00:00", "capacity": 10}, "time zone"),
        ({"starts_at": "2031-05-01T19:00:00+05:00", "ends_at": "2031-05-01T18:00:00+05:00", "capacity": 10}, "after"),
        ({"starts_at": "2020-05-01T19:00:00+05:00", "ends_at": "2020-05-01T22:00:00+05:00", "capacity": 10}, "future"),
        ({"starts_at": "2031-05-01T19:00:00+05:00", "ends_at": "2031-05-01T22:00:00+05:00", "capacity": 500}, "venue"),
    ],
)
async def test_sessions_are_validated(organizer: Account, session: dict[str, Any], message: str) -> None:
    created = await organizer.client.post(
        "/api/v1/events",
        json={
            "title": "Checked",
            "venue": {
                "name": "Small room",
                "city": "Astana",
                "country": "KZ",
                "timezone": "Asia/Almaty",
                "capacity": 100,
            },
        },
    )
    response = await organizer.client.post(f"/api/v1/events/{created.json()['id']}/sessions", json=session)
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_listing"
    assert message in response.json()["detail"]


async def test_listing_input_is_validated(organizer: Account) -> None:
    bad_zone = await organizer.client.post(
        "/api/v1/events",
        json={"title": "X", "venue": {"name": "V", "city": "C", "country": "KZ", "timezone": "Mars/Base"}},
    )
    assert bad_zone.status_code == 400
    assert bad_zone.json()["code"] == "invalid_listing"
    bad_kind = await organizer.client.post("/api/v1/events", json={"title": "X", "kind": "concert"})
    assert bad_kind.status_code == 400
    assert bad_kind.json()["errors"][0]["field"] == "kind"

    event = await make_listing(organizer.client, publish=False)
    bad_currency = await organizer.client.post(
        f"/api/v1/events/{event['id']}/ticket-types", json={"name": "VIP", "price": 100, "currency": "XXX"}
    )
    assert bad_currency.status_code == 400
    mixed = await organizer.client.post(
        f"/api/v1/events/{event['id']}/ticket-types", json={"name": "VIP", "price": 100, "currency": "USD"}
    )
    assert mixed.status_code == 409
    assert mixed.json()["code"] == "currency_mismatch"
    negative = await organizer.client.post(
        f"/api/v1/events/{event['id']}/ticket-types", json={"name": "VIP", "price": -1}
    )
    assert negative.status_code == 400


async def test_catalog_filters_sorting_and_pagination(organizer: Account, client_factory: ClientFactory) -> None:
    await make_listing(
        organizer.client, title="Late Jazz", days_ahead=20, city="Almaty", category="concerts", description="Saxophones"
    )
    await make_listing(
        organizer.client,
        title="Early Rock",
        days_ahead=5,
        city="Astana",
        category="concerts",
        description="Guitars and JAZZ-free noise",
    )
    await make_listing(
        organizer.client, title="Python Meetup", days_ahead=12, city="almaty", category="meetups", description="Talks"
    )
    await make_listing(
        organizer.client,
        title="Flight to Bishkek",
        days_ahead=8,
        city="Bishkek",
        kind="flight",
        category="flights",
        description="One hour",
    )
    await make_listing(organizer.client, title="Unpublished", publish=False)
    public = await client_factory()

    async def titles(**params: Any) -> list[str]:
        response = await public.get("/api/v1/events", params=params)
        assert response.status_code == 200, response.text
        return [item["title"] for item in response.json()["items"]]

    assert await titles() == ["Early Rock", "Flight to Bishkek", "Python Meetup", "Late Jazz"]  # by start date
    assert await titles(kind="flight") == ["Flight to Bishkek"]
    assert await titles(kind="event", category="concerts") == ["Early Rock", "Late Jazz"]
    assert await titles(city="ALMATY") == ["Python Meetup", "Late Jazz"]
    assert await titles(q="jazz") == ["Early Rock", "Late Jazz"]  # title or description, any case
    assert await titles(q="100%") == []  # LIKE wildcards are literal
    assert await titles(date_from=at(7), date_to=at(15)) == ["Flight to Bishkek", "Python Meetup"]
    assert await titles(organizer_id=str(organizer.id), kind="event", q="meetup") == ["Python Meetup"]

    page = (await public.get("/api/v1/events", params={"limit": 2, "offset": 1})).json()
    assert page["total"] == 4
    assert (page["limit"], page["offset"]) == (2, 1)
    assert [item["title"] for item in page["items"]] == ["Flight to Bishkek", "Python Meetup"]
    assert (await public.get("/api/v1/events", params={"limit": 0})).status_code == 400


async def test_sold_out_badge_and_live_availability(
    organizer: Account, participant: Account, client_factory: ClientFactory
) -> None:
    event = await make_listing(organizer.client, capacity=2, prices=(0,))
    session_id = event["sessions"][0]["id"]
    public = await client_factory()
    before = (await public.get(f"/api/v1/sessions/{session_id}/availability")).json()
    assert before == {
        "session_id": session_id,
        "capacity": 2,
        "available": 2,
        "held": 0,
        "sold": 0,
        "status": "scheduled",
        "on_sale": True,
        "seat_map_id": None,
    }
    assert (await book(participant.client, event, 2)).status_code == 201
    after = (await public.get(f"/api/v1/sessions/{session_id}/availability")).json()
    assert after["available"] == 0  # never cached
    assert after["sold"] == 2


async def test_catalog_responses_are_cached_and_invalidated_on_change(
    organizer: Account, client_factory: ClientFactory, settings: Settings
) -> None:
    event = await make_listing(organizer.client, title="Original")
    public = await client_factory()
    assert (await public.get("/api/v1/events")).json()["items"][0]["title"] == "Original"
    assert (await public.get(f"/api/v1/events/{event['id']}")).json()["title"] == "Original"

    # A change behind the application's back is not seen: the responses come from the cache.
    async with session_scope(settings.database) as session:
        await session.execute(update(Listing).where(Listing.id == event["id"]).values(title="Sneaky"))
    assert (await public.get("/api/v1/events")).json()["items"][0]["title"] == "Original"
    assert (await public.get(f"/api/v1/events/{event['id']}")).json()["title"] == "Original"

    # A change through the application invalidates every cached catalog response at once.
    renamed = await organizer.client.patch(f"/api/v1/events/{event['id']}", json={"description": "New words"})
    assert renamed.status_code == 200
    assert (await public.get("/api/v1/events")).json()["items"][0]["title"] == "Sneaky"
    detail = (await public.get(f"/api/v1/events/{event['id']}")).json()
    assert detail["description"] == "New words"

    # Sessions and ticket types invalidate too.
    added = await organizer.client.post(
        f"/api/v1/events/{event['id']}/ticket-types", json={"name": "Balcony", "price": 100_000}
    )
    assert added.status_code == 201
    detail = (await public.get(f"/api/v1/events/{event['id']}")).json()
    assert {t["name"] for t in detail["ticket_types"]} == {"Tier 1", "Balcony"}
    listing = (await public.get("/api/v1/events")).json()
    assert listing["items"][0]["price_from"] == 100_000


async def test_past_and_cancelled_listings_leave_the_catalog(organizer: Account, client_factory: ClientFactory) -> None:
    event = await make_listing(organizer.client)
    public = await client_factory()
    assert (await public.get("/api/v1/events")).json()["total"] == 1
    cancelled = await organizer.client.post(f"/api/v1/events/{event['id']}/cancel", json={"reason": "Storm"})
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert all(s["status"] == "cancelled" for s in cancelled.json()["sessions"])
    assert (await public.get("/api/v1/events")).json()["total"] == 0
    # Still reachable directly, so ticket holders can see what happened.
    assert (await public.get(f"/api/v1/events/{event['id']}")).json()["status"] == "cancelled"
    again = await organizer.client.patch(f"/api/v1/events/{event['id']}", json={"title": "Back"})
    assert again.status_code == 409
    assert again.json()["code"] == "event_cancelled"


def _hot_hits() -> float:
    return REGISTRY.get_sample_value("tessera_catalog_hot_cache_hits_total") or 0.0


async def test_repeated_searches_are_answered_from_memory_and_still_see_changes(
    organizer: Account, client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    public = await client_factory()
    await make_listing(organizer.client, title="Morning Raga")
    search: dict[str, str | int] = {"q": "raga", "limit": 10}
    first = await public.get("/api/v1/events", params=search)
    hits = _hot_hits()
    again = await public.get("/api/v1/events", params=search)
    assert _hot_hits() == hits + 1
    assert again.content == first.content
    assert again.headers["content-type"] == "application/json"
    assert "set-cookie" not in again.headers  # a stored response hands out no cookie
    assert again.headers["x-request-id"] != first.headers["x-request-id"]

    # A change is seen at once by the process that made it...
    await make_listing(organizer.client, title="Evening Raga")
    assert (await public.get("/api/v1/events", params=search)).json()["total"] == 2
    # ...requests with credentials always take the full path...
    signed_in = await organizer.client.get("/api/v1/events", params=search)
    assert signed_in.json()["total"] == 2
    assert _hot_hits() == hits + 1

    if REDIS_URL is None:
        return  # embedded mode runs one process: there is no other process to tell
    # ...and by another process sharing the store within VERSION_MAX_AGE.
    other = await client_factory(create_app(make_settings()))
    assert (await other.get("/api/v1/events", params=search)).json()["total"] == 2
    assert (await other.get("/api/v1/events", params=search)).json()["total"] == 2
    await make_listing(organizer.client, title="Night Raga")
    changed = time.monotonic()
    while (await other.get("/api/v1/events", params=search)).json()["total"] != 3:
        assert time.monotonic() - changed < VERSION_MAX_AGE + 2, "the other process kept the old catalog"
        await asyncio.sleep(0.05)


async def test_the_catalog_cache_can_be_switched_off(
    organizer: Account, client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    uncached = await client_factory(create_app(make_settings(TESSERA_CATALOG_CACHE_SECONDS="0")))
    hits = _hot_hits()
    await make_listing(organizer.client, title="Quiet Quartet")
    for expected in (1, 1, 2):
        if expected == 2:
            await make_listing(organizer.client, title="Loud Quartet")
        found = await uncached.get("/api/v1/events", params={"q": "quartet"})
        assert found.status_code == 200, found.text
        assert found.json()["total"] == expected
    assert _hot_hits() == hits  # nothing answered from memory either


async def test_finished_listings_leave_the_search_and_come_back_when_moved(
    organizer: Account, client_factory: ClientFactory, settings: Settings
) -> None:
    from tessera.server.container import Container
    from tessera.server.jobs import archive_finished_listings

    listing = await make_listing(organizer.client, title="Harbour Lights", sessions=1, days_ahead=5)
    search = {"q": "harbour"}
    assert (await organizer.client.get("/api/v1/events", params=search)).json()["total"] == 1

    container = Container.build(settings)
    assert await archive_finished_listings(container) == 0  # nothing has ended yet
    async with session_scope(settings.database) as session:  # as if its evening had passed
        await session.execute(
            update(Listing).where(Listing.id == listing["id"]).values(ends_at=datetime.now(UTC) - timedelta(hours=1))
        )
    assert await archive_finished_listings(container) == 1
    assert await archive_finished_listings(container) == 0
    async with session_scope(settings.database) as session:
        assert (await session.get(Listing, uuid.UUID(listing["id"]))).archived is True  # type: ignore[union-attr]
    await container.close()

    moved = await organizer.client.patch(
        f"/api/v1/sessions/{listing['sessions'][0]['id']}", json={"starts_at": at(20), "ends_at": at(20, hours=2)}
    )
    assert moved.status_code == 200, moved.text
    async with session_scope(settings.database) as session:
        assert (await session.get(Listing, uuid.UUID(listing["id"]))).archived is False  # type: ignore[union-attr]
    found = await organizer.client.get("/api/v1/events", params=search)
    assert found.json()["total"] == 1


async def test_prices_up_to_the_documented_maximum_are_stored(organizer: Account) -> None:
    event = await make_listing(organizer.client, prices=(), publish=False)
    url = f"/api/v1/events/{event['id']}/ticket-types"
    top = await organizer.client.post(url, json={"name": "Founders' box", "price": 10_000_000_000})
    assert top.status_code == 201, top.text
    assert top.json()["price"] == 10_000_000_000
    listed = (await organizer.client.get(url)).json()
    assert [t["price"] for t in listed] == [10_000_000_000]
    above = await organizer.client.post(url, json={"name": "Too much", "price": 10_000_000_001})
    assert above.status_code == 400
    assert above.json()["code"] == "validation_error"


async def test_one_currency_per_listing_holds_under_concurrent_creation(organizer: Account, settings: Settings) -> None:
    for attempt in range(5):
        event = await make_listing(organizer.client, title=f"Race {attempt}", prices=(), publish=False)
        url = f"/api/v1/events/{event['id']}/ticket-types"
        answers = await asyncio.gather(
            *(
                organizer.client.post(url, json={"name": f"{currency} {n}", "price": 100, "currency": currency})
                for n in range(4)
                for currency in ("KZT", "USD")
            )
        )
        assert sorted(a.status_code for a in answers) == [201] * 4 + [409] * 4
        kept = {t["currency"] for t in (await organizer.client.get(url)).json()}
        assert len(kept) == 1
    # The database itself refuses a second currency, whatever writes the row.
    async with session_scope(settings.database) as session:
        session.add(
            TicketType(event_id=uuid.UUID(event["id"]), name="Sneaky", price=1, currency="EUR", max_per_order=1)
        )
        with pytest.raises(IntegrityError):
            await session.flush()


async def test_the_cached_listing_is_the_public_view_and_managers_read_live(
    organizer: Account, client_factory: ClientFactory
) -> None:
    event = await make_listing(organizer.client, prices=(100_000, 200_000))
    hidden = event["ticket_types"][1]["id"]
    assert (
        await organizer.client.patch(f"/api/v1/ticket-types/{hidden}", json={"is_active": False})
    ).status_code == 200
    url = f"/api/v1/events/{event['id']}"
    # The organizer looks first: what they see (the inactive type too) must not be what the public gets.
    assert {t["id"] for t in (await organizer.client.get(url)).json()["ticket_types"]} == {
        t["id"] for t in event["ticket_types"]
    }
    anonymous = await client_factory()
    assert [t["id"] for t in (await anonymous.get(url)).json()["ticket_types"]] == [event["ticket_types"][0]["id"]]
    # Now the public view is cached: the organizer still reads live.
    assert len((await organizer.client.get(url)).json()["ticket_types"]) == 2
