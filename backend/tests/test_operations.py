"""Health probes, metrics, API docs, request ids, and that failures never leak internals."""

from __future__ import annotations

from pathlib import Path

from tessera.server.app import create_app

from .conftest import PRODUCTION_ENV, ClientFactory, SettingsFactory, free_port


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
