"""Throttling: sign-in per address, per (e-mail, address) with progressive delays, and per e-mail across
addresses; bookings and payments per account and per address.

With TESSERA_TEST_REDIS_URL set the counters live in Redis, as in production."""

from __future__ import annotations

from httpx import AsyncClient, Response
from limits.aio.storage import MemoryStorage
from redis.asyncio import Redis

from tessera.core.errors import LoginLockedError
from tessera.core.ratelimit import LoginThrottle
from tessera.server.app import create_app

from .conftest import PASSWORD, REDIS_URL, ClientFactory, SettingsFactory, register
from .helpers import book, make_listing


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


async def login(client: AsyncClient, email: str, password: str) -> Response:
    return await client.post("/api/v1/auth/login", json={"email": email, "password": password})


async def test_failures_for_one_email_from_many_addresses_are_capped_but_not_for_its_known_address(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    app = create_app(make_settings(TESSERA_LOGIN_RATE_PER_EMAIL="3/minute"))
    owner = await client_factory(app, client_ip="198.51.100.7")
    await register(owner, "target@example.com")
    assert (await login(owner, "target@example.com", PASSWORD)).status_code == 200  # a known address now
    # A botnet guesses from many addresses, one failure each: the account's failure cap is reached...
    for n in range(3):
        bot = await client_factory(app, client_ip=f"203.0.113.{n + 1}")
        assert (await login(bot, "TARGET@example.com", "guess")).status_code == 401
    newcomer = await client_factory(app, client_ip="203.0.113.99")
    capped = await login(newcomer, "target@example.com", PASSWORD)
    assert capped.status_code == 429
    assert capped.json()["code"] == "rate_limited"
    # ...but the owner's usual address still signs in, and other accounts are unaffected.
    assert (await login(owner, "target@example.com", PASSWORD)).status_code == 200
    await register(newcomer, "other@example.com")
    assert (await login(newcomer, "other@example.com", PASSWORD)).status_code == 200


async def test_repeated_failures_make_that_address_wait(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    app = create_app(make_settings(TESSERA_LOGIN_LOCKOUT_FAILURES="3"))
    attacker = await client_factory(app, client_ip="203.0.113.5")
    await register(await client_factory(app), "locked@example.com")
    for _ in range(3):
        assert (await login(attacker, "locked@example.com", "wrong-1")).status_code == 401
    # Even the right password is refused from this address while it waits.
    right = await login(attacker, "locked@example.com", PASSWORD)
    assert right.status_code == 429
    assert right.json()["code"] == "login_locked"
    assert 50 <= int(right.headers["retry-after"]) <= 60
    token = await attacker.post("/api/v1/auth/token", json={"email": "locked@example.com", "password": PASSWORD})
    assert token.status_code == 429


async def test_the_owner_signs_in_from_elsewhere_while_an_attacker_is_locked_out(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    app = create_app(make_settings(TESSERA_LOGIN_LOCKOUT_FAILURES="3", TESSERA_LOGIN_RATE_PER_EMAIL="10/minute"))
    await register(await client_factory(app), "victim@example.com")
    attacker = await client_factory(app, client_ip="203.0.113.66")
    statuses = [(await login(attacker, "victim@example.com", f"guess-{n}")).status_code for n in range(12)]
    assert statuses[:3] == [401, 401, 401]
    assert set(statuses[3:]) == {429}
    owner = await client_factory(app, client_ip="198.51.100.20")  # a place the owner never signed in from
    assert (await login(owner, "victim@example.com", PASSWORD)).status_code == 200
    assert (await owner.get("/api/v1/auth/me")).status_code == 200


async def test_progressive_delays_double_and_stop_at_the_lockout_limit(make_settings: SettingsFactory) -> None:
    settings = make_settings(TESSERA_LOGIN_LOCKOUT_FAILURES="2", TESSERA_LOGIN_LOCKOUT_MINUTES="3")
    throttle = LoginThrottle(settings.rate_limit, MemoryStorage())
    waits = []
    for _ in range(5):
        await throttle.record_failure("slow@example.com", "203.0.113.9")
        try:
            await throttle.check_email("slow@example.com", "203.0.113.9")
            waits.append(0)
        except LoginLockedError as exc:
            waits.append(int((exc.headers or {})["Retry-After"]))
    assert waits[0] == 0
    assert [round(w / 60) for w in waits[1:]] == [1, 2, 3, 3]  # 1, 2, 4 (capped at 3) minutes
    await throttle.check_email("slow@example.com", "203.0.113.10")  # another address is not affected


async def test_a_success_clears_earlier_failures(client_factory: ClientFactory, make_settings: SettingsFactory) -> None:
    client = await client_factory(create_app(make_settings(TESSERA_LOGIN_LOCKOUT_FAILURES="3")))
    # Two failures, a success, two more failures: the success started the count afresh.
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


async def test_bookings_and_payments_are_limited_per_account_and_per_address(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    app = create_app(
        make_settings(
            TESSERA_BOOKING_RATE_PER_ACCOUNT="2/minute",
            TESSERA_BOOKING_RATE_PER_IP="3/minute",
            TESSERA_PAYMENT_RATE_PER_ACCOUNT="1/minute",
        )
    )
    organizer = await client_factory(app)
    await register(organizer, "org-limits@example.com", role="organizer")
    organizer.headers["X-CSRFToken"] = organizer.cookies["csrftoken"]
    event = await make_listing(organizer, capacity=100)
    first = await client_factory(app, client_ip="198.51.100.1")
    await register(first, "first@example.com")
    first.headers["X-CSRFToken"] = first.cookies["csrftoken"]
    assert [(await book(first, event)).status_code for _ in range(2)] == [201, 201]
    limited = await book(first, event)
    assert limited.status_code == 429
    assert limited.json()["code"] == "rate_limited"
    assert int(limited.headers["retry-after"]) >= 1
    # A second account behind the same address gets one more booking before the address limit.
    second = await client_factory(app, client_ip="198.51.100.1")
    await register(second, "second@example.com")
    second.headers["X-CSRFToken"] = second.cookies["csrftoken"]
    assert [(await book(second, event)).status_code for _ in range(2)] == [201, 429]
    # Payments: the first start is answered (whatever the gateway says), the second is refused.
    booking_id = (await first.get("/api/v1/bookings")).json()["items"][0]["id"]
    pay = [await first.post("/api/v1/payments", json={"booking_id": booking_id}) for _ in range(2)]
    assert pay[0].status_code != 429
    assert pay[1].status_code == 429
    assert pay[1].json()["code"] == "rate_limited"
