"""Health probes, metrics, API docs, request ids, and that failures never leak internals."""

from __future__ import annotations

import asyncio
import gc
from pathlib import Path
from typing import Any, cast

import asyncpg
import pytest
from asgi_lifespan import LifespanManager
from httpx import ASGITransport, AsyncClient
from litestar import get
from litestar.di import NamedDependency, Provide

from tessera.config import Settings
from tessera.server.app import create_app

from .conftest import PASSWORD, PRODUCTION_ENV, ClientFactory, SettingsFactory, _asyncpg_dsn, free_port, register


async def test_liveness_and_readiness(client_factory: ClientFactory) -> None:
    client = await client_factory()
    assert (await client.get("/health/live")).json() == {"status": "ok"}
    ready = await client.get("/health/ready")
    assert ready.status_code == 200
    assert ready.json()["status"] == "ok"
    assert ready.json()["checks"]["database"] == "ok"


async def test_readiness_fails_when_the_database_is_down(
    client_factory: ClientFactory, make_settings: SettingsFactory, database_url: str, tmp_path: Path
) -> None:
    if database_url.startswith("sqlite"):
        (tmp_path / "db.sqlite").mkdir()  # a directory where the database file should be: cannot be opened
        down = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}"
    else:
        down = f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/test"
    settings = make_settings(TESSERA_DATABASE_URL=down)
    client = await client_factory(create_app(settings))
    live = await client.get("/health/live")
    assert live.status_code == 200  # the process is fine; restarting it would not help
    ready = await client.get("/health/ready")
    assert ready.status_code == 503
    body = ready.json()
    assert body["code"] == "not_ready"
    assert body["checks"]["database"] == "unavailable"

    # A request that needs the database fails cleanly, without internals.
    login = await client.post("/api/v1/auth/login", json={"email": "a@example.com", "password": "whatever"})
    assert login.status_code == 500
    assert login.json() == {"status_code": 500, "detail": "Internal server error", "code": "internal_error"}
    assert "Traceback" not in login.text
    assert "sqlite" not in login.text.lower()


