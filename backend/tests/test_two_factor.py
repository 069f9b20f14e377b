"""Two-factor sign-in (TOTP): enrolment, the second step for cookies and for bearer tokens, codes accepted once,
recovery codes, challenges that expire and wear out, roles that must enrol, and an admin's reset."""

from __future__ import annotations

import asyncio
import base64
import time
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyotp
import pytest
from httpx import AsyncClient
from sqlalchemy import update

from tessera.accounts.models import AccountToken
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.db import session_scope
from tessera.server.app import create_app
from tessera.server.container import Container
from tessera.server.jobs import rotate_pii_keys

from .conftest import PASSWORD, ClientFactory, SettingsFactory
from .helpers import make_accounts
from .test_parties import _host, _party

AUTH = "/api/v1/auth"


def _code(secret: str, steps_ahead: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time(), counter_offset=steps_ahead)


async def _enrol(client: AsyncClient) -> tuple[str, list[str]]:
    """Turn 2FA on for the client's account; the secret and the recovery codes."""
    setup = await client.post(f"{AUTH}/2fa/setup")
    assert setup.status_code == 200, setup.text
    secret: str = setup.json()["secret"]
    enabled = await client.post(f"{AUTH}/2fa/enable", json={"code": _code(secret)})
    assert enabled.status_code == 200, enabled.text
    codes: list[str] = enabled.json()["recovery_codes"]
    return secret, codes


async def _password_step(client: AsyncClient, email: str, path: str = "token") -> str:
    first = await client.post(f"{AUTH}/{path}", json={"email": email, "password": PASSWORD})
    assert first.status_code == 200, first.text
    body: dict[str, Any] = first.json()
    assert body["two_factor_required"] is True
    assert "access_token" not in body
    challenge: str = body["challenge"]
    return challenge


async def test_enrolment_needs_a_code_from_the_new_secret_and_shows_recovery_codes_once(
    settings: Settings, client_factory: ClientFactory
) -> None:
    [account] = await make_accounts(settings, client_factory, 1)
    setup = (await account.client.post(f"{AUTH}/2fa/setup")).json()
    uri = urlsplit(setup["otpauth_uri"])
    assert (uri.scheme, uri.netloc) == ("otpauth", "totp")
    assert parse_qs(uri.query)["issuer"] == ["Tessera"]
    assert parse_qs(uri.query)["secret"] == [setup["secret"]]
    assert setup["qr_svg"].startswith("<svg")
    assert (await account.client.get(f"{AUTH}/me")).json()["two_factor_enabled"] is False

    wrong = await account.client.post(f"{AUTH}/2fa/enable", json={"code": "000000"})
    assert (wrong.status_code, wrong.json()["code"]) == (400, "invalid_code")
    enabled = await account.client.post(f"{AUTH}/2fa/enable", json={"code": _code(setup["secret"])})
    codes = enabled.json()["recovery_codes"]
    assert len(codes) == len(set(codes)) == 10
    assert (await account.client.get(f"{AUTH}/me")).json()["two_factor_enabled"] is True
    again = await account.client.post(f"{AUTH}/2fa/setup")
    assert (again.status_code, again.json()["code"]) == (409, "conflict")


async def test_signing_in_takes_a_second_step_for_cookies_and_for_tokens(
    settings: Settings, client_factory: ClientFactory
) -> None:
    [account] = await make_accounts(settings, client_factory, 1)
    secret, _ = await _enrol(account.client)

    browser = await client_factory()
    challenge = await _password_step(browser, account.email, "login")
    assert "access_token" not in browser.cookies
    assert (await browser.get(f"{AUTH}/me")).status_code == 401
    # The code that turned 2FA on was accepted once already.
    reused = await browser.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": _code(secret)})
    assert (reused.status_code, reused.json()["code"]) == (401, "invalid_code")
    signed_in = await browser.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": _code(secret, 1)})
    assert (signed_in.status_code, signed_in.json()["email"]) == (200, account.email)
    assert "access_token" in browser.cookies
    sessions = (await browser.get(f"{AUTH}/sessions")).json()["items"]
    assert [s["method"] for s in sessions if s["current"]] == ["password+totp"]
    used = await browser.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": _code(secret, 1)})
    assert (used.status_code, used.json()["code"]) == (401, "invalid_code")

    program = await client_factory()
    challenge = await _password_step(program, account.email, "token")
    replay = await program.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": _code(secret, 1)})
    assert replay.status_code == 401  # that step's code is spent, even on another challenge
    wrong_kind = await program.post(f"{AUTH}/login", json={"email": account.email, "password": "wrong password"})
    assert wrong_kind.status_code == 401


