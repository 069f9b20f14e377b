"""Settings are read from TESSERA_* variables and refused, with every problem named, when wrong."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest

from tessera.config import (
    DEVELOPMENT_FREEDOMPAY_SECRET_KEY,
    DEVELOPMENT_SECRET_KEY,
    DEVELOPMENT_TICKET_KEY,
    SettingsError,
    load_settings,
)

from .conftest import PRODUCTION_ENV


def test_embedded_defaults() -> None:
    settings = load_settings({})
    assert settings.env == "development"
    assert settings.database.url == f"sqlite+aiosqlite:///{Path('var') / 'tessera.db'}"
    assert settings.redis_url is None
    assert settings.host == "127.0.0.1"
    assert settings.port == 8000
    assert settings.auth.access_token_minutes == 15
    assert settings.auth.refresh_token_days == 30
    assert settings.auth.cookie_secure is False
    assert settings.rate_limit.enabled is True


def test_production_settings() -> None:
    settings = load_settings(
        {
            **PRODUCTION_ENV,
            "TESSERA_DATABASE_URL": "postgresql+asyncpg://tessera@db:5432/tessera",
            "TESSERA_REDIS_URL": "redis://cache:6379/0",
            "TESSERA_WORKERS": "4",
        }
    )
    assert settings.is_production
    assert settings.database.is_postgres
    assert settings.host == "0.0.0.0"
    assert settings.auth.cookie_secure is True
    assert settings.workers == 4
    assert settings.payments.sandbox is False
    assert settings.payments.testing_mode is False
    assert settings.payments.base_url == "http://127.0.0.1:9"
    assert settings.booking.ticket_keys == ("t" * 40,)


def test_development_uses_the_emulator_in_test_mode() -> None:
    settings = load_settings({})
    assert settings.payments.sandbox is True
    assert settings.payments.testing_mode is True
    assert settings.payments.secret_key == DEVELOPMENT_FREEDOMPAY_SECRET_KEY
    assert settings.booking.ticket_keys == (DEVELOPMENT_TICKET_KEY,)


@pytest.mark.parametrize(
    "missing", ["TESSERA_FREEDOMPAY_BASE_URL", "TESSERA_FREEDOMPAY_MERCHANT_ID", "TESSERA_FREEDOMPAY_SECRET_KEY"]
)
def test_production_refuses_to_start_without_gateway_credentials(missing: str) -> None:
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    with pytest.raises(SettingsError) as error:
        load_settings(env)
    assert missing in str(error.value)
    assert "a-live-merchant-secret" not in str(error.value)


def test_production_refuses_the_emulators_public_key() -> None:
    with pytest.raises(SettingsError) as error:
        load_settings({**PRODUCTION_ENV, "TESSERA_FREEDOMPAY_SECRET_KEY": DEVELOPMENT_FREEDOMPAY_SECRET_KEY})
    assert "TESSERA_FREEDOMPAY_SECRET_KEY" in str(error.value)


def test_the_emulator_in_production_needs_an_explicit_opt_in() -> None:
    without_gateway = {k: v for k, v in PRODUCTION_ENV.items() if not k.startswith("TESSERA_FREEDOMPAY_")}
    with pytest.raises(SettingsError):
        load_settings(without_gateway)
    with pytest.raises(SettingsError) as error:  # not even on staging with the emulator's public key
        load_settings({**without_gateway, "TESSERA_FREEDOMPAY_EMULATOR": "true"})
    assert "TESSERA_FREEDOMPAY_SECRET_KEY" in str(error.value)
    staging = load_settings(
        {**without_gateway, "TESSERA_FREEDOMPAY_EMULATOR": "true", "TESSERA_FREEDOMPAY_SECRET_KEY": "staging-only"}
    )
    assert staging.payments.sandbox is True
    # A configured gateway always wins over the emulator.
    assert load_settings({**PRODUCTION_ENV, "TESSERA_FREEDOMPAY_EMULATOR": "true"}).payments.sandbox is False


def test_ticket_keys_are_their_own_and_required_in_production() -> None:
    without = {k: v for k, v in PRODUCTION_ENV.items() if k != "TESSERA_TICKET_KEYS"}
    with pytest.raises(SettingsError) as error:
        load_settings(without)
    assert "TESSERA_TICKET_KEYS" in str(error.value)
    for bad in ("short", f"{'n' * 40},short", DEVELOPMENT_TICKET_KEY):
        with pytest.raises(SettingsError):
            load_settings({**PRODUCTION_ENV, "TESSERA_TICKET_KEYS": bad})
    rotated = load_settings({**PRODUCTION_ENV, "TESSERA_TICKET_KEYS": f"{'n' * 40}, {'o' * 40}"})
    assert rotated.booking.ticket_keys == ("n" * 40, "o" * 40)


def test_personal_data_keys_are_required_in_production_and_rotate() -> None:
    for name in ("TESSERA_PII_KEYS", "TESSERA_PII_FINGERPRINT_KEY"):
        with pytest.raises(SettingsError) as error:
            load_settings({k: v for k, v in PRODUCTION_ENV.items() if k != name})
        assert name in str(error.value)
    new, old = base64.b64encode(b"n" * 32).decode(), base64.b64encode(b"o" * 32).decode()
    for bad in ("k" * 44, f"1:{new[:-4]}", f"x:{new}", f"300:{new}", f"1:{new},1:{old}"):
        with pytest.raises(SettingsError) as error:
            load_settings({**PRODUCTION_ENV, "TESSERA_PII_KEYS": bad})
        assert "TESSERA_PII_KEYS" in str(error.value), bad
    with pytest.raises(SettingsError):
        load_settings({**PRODUCTION_ENV, "TESSERA_PII_FINGERPRINT_KEY": "too-short"})
    rotated = load_settings({**PRODUCTION_ENV, "TESSERA_PII_KEYS": f"2:{new}, 1:{old}"})
    assert rotated.pii.keys == ((2, b"n" * 32), (1, b"o" * 32))
    # Development derives its keys from the secret key: nothing to set up, different per secret.
    development = load_settings({})
    assert [key_id for key_id, _ in development.pii.keys] == [1]
    other = load_settings({"TESSERA_SECRET_KEY": "another-development-secret-of-32-chars"})
    assert other.pii.keys != development.pii.keys
    assert len(development.pii.fingerprint_key) == 32


def test_production_refuses_the_development_secret() -> None:
    with pytest.raises(SettingsError) as error:
        load_settings({"TESSERA_ENV": "production"})
    assert any("TESSERA_SECRET_KEY" in problem for problem in error.value.problems)
    with pytest.raises(SettingsError):
        load_settings({"TESSERA_ENV": "production", "TESSERA_SECRET_KEY": DEVELOPMENT_SECRET_KEY})


def test_every_problem_is_reported_at_once() -> None:
    with pytest.raises(SettingsError) as error:
        load_settings(
            {
                "TESSERA_PORT": "eighty",
                "TESSERA_WORKERS": "0",
                "TESSERA_DATABASE_URL": "mysql://x",
                "TESSERA_REDIS_URL": "memcached://x",
                "TESSERA_RATE_LIMIT_ENABLED": "perhaps",
                "TESSERA_LOGIN_RATE_PER_IP": "lots",
                "TESSERA_ENV": "staging",
                "TESSERA_SECRET_KEY": "short",
                "TESSERA_PARTY_RATING_WINDOW_DAYS": "0",
            }
        )
    text = str(error.value)
    for name in (
        "TESSERA_PORT",
        "TESSERA_WORKERS",
        "TESSERA_DATABASE_URL",
        "TESSERA_REDIS_URL",
        "TESSERA_RATE_LIMIT_ENABLED",
        "TESSERA_LOGIN_RATE_PER_IP",
        "TESSERA_ENV",
        "TESSERA_SECRET_KEY",
        "TESSERA_PARTY_RATING_WINDOW_DAYS",
    ):
        assert name in text
    assert "short" not in text  # secrets are never echoed
