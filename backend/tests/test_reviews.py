"""Reviews: only attendees, one each, moderated; ratings kept on the listing; flags, helpful votes, replies."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.db import session_scope
from tessera.core.outbox import Notification

from .conftest import ClientFactory, SettingsFactory
from .helpers import Account, book, make_accounts, make_listing, reschedule


async def session_has_begun(settings: Settings, event: dict[str, Any]) -> None:
    await reschedule(settings, event["sessions"][0]["id"], starts_in=-2, ends_in=-1)


@pytest.fixture
async def world(settings: Settings, client_factory: ClientFactory) -> dict[str, Any]:
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org")
    [admin] = await make_accounts(settings, client_factory, 1, Role.ADMIN, "admin")
    fans = await make_accounts(settings, client_factory, 4, Role.PARTICIPANT, "fan")
    event = await make_listing(organizer.client, prices=(0,))
    for fan in fans[:3]:
        assert (await book(fan.client, event)).status_code == 201
    return {"organizer": organizer, "admin": admin, "fans": fans, "event": event}


async def review(fan: Account, event: dict[str, Any], rating: int, comment: str = "Great") -> Any:
    return await fan.client.post(
        "/api/v1/reviews", json={"event_id": event["id"], "rating": rating, "comment": comment}
    )


async def public(client: Any, event: dict[str, Any], **params: Any) -> dict[str, Any]:
    body: dict[str, Any] = (await client.get(f"/api/v1/events/{event['id']}/reviews", params=params)).json()
    return body


async def test_only_attendees_may_review(world: dict[str, Any], settings: Settings) -> None:
    fans, event = world["fans"], world["event"]
    early = await review(fans[0], event, 5)
    assert early.status_code == 403  # booked, but the session has not happened yet
    assert early.json()["code"] == "not_attended"
    await session_has_begun(settings, event)
    assert (await review(fans[3], event, 5)).status_code == 403  # never booked
    assert (await review(world["organizer"], event, 5)).status_code == 403
    created = await review(fans[0], event, 5, "<script>alert(1)</script> Loved it")
    assert created.status_code == 201
    assert created.json()["status"] == "pending"
    assert created.json()["comment"] == "<script>alert(1)</script> Loved it"  # stored as plain text
    bad = await fans[1].client.post("/api/v1/reviews", json={"event_id": event["id"], "rating": 6})
    assert bad.status_code == 400
    long = await review(fans[1], event, 4, "x" * 2001)
    assert long.status_code == 400


async def test_a_checked_in_ticket_also_counts_as_attending(world: dict[str, Any], settings: Settings) -> None:
    fan, event, organizer = world["fans"][0], world["event"], world["organizer"]
    booking = (await fan.client.get("/api/v1/bookings")).json()["items"][0]
    await reschedule(settings, event["sessions"][0]["id"], starts_in=1, ends_in=3)  # its doors are open
    admitted = await organizer.client.post(
        "/api/v1/checkin", json={"code": booking["tickets"][0]["code"], "session_id": event["sessions"][0]["id"]}
    )
    assert admitted.status_code == 200, admitted.text
    assert (await review(fan, event, 4)).status_code == 201


async def test_moderation_ratings_and_edits(
    world: dict[str, Any], settings: Settings, client_factory: ClientFactory
) -> None:
    fans, event, admin = world["fans"], world["event"], world["admin"]
    await session_has_begun(settings, event)
    anonymous = await client_factory()
    first = (await review(fans[0], event, 5)).json()
    second = (await review(fans[1], event, 2, "Too loud")).json()
    assert (await public(anonymous, event))["total"] == 0  # pending reviews are not public

    queue = (await admin.client.get("/api/v1/admin/reviews", params={"status": "pending"})).json()
    assert {r["id"] for r in queue["items"]} == {first["id"], second["id"]}
    assert (await fans[0].client.get("/api/v1/admin/reviews")).status_code == 403

    await admin.client.post(f"/api/v1/admin/reviews/{first['id']}/approve")
    await admin.client.post(f"/api/v1/admin/reviews/{second['id']}/approve")
    detail = (await anonymous.get(f"/api/v1/events/{event['id']}")).json()
    assert (detail["rating_average"], detail["rating_count"]) == (3.5, 2)
    listing = (await anonymous.get("/api/v1/events", params={"min_rating": 3})).json()
    assert [e["id"] for e in listing["items"]] == [event["id"]]
    assert (await anonymous.get("/api/v1/events", params={"min_rating": 4})).json()["total"] == 0

    rejected = await admin.client.post(f"/api/v1/admin/reviews/{second['id']}/reject", json={"reason": "Off topic"})
    assert rejected.json()["status"] == "rejected"
    detail = (await anonymous.get(f"/api/v1/events/{event['id']}")).json()
    assert (detail["rating_average"], detail["rating_count"]) == (5.0, 1)
    assert [r["id"] for r in (await public(anonymous, event))["items"]] == [first["id"]]

    # Posting again edits the same review and sends it back to moderation; the average drops it meanwhile.
    edited = await review(fans[0], event, 3, "Thinking again")
    assert edited.json()["id"] == first["id"]
    assert edited.json()["status"] == "pending"
    detail = (await anonymous.get(f"/api/v1/events/{event['id']}")).json()
    assert detail["rating_count"] == 0
    await admin.client.post(f"/api/v1/admin/reviews/{first['id']}/approve")
    detail = (await anonymous.get(f"/api/v1/events/{event['id']}")).json()
    assert (detail["rating_average"], detail["rating_count"]) == (3.0, 1)

    async with session_scope(settings.database) as session:
        kinds = [n.kind for n in await session.scalars(select(Notification))]
    assert kinds.count("review_rejected") == 1
    assert kinds.count("review_approved") == 3


async def test_flags_helpful_votes_and_replies(
    world: dict[str, Any], settings: Settings, client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    fans, event, admin, organizer = world["fans"], world["event"], world["admin"], world["organizer"]
    await session_has_begun(settings, event)
    one = (await review(fans[0], event, 5, "Superb")).json()
    two = (await review(fans[1], event, 4, "Good")).json()
    for item in (one, two):
        await admin.client.post(f"/api/v1/admin/reviews/{item['id']}/approve")

    for fan in fans[1:4]:
        await fan.client.post(f"/api/v1/reviews/{two['id']}/helpful")
    await fans[1].client.post(f"/api/v1/reviews/{two['id']}/helpful")  # twice counts once
    anonymous = await client_factory()
    helpful_first = await public(anonymous, event, sort="helpful")
    assert [r["id"] for r in helpful_first["items"]] == [two["id"], one["id"]]
    assert helpful_first["items"][0]["helpful"] == 3

    reply = await organizer.client.post(f"/api/v1/reviews/{one['id']}/reply", json={"text": "Thank you!"})
    assert reply.status_code == 200
    assert reply.json()["reply"] == "Thank you!"
    again = await organizer.client.post(f"/api/v1/reviews/{one['id']}/reply", json={"text": "Again"})
    assert again.status_code == 409
    assert again.json()["code"] == "already_replied"
    [rival] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "rival")
    assert (await rival.client.post(f"/api/v1/reviews/{two['id']}/reply", json={"text": "Hi"})).status_code == 403

    # Three different people flag a review: it goes back to moderation and leaves the public list.
    for fan in fans[1:3]:
        await fan.client.post(f"/api/v1/reviews/{one['id']}/flag", json={"reason": "Spam"})
    await fans[1].client.post(f"/api/v1/reviews/{one['id']}/flag")  # the same person again: no effect
    assert len((await public(anonymous, event))["items"]) == 2
    await fans[3].client.post(f"/api/v1/reviews/{one['id']}/flag")
    assert [r["id"] for r in (await public(anonymous, event))["items"]] == [two["id"]]
    detail = (await anonymous.get(f"/api/v1/events/{event['id']}")).json()
    assert (detail["rating_average"], detail["rating_count"]) == (4.0, 1)
    queue = (await admin.client.get("/api/v1/admin/reviews", params={"status": "pending"})).json()
    assert [r["id"] for r in queue["items"]] == [one["id"]]

    # Approved again, the review cannot be flagged back into moderation by the people who already flagged it.
    assert (await admin.client.post(f"/api/v1/admin/reviews/{one['id']}/approve")).status_code == 200
    for fan in fans[1:4]:
        await fan.client.post(f"/api/v1/reviews/{one['id']}/flag", json={"reason": "Spam again"})
    assert len((await public(anonymous, event))["items"]) == 2
    newcomers = await make_accounts(settings, client_factory, 3, Role.PARTICIPANT, "newcomer")
    for person in newcomers:
        await person.client.post(f"/api/v1/reviews/{one['id']}/flag", json={"reason": "Spam"})
    assert [r["id"] for r in (await public(anonymous, event))["items"]] == [two["id"]]
