"""Revocation from the attacker's side: a copied access token stops working at the server the moment its
sign-in ends, its account is disabled or its role changes, on this API process and, within a second, on
every other one; roles come from the account, never from the token."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from httpx import AsyncClient
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import async_sessionmaker

from tessera.accounts.access import AccountAccessReader, record_revocation
from tessera.accounts.models import AccessRevocation, SignIn, User
from tessera.config import Settings
from tessera.core.db import create_engine, session_scope
from tessera.core.security import AccessTokens
from tessera.server.app import create_app

from .conftest import PASSWORD, ClientFactory, SettingsFactory, csrf_headers, register
from .helpers import create_accounts
from .test_admin_users import admin_client

ME = "/api/v1/auth/me"


async def stolen_copy(client_factory: ClientFactory, access_token: str, app: object = None) -> AsyncClient:
    """Another machine holding a copy of the token: no cookies of the victim's browser."""
    thief = await client_factory(app) if app is not None else await client_factory()
    thief.headers["Authorization"] = f"Bearer {access_token}"
    return thief


async def test_sign_out_kills_copies_of_the_access_cookie_at_once(client_factory: ClientFactory) -> None:
    browser = await client_factory()
    await register(browser, "victim@example.com")
    copied = browser.cookies.get("access_token")
    assert copied
    thief = await stolen_copy(client_factory, copied)
    assert (await thief.get(ME)).status_code == 200

    assert (await browser.post("/api/v1/auth/logout", headers=csrf_headers(browser))).status_code == 204
    refused = await thief.get(ME)
    assert refused.status_code == 401
    assert refused.json()["code"] == "not_authenticated"
    # The copy also fails as a cookie, not only as a bearer header.
    cookie_thief = await client_factory()
    cookie_thief.cookies.set("access_token", copied)
    assert (await cookie_thief.get(ME)).status_code == 401


async def test_sign_out_after_the_access_cookie_expired_still_ends_the_sign_in(client_factory: ClientFactory) -> None:
    browser = await client_factory()
    await register(browser, "late@example.com")
    refresh = browser.cookies.get("refresh_token", path="/api/v1/auth")
    assert refresh
    # The access cookie has expired: the browser no longer sends it; the refresh cookie reaches /auth/logout.
    browser.cookies.delete("access_token")
    assert (await browser.post("/api/v1/auth/logout", headers=csrf_headers(browser))).status_code == 204
    replay = await (await client_factory()).post("/api/v1/auth/refresh", json={"refresh_token": refresh})
    assert replay.status_code == 401


async def test_other_sign_ins_survive_a_sign_out(client_factory: ClientFactory) -> None:
    phone = await client_factory()
    await register(phone, "two@example.com")
    laptop = await client_factory()
    assert (
        await laptop.post("/api/v1/auth/login", json={"email": "two@example.com", "password": PASSWORD})
    ).status_code == 200
    await phone.post("/api/v1/auth/logout", headers=csrf_headers(phone))
    assert (await laptop.get(ME)).status_code == 200


async def test_disabling_an_account_kills_its_tokens_at_once(client_factory: ClientFactory, settings: Settings) -> None:
    admin, _ = await admin_client(client_factory, settings)
    member = await client_factory()
    user = await register(member, "bad@example.com")
    thief = await stolen_copy(client_factory, member.cookies["access_token"])
    assert (await thief.get(ME)).status_code == 200
    assert (await admin.patch(f"/api/v1/admin/users/{user['id']}", json={"is_active": False})).status_code == 200
    assert (await thief.get(ME)).status_code == 401
    assert (await member.get(ME)).status_code == 401


async def test_demotion_takes_the_role_away_at_once(client_factory: ClientFactory, settings: Settings) -> None:
    admin, _ = await admin_client(client_factory, settings)
    organizer = await client_factory()
    user = await register(organizer, "org@example.com", role="organizer")
    thief = await stolen_copy(client_factory, organizer.cookies["access_token"])
    listing = {"kind": "event", "title": "Demoted", "description": "x", "category": "talks", "tags": []}
    assert (await admin.patch(f"/api/v1/admin/users/{user['id']}", json={"role": "participant"})).status_code == 200
    refused = await thief.post("/api/v1/events", json=listing)
    assert refused.status_code == 401


