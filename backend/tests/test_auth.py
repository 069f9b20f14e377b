"""Accounts: sign-up, sign-in, cookies, CSRF, bearer tokens, refresh rotation and reuse detection."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from http.cookies import SimpleCookie
from typing import Any

import jwt
import pytest
from httpx import AsyncClient

from tessera.config import Settings
from tessera.core.security import JWT_ALGORITHM
from tessera.server.app import create_app

from .conftest import PASSWORD, PRODUCTION_ENV, ClientFactory, SettingsFactory, bearer_token, csrf_headers, register


def set_cookies(response: Any) -> dict[str, SimpleCookie]:
    cookies: dict[str, SimpleCookie] = {}
    for header in response.headers.get_list("set-cookie"):
        parsed: SimpleCookie = SimpleCookie()
        parsed.load(header)
        for key in parsed:
            cookies[key] = parsed
    return cookies


async def test_register_signs_in_with_httponly_cookies(client: AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/register", json={"email": "Ada@Example.com", "password": PASSWORD, "name": " Ada "}
    )
    assert response.status_code == 201
    body = response.json()
    assert body["email"] == "ada@example.com"
    assert body["name"] == "Ada"
    assert body["role"] == "participant"
    assert "password_hash" not in body

    cookies = set_cookies(response)
    access = cookies["access_token"]["access_token"]
    refresh = cookies["refresh_token"]["refresh_token"]
    assert access["httponly"]
    assert refresh["httponly"]
    assert access["samesite"].lower() == "lax"
    assert refresh["samesite"].lower() == "lax"
    assert access["path"] == "/"
    assert refresh["path"] == "/api/v1/auth"
    assert not access["secure"]  # development mode serves plain http
    csrf = cookies["csrftoken"]["csrftoken"]
    assert not csrf["httponly"]  # the web app reads it to echo it

    me = await client.get("/api/v1/auth/me")
    assert me.status_code == 200
    assert me.json()["email"] == "ada@example.com"


async def test_production_cookies_are_secure(client_factory: ClientFactory, make_settings: Any) -> None:
    from tessera.server.app import create_app

    settings: Settings = make_settings(**PRODUCTION_ENV)
    client = await client_factory(create_app(settings))
    response = await client.post(
        "/api/v1/auth/register", json={"email": "sec@example.com", "password": PASSWORD, "name": "Sec"}
    )
    assert response.status_code == 201
    cookies = set_cookies(response)
    assert cookies["access_token"]["access_token"]["secure"]
    assert cookies["refresh_token"]["refresh_token"]["secure"]


async def test_email_is_unique_case_insensitively(client_factory: ClientFactory) -> None:
    await register(await client_factory(), "grace@example.com")
    other = await client_factory()
    response = await other.post(
        "/api/v1/auth/register", json={"email": "GRACE@example.COM", "password": PASSWORD, "name": "Imposter"}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "email_taken"


async def test_concurrent_sign_ups_with_one_email_create_one_account(client_factory: ClientFactory) -> None:
    clients = [await client_factory() for _ in range(8)]
    responses = await asyncio.gather(
        *(
            c.post(
                "/api/v1/auth/register",
                json={"email": "RACE@Example.com" if i % 2 else "race@example.com", "password": PASSWORD, "name": "R"},
            )
            for i, c in enumerate(clients)
        )
    )
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(201) == 1
    assert all(r.json()["code"] == "email_taken" for r in responses if r.status_code != 201)


async def test_login_errors_do_not_reveal_which_part_was_wrong(client_factory: ClientFactory) -> None:
    await register(await client_factory(), "lin@example.com")
    client = await client_factory()
    wrong_password = await client.post("/api/v1/auth/login", json={"email": "lin@example.com", "password": "nope-nope"})
    unknown_email = await client.post("/api/v1/auth/login", json={"email": "nobody@example.com", "password": "x"})
    assert wrong_password.status_code == unknown_email.status_code == 401
    assert wrong_password.json() == unknown_email.json()
    assert wrong_password.json()["code"] == "invalid_credentials"
    assert "access_token" not in client.cookies

    ok = await client.post("/api/v1/auth/login", json={"email": "LIN@example.com", "password": PASSWORD})
    assert ok.status_code == 200
    assert (await client.get("/api/v1/auth/me")).json()["email"] == "lin@example.com"


async def test_unsafe_cookie_requests_need_the_csrf_token(client: AsyncClient) -> None:
    await register(client, "csrf@example.com")

    missing = await client.patch("/api/v1/auth/me", json={"name": "Changed"})
    assert missing.status_code == 403
    assert missing.json()["code"] == "csrf_failed"

    forged = await client.patch("/api/v1/auth/me", json={"name": "Changed"}, headers={"X-CSRFToken": "0" * 128})
    assert forged.status_code == 403
    assert forged.json()["code"] == "csrf_failed"

    logout = await client.post("/api/v1/auth/logout")
    assert logout.status_code == 403
    assert logout.json()["code"] == "csrf_failed"

    ok = await client.patch("/api/v1/auth/me", json={"name": "Changed"}, headers=csrf_headers(client))
    assert ok.status_code == 200
    assert ok.json()["name"] == "Changed"


async def test_csrf_token_from_another_browser_is_refused(client_factory: ClientFactory) -> None:
    victim, attacker = await client_factory(), await client_factory()
    await register(victim, "victim@example.com")
    await attacker.get("/health/live")
    response = await victim.patch("/api/v1/auth/me", json={"name": "Owned"}, headers=csrf_headers(attacker))
    assert response.status_code == 403
    assert response.json()["code"] == "csrf_failed"


async def test_bearer_requests_need_no_csrf_and_get_no_cookies(client_factory: ClientFactory) -> None:
    await register(await client_factory(), "api@example.com")
    client = await client_factory()
    response = await client.post("/api/v1/auth/token", json={"email": "api@example.com", "password": PASSWORD})
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 15 * 60
    assert body["refresh_token"]
    assert "access_token" not in set_cookies(response)
    assert "refresh_token" not in set_cookies(response)

    headers = {"Authorization": f"Bearer {body['access_token']}"}
    changed = await client.patch("/api/v1/auth/me", json={"language": "ru"}, headers=headers)
    assert changed.status_code == 200
    assert changed.json()["language"] == "ru"


async def test_bearer_header_wins_over_cookies_and_skips_csrf(client_factory: ClientFactory) -> None:
    browser = await client_factory()
    await register(browser, "both@example.com")
    token = await bearer_token(await client_factory(), "both@example.com")
    response = await browser.patch(
        "/api/v1/auth/me", json={"name": "Via bearer"}, headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200


async def test_access_token_claims_and_algorithm_are_pinned(client_factory: ClientFactory, settings: Settings) -> None:
    await register(await client_factory(), "jwt@example.com")
    client = await client_factory()
    token = await bearer_token(client, "jwt@example.com")
    claims = jwt.decode(token, settings.auth.secret_key, algorithms=[JWT_ALGORITHM], audience="tessera-api")
    assert {"exp", "iat", "iss", "aud", "sub", "jti"} <= claims.keys()
    assert claims["exp"] - claims["iat"] == 15 * 60
    assert jwt.get_unverified_header(token)["alg"] == "HS256"

    now = datetime.now(UTC)
    base = {k: claims[k] for k in ("sub", "role", "iss", "aud", "jti", "fid")}
    forged = {
        "expired": jwt.encode(
            {**base, "iat": now - timedelta(hours=1), "exp": now - timedelta(minutes=1)},
            settings.auth.secret_key,
            algorithm="HS256",
        ),
        "wrong key": jwt.encode({**base, "iat": now, "exp": now + timedelta(minutes=5)}, "x" * 40, algorithm="HS256"),
        "other algorithm": jwt.encode(
            {**base, "iat": now, "exp": now + timedelta(minutes=5)}, settings.auth.secret_key, algorithm="HS512"
        ),
        "wrong audience": jwt.encode(
            {**base, "aud": "elsewhere", "iat": now, "exp": now + timedelta(minutes=5)},
            settings.auth.secret_key,
            algorithm="HS256",
        ),
        "unsigned": jwt.encode({**base, "iat": now, "exp": now + timedelta(minutes=5)}, "", algorithm="none"),
        "role escalation": jwt.encode(
            {**base, "role": "admin", "iat": now, "exp": now + timedelta(minutes=5)}, "y" * 40, algorithm="HS256"
        ),
    }
    for name, bad in forged.items():
        response = await client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {bad}"})
        assert response.status_code == 401, name
        assert response.json()["code"] == "not_authenticated", name


async def test_an_access_token_the_server_has_seen_still_expires(
    client_factory: ClientFactory, settings: Settings
) -> None:
    """Each process verifies a token's signature once and keeps the result; its expiry is checked on every
    request, so a token accepted a moment ago is refused once its time is up."""
    await register(await client_factory(), "expiring@example.com")
    genuine = await bearer_token(await client_factory(), "expiring@example.com")
    claims = jwt.decode(genuine, settings.auth.secret_key, algorithms=[JWT_ALGORITHM], audience="tessera-api")
    expires = int((datetime.now(UTC) + timedelta(seconds=1.5)).timestamp())
    short_lived = jwt.encode(
        {**claims, "iat": expires - 60, "exp": expires}, settings.auth.secret_key, algorithm="HS256"
    )
    client = await client_factory()
    headers = {"Authorization": f"Bearer {short_lived}"}
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 200
    assert (await client.get("/api/v1/auth/me", headers=headers)).status_code == 200
    await asyncio.sleep(expires - datetime.now(UTC).timestamp() + 0.05)
    expired = await client.get("/api/v1/auth/me", headers=headers)
    assert expired.status_code == 401
    assert expired.json()["code"] == "not_authenticated"


async def test_refresh_rotates_cookies(client: AsyncClient) -> None:
    await register(client, "rot@example.com")
    first_refresh = client.cookies.get("refresh_token", path="/api/v1/auth")
    first_access = client.cookies.get("access_token")

    missing_csrf = await client.post("/api/v1/auth/refresh")
    assert missing_csrf.status_code == 403

    response = await client.post("/api/v1/auth/refresh", headers=csrf_headers(client))
    assert response.status_code == 200, response.text
    assert response.json()["email"] == "rot@example.com"
    second_refresh = client.cookies.get("refresh_token", path="/api/v1/auth")
    assert second_refresh
    assert second_refresh != first_refresh
    assert client.cookies.get("access_token") != first_access

    again = await client.post("/api/v1/auth/refresh", headers=csrf_headers(client))
    assert again.status_code == 200


async def test_reusing_a_rotated_refresh_token_revokes_the_family(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    app = create_app(make_settings(TESSERA_REFRESH_GRACE_SECONDS="0"))
    await register(await client_factory(app), "fam@example.com")
    client = await client_factory(app)
    tokens = (await client.post("/api/v1/auth/token", json={"email": "fam@example.com", "password": PASSWORD})).json()
    first = tokens["refresh_token"]

    rotated = await client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    assert rotated.status_code == 200
    second = rotated.json()["refresh_token"]
    assert second != first

    replay = await client.post("/api/v1/auth/refresh", json={"refresh_token": first})
    assert replay.status_code == 401
    assert replay.json()["code"] == "invalid_refresh_token"

    # The legitimate holder's newer token died with the family.
    after = await client.post("/api/v1/auth/refresh", json={"refresh_token": second})
    assert after.status_code == 401

    # Another sign-in (another family) is unaffected.
    other = (await client.post("/api/v1/auth/token", json={"email": "fam@example.com", "password": PASSWORD})).json()
    assert (
        await client.post("/api/v1/auth/refresh", json={"refresh_token": other["refresh_token"]})
    ).status_code == 200


async def test_concurrent_use_of_one_refresh_token_lets_at_most_one_through(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    app = create_app(make_settings(TESSERA_REFRESH_GRACE_SECONDS="0"))
    await register(await client_factory(app), "dup@example.com")
    client = await client_factory(app)
    token = (await client.post("/api/v1/auth/token", json={"email": "dup@example.com", "password": PASSWORD})).json()
    responses = await asyncio.gather(
        *(client.post("/api/v1/auth/refresh", json={"refresh_token": token["refresh_token"]}) for _ in range(10))
    )
    assert [r.status_code for r in responses].count(200) <= 1
    assert all(r.status_code in {200, 401} for r in responses)


async def test_logout_ends_the_session(client: AsyncClient) -> None:
    await register(client, "bye@example.com")
    old_refresh = client.cookies.get("refresh_token", path="/api/v1/auth")
    response = await client.post("/api/v1/auth/logout", headers=csrf_headers(client))
    assert response.status_code == 204
    assert (await client.get("/api/v1/auth/me")).status_code == 401
    replay = await client.post("/api/v1/auth/refresh", json={"refresh_token": old_refresh})
    assert replay.status_code == 401


async def test_bearer_logout_revokes_the_sign_in_of_its_access_token(
    client: AsyncClient, client_factory: ClientFactory
) -> None:
    await register(client, "api-bye@example.com")
    tokens = (
        await client.post("/api/v1/auth/token", json={"email": "api-bye@example.com", "password": PASSWORD})
    ).json()
    api = await client_factory()  # no cookies: the bearer header alone names the sign-in, and needs no CSRF
    response = await api.post("/api/v1/auth/logout", headers={"Authorization": f"Bearer {tokens['access_token']}"})
    assert response.status_code == 204
    refreshed = await api.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert refreshed.status_code == 401


async def test_anonymous_requests_are_401(client: AsyncClient) -> None:
    response = await client.get("/api/v1/auth/me")
    assert response.status_code == 401
    assert response.json() == {"status_code": 401, "detail": "Authentication required", "code": "not_authenticated"}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"email": "not-an-email", "password": PASSWORD, "name": "X"}, "email"),
        ({"email": "a@example.com", "password": "short", "name": "X"}, "password"),
        ({"email": "a@example.com", "password": PASSWORD}, "name"),
        ({"email": "a@example.com", "password": PASSWORD, "name": "X", "role": "admin"}, "role"),
        ({"email": "a@example.com", "password": PASSWORD, "name": "X", "is_admin": True}, "is_admin"),
    ],
)
async def test_validation_errors_name_the_field(client: AsyncClient, body: dict[str, Any], field: str) -> None:
    response = await client.post("/api/v1/auth/register", json=body)
    assert response.status_code == 400
    payload = response.json()
    assert payload["code"] == "validation_error"
    assert payload["status_code"] == 400
    assert field in payload["detail"]
    assert any(field in (error["field"] or "") or field in error["message"] for error in payload["errors"])
    # Nothing was written.
    login = await client.post("/api/v1/auth/login", json={"email": "a@example.com", "password": PASSWORD})
    assert login.status_code == 401


async def test_malformed_json_is_a_clear_400(client: AsyncClient) -> None:
    response = await client.post(
        "/api/v1/auth/login", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json()["code"] in {"bad_request", "validation_error"}
    assert "Traceback" not in response.text


async def test_sign_in_accepts_only_json_so_cross_site_forms_cannot_log_you_in(client: AsyncClient) -> None:
    await register(client, "form@example.com")
    form_post = await client.post(
        "/api/v1/auth/login",
        content=f'{{"email": "form@example.com", "password": "{PASSWORD}", "x": "="}}'.encode(),
        headers={"Content-Type": "text/plain"},
    )
    assert form_post.status_code == 415
    assert form_post.json()["code"] == "unsupported_media_type"
    # Signing in again from a browser that still holds cookies needs no CSRF token.
    again = await client.post("/api/v1/auth/login", json={"email": "form@example.com", "password": PASSWORD})
    assert again.status_code == 200


async def test_without_a_grace_window_a_twin_that_lost_the_race_is_a_replay(
    client_factory: ClientFactory, make_settings: SettingsFactory, settings: Settings
) -> None:
    """A twin that started before the winner claimed the token sees the claim as a moment in its future;
    with the grace window switched off that must still count as reuse."""
    from sqlalchemy import update

    from tessera.accounts.models import RefreshToken
    from tessera.core.db import session_scope
    from tessera.core.security import hash_refresh_token

    app = create_app(make_settings(TESSERA_REFRESH_GRACE_SECONDS="0"))
    await register(await client_factory(app), "twin@example.com")
    api = await client_factory(app)
    issued = (await api.post("/api/v1/auth/token", json={"email": "twin@example.com", "password": PASSWORD})).json()
    async with session_scope(settings.database) as session:  # the winner's claim, stamped a little later
        await session.execute(
            update(RefreshToken)
            .where(RefreshToken.token_hash == hash_refresh_token(issued["refresh_token"]))
            .values(used_at=datetime.now(UTC) + timedelta(seconds=1))
        )
    twin = await api.post("/api/v1/auth/refresh", json={"refresh_token": issued["refresh_token"]})
    assert twin.status_code == 401
    assert twin.json()["code"] == "invalid_refresh_token"
