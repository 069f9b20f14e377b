"""Routes, fares and departures: a carrier sells a flight number between two airports as a managed listing."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from tessera.config import Settings
from tessera.core.auth import Role

from .conftest import ClientFactory
from .flight_helpers import A320_SEATS, BUSINESS_FLEX, ECONOMY_LIGHT, add_airports, make_aircraft, make_route
from .helpers import make_accounts

ROUTES = "/api/v1/flights/routes"


def _in_days(days: int, hour: int = 7, minute: int = 30, offset: str = "+05:00") -> str:
    day = (datetime.now(UTC) + timedelta(days=days)).date()
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}:00{offset}"


async def test_a_carrier_creates_a_route_with_its_fares_and_a_return(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    carrier, rival = await make_accounts(settings, client_factory, 2, Role.ORGANIZER, "carrier")
    [passenger] = await make_accounts(settings, client_factory, 1, Role.PARTICIPANT, "fan")
    aircraft = await make_aircraft(carrier.client)
    route = await make_route(carrier.client, aircraft["id"])
    assert route["flight_number"] == "TS101"
    assert route["status"] == "draft"
    assert route["origin"]["iata"] == "ALA"
    assert route["destination"] == {
        "iata": "NQZ",
        "icao": None,
        "name": "Nursultan Nazarbayev International Airport",
        "city": "Astana",
        "country": "KZ",
        "timezone": "Asia/Almaty",
    }
    assert route["default_aircraft_id"] == aircraft["id"]
    assert route["return_route_id"] is None
    # Cabins from the front: business, then economy.
    assert [(f["name"], f["cabin"], f["price"], f["refundable"], f["checked_bags"]) for f in route["fares"]] == [
        ("Business Flex", "business", 9_000_000, True, 2),
        ("Economy Light", "economy", 2_500_000, False, 0),
    ]
    # The route is a listing: the catalog knows it as a managed flight, by the same id.
    listing = (await carrier.client.get(f"/api/v1/events/{route['id']}")).json()
    assert (listing["title"], listing["kind"], listing["managed_by"]) == ("TS101 Almaty → Astana", "flight", "flights")

    # A flight number is the carrier's once, whatever its spelling; another carrier may use it.
    taken = await carrier.client.post(
        ROUTES,
        json={
            "flight_number": "ts 101",
            "origin": "NQZ",
            "destination": "ALA",
            "aircraft_id": aircraft["id"],
            "fares": [ECONOMY_LIGHT],
        },
    )
    assert taken.status_code == 409
    assert taken.json()["code"] == "flight_number_taken"
    rival_aircraft = await make_aircraft(rival.client)
    await make_route(rival.client, rival_aircraft["id"])

    back = await carrier.client.post(f"{ROUTES}/{route['id']}/return", json={"flight_number": "TS102"})
    assert back.status_code == 201, back.text
    returned = back.json()
    assert (returned["origin"]["iata"], returned["destination"]["iata"]) == ("NQZ", "ALA")
    assert returned["return_route_id"] == route["id"]
    assert [(f["name"], f["price"]) for f in returned["fares"]] == [(f["name"], f["price"]) for f in route["fares"]]
    assert {f["id"] for f in returned["fares"]}.isdisjoint({f["id"] for f in route["fares"]})
    assert (await carrier.client.get(f"{ROUTES}/{route['id']}")).json()["return_route_id"] == returned["id"]
    for either in (route["id"], returned["id"]):
        again = await carrier.client.post(f"{ROUTES}/{either}/return", json={"flight_number": "TS104"})
        assert again.status_code == 409
        assert again.json()["code"] == "return_exists"

    listed = (await carrier.client.get(ROUTES)).json()
    assert listed["total"] == 2
    assert [r["flight_number"] for r in listed["items"]] == ["TS102", "TS101"]
    assert (await rival.client.get(f"{ROUTES}/{route['id']}")).status_code == 404
    assert (await rival.client.post(f"{ROUTES}/{route['id']}/return", json={"flight_number": "RV1"})).status_code == 404
    forbidden = await passenger.client.post(ROUTES, json={})
    assert forbidden.status_code == 403
    assert forbidden.json()["code"] == "forbidden"


async def test_routes_that_cannot_be_flown_are_refused_and_leave_nothing(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    aircraft = await make_aircraft(carrier.client)
    body: dict[str, Any] = {
        "flight_number": "TS101",
        "origin": "ALA",
        "destination": "NQZ",
        "aircraft_id": aircraft["id"],
        "fares": [ECONOMY_LIGHT],
    }
    first_class = {**ECONOMY_LIGHT, "cabin": "first", "name": "First"}
    refused: list[tuple[dict[str, Any], int, str]] = [
        ({"destination": "ala"}, 400, "invalid_route"),
        ({"flight_number": "TSX1"}, 400, "invalid_route"),
        ({"flight_number": "TS10000"}, 400, "invalid_route"),
        ({"fares": [ECONOMY_LIGHT, first_class]}, 400, "invalid_route"),
        ({"fares": [ECONOMY_LIGHT, {**BUSINESS_FLEX, "currency": "USD"}]}, 409, "currency_mismatch"),
        ({"origin": "XXX"}, 404, "airport_not_found"),
        ({"aircraft_id": "0193a0d4-1111-7000-8000-000000000000"}, 404, "not_found"),
        ({"fares": []}, 400, "validation_error"),
        ({"fares": [{**ECONOMY_LIGHT, "checked_bags": 6}]}, 400, "validation_error"),
    ]
    for change, status, code in refused:
        answer = await carrier.client.post(ROUTES, json={**body, **change})
        assert (answer.status_code, answer.json().get("code")) == (status, code), (change, answer.json())
    assert (await carrier.client.get(ROUTES)).json()["total"] == 0
    # No listing was left behind by a refusal that came after the listing was written.
    assert (await carrier.client.get("/api/v1/organizer/events")).json()["total"] == 0


async def test_departures_one_at_a_time_and_by_a_schedule_across_daylight_saving(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    carrier, rival = await make_accounts(settings, client_factory, 2, Role.ORGANIZER, "carrier")
    anonymous = await client_factory()
    aircraft = await make_aircraft(carrier.client)
    route = await make_route(carrier.client, aircraft["id"], "TS301", "FRA", "IST")
    departures = f"{ROUTES}/{route['id']}/departures"

    # Frankfurt moves its clocks on 28 March 2027: a 07:30 departure stays at 07:30 local, an hour earlier in UTC.
    weekly = {
        "from": "2027-03-22",
        "to": "2027-04-04",
        "weekdays": [1, 3, 5],
        "departure_local_time": "07:30",
        "duration_minutes": 185,
    }
    made = await carrier.client.post(departures, json={"schedule": weekly})
    assert made.status_code == 201, made.text
    items = made.json()["items"]
    assert [d["departs_at"] for d in items] == [
        "2027-03-22T07:30:00+01:00",
        "2027-03-24T07:30:00+01:00",
        "2027-03-26T07:30:00+01:00",
        "2027-03-29T07:30:00+02:00",
        "2027-03-31T07:30:00+02:00",
        "2027-04-02T07:30:00+02:00",
    ]
    first = items[0]
    # Istanbul keeps +03:00 all year.
    assert first["arrives_at"] == "2027-03-22T12:35:00+03:00"
    assert (first["departure_timezone"], first["arrival_timezone"]) == ("Europe/Berlin", "Europe/Istanbul")
    assert first["duration_minutes"] == 185
    assert first["seats_left"] == A320_SEATS
    assert first["aircraft"] == {"id": aircraft["id"], "model": "Airbus A320-200"}
    assert first["carrier"]["id"] == str(carrier.id)
    assert (first["status"], first["on_sale"]) == ("scheduled", False)  # a draft route sells nothing

    single = await carrier.client.post(
        departures, json={"departs_at": _in_days(3, offset="+01:00"), "arrives_at": _in_days(3, 11, 0, "+03:00")}
    )
    assert single.status_code == 201, single.text
    [one] = single.json()["items"]
    assert one["duration_minutes"] == 90

    refused = [
        {"departs_at": "2027-05-01T07:30:00", "arrives_at": "2027-05-01T10:30:00"},  # no offset
        {"departs_at": "2020-05-01T07:30:00+01:00", "arrives_at": "2020-05-01T10:30:00+01:00"},  # past
        {"departs_at": "2027-05-01T07:30:00+01:00", "arrives_at": "2027-05-01T07:30:00+01:00"},
        {"departs_at": "2027-03-22T07:30:00+01:00", "arrives_at": "2027-03-22T12:00:00+03:00"},  # taken
        {"departs_at": "2027-05-01T07:30:00+01:00"},
        {"schedule": weekly, "departs_at": "2027-05-01T07:30:00+01:00", "arrives_at": "2027-05-01T09:30:00+01:00"},
        {"schedule": {**weekly, "from": "2027-04-05", "to": "2027-04-06", "weekdays": [7]}},  # no such day
        {"schedule": {**weekly, "to": "2027-03-01"}},
        {"schedule": {**weekly, "from": "2027-05-01", "to": "2028-05-01"}},  # more than a year
        # 02:30 does not exist in Frankfurt on 28 March 2027.
        {
            "schedule": {
                **weekly,
                "from": "2027-03-28",
                "to": "2027-03-28",
                "weekdays": [7],
                "departure_local_time": "02:30",
            }
        },
    ]
    for body in refused:
        answer = await carrier.client.post(departures, json=body)
        assert answer.status_code == 400, (body, answer.text)
        assert answer.json()["code"] == "invalid_schedule", (body, answer.json())
    listed = (await carrier.client.get(departures)).json()
    assert listed["total"] == 7  # nothing half-written by the refusals
    assert listed["items"][0]["id"] == one["id"]  # in time order

    # The seat map is fixed once a departure uses the aircraft.
    assert (await carrier.client.get(f"/api/v1/flights/aircraft/{aircraft['id']}")).json()["in_use"] is True

    # Not published: the public and other carriers find nothing.
    assert (await anonymous.get(f"/api/v1/flights/departures/{one['id']}")).status_code == 404
    assert (await rival.client.get(departures)).status_code == 404
    assert (await rival.client.post(departures, json={"schedule": weekly})).status_code == 404


async def test_publishing_fares_and_cancelling(settings: Settings, client_factory: ClientFactory) -> None:
    await add_airports(settings)
    carrier, rival = await make_accounts(settings, client_factory, 2, Role.ORGANIZER, "carrier")
    [passenger] = await make_accounts(settings, client_factory, 1, Role.PARTICIPANT, "fan")
    anonymous = await client_factory()
    aircraft = await make_aircraft(carrier.client)
    route = await make_route(carrier.client, aircraft["id"])
    publish = f"{ROUTES}/{route['id']}/publish"
    early = await carrier.client.post(publish)
    assert early.status_code == 409
    assert early.json()["code"] == "not_publishable"

    made = await carrier.client.post(
        f"{ROUTES}/{route['id']}/departures",
        json={
            "schedule": {
                "from": _in_days(2)[:10],
                "to": _in_days(4)[:10],
                "weekdays": [1, 2, 3, 4, 5, 6, 7],
                "departure_local_time": "07:30",
                "duration_minutes": 100,
            }
        },
    )
    assert made.status_code == 201, made.text
    first, second, third = (d["id"] for d in made.json()["items"])
    published = await carrier.client.post(publish)
    assert published.status_code == 200
    assert published.json()["status"] == "published"

    departure = (await anonymous.get(f"/api/v1/flights/departures/{first}")).json()
    assert departure["on_sale"] is True
    # The session's counters guard the whole aircraft.
    availability = (await anonymous.get(f"/api/v1/sessions/{first}/availability")).json()
    assert availability["capacity"] == availability["available"] == sum(A320_SEATS.values())
    assert departure["departs_at"].endswith("T07:30:00+05:00")
    economy, business = (f for f in sorted(route["fares"], key=lambda f: f["cabin"], reverse=True))
    assert [f["id"] for f in departure["fares"]] == [business["id"], economy["id"]]

    # A fare withdrawn from sale disappears from the public departure, not from the carrier's.
    changed = await carrier.client.patch(
        f"/api/v1/flights/fares/{economy['id']}", json={"price": 2_700_000, "is_active": False, "checked_bags": 1}
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["price"], changed.json()["is_active"], changed.json()["checked_bags"]) == (
        2_700_000,
        False,
        1,
    )
    assert [f["id"] for f in (await anonymous.get(f"/api/v1/flights/departures/{first}")).json()["fares"]] == [
        business["id"]
    ]
    assert len((await carrier.client.get(f"/api/v1/flights/departures/{first}")).json()["fares"]) == 2
    assert (await rival.client.patch(f"/api/v1/flights/fares/{economy['id']}", json={"price": 1})).status_code == 404
    added = await carrier.client.post(f"{ROUTES}/{route['id']}/fares", json={**ECONOMY_LIGHT, "name": "Economy Saver"})
    assert added.status_code == 201
    assert added.json()["name"] == "Economy Saver"
    no_cabin = await carrier.client.post(f"{ROUTES}/{route['id']}/fares", json={**ECONOMY_LIGHT, "cabin": "first"})
    assert (no_cabin.status_code, no_cabin.json()["code"]) == (400, "invalid_route")

    # The generic endpoints send the departure's buyers and editors to the flights API.
    generic = [
        await passenger.client.post(
            "/api/v1/bookings",
            json={"session_id": first, "items": [{"ticket_type_id": business["id"], "quantity": 1}]},
        ),
        await carrier.client.patch(f"/api/v1/sessions/{first}", json={"capacity": 10}),
        await carrier.client.post(f"/api/v1/sessions/{first}/cancel", json={}),
        await carrier.client.post(f"/api/v1/events/{route['id']}/cancel", json={}),
    ]
    for answer in generic:
        assert answer.status_code == 409, answer.text
        assert answer.json()["code"] == "domain_booking_required"
        assert answer.json()["path"] == "/api/v1/flights"

    assert (await rival.client.post(f"/api/v1/flights/departures/{first}/cancel", json={})).status_code == 404
    cancelled = await carrier.client.post(f"/api/v1/flights/departures/{first}/cancel", json={"reason": "Weather"})
    assert cancelled.status_code == 200
    assert (cancelled.json()["status"], cancelled.json()["on_sale"]) == ("cancelled", False)
    assert (await anonymous.get(f"/api/v1/sessions/{first}/availability")).json()["status"] == "cancelled"
    # A cancelled time is free again for a new departure.
    again = await carrier.client.post(
        f"{ROUTES}/{route['id']}/departures",
        json={"departs_at": departure["departs_at"], "arrives_at": departure["arrives_at"]},
    )
    assert again.status_code == 201, again.text

    ended = await carrier.client.post(f"{ROUTES}/{route['id']}/cancel", json={"reason": "Route closed"})
    assert ended.status_code == 200
    assert ended.json()["status"] == "cancelled"
    for departure_id in (second, third, again.json()["items"][0]["id"]):
        read = (await anonymous.get(f"/api/v1/flights/departures/{departure_id}")).json()
        assert (read["status"], read["on_sale"]) == ("cancelled", False)
    late = await carrier.client.post(
        f"{ROUTES}/{route['id']}/departures", json={"departs_at": _in_days(9), "arrives_at": _in_days(9, 9, 10)}
    )
    assert (late.status_code, late.json()["code"]) == (409, "event_cancelled")


async def test_flight_numbers_and_return_routes_are_taken_once_under_concurrent_requests(
    settings: Settings, client_factory: ClientFactory
) -> None:
    await add_airports(settings)
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    aircraft = await make_aircraft(carrier.client)
    body = {
        "flight_number": "TS777",
        "origin": "ALA",
        "destination": "FRU",
        "aircraft_id": aircraft["id"],
        "fares": [ECONOMY_LIGHT],
    }
    answers = await asyncio.gather(*(carrier.client.post(ROUTES, json=body) for _ in range(20)))
    assert sorted(a.status_code for a in answers) == [201] + [409] * 19
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"flight_number_taken"}
    route = next(a.json() for a in answers if a.status_code == 201)

    returns = await asyncio.gather(
        *(
            carrier.client.post(f"{ROUTES}/{route['id']}/return", json={"flight_number": f"TS{800 + i}"})
            for i in range(10)
        )
    )
    assert sorted(a.status_code for a in returns) == [201] + [409] * 9
    assert {a.json()["code"] for a in returns if a.status_code == 409} == {"return_exists"}
    assert (await carrier.client.get(ROUTES)).json()["total"] == 2

    departures = f"{ROUTES}/{route['id']}/departures"
    one = {"departs_at": _in_days(5), "arrives_at": _in_days(5, 9, 0)}
    made = await asyncio.gather(*(carrier.client.post(departures, json=one) for _ in range(10)))
    assert sorted(a.status_code for a in made) == [201] + [400] * 9
    assert {a.json()["code"] for a in made if a.status_code == 400} == {"invalid_schedule"}
    assert (await carrier.client.get(departures)).json()["total"] == 1
