"""Role guards and account administration."""

from __future__ import annotations

from httpx import AsyncClient

from tessera.accounts.services import ensure_admin
from tessera.config import Settings

from .conftest import PASSWORD, ClientFactory, bearer_token, register


async def admin_client(client_factory: ClientFactory, settings: Settings) -> tuple[AsyncClient, str]:
    await ensure_admin(settings, email="root@example.com", name="Root", password=PASSWORD)
    client = await client_factory()
    token = await bearer_token(client, "root@example.com")
    client.headers["Authorization"] = f"Bearer {token}"
    me = (await client.get("/api/v1/auth/me")).json()
    return client, me["id"]


async def test_role_guard_refuses_non_admins(client_factory: ClientFactory) -> None:
    anonymous = await client_factory()
    assert (await anonymous.get("/api/v1/admin/users")).status_code == 401

    participant = await client_factory()
    await register(participant, "p@example.com")
    response = await participant.get("/api/v1/admin/users")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"

    organizer = await client_factory()
    await register(organizer, "o@example.com", role="organizer")
    assert (await organizer.get("/api/v1/admin/users")).status_code == 403


async def test_admin_lists_users_with_pagination(client_factory: ClientFactory, settings: Settings) -> None:
    admin, _ = await admin_client(client_factory, settings)
    for i in range(5):
        await register(await client_factory(), f"member{i}@example.com")
    page = (await admin.get("/api/v1/admin/users", params={"limit": 2, "offset": 1})).json()
    assert page["total"] == 6
    assert page["limit"] == 2
    assert page["offset"] == 1
    assert len(page["items"]) == 2
    found = (await admin.get("/api/v1/admin/users", params={"q": "MEMBER3"})).json()
    assert [u["email"] for u in found["items"]] == ["member3@example.com"]
    admins = (await admin.get("/api/v1/admin/users", params={"role": "admin"})).json()
    assert [u["email"] for u in admins["items"]] == ["root@example.com"]
    too_big = await admin.get("/api/v1/admin/users", params={"limit": 1000})
    assert too_big.status_code == 400
    assert too_big.json()["code"] == "validation_error"


async def test_promoting_and_disabling_accounts_signs_them_out(
    client_factory: ClientFactory, settings: Settings
) -> None:
    admin, _ = await admin_client(client_factory, settings)
    user = await register(await client_factory(), "promote@example.com")
    member = await client_factory()  # an API client: bearer tokens, no cookies
    tokens = (
        await member.post("/api/v1/auth/token", json={"email": "promote@example.com", "password": PASSWORD})
    ).json()

    promoted = await admin.patch(f"/api/v1/admin/users/{user['id']}", json={"role": "organizer"})
    assert promoted.status_code == 200
    assert promoted.json()["role"] == "organizer"
    # The old refresh token no longer works: the new role needs a new sign-in.
    refresh = await member.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert refresh.status_code == 401

    disabled = await admin.patch(f"/api/v1/admin/users/{user['id']}", json={"is_active": False})
    assert disabled.json()["is_active"] is False
    login = await member.post("/api/v1/auth/login", json={"email": "promote@example.com", "password": PASSWORD})
    assert login.status_code == 403
    assert login.json()["code"] == "account_disabled"


async def test_admins_cannot_lock_themselves_out(client_factory: ClientFactory, settings: Settings) -> None:
    admin, admin_id = await admin_client(client_factory, settings)
    response = await admin.patch(f"/api/v1/admin/users/{admin_id}", json={"is_active": False})
    assert response.status_code == 409
    assert response.json()["code"] == "own_account_change"
    demote = await admin.patch(f"/api/v1/admin/users/{admin_id}", json={"role": "participant"})
    assert demote.status_code == 409


async def test_unknown_user_is_404(client_factory: ClientFactory, settings: Settings) -> None:
    admin, _ = await admin_client(client_factory, settings)
    response = await admin.get("/api/v1/admin/users/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