async def test_roles_come_from_the_account_not_the_token(
    client_factory: ClientFactory, settings: Settings, make_settings: SettingsFactory
) -> None:
    organizer = await client_factory()
    user = await register(organizer, "quiet@example.com", role="organizer")
    token = organizer.cookies["access_token"]
    # The role changes without any sign-out (e.g. straight in the database): the old token says "organizer".
    async with session_scope(settings.database) as session:
        await session.execute(update(User).where(User.id == user["id"]).values(role="participant"))
    other_process = create_app(settings)
    thief = await stolen_copy(client_factory, token, other_process)
    me = await thief.get("/api/v1/admin/users")
    assert me.status_code == 403
    created = await thief.post(
        "/api/v1/events", json={"kind": "event", "title": "T", "description": "x", "category": "talks", "tags": []}
    )
    assert created.status_code == 403


async def test_revocation_reaches_another_api_process_within_a_second(
    client_factory: ClientFactory, settings: Settings
) -> None:
    first, second = create_app(settings), create_app(settings)
    browser = await client_factory(first)
    await register(browser, "multi@example.com")
    token = browser.cookies["access_token"]
    warm = await stolen_copy(client_factory, token, second)  # this process has just checked the token
    assert (await warm.get(ME)).status_code == 200
    assert (await browser.post("/api/v1/auth/logout", headers=csrf_headers(browser))).status_code == 204
    await asyncio.sleep(1.05)
    assert (await warm.get(ME)).status_code == 401
    cold = await stolen_copy(client_factory, token, create_app(settings))  # never saw the token: refused at once
    assert (await cold.get(ME)).status_code == 401


