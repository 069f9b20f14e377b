"""Settings are read from TESSERA_* variables and refused, with every problem named, when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from tessera.config import DEVELOPMENT_SECRET_KEY, SettingsError, load_settings


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
            "TESSERA_ENV": "production",
            "TESSERA_SECRET_KEY": "k" * 48,
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
    ):
        assert name in text
    assert "short" not in text  # secrets are never echoed
