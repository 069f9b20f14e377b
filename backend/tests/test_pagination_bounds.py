"""Every paginated list (found in the served OpenAPI document, so new ones are covered too) bounds ``limit`` and
``offset``: out-of-range values, however large, are a 400 ``validation_error``, never a database error."""

from __future__ import annotations

from typing import Any

import pytest

from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.pagination import MAX_LIMIT, MAX_OFFSET

from .conftest import ClientFactory
from .flight_helpers import add_airports, make_aircraft, make_route
from .helpers import make_accounts, make_listing

OUT_OF_RANGE = [
    {"offset": "9223372036854775808"},  # one past a signed 64-bit integer
    {"offset": "9223372036854775807"},
    {"offset": str(10**40)},
    {"offset": str(MAX_OFFSET + 1)},
    {"offset": "-1"},
    {"limit": "9223372036854775808"},
    {"limit": str(10**40)},
    {"limit": str(MAX_LIMIT + 1)},
    {"limit": "0"},
    {"limit": "-9223372036854775809"},
]


@pytest.fixture
async def admin_and_listing(
    settings: Settings, client_factory: ClientFactory
) -> tuple[Any, dict[str, Any], dict[str, Any]]:
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "organizer")
    [admin] = await make_accounts(settings, client_factory, 1, Role.ADMIN, "admin")
    await add_airports(settings)
    route = await make_route(organizer.client, (await make_aircraft(organizer.client))["id"])
    return admin.client, await make_listing(organizer.client), route


async def test_every_paginated_list_bounds_limit_and_offset(
    admin_and_listing: tuple[Any, dict[str, Any], dict[str, Any]],
) -> None:
    admin, listing, route = admin_and_listing
    ids = {
        "event_id": listing["id"],
        "session_id": listing["sessions"][0]["id"],
        "route_id": route["id"],
        "user_id": listing["organizer"]["id"],
    }
    document = (await admin.get("/schema/openapi.json")).json()
    paginated = [
        path
        for path, item in document["paths"].items()
        if "get" in item and {"limit", "offset"} <= {p["name"] for p in item["get"].get("parameters", [])}
    ]
    assert len(paginated) >= 9, paginated
    for template in paginated:
        offset = next(p for p in document["paths"][template]["get"]["parameters"] if p["name"] == "offset")
        assert offset["schema"]["maximum"] == MAX_OFFSET, template  # documented, so clients know
        path = template.format(**ids)
        deepest = await admin.get(path, params={"offset": str(MAX_OFFSET), "limit": str(MAX_LIMIT)})
        assert deepest.status_code == 200, (template, deepest.text)
        assert deepest.json()["items"] == []
        for params in OUT_OF_RANGE:
            response = await admin.get(path, params=params)
            assert response.status_code == 400, (template, params, response.text)
            body = response.json()
            assert body["code"] == "validation_error", body
            assert [e["field"] for e in body["errors"]] == [next(iter(params))], body
