"""Accounts people can trust: verified addresses, password reset and change, and sign-ins their owner can end.

E-mail goes through a real SMTP server, and every link is followed as its recipient would follow it. Security
properties are checked from the attacker's side: an ended sign-in's tokens fail at the server.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import pytest
from httpx import AsyncClient
from sqlalchemy import update

from tessera.accounts.models import AccountToken
from tessera.config import Settings
from tessera.core.db import session_scope
from tessera.server.container import Container
from tessera.server.jobs import purge_account_tokens

from .conftest import PASSWORD, ClientFactory, Inbox, SettingsFactory
from .helpers import make_accounts, make_listing

AUTH = "/api/v1/auth"
NEW_PASSWORD = "a much better passphrase"


@pytest.fixture
def settings(make_settings: SettingsFactory, smtp: tuple[Inbox, int]) -> Settings:
    # The production default: unverified addresses may not pay or publish. Mail goes to a real SMTP server,
    # delivered by the in-process broker.
    return make_settings(
        TESSERA_SMTP_URL=f"smtp://127.0.0.1:{smtp[1]}",
        TESSERA_REDIS_URL="",
        TESSERA_REQUIRE_EMAIL_VERIFICATION="true",
    )


def _text(message: EmailMessage) -> str:
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


def _token(message: EmailMessage, page: str) -> str:
    found = re.search(rf"http://localhost:3000/{page}\?token=([\w.\-]+)", _text(message))
    assert found, _text(message)
    return found.group(1)


async def _mail(inbox: Inbox, subject: str, to: str, count: int = 1) -> list[EmailMessage]:
    """The messages with ``subject`` sent to ``to`` so far, once there are ``count`` of them."""
    deadline = asyncio.get_running_loop().time() + 15
    while True:
        found = [
            message
            for message, recipients in zip(inbox.messages, inbox.recipients, strict=True)
            if message["Subject"] == subject and recipients == [to]
        ]
        if len(found) >= count or asyncio.get_running_loop().time() > deadline:
            assert len(found) == count, [
                (m["Subject"], r) for m, r in zip(inbox.messages, inbox.recipients, strict=False)
            ]
            return found
        await asyncio.sleep(0.05)


async def _sign_up(client_factory: ClientFactory, email: str, role: str = "participant") -> AsyncClient:
    client = await client_factory()
    response = await client.post(
        f"{AUTH}/register", json={"email": email, "password": PASSWORD, "name": "Ada Lovelace", "role": role}
    )
    assert response.status_code == 201, response.text
    return client


async def _bearer(
    client_factory: ClientFactory, email: str, password: str = PASSWORD, agent: str = "tests/1.0"
) -> tuple[AsyncClient, dict[str, Any]]:
    client = await client_factory()
    client.headers["User-Agent"] = agent
    response = await client.post(f"{AUTH}/token", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    tokens: dict[str, Any] = response.json()
    client.headers["Authorization"] = f"Bearer {tokens['access_token']}"
    return client, tokens


async def test_an_unverified_account_may_book_but_not_pay_or_publish_until_its_link_is_used(
    settings: Settings, client_factory: ClientFactory, smtp: tuple[Inbox, int]
) -> None:
    organizer = await _sign_up(client_factory, "ada@example.com", role="organizer")
    me = (await organizer.get(f"{AUTH}/me")).json()
    assert (me["email_verified"], me["pending_email"], me["two_factor_enabled"]) == (False, None, False)
    [link] = await _mail(smtp[0], "Confirm your e-mail address", "ada@example.com")
    token = _token(link, "verify-email")

    api, _ = await _bearer(client_factory, "ada@example.com")
    draft = await make_listing(api, publish=False)
    refused = await api.post(f"/api/v1/events/{draft['id']}/publish")
    assert (refused.status_code, refused.json()["code"]) == (403, "email_not_verified")
    for path in (
        "/api/v1/payments",
        f"/api/v1/flights/orders/{uuid.uuid4()}/pay",
        f"/api/v1/flights/routes/{uuid.uuid4()}/publish",
        f"/api/v1/parties/{uuid.uuid4()}/publish",
    ):
        answer = await api.post(path, json={"booking_id": str(uuid.uuid4())})
        assert (answer.status_code, answer.json()["code"]) == (403, "email_not_verified"), path

    forged = token.rsplit(".", 1)[0] + ".forged"
    assert (await api.post(f"{AUTH}/verify-email", json={"token": forged})).json()["code"] == "invalid_token"
    anonymous = await client_factory()
    verified = await anonymous.post(f"{AUTH}/verify-email", json={"token": token})
    assert (verified.status_code, verified.json()["email_verified"]) == (200, True)
    again = await anonymous.post(f"{AUTH}/verify-email", json={"token": token})
    assert (again.status_code, again.json()["code"]) == (400, "invalid_token")
    # The same access token may publish now: every process reads the account again at once.
    published = await api.post(f"/api/v1/events/{draft['id']}/publish")
    assert published.status_code == 200, published.text


async def test_links_expire_and_only_the_latest_works(
    settings: Settings, client_factory: ClientFactory, smtp: tuple[Inbox, int]
) -> None:
    await _sign_up(client_factory, "late@example.com")
    api, _ = await _bearer(client_factory, "late@example.com")
    [first] = await _mail(smtp[0], "Confirm your e-mail address", "late@example.com")
    assert (await api.post(f"{AUTH}/verify-email/resend")).status_code == 202
    _, second = await _mail(smtp[0], "Confirm your e-mail address", "late@example.com", count=2)
    replaced = await api.post(f"{AUTH}/verify-email", json={"token": _token(first, "verify-email")})
    assert (replaced.status_code, replaced.json()["code"]) == (400, "invalid_token")

    async with session_scope(settings.database) as session:
        await session.execute(update(AccountToken).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    expired = await api.post(f"{AUTH}/verify-email", json={"token": _token(second, "verify-email")})
    assert (expired.status_code, expired.json()["code"]) == (400, "invalid_token")

    for _ in range(4):  # five an hour per account, one used above
        assert (await api.post(f"{AUTH}/verify-email/resend")).status_code == 202
    limited = await api.post(f"{AUTH}/verify-email/resend")
    assert (limited.status_code, limited.json()["code"]) == (429, "rate_limited")


async def test_expired_tokens_are_purged_a_day_later(settings: Settings, client_factory: ClientFactory) -> None:
    await _sign_up(client_factory, "purge@example.com")
    container = Container.build(settings)
    try:
        async with session_scope(settings.database) as session:
            await session.execute(update(AccountToken).values(expires_at=datetime.now(UTC) - timedelta(hours=2)))
        assert await purge_account_tokens(container) == 0  # expired, but kept a day
        async with session_scope(settings.database) as session:
            await session.execute(update(AccountToken).values(expires_at=datetime.now(UTC) - timedelta(days=2)))
        assert await purge_account_tokens(container) == 1
    finally:
        await container.close()


async def test_a_new_address_counts_only_once_its_link_is_used_and_the_old_one_is_told(
    settings: Settings, client_factory: ClientFactory, smtp: tuple[Inbox, int]
) -> None:
    await _sign_up(client_factory, "old@example.com")
    await _sign_up(client_factory, "taken@example.com")
    api, _ = await _bearer(client_factory, "old@example.com")
    taken = await api.patch(f"{AUTH}/me", json={"email": "Taken@example.com"})
    assert (taken.status_code, taken.json()["code"]) == (409, "email_taken")

    asked = await api.patch(f"{AUTH}/me", json={"email": "New@Example.com"})
    assert (asked.status_code, asked.json()["email"], asked.json()["pending_email"]) == (
        202,
        "old@example.com",
        "new@example.com",
    )
    [warning] = await _mail(smtp[0], "A new address was asked for your account", "old@example.com")
    assert "only when the link sent to that address is opened" in _text(warning)
    [link] = await _mail(smtp[0], "Confirm your e-mail address", "new@example.com")
    anonymous = await client_factory()
    refused = await anonymous.post(f"{AUTH}/token", json={"email": "new@example.com", "password": PASSWORD})
    assert refused.status_code == 401  # not the account's address yet

    used = await anonymous.post(f"{AUTH}/verify-email", json={"token": _token(link, "verify-email")})
    assert (used.status_code, used.json()["email"], used.json()["pending_email"]) == (200, "new@example.com", None)
    await _bearer(client_factory, "new@example.com")
    old = await anonymous.post(f"{AUTH}/token", json={"email": "old@example.com", "password": PASSWORD})
    assert old.status_code == 401


async def test_a_password_reset_answers_alike_for_everyone_and_ends_every_sign_in(
    settings: Settings, client_factory: ClientFactory, smtp: tuple[Inbox, int]
) -> None:
    await _sign_up(client_factory, "reset@example.com")
    victim, tokens = await _bearer(client_factory, "reset@example.com")
    anonymous = await client_factory()
    known = await anonymous.post(f"{AUTH}/password-reset/request", json={"email": "RESET@example.com"})
    unknown = await anonymous.post(f"{AUTH}/password-reset/request", json={"email": "nobody@example.com"})
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    assert known.status_code == 202
    [mail] = await _mail(smtp[0], "Reset your password", "reset@example.com")
    token = _token(mail, "reset-password")
    assert not [r for r in smtp[0].recipients if r == ["nobody@example.com"]]

    weak = await anonymous.post(f"{AUTH}/password-reset", json={"token": token, "password": "short"})
    assert (weak.status_code, weak.json()["code"]) == (400, "validation_error")
    # Two tabs using the link at once: exactly one reset.
    answers = await asyncio.gather(
        *(anonymous.post(f"{AUTH}/password-reset", json={"token": token, "password": NEW_PASSWORD}) for _ in range(5))
    )
    assert sorted(a.status_code for a in answers) == [204, 400, 400, 400, 400]
    assert {a.json()["code"] for a in answers if a.status_code == 400} == {"invalid_token"}

    # The old sign-in is over at the server: its access token and its refresh token.
    assert (await victim.get(f"{AUTH}/me")).status_code == 401
    refreshed = await anonymous.post(f"{AUTH}/refresh", json={"refresh_token": tokens["refresh_token"]})
    assert refreshed.status_code == 401
    old = await anonymous.post(f"{AUTH}/token", json={"email": "reset@example.com", "password": PASSWORD})
    assert old.status_code == 401
    await _bearer(client_factory, "reset@example.com", NEW_PASSWORD)
    [told] = await _mail(smtp[0], "Your password was changed", "reset@example.com")
    assert "every sign-in of your account was ended" in _text(told)

    for _ in range(4):  # five an hour per address
        await anonymous.post(f"{AUTH}/password-reset/request", json={"email": "reset@example.com"})
    limited = await anonymous.post(f"{AUTH}/password-reset/request", json={"email": "reset@example.com"})
    assert (limited.status_code, limited.json()["code"]) == (429, "rate_limited")


async def test_a_reset_link_expires(settings: Settings, client_factory: ClientFactory, smtp: tuple[Inbox, int]) -> None:
    await _sign_up(client_factory, "slow@example.com")
    anonymous = await client_factory()
    await anonymous.post(f"{AUTH}/password-reset/request", json={"email": "slow@example.com"})
    [mail] = await _mail(smtp[0], "Reset your password", "slow@example.com")
    async with session_scope(settings.database) as session:
        await session.execute(
            update(AccountToken)
            .where(AccountToken.purpose == "reset_password")
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    late = await anonymous.post(
        f"{AUTH}/password-reset", json={"token": _token(mail, "reset-password"), "password": NEW_PASSWORD}
    )
    assert (late.status_code, late.json()["code"]) == (400, "invalid_token")
    await _bearer(client_factory, "slow@example.com")  # the password did not change


async def test_changing_the_password_needs_the_current_one_and_ends_the_other_sign_ins(
    settings: Settings, client_factory: ClientFactory, smtp: tuple[Inbox, int]
) -> None:
    await _sign_up(client_factory, "change@example.com")
    here, _ = await _bearer(client_factory, "change@example.com")
    elsewhere, elsewhere_tokens = await _bearer(client_factory, "change@example.com", agent="other-browser/2")
    wrong = await here.post(f"{AUTH}/password", json={"current_password": "not it", "new_password": NEW_PASSWORD})
    assert (wrong.status_code, wrong.json()["code"]) == (403, "invalid_credentials")
    changed = await here.post(f"{AUTH}/password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD})
    assert changed.status_code == 204
    assert (await here.get(f"{AUTH}/me")).status_code == 200
    assert (await elsewhere.get(f"{AUTH}/me")).status_code == 401
    anonymous = await client_factory()
    refreshed = await anonymous.post(f"{AUTH}/refresh", json={"refresh_token": elsewhere_tokens["refresh_token"]})
    assert refreshed.status_code == 401
    await _bearer(client_factory, "change@example.com", NEW_PASSWORD)
    await _mail(smtp[0], "Your password was changed", "change@example.com")


async def test_the_owner_sees_each_sign_in_and_ends_one_from_another(
    settings: Settings, client_factory: ClientFactory, smtp: tuple[Inbox, int]
) -> None:
    await _sign_up(client_factory, "owner@example.com")
    await _sign_up(client_factory, "stranger@example.com")
    laptop, _ = await _bearer(client_factory, "owner@example.com", agent="Laptop Browser/1")
    phone, _ = await _bearer(client_factory, "owner@example.com", agent="Phone App/7")
    stranger, _ = await _bearer(client_factory, "stranger@example.com")

    listed = (await laptop.get(f"{AUTH}/sessions")).json()["items"]
    assert len(listed) == 3  # sign-up, laptop, phone
    mine = {item["user_agent"]: item for item in listed}
    assert mine["Laptop Browser/1"]["current"] is True
    assert mine["Phone App/7"]["current"] is False
    assert {item["method"] for item in listed} == {"password"}
    assert all(item["ip"] == "127.0.0.1" for item in listed)
    # Each new browser or program is e-mailed to the owner; the sign-up was not.
    news = await _mail(smtp[0], "New sign-in to your account", "owner@example.com", count=2)
    assert any("Phone App/7" in _text(message) for message in news)

    phone_id = mine["Phone App/7"]["id"]
    foreign = await stranger.delete(f"{AUTH}/sessions/{phone_id}")
    assert foreign.status_code == 404
    assert (await phone.get(f"{AUTH}/me")).status_code == 200
    assert (await laptop.delete(f"{AUTH}/sessions/{phone_id}")).status_code == 204
    assert (await phone.get(f"{AUTH}/me")).status_code == 401
    assert (await laptop.get(f"{AUTH}/me")).status_code == 200
    assert phone_id not in {item["id"] for item in (await laptop.get(f"{AUTH}/sessions")).json()["items"]}


class TestEveryNewEndpointIsLimited:
    @pytest.fixture
    def settings(self, make_settings: SettingsFactory) -> Settings:
        return make_settings(TESSERA_REDIS_URL="", TESSERA_LOGIN_RATE_PER_IP="3/minute")

    async def test_tokens_are_tried_like_passwords_and_secrets_checked_ten_times_an_hour(
        self, settings: Settings, client_factory: ClientFactory
    ) -> None:
        anonymous = await client_factory()
        for path, body in (
            ("verify-email", {"token": "guess.guess"}),
            ("password-reset", {"token": "guess.guess", "password": NEW_PASSWORD}),
        ):
            answers = [(await anonymous.post(f"{AUTH}/{path}", json=body)).status_code for _ in range(4)]
            assert answers == [400, 400, 400, 429], path
            # Each path spends the address's sign-in budget: the next one comes from another address.
            anonymous = await client_factory(client_ip=f"10.0.0.{len(path)}")

        [account] = await make_accounts(settings, client_factory, 1)
        wrong = {"current_password": "not it", "new_password": NEW_PASSWORD}
        answers = [(await account.client.post(f"{AUTH}/password", json=wrong)).status_code for _ in range(11)]
        assert answers == [403] * 10 + [429]
        for method, path, body in (
            ("POST", "2fa/enable", {"code": "123456"}),
            ("POST", "2fa/disable", {"password": PASSWORD, "code": "123456"}),
            ("DELETE", "me", {"password": PASSWORD}),
        ):
            limited = await account.client.request(method, f"{AUTH}/{path}", json=body)
            assert (limited.status_code, limited.json()["code"]) == (429, "rate_limited"), path