async def test_a_recovery_code_works_once_and_a_challenge_dies_after_five_wrong_codes(
    settings: Settings, client_factory: ClientFactory
) -> None:
    [account] = await make_accounts(settings, client_factory, 1)
    _, codes = await _enrol(account.client)
    program = await client_factory()

    challenge = await _password_step(program, account.email)
    typed = codes[0].lower().replace("-", " ")  # as people type it
    tokens = await program.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": typed})
    assert tokens.status_code == 200, tokens.text
    assert set(tokens.json()) >= {"access_token", "refresh_token"}
    program.headers["Authorization"] = f"Bearer {tokens.json()['access_token']}"
    assert [s["method"] for s in (await program.get(f"{AUTH}/sessions")).json()["items"] if s["current"]] == [
        "recovery_code"
    ]
    challenge = await _password_step(program, account.email)
    spent = await program.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": codes[0]})
    assert (spent.status_code, spent.json()["code"]) == (401, "invalid_code")

    for _ in range(4):  # with the one above, five wrong codes
        await program.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": "111111"})
    worn = await program.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": codes[1]})
    assert (worn.status_code, worn.json()["code"]) == (401, "invalid_code")

    challenge = await _password_step(program, account.email)
    async with session_scope(settings.database) as session:
        await session.execute(update(AccountToken).values(expires_at=datetime.now(UTC) - timedelta(seconds=1)))
    late = await program.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": codes[1]})
    assert (late.status_code, late.json()["code"]) == (401, "invalid_code")
    challenge = await _password_step(program, account.email)
    assert (
        await program.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": codes[1]})
    ).status_code == 200  # the code was not spent by the refused attempts


async def test_one_code_sent_on_many_challenges_at_once_signs_in_once(
    settings: Settings, client_factory: ClientFactory
) -> None:
    [account] = await make_accounts(settings, client_factory, 1)
    secret, _ = await _enrol(account.client)
    program = await client_factory()
    challenges = [await _password_step(program, account.email) for _ in range(8)]
    code = _code(secret, 1)
    answers = await asyncio.gather(
        *(program.post(f"{AUTH}/2fa/verify", json={"challenge": c, "code": code}) for c in challenges)
    )
    assert sorted(a.status_code for a in answers) == [200] + [401] * 7


async def test_turning_it_off_needs_the_password_and_a_code(settings: Settings, client_factory: ClientFactory) -> None:
    [account] = await make_accounts(settings, client_factory, 1)
    _, codes = await _enrol(account.client)
    wrong = await account.client.post(f"{AUTH}/2fa/disable", json={"password": "not it", "code": codes[0]})
    assert (wrong.status_code, wrong.json()["code"]) == (403, "invalid_credentials")
    no_code = await account.client.post(f"{AUTH}/2fa/disable", json={"password": PASSWORD, "code": "123456"})
    assert (no_code.status_code, no_code.json()["code"]) == (400, "invalid_code")
    off = await account.client.post(f"{AUTH}/2fa/disable", json={"password": PASSWORD, "code": codes[0]})
    assert off.status_code == 204
    direct = await (await client_factory()).post(f"{AUTH}/token", json={"email": account.email, "password": PASSWORD})
    assert "access_token" in direct.json()


async def test_an_admin_resets_a_lost_second_factor(settings: Settings, client_factory: ClientFactory) -> None:
    [account, other] = await make_accounts(settings, client_factory, 2)
    [admin] = await make_accounts(settings, client_factory, 1, Role.ADMIN, "admin")
    await _enrol(account.client)
    refused = await other.client.post(f"/api/v1/admin/users/{account.id}/2fa/reset")
    assert refused.status_code == 403
    reset = await admin.client.post(f"/api/v1/admin/users/{account.id}/2fa/reset")
    assert reset.status_code == 204
    assert (await account.client.get(f"{AUTH}/me")).status_code == 401  # its sign-ins ended
    direct = await (await client_factory()).post(f"{AUTH}/token", json={"email": account.email, "password": PASSWORD})
    assert "access_token" in direct.json()


