"""Aircraft and seat maps: a carrier describes cabins, rows and layouts; the server generates the seats."""

from __future__ import annotations

import asyncio
from typing import Any

from tessera.config import Settings
from tessera.core.auth import Role
from tessera.flights.models import SeatPosition
from tessera.flights.seatmaps import positions

from .conftest import ClientFactory
from .flight_helpers import A320
from .helpers import make_accounts


def test_seat_positions_follow_the_aisles() -> None:
    W, M, A = SeatPosition.WINDOW, SeatPosition.MIDDLE, SeatPosition.AISLE
    assert positions("ABC-DEF") == {"A": W, "B": M, "C": A, "D": A, "E": M, "F": W}
    assert positions("AC-DF") == {"A": W, "C": A, "D": A, "F": W}
    wide = positions("ABC-DEFG-HJK")
    assert [wide[x] for x in "ABCDEFGHJK"] == [W, M, A, A, M, M, A, A, M, W]
    assert positions("A-B") == {"A": W, "B": W}


async def test_a_carrier_describes_an_aircraft_and_gets_its_seats(
    settings: Settings, client_factory: ClientFactory
) -> None:
    carrier, rival = await make_accounts(settings, client_factory, 2, Role.ORGANIZER, "carrier")
    created = await carrier.client.post("/api/v1/flights/aircraft", json=A320)
    assert created.status_code == 201, created.text
    body = created.json()
    # Business: 3 rows of 4. Economy: rows 4-30 without 13, 6 a row, less the blocked 30F.
    assert body["seat_count"] == 12 + 26 * 6 - 1
    assert body["registration"] == "UP-A2001"
    assert body["in_use"] is False
    assert body["cabins"] == [
        {"cabin": "business", "first_row": 1, "last_row": 3, "layout": "AC-DF", "seat_count": 12},
        {"cabin": "economy", "first_row": 4, "last_row": 30, "layout": "ABC-DEF", "seat_count": 155},
    ]

    detail = await carrier.client.get(f"/api/v1/flights/aircraft/{body['id']}")
    assert detail.status_code == 200
    seats = {s["code"]: s for s in detail.json()["seats"]}
    assert len(seats) == 12 + 26 * 6
    assert [s["code"] for s in detail.json()["seats"]][:5] == ["1A", "1C", "1D", "1F", "2A"]
    assert not any(code.startswith("13") for code in seats)
    assert seats["1C"]["position"] == "aisle"
    assert seats["4B"] == {
        "code": "4B",
        "cabin": "economy",
        "position": "middle",
        "exit_row": False,
        "extra_legroom": True,
        "blocked": False,
    }
    assert seats["12A"]["exit_row"]
    assert seats["12A"]["extra_legroom"]
    assert seats["30F"]["blocked"]
    assert not seats["30E"]["blocked"]

    # Registrations are per carrier; another carrier's aircraft is not found.
    again = await carrier.client.post("/api/v1/flights/aircraft", json={**A320, "registration": "up-a2001"})
    assert again.status_code == 409
    assert again.json()["code"] == "conflict"
    assert (await rival.client.post("/api/v1/flights/aircraft", json=A320)).status_code == 201
    hidden = await rival.client.get(f"/api/v1/flights/aircraft/{body['id']}")
    assert hidden.status_code == 404
    second = await carrier.client.post("/api/v1/flights/aircraft", json={**A320, "registration": None})
    assert second.status_code == 201
    listed = (await carrier.client.get("/api/v1/flights/aircraft")).json()
    assert listed["total"] == 2
    assert [a["id"] for a in listed["items"]] == [second.json()["id"], body["id"]]


async def test_seat_maps_that_cannot_be_flown_are_refused(settings: Settings, client_factory: ClientFactory) -> None:
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    [passenger] = await make_accounts(settings, client_factory, 1, Role.PARTICIPANT, "fan")
    economy = {"cabin": "economy", "first_row": 4, "last_row": 30, "layout": "ABC-DEF"}
    # Each broken map, and a word its refusal names.
    broken: list[tuple[dict[str, Any], str]] = [
        ({"cabins": [{"cabin": "business", "first_row": 1, "last_row": 5, "layout": "AC-DF"}, economy]}, "share"),
        ({"cabins": [economy, {**economy, "first_row": 31, "last_row": 32}]}, "once"),
        ({"cabins": [{**economy, "layout": "ABA-DEF"}]}, "distinct"),
        ({"cabins": [{**economy, "layout": "abc-def"}]}, "distinct"),
        ({"cabins": [{**economy, "layout": "ABC-DEL"}]}, "distinct"),
        ({"cabins": [{**economy, "layout": "-ABC"}]}, "distinct"),
        ({"cabins": [{**economy, "layout": "ABC-DEFGH-IJK"}]}, "at most 10 seats"),
        ({"cabins": [{**economy, "layout": "A-B-C-D-E"}]}, "3 aisles"),
        ({"cabins": [{**economy, "first_row": 10, "last_row": 4}]}, "ends before"),
        ({"cabins": [economy], "skip_rows": [2]}, "in no cabin"),
        ({"cabins": [economy], "skip_rows": [13], "exit_rows": [13]}, "skipped row"),
        ({"cabins": [economy], "blocked_seats": ["31A"]}, "31A"),
        (
            {
                "cabins": [{"cabin": "economy", "first_row": 1, "last_row": 1, "layout": "AB"}],
                "blocked_seats": ["1A", "1B"],
            },
            "no seat to sell",
        ),
        ({"cabins": [{"cabin": "economy", "first_row": 1, "last_row": 99, "layout": "ABC-DEFG-HJK"}]}, "853"),
    ]
    for change, reason in broken:
        refused = await carrier.client.post(
            "/api/v1/flights/aircraft",
            json={**A320, "skip_rows": [], "exit_rows": [], "extra_legroom_rows": [], "blocked_seats": [], **change},
        )
        assert refused.status_code == 400, change
        assert refused.json()["code"] == "invalid_seat_map", refused.json()
        assert reason in refused.json()["detail"], refused.json()
    missing = await carrier.client.post("/api/v1/flights/aircraft", json={"model": "No cabins", "cabins": []})
    assert missing.status_code == 400
    assert missing.json()["code"] == "validation_error"
    assert (await carrier.client.get("/api/v1/flights/aircraft")).json()["total"] == 0  # nothing half-written

    forbidden = await passenger.client.post("/api/v1/flights/aircraft", json=A320)
    assert forbidden.status_code == 403
    assert forbidden.json()["code"] == "forbidden"


async def test_one_registration_is_taken_once_under_concurrent_requests(
    settings: Settings, client_factory: ClientFactory
) -> None:
    [carrier] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "carrier")
    answers = await asyncio.gather(*(carrier.client.post("/api/v1/flights/aircraft", json=A320) for _ in range(20)))
    assert sorted(a.status_code for a in answers) == [201] + [409] * 19
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"conflict"}
    assert (await carrier.client.get("/api/v1/flights/aircraft")).json()["total"] == 1