async def test_refresh_token_reuse_kills_the_sign_ins_access_tokens(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    app = create_app(make_settings(TESSERA_REFRESH_GRACE_SECONDS="0"))
    await register(await client_factory(app), "reuse@example.com")
    api = await client_factory(app)  # an API client: no cookies, so no CSRF token either
    issued = (await api.post("/api/v1/auth/token", json={"email": "reuse@example.com", "password": PASSWORD})).json()
    rotated = (await api.post("/api/v1/auth/refresh", json={"refresh_token": issued["refresh_token"]})).json()
    thief = await stolen_copy(client_factory, rotated["access_token"], app)
    assert (await thief.get(ME)).status_code == 200
    replay = await api.post("/api/v1/auth/refresh", json={"refresh_token": issued["refresh_token"]})
    assert replay.status_code == 401
    assert (await thief.get(ME)).status_code == 401


async def test_two_tabs_refreshing_at_once_stay_signed_in(client_factory: ClientFactory) -> None:
    browser = await client_factory()
    await register(browser, "tabs@example.com")
    headers = csrf_headers(browser)
    tabs = await asyncio.gather(*(browser.post("/api/v1/auth/refresh", headers=headers) for _ in range(2)))
    assert [tab.status_code for tab in tabs] == [200, 200]
    assert (await browser.get(ME)).status_code == 200
    assert (await browser.post("/api/v1/auth/refresh", headers=csrf_headers(browser))).status_code == 200


async def test_reuse_after_the_grace_window_still_signs_out(
    client_factory: ClientFactory, make_settings: SettingsFactory
) -> None:
    app = create_app(make_settings(TESSERA_REFRESH_GRACE_SECONDS="1"))
    await register(await client_factory(app), "grace@example.com")
    api = await client_factory(app)
    issued = (await api.post("/api/v1/auth/token", json={"email": "grace@example.com", "password": PASSWORD})).json()
    first = await api.post("/api/v1/auth/refresh", json={"refresh_token": issued["refresh_token"]})
    twin = await api.post("/api/v1/auth/refresh", json={"refresh_token": issued["refresh_token"]})
    assert first.status_code == twin.status_code == 200  # a twin inside the window gets a sibling
    await asyncio.sleep(1.2)
    late = await api.post("/api/v1/auth/refresh", json={"refresh_token": issued["refresh_token"]})
    assert late.status_code == 401
    for pair in (first.json(), twin.json()):
        assert (
            await api.post("/api/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        ).status_code == 401


async def test_kept_answers_are_used_only_while_the_revocation_feed_is_read(settings: Settings) -> None:
    [(user_id, _, token)] = await create_accounts(settings, 1)
    sign_in_id = AccessTokens(settings.auth).decode(token).sign_in_id
    engine = create_engine(settings.database)
    reader = AccountAccessReader(async_sessionmaker(engine))

    async def set_role(role: str, *, revoke: bool = False) -> None:
        async with session_scope(settings.database) as session:
            await session.execute(update(User).where(User.id == user_id).values(role=role))
            if revoke:
                await record_revocation(session, user_id)

    async def role() -> str:
        state = await reader.access(user_id, sign_in_id)
        assert state is not None
        return state.role.value

    try:
        assert await role() == "participant"
        await set_role("organizer")
        assert await role() == "organizer"  # never polled: every answer is read live
        await reader.poll()
        assert await role() == "organizer"
        await set_role("participant")
        assert await role() == "organizer"  # polled just now: the kept answer stands...
        await set_role("participant", revoke=True)
        await reader.poll()
        assert await role() == "participant"  # ...until the feed names the account
    finally:
        await engine.dispose()


async def test_first_requests_of_many_accounts_share_their_reads_and_each_sees_its_own_account(
    settings: Settings,
) -> None:
    """A sale opens: hundreds of accounts make their first request at once. Their account checks are read
    together, a few queries in all instead of one each, and every request still gets its own account's
    state, including a sign-in that was ended and one that does not exist."""
    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    accounts = await create_accounts(settings, 200)
    tokens = AccessTokens(settings.auth)
    pairs = [(user_id, tokens.decode(token).sign_in_id) for user_id, _, token in accounts]
    ended_sign_in = pairs[7][1]
    async with session_scope(settings.database) as session:
        await session.execute(update(User).where(User.id == pairs[3][0]).values(role="organizer"))
        await session.execute(update(SignIn).where(SignIn.id == ended_sign_in).values(revoked_at=datetime.now(UTC)))
    engine = create_engine(settings.database)
    reader = AccountAccessReader(async_sessionmaker(engine))
    reads: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        if "sign_ins" in statement:
            reads.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        states = await asyncio.gather(
            *(reader.access(user_id, sign_in_id) for user_id, sign_in_id in pairs),
            reader.access(pairs[0][0], pairs[1][1]),  # someone else's sign-in
        )
    finally:
        event.remove(Engine, "before_cursor_execute", count)
        await engine.dispose()
    assert len(reads) <= 3, len(reads)
    roles = [state.role.value if state else None for state in states]
    assert roles[3] == "organizer"
    assert roles.count("participant") == 199
    assert roles[-1] is None
    assert [i for i, state in enumerate(states) if state and state.sign_in_revoked] == [7]


async def test_the_revocation_feed_keeps_only_recent_rows(settings: Settings) -> None:
    [(user_id, _, _)] = await create_accounts(settings, 1)
    async with session_scope(settings.database) as session:
        session.add(AccessRevocation(user_id=user_id, created_at=datetime.now(UTC) - timedelta(hours=2)))
    async with session_scope(settings.database) as session:
        await record_revocation(session, user_id)
    async with session_scope(settings.database) as session:
        ages = list(await session.scalars(select(AccessRevocation.created_at)))
    assert len(ages) == 1
    assert ages[0] > datetime.now(UTC) - timedelta(minutes=1)


async def test_sign_out_also_clears_the_refresh_cookie_of_earlier_releases(client: AsyncClient) -> None:
    await register(client, "old-cookie@example.com")
    response = await client.post("/api/v1/auth/logout", headers=csrf_headers(client))
    cleared = {
        header.split(";")[0].split("=")[0]: header
        for header in response.headers.get_list("set-cookie")
        if "refresh_token" in header and "/api/v1/auth/refresh" in header
    }
    assert "refresh_token" in cleared
    assert "Max-Age=0" in cleared["refresh_token"] or "expires=" in cleared["refresh_token"].lower()