class TestRolesThatMustEnrol:
    @pytest.fixture
    def settings(self, make_settings: SettingsFactory) -> Settings:
        return make_settings(TESSERA_REQUIRE_2FA_ROLES="organizer,admin")

    async def test_an_organizer_must_enrol_before_acting_as_one(
        self, settings: Settings, client_factory: ClientFactory
    ) -> None:
        [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org")
        [participant] = await make_accounts(settings, client_factory, 1)
        refused = await organizer.client.get("/api/v1/organizer/events")
        assert (refused.status_code, refused.json()["code"]) == (403, "two_factor_required")
        assert (await organizer.client.get(f"{AUTH}/me")).status_code == 200
        assert (await participant.client.get("/api/v1/bookings")).status_code == 200
        await _enrol(organizer.client)
        assert (await organizer.client.get("/api/v1/organizer/events")).status_code == 200


class TestBothStepsAreLimited:
    @pytest.fixture
    def settings(self, make_settings: SettingsFactory) -> Settings:
        return make_settings(TESSERA_LOGIN_RATE_PER_IP="3/minute")

    async def test_the_second_step_counts_against_the_sign_in_limit(
        self, settings: Settings, client_factory: ClientFactory
    ) -> None:
        [account] = await make_accounts(settings, client_factory, 1)
        await _enrol(account.client)
        program = await client_factory()
        challenge = await _password_step(program, account.email)
        answers = [
            await program.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": "222222"}) for _ in range(3)
        ]
        assert [a.status_code for a in answers] == [401, 401, 429]
        assert answers[2].json()["code"] == "rate_limited"


async def test_rotating_the_personal_data_keys_reseals_secrets_and_addresses(
    make_settings: SettingsFactory, client_factory: ClientFactory
) -> None:
    old, new = base64.b64encode(b"o" * 32).decode(), base64.b64encode(b"n" * 32).decode()
    before = make_settings(TESSERA_PII_KEYS=f"1:{old}")
    [account] = await make_accounts(before, client_factory, 1)
    client = await client_factory(create_app(before))
    client.headers["Authorization"] = account.client.headers["Authorization"]
    secret, _ = await _enrol(client)
    await _host(client)
    party = await _party(client)

    container = Container.build(make_settings(TESSERA_PII_KEYS=f"2:{new},1:{old}"))
    try:
        assert await rotate_pii_keys(container) == 2  # the secret and the address
        assert await rotate_pii_keys(container) == 0
    finally:
        await container.close()
    # Only the new key is left: both still open.
    after = await client_factory(create_app(make_settings(TESSERA_PII_KEYS=f"2:{new}")))
    challenge = await _password_step(after, account.email)
    signed_in = await after.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": _code(secret, 1)})
    assert signed_in.status_code == 200, signed_in.text
    after.headers["Authorization"] = f"Bearer {signed_in.json()['access_token']}"
    mine = (await after.get(f"/api/v1/parties/{party['id']}")).json()
    assert mine["place"]["address"] == party["place"]["address"]


async def _clear_of_a_step_edge() -> None:
    """Wait until the current 30-s step has at least 3 s left, so "one step away" means the same to the test
    and to the server."""
    left = 30 - time.time() % 30
    if left < 3:
        await asyncio.sleep(left + 0.1)


async def test_codes_are_accepted_one_step_either_side_of_now_and_no_further(
    settings: Settings, client_factory: ClientFactory
) -> None:
    [late, early] = await make_accounts(settings, client_factory, 2)
    await _clear_of_a_step_edge()
    for account, drift in ((late, -1), (early, 2)):
        secret = (await account.client.post(f"{AUTH}/2fa/setup")).json()["secret"]
        enabled = await account.client.post(f"{AUTH}/2fa/enable", json={"code": _code(secret, drift)})
        # A phone whose clock is one step behind still enables it; one two steps ahead does not.
        assert enabled.status_code == (200 if drift == -1 else 400), (drift, enabled.text)
        if drift == -1:
            program = await client_factory()
            challenge = await _password_step(program, account.email)
            too_far = await program.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": _code(secret, 2)})
            assert too_far.status_code == 401
            now = await program.post(f"{AUTH}/2fa/verify", json={"challenge": challenge, "code": _code(secret)})
            assert now.status_code == 200, now.text
