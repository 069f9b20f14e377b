"""Flight search: by local departure date at the origin, one slice each way, priced for the party."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from httpx import AsyncClient

from tessera.config import Settings
from tessera.core.auth import Role

from .conftest import ClientFactory
from .flight_helpers import add_airports, make_aircraft, make_route
from .helpers import make_accounts

ROUTES = "/api/v1/flights/routes"
SEARCH = "/api/v1/flights/search"


def _local(day: date, at: str) -> str:
    return f"{day.isoformat()}T{at}:00+05:00"  # Almaty and Astana


async def _depart(client: AsyncClient, route_id: str, departs_at: str, minutes: int = 100) -> str:
    start = datetime.fromisoformat(departs_at)
    made = await client.post(
        f"{ROUTES}/{route_id}/departures",
        json={"departs_at": departs_at, "arrives_at": (start + timedelta(minutes=minutes)).isoformat()},
    )
    assert made.status_code == 201, made.text
    departure_id: str = made.json()["items"][0]["id"]
    return departure_id


async def test_search_finds_departures_by_local_date_each_way_priced_for_the_party(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    anonymous = await client_factory()
    aircraft = await make_aircraft(carrier.client)
    outbound = await make_route(carrier.client, aircraft["id"], "TS101", "ALA", "NQZ")
    back = (await carrier.client.post(f"{ROUTES}/{outbound['id']}/return", json={"flight_number": "TS102"})).json()
    day = (datetime.now(UTC) + timedelta(days=10)).date()

    # 00:30 in Almaty is 19:30 UTC the day before: it is found under its local date.
    midnight = await _depart(carrier.client, outbound["id"], _local(day, "00:30"))
    morning = await _depart(carrier.client, outbound["id"], _local(day, "07:30"))
    await _depart(carrier.client, outbound["id"], _local(day + timedelta(days=1), "07:30"))
    cancelled = await _depart(carrier.client, outbound["id"], _local(day, "12:00"))
    returning = await _depart(carrier.client, back["id"], _local(day + timedelta(days=7), "18:00"))
    for route in (outbound, back):
        assert (await carrier.client.post(f"{ROUTES}/{route['id']}/publish")).status_code == 200
    assert (await carrier.client.post(f"/api/v1/flights/departures/{cancelled}/cancel", json={})).status_code == 200
    # A draft route of the same airports is not for sale.
    draft = await make_route(carrier.client, aircraft["id"], "TS103", "ALA", "NQZ")
    await _depart(carrier.client, draft["id"], _local(day, "09:00"))

    found = await anonymous.get(
        SEARCH,
        params={
            "origin": "ala",
            "destination": "NQZ",
            "departure_date": day.isoformat(),
            "passengers": 2,
            "return_date": (day + timedelta(days=7)).isoformat(),
        },
    )
    assert found.status_code == 200, found.text
    body = found.json()
    assert body["search"] == {
        "origin": "ALA",
        "destination": "NQZ",
        "departure_date": day.isoformat(),
        "return_date": (day + timedelta(days=7)).isoformat(),
        "passengers": 2,
        "cabin": "economy",
    }
    there, home = body["slices"]
    assert (there["direction"], there["origin"]["iata"], there["destination"]["iata"]) == ("outbound", "ALA", "NQZ")
    assert [o["departure_id"] for o in there["options"]] == [midnight, morning]
    first: dict[str, Any] = there["options"][0]
    assert first["departs_at"] == _local(day, "00:30")
    assert first["arrives_at"] == _local(day, "02:10")
    assert (first["flight_number"], first["origin"], first["destination"]) == ("TS101", "ALA", "NQZ")
    assert (first["cabin"], first["seats_left"], first["duration_minutes"]) == ("economy", 155, 100)
    assert first["aircraft"]["model"] == "Airbus A320-200"
    assert [(f["name"], f["price"], f["total"]) for f in first["fares"]] == [("Economy Light", 2_500_000, 5_000_000)]
    assert first["lowest_total"] == 5_000_000
    assert (home["direction"], home["origin"]["iata"]) == ("return", "NQZ")
    assert [o["departure_id"] for o in home["options"]] == [returning]

    # One way: one slice. Business: its own fares and seats; more passengers than seats: left out.
    business = (
        await anonymous.get(
            SEARCH,
            params={
                "origin": "ALA",
                "destination": "NQZ",
                "departure_date": day.isoformat(),
                "cabin": "business",
                "passengers": 9,
                "limit": 1,
            },
        )
    ).json()
    [only] = business["slices"]
    [option] = only["options"]
    assert (option["departure_id"], option["seats_left"]) == (midnight, 12)
    assert [(f["name"], f["total"]) for f in option["fares"]] == [("Business Flex", 81_000_000)]
    too_many = await anonymous.get(
        SEARCH,
        params={"origin": "ALA", "destination": "NQZ", "departure_date": day.isoformat(), "cabin": "first"},
    )
    assert too_many.json()["slices"][0]["options"] == []

    # A cabin whose fares are all withdrawn has nothing to sell.
    business_fare = next(f for f in outbound["fares"] if f["cabin"] == "business")
    await carrier.client.patch(f"/api/v1/flights/fares/{business_fare['id']}", json={"is_active": False})
    withdrawn = await anonymous.get(
        SEARCH,
        params={"origin": "ALA", "destination": "NQZ", "departure_date": day.isoformat(), "cabin": "business"},
    )
    assert withdrawn.json()["slices"][0]["options"] == []


async def test_a_departure_whose_sales_have_closed_is_not_offered(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    aircraft = await make_aircraft(carrier.client)
    route = await make_route(carrier.client, aircraft["id"], "TS501", "FRU", "ALA")
    now = datetime.now(UTC)
    # Sales close an hour before departure.
    soon = await _depart(carrier.client, route["id"], (now + timedelta(minutes=40)).isoformat(), minutes=70)
    later = await _depart(carrier.client, route["id"], (now + timedelta(hours=3)).isoformat(), minutes=70)
    await carrier.client.post(f"{ROUTES}/{route['id']}/publish")
    offered = set()
    for hours in (0, 3):  # the local dates of both, which may differ near midnight in Bishkek
        local_day = (now + timedelta(hours=hours)).astimezone(ZoneInfo("Asia/Bishkek")).date()
        answer = await carrier.client.get(
            SEARCH, params={"origin": "FRU", "destination": "ALA", "departure_date": local_day.isoformat()}
        )
        offered |= {o["departure_id"] for o in answer.json()["slices"][0]["options"]}
    assert offered == {later}
    assert (await carrier.client.get(f"/api/v1/flights/departures/{soon}")).json()["on_sale"] is False


async def test_searches_that_make_no_sense_are_refused(settings: Settings, client_factory: ClientFactory) -> None:
    await add_airports(settings)
    client = await client_factory()
    today = datetime.now(UTC).date()
    base = {"origin": "ALA", "destination": "NQZ", "departure_date": (today + timedelta(days=3)).isoformat()}
    refused: list[tuple[dict[str, Any], int, str]] = [
        ({"destination": "ala"}, 400, "invalid_search"),
        ({"return_date": (today + timedelta(days=2)).isoformat()}, 400, "invalid_search"),
        ({"departure_date": (today - timedelta(days=2)).isoformat()}, 400, "invalid_search"),
        ({"departure_date": (today + timedelta(days=400)).isoformat()}, 400, "invalid_search"),
        ({"destination": "XXX"}, 404, "airport_not_found"),
        ({"passengers": 10}, 400, "validation_error"),
        ({"passengers": 0}, 400, "validation_error"),
        ({"cabin": "luxury"}, 400, "validation_error"),
        ({"origin": "AL"}, 400, "validation_error"),
        ({"departure_date": "tomorrow"}, 400, "validation_error"),
    ]
    for change, status, code in refused:
        answer = await client.get(SEARCH, params={**base, **change})
        assert (answer.status_code, answer.json().get("code")) == (status, code), (change, answer.text)
    unknown = await client.get(SEARCH, params={**base, "destination": "XXX"})
    assert unknown.json()["iata"] == "XXX"
