"""Short share links: one per creator and target, a redirect that counts people and not link previews."""

from __future__ import annotations

import asyncio

from tessera.config import Settings
from tessera.core.auth import Role

from .conftest import ClientFactory
from .helpers import make_accounts, make_listing
from .test_parties import _host, _party
from .test_party_bookings import _published

LINKS = "/api/v1/short-links"


async def test_a_link_is_made_once_and_counts_the_people_who_follow_it(
    settings: Settings, client_factory: ClientFactory
) -> None:
    host, fan = await make_accounts(settings, client_factory, 2)
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "organizer")
    anonymous = await client_factory()
    await _host(host.client)
    party, slot = await _published(host.client)
    draft = await _party(host.client, movie={"title": "Solaris", "runtime_minutes": 167})

    made = await fan.client.post(LINKS, json={"target_type": "party", "target_id": party["id"]})
    assert made.status_code == 201, made.text
    link = made.json()
    assert len(link["code"]) == 7
    assert link["url"] == f"{settings.public_url}/s/{link['code']}"
    assert link["target_url"] == f"{settings.public_url}/parties/{party['id']}"
    again = await fan.client.post(LINKS, json={"target_type": "party", "target_id": party["id"]})
    assert (again.status_code, again.json()["code"]) == (200, link["code"])
    for target_type, target_id, status in (
        ("party", draft["id"], 404),  # someone else's draft
        ("slot", slot["id"], 201),
        ("host", str(host.id), 201),
        ("host", str(fan.id), 404),  # not a host
        ("event", party["id"], 201),
    ):
        answer = await fan.client.post(LINKS, json={"target_type": target_type, "target_id": target_id})
        assert answer.status_code == status, (target_type, answer.text)
        if status == 404:
            assert answer.json()["code"] == "target_not_found"
    assert (await host.client.post(LINKS, json={"target_type": "party", "target_id": draft["id"]})).status_code == 201
    event = await make_listing(organizer.client)
    assert (await fan.client.post(LINKS, json={"target_type": "event", "target_id": event["id"]})).status_code == 201

    follow = f"/api/v1/s/{link['code']}"
    for path in (follow, follow, f"/api/v1/s/{link['code'].lower()}"):
        went = await anonymous.get(path)
        assert went.status_code == 302
        assert went.headers["location"] == link["target_url"]
        assert (went.headers["cache-control"], went.headers["x-robots-tag"]) == ("no-store", "noindex")
    assert (await anonymous.head(follow)).status_code == 302
    preview = await anonymous.get(follow, headers={"User-Agent": "TelegramBot (like TwitterBot)"})
    assert preview.status_code == 302
    counted = (await fan.client.get(f"{LINKS}/{link['code']}")).json()
    assert counted["clicks"] == 3
    assert counted["last_clicked_at"] is not None
    assert (await host.client.get(f"{LINKS}/{link['code']}")).status_code == 404
    assert (await fan.client.get(LINKS)).json()["total"] == 5
    slot_link = next(i for i in (await fan.client.get(LINKS)).json()["items"] if i["target_type"] == "slot")
    assert slot_link["target_url"].endswith(f"/parties/{party['id']}?slot={slot['id']}")

    assert (await host.client.delete(f"{LINKS}/{link['code']}")).status_code == 404
    assert (await fan.client.delete(f"{LINKS}/{link['code']}")).status_code == 204
    gone = await anonymous.get(follow)
    assert (gone.status_code, gone.json()["code"]) == (404, "not_found")
    assert (await anonymous.get("/api/v1/s/NOSUCH1")).status_code == 404


async def test_one_target_shared_at_once_gets_one_link(settings: Settings, client_factory: ClientFactory) -> None:
    host, fan = await make_accounts(settings, client_factory, 2)
    await _host(host.client)
    party, _ = await _published(host.client)
    answers = await asyncio.gather(
        *(fan.client.post(LINKS, json={"target_type": "party", "target_id": party["id"]}) for _ in range(10))
    )
    assert sorted(a.status_code for a in answers) == [200] * 9 + [201], [
        a.text for a in answers if a.status_code >= 300
    ]
    assert len({a.json()["code"] for a in answers}) == 1
