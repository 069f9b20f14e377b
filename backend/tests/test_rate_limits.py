"""Sign-in throttling: per address, per e-mail, and a temporary lock after repeated failures.

With TESSERA_TEST_REDIS_URL set the counters live in Redis, as in production."""

from __future__ import annotations

from redis.asyncio import Redis

from tessera.app import create_app

from .conftest import PASSWORD, REDIS_URL, ClientFactory, SettingsFactory, register


async def test_too_many_attempts_from_one_address_get_429(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    client = await client_factory(create_app(make_settings(TESSERA_LOGIN_RATE_PER_IP="3/minute")))
    statuses = []
    for i in range(5):
        response = await client.post("/api/v1/auth/login", json={"email": f"u{i}@example.com", "password": "x"})
        statuses.append(response.status_code)
    assert statuses == [401, 401, 401, 429, 429]
    limited = response.json()
    assert limited["code"] == "rate_limited"
    assert int(response.headers["retry-after"]) >= 1
    if REDIS_URL:
        redis = Redis.from_url(REDIS_URL)
        assert await redis.keys("tessera:ratelimit*"), "counters should be kept in Redis"
        await redis.aclose()


async def test_too_many_attempts_for_one_email_get_429(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    client = await client_factory(create_app(make_settings(TESSERA_LOGIN_RATE_PER_EMAIL="2/minute")))
    await register(client, "target@example.com")
    codes = []
    for _ in range(3):
        response = await client.post("/api/v1/auth/login", json={"email": "TARGET@example.com", "password": PASSWORD})
        codes.append(response.status_code)
    assert codes == [200, 200, 429]
    # Other accounts from the same address are unaffected.
    await register(client, "other@example.com")
    ok = await client.post("/api/v1/auth/login", json={"email": "other@example.com", "password": PASSWORD})
    assert ok.status_code == 200


async def test_repeated_failures_lock_the_account_temporarily(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    client = await client_factory(create_app(make_settings(TESSERA_LOGIN_LOCKOUT_FAILURES="3")))
    await register(client, "locked@example.com")
    for _ in range(3):
        wrong = await client.post("/api/v1/auth/login", json={"email": "locked@example.com", "password": "wrong-1"})
        assert wrong.status_code == 401
    # Even the right password is refused while locked.
    right = await client.post("/api/v1/auth/login", json={"email": "locked@example.com", "password": PASSWORD})
    assert right.status_code == 429
    assert right.json()["code"] == "login_locked"
    assert int(right.headers["retry-after"]) > 60
    token = await client.post("/api/v1/auth/token", json={"email": "locked@example.com", "password": PASSWORD})
    assert token.status_code == 429


async def test_a_success_clears_earlier_failures(client_factory: ClientFactory, make_settings: SettingsFactory) -> None:
    client = await client_factory(create_app(make_settings(TESSERA_LOGIN_LOCKOUT_FAILURES="3")))
    await register(client, "forgetful@example.com")
    for _ in range(2):
        await client.post("/api/v1/auth/login", json={"email": "forgetful@example.com", "password": "wrong-1"})
    assert (
        await client.post("/api/v1/auth/login", json={"email": "forgetful@example.com", "password": PASSWORD})
    ).status_code == 200
    for _ in range(2):
        await client.post("/api/v1/auth/login", json={"email": "forgetful@example.com", "password": "wrong-1"})
    response = await client.post("/api/v1/auth/login", json={"email": "forgetful@example.com", "password": PASSWORD})
    assert response.status_code == 200


async def test_limits_can_be_switched_off_for_load_tests(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    client = await client_factory(
        create_app(make_settings(TESSERA_LOGIN_RATE_PER_IP="1/minute", TESSERA_RATE_LIMIT_ENABLED="false"))
    )
    for _ in range(3):
        response = await client.post("/api/v1/auth/login", json={"email": "x@example.com", "password": "x"})
        assert response.status_code == 401