async def test_readiness_fails_when_redis_is_down(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    settings = make_settings(TESSERA_REDIS_URL=f"redis://127.0.0.1:{free_port()}/0")
    client = await client_factory(create_app(settings))
    ready = await client.get("/health/ready")
    assert ready.status_code == 503
    assert ready.json()["checks"] == {"database": "ok", "redis": "unavailable"}


async def test_every_response_carries_a_request_id(client_factory: ClientFactory) -> None:
    client = await client_factory()
    generated = await client.get("/health/live")
    assert len(generated.headers["x-request-id"]) == 32
    echoed = await client.get("/health/live", headers={"X-Request-ID": "trace-abc.123"})
    assert echoed.headers["x-request-id"] == "trace-abc.123"
    hostile = await client.get("/health/live", headers={"X-Request-ID": "bad id\r\nx: y"})
    assert hostile.headers["x-request-id"] != "bad id\r\nx: y"
    missing = await client.get("/no/such/path")
    assert missing.status_code == 404
    assert missing.json() == {"status_code": 404, "detail": "Not Found", "code": "not_found"}
    assert missing.headers["x-request-id"]
    wrong_method = await client.delete("/health/live")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["code"] == "method_not_allowed"


async def test_metrics_and_api_docs(client_factory: ClientFactory) -> None:
    client = await client_factory()
    await client.get("/health/live")
    metrics = await client.get("/metrics")
    assert metrics.status_code == 200
    assert "tessera_requests_total" in metrics.text
    docs = await client.get("/schema")
    assert docs.status_code == 200
    assert "swagger" in docs.text.lower()
    spec = (await client.get("/schema/openapi.json")).json()
    operations = {op["operationId"] for path in spec["paths"].values() for op in path.values() if "operationId" in op}
    assert {
        "register",
        "login",
        "logout",
        "refresh",
        "getMe",
        "issueToken",
        "adminListUsers",
        "listEvents",
        "getEvent",
        "createEvent",
        "updateEvent",
        "publishEvent",
        "cancelEvent",
        "listSessions",
        "createSession",
        "updateSession",
        "cancelSession",
        "getAvailability",
        "listTicketTypes",
        "createTicketType",
        "updateTicketType",
        "createVenue",
        "listMyVenues",
        "listMyListings",
        "createBooking",
        "listMyBookings",
        "getBooking",
        "cancelBooking",
        "listSessionBookings",
        "checkIn",
    } <= operations
    booking = spec["paths"]["/api/v1/bookings"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in booking["parameters"])
    assert "BookingRead" in str(booking["responses"]["201"])


async def test_every_response_carries_security_headers(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    client = await client_factory()
    for path in ("/api/v1/events", "/api/v1/auth/me", "/api/v1/nowhere", "/health/live"):
        response = await client.get(path)
        assert response.headers["x-content-type-options"] == "nosniff", path
        assert response.headers["x-frame-options"] == "DENY", path
        assert response.headers["referrer-policy"] == "no-referrer", path
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy, path
        assert "frame-ancestors 'none'" in policy, path
        assert "strict-transport-security" not in response.headers  # plain HTTP in development
    docs = await client.get("/schema/")
    assert docs.headers["content-security-policy"] == "frame-ancestors 'none'"  # its page loads its own assets
    production = await client_factory(create_app(make_settings(**PRODUCTION_ENV)))
    secure = await production.get("/api/v1/events")
    assert secure.headers["strict-transport-security"].startswith("max-age=31536000")


async def test_a_requests_dependencies_are_resolved_in_its_own_task(
    client_factory: ClientFactory, settings: Settings
) -> None:
    """Dependencies of one level are resolved one after another in the request's task, not one task each
    (which cost a tenth of an API process's CPU); a failing one still fails the request cleanly."""

    async def first() -> asyncio.Task[object] | None:
        return asyncio.current_task()

    async def second() -> asyncio.Task[object] | None:
        return asyncio.current_task()

    async def broken() -> int:
        raise RuntimeError("provider failed")

    @get("/probe/tasks", dependencies={"first": Provide(first), "second": Provide(second)})
    async def same_task(
        first: NamedDependency[asyncio.Task[object] | None], second: NamedDependency[asyncio.Task[object] | None]
    ) -> dict[str, bool]:
        here = asyncio.current_task()
        return {"first": first is here, "second": second is here}

    @get("/probe/broken", dependencies={"first": Provide(first), "failing": Provide(broken)})
    async def failing(first: NamedDependency[asyncio.Task[object] | None], failing: NamedDependency[int]) -> None:
        raise AssertionError("not reached")  # pragma: no cover

    app = create_app(settings)
    app.register(same_task)
    app.register(failing)
    client = await client_factory(app)
    assert (await client.get("/probe/tasks")).json() == {"first": True, "second": True}
    broken_response = await client.get("/probe/broken")
    assert broken_response.status_code == 500
    assert broken_response.json()["code"] == "internal_error"


async def test_pooled_connections_the_database_dropped_cost_no_request(
    client_factory: ClientFactory, database_url: str
) -> None:
    """After a database restart or a dropped connection, the pool's idle connections are dead: each is
    checked before it is handed out and replaced, so no request fails."""
    if database_url.startswith("sqlite"):
        pytest.skip("SQLite has no server connections to lose")
    client = await client_factory()
    await register(client, "pool@example.com")
    await asyncio.gather(*(client.get("/health/ready") for _ in range(8)))  # several connections in the pool
    await asyncio.sleep(0.6)  # idle past the window in which a just-returned connection is trusted
    admin = await asyncpg.connect(_asyncpg_dsn(database_url))
    try:
        dropped = await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
        )
    finally:
        await admin.close()
    assert dropped >= 1
    clients = [await client_factory() for _ in range(5)]
    credentials = {"email": "pool@example.com", "password": PASSWORD}
    answers = await asyncio.gather(*(c.post("/api/v1/auth/token", json=credentials) for c in clients))
    assert [a.status_code for a in answers] == [200] * 5


async def test_a_serving_process_keeps_its_startup_heap_out_of_garbage_collection(settings: Settings) -> None:
    """Objects built at startup are frozen while the app serves (a full collection then scans only what
    requests allocate) and handed back to the collector when it stops."""
    app = create_app(settings)
    async with LifespanManager(cast(Any, app)):
        assert gc.get_freeze_count() > 0
        transport = ASGITransport(app=cast(Any, app))
        async with AsyncClient(transport=transport, base_url="http://testserver.local") as client:
            assert (await client.get("/health/live")).status_code == 200
    assert gc.get_freeze_count() == 0
