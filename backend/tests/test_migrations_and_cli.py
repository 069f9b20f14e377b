"""Migrations match the models and run both ways; the ``tessera`` command works as documented."""

from __future__ import annotations

import asyncio
import json
import os
import re
import sys
import time
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import httpx
import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import inspect
from sqlalchemy.engine import make_url

from tessera.config import load_settings
from tessera.core.db import create_engine, downgrade, include_object, metadata, migrate
from tessera.server.cli import main

from .conftest import PG_URL, PRODUCTION_ENV, REDIS_URL, _asyncpg_dsn, free_port


@pytest.fixture
async def empty_database_url(tmp_path: Path) -> AsyncIterator[str]:
    if PG_URL is None:
        yield f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}"
        return
    name = f"tessera_fresh_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_asyncpg_dsn(PG_URL))
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


async def _tables(url: str) -> set[str]:
    engine = create_engine(load_settings({"TESSERA_DATABASE_URL": url}).database, pooled=False)
    async with engine.connect() as connection:
        names = await connection.run_sync(lambda sync: set(inspect(sync).get_table_names()))
    await engine.dispose()
    return names


async def test_migrations_match_the_models_and_run_both_ways(empty_database_url: str) -> None:
    settings = load_settings({"TESSERA_DATABASE_URL": empty_database_url}).database
    await migrate(settings)
    engine = create_engine(settings, pooled=False)
    async with engine.connect() as connection:
        differences = await connection.run_sync(
            # SQLite reflects custom types loosely (GUID comes back as NUMERIC); PostgreSQL checks them.
            lambda sync: compare_metadata(
                MigrationContext.configure(
                    sync, opts={"compare_type": not settings.is_sqlite, "include_object": include_object}
                ),
                metadata,
            )
        )
    await engine.dispose()
    assert differences == [], "models changed without a migration: run `tessera make-migration`"
    assert {"users", "refresh_tokens", "listings", "sessions", "bookings", "tickets"} <= await _tables(
        empty_database_url
    )

    await downgrade(settings, "base")
    assert await _tables(empty_database_url) <= {"alembic_version"}
    await migrate(settings)
    assert {"users", "refresh_tokens", "listings", "sessions", "bookings", "tickets"} <= await _tables(
        empty_database_url
    )


def test_cli_migrate_create_admin_and_seed(empty_database_url: str, tmp_path: Path) -> None:
    env = {
        "TESSERA_DATABASE_URL": empty_database_url,
        "TESSERA_DATA_DIR": str(tmp_path),
        "TESSERA_ARGON2_TIME_COST": "1",
        "TESSERA_ARGON2_MEMORY_KIB": "64",
    }
    runner = CliRunner()
    result = runner.invoke(main, ["migrate"], env=env)
    assert result.exit_code == 0, result.output

    # Demo data goes only into a database of its own, with a password nobody knows in advance.
    first = runner.invoke(main, ["seed-demo"], env=env)
    second = runner.invoke(main, ["seed-demo"], env=env)
    assert first.exit_code == second.exit_code == 0, first.output
    assert "created 60 demo listings" in first.output
    assert "created 60" not in second.output  # idempotent
    assert "added 8 demo airports" in first.output
    assert "demo airports" not in second.output
    # Two weeks of the demo airline: ALA⇄NQZ twice a day, ALA⇄FRU four days a week.
    assert "scheduled 72 demo flights" in first.output
    assert "demo flights" not in second.output
    # Two hosts with two showings each, and a past evening whose ratings are revealed.
    assert "scheduled 5 demo watch-party showings" in first.output
    assert "watch-party" not in second.output
    assert "created participant" not in second.output
    [password] = re.findall(r"use the password '([^']+)'", first.output)
    assert password not in second.output  # shown once
    assert asyncio.run(_demo_password_works(env, password))
    assert not asyncio.run(_demo_password_works(env, "tessera-demo"))

    refused = runner.invoke(main, ["seed-demo"], env={**env, **PRODUCTION_ENV})
    assert refused.exit_code != 0
    assert "production" in refused.output

    result = runner.invoke(
        main, ["create-admin", "--email", "Boss@Example.com"], env={**env, "TESSERA_ADMIN_PASSWORD": "s3cret-pass"}
    )
    assert result.exit_code == 0, result.output
    assert "Created admin" in result.output
    assert "s3cret-pass" not in result.output

    # Interactive: password asked twice; an existing account is promoted and re-passworded.
    result = runner.invoke(
        main, ["create-admin", "--email", "boss@example.com"], env=env, input="other-pass\nother-pass\n"
    )
    assert result.exit_code == 0, result.output
    assert "Updated admin" in result.output

    short = runner.invoke(
        main, ["create-admin", "--email", "x@example.com"], env={**env, "TESSERA_ADMIN_PASSWORD": "short"}
    )
    assert short.exit_code != 0

    # Once real people have accounts, demo accounts are never added beside them.
    beside = runner.invoke(main, ["seed-demo"], env={**env, "TESSERA_DATA_DIR": str(tmp_path / "other")})
    assert beside.exit_code != 0
    assert "besides the demo ones" in beside.output

    bad = runner.invoke(main, ["migrate"], env={**env, "TESSERA_PORT": "nope"})
    assert bad.exit_code != 0
    assert "TESSERA_PORT" in bad.output


async def test_serve_answers_over_http_with_json_logs(empty_database_url: str, tmp_path: Path) -> None:
    port = free_port()
    env = {
        **os.environ,
        "TESSERA_DATABASE_URL": empty_database_url,
        "TESSERA_DATA_DIR": str(tmp_path),
        "TESSERA_PORT": str(port),
    }
    tessera = [sys.executable, "-m", "tessera"]
    migration = await asyncio.create_subprocess_exec(*tessera, "migrate", env=env)
    assert await migration.wait() == 0
    server = await asyncio.create_subprocess_exec(
        *tessera, "serve", env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            deadline = time.monotonic() + 30
            while True:
                try:
                    ready = await client.get("/health/ready", headers={"X-Request-ID": "smoke-1"})
                    break
                except httpx.TransportError:
                    assert time.monotonic() < deadline, "server did not start"
                    await asyncio.sleep(0.2)
            spec = await client.get("/schema/openapi.json")
    finally:
        server.terminate()
        output = (await asyncio.wait_for(server.communicate(), 20))[0].decode()
    assert ready.status_code == 200, output[-3000:]
    assert spec.status_code == 200, output[-3000:]
    records = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    access = [r for r in records if r.get("logger") == "tessera.access" and r.get("path") == "/health/ready"]
    assert access
    assert access[0]["request_id"] == "smoke-1"
    assert access[0]["status"] == 200


@pytest.mark.skipif(REDIS_URL is None, reason="several workers need Redis (TESSERA_TEST_REDIS_URL)")
async def test_the_metrics_of_several_workers_add_up(empty_database_url: str, tmp_path: Path) -> None:
    """With two worker processes, every scrape of /metrics counts the requests both of them answered."""
    port = free_port()
    env = {
        **os.environ,
        "TESSERA_DATABASE_URL": empty_database_url,
        "TESSERA_DATA_DIR": str(tmp_path),
        "TESSERA_PORT": str(port),
        "TESSERA_WORKERS": "2",
        "TESSERA_REDIS_URL": str(REDIS_URL),
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    tessera = [sys.executable, "-m", "tessera"]
    migration = await asyncio.create_subprocess_exec(*tessera, "migrate", env=env)
    assert await migration.wait() == 0
    server = await asyncio.create_subprocess_exec(
        *tessera, "serve", env=env, stdout=asyncio.subprocess.DEVNULL, stderr=asyncio.subprocess.DEVNULL
    )

    async def fresh_get(path: str) -> httpx.Response:  # a new connection each time, so both workers answer
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            return await client.get(path)

    def served(metrics: str) -> float:
        pattern = r'^tessera_requests_total\{[^}]*path="/health/live"[^}]*\} (\S+)$'
        return sum(float(v) for v in re.findall(pattern, metrics, re.MULTILINE))

    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                await fresh_get("/health/live")
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "server did not start"
                await asyncio.sleep(0.2)
        before = served((await fresh_get("/metrics")).text)
        for _ in range(5):
            assert {r.status_code for r in await asyncio.gather(*(fresh_get("/health/live") for _ in range(40)))} == {
                200
            }
        scrapes = [served((await fresh_get("/metrics")).text) for _ in range(6)]
    finally:
        server.terminate()
        await asyncio.wait_for(server.wait(), 20)
    assert scrapes == [before + 200] * 6


def test_a_metrics_directory_the_operator_gives_is_emptied_of_an_earlier_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Figures left by an earlier run in the operator's PROMETHEUS_MULTIPROC_DIR would be summed into this
    run's: they are removed at start, and nothing else in the directory is touched."""
    from tessera.server.cli import _share_metrics

    (tmp_path / "counter_4242.db").write_bytes(b"stale")
    (tmp_path / "histogram_4243.db").write_bytes(b"stale")
    (tmp_path / "README").write_text("kept")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    _share_metrics()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README"]
    assert os.environ["PROMETHEUS_MULTIPROC_DIR"] == str(tmp_path)


async def test_upgrading_keeps_everyone_signed_in_and_refunds_checkable(empty_database_url: str) -> None:
    """0007 turns each refresh-token family into a sign-in (live unless every token of it was revoked), so
    nobody is signed out by the upgrade, and widens the refund states."""
    from sqlalchemy import text

    settings = load_settings({"TESSERA_DATABASE_URL": empty_database_url}).database
    await migrate(settings, "0006")
    engine = create_engine(settings, pooled=False)
    user, live, ended = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()

    def guid(value: uuid.UUID) -> str | uuid.UUID:  # how each database is sent a UUID column's value
        return value.hex if PG_URL is None else value

    from datetime import UTC, datetime

    when = {n: datetime(2026, 11, n, 10, tzinfo=UTC) for n in (1, 2, 3, 30)}
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO users (id, email, name, password_hash, role, is_active, language, created_at, updated_at)"
                " VALUES (:id, 'old@example.com', 'Old', 'x', 'participant', true, 'en', :now, :now)"
            ),
            {"id": guid(user), "now": when[1]},
        )
        for family, revoked in ((live, [None, when[2]]), (ended, [when[3]] * 2)):
            for revoked_at in revoked:
                await connection.execute(
                    text(
                        "INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, revoked_at,"
                        " created_at, updated_at) VALUES (:id, :user, :family, :hash, :exp, :revoked, :now, :now)"
                    ),
                    {
                        "id": guid(uuid.uuid4()),
                        "user": guid(user),
                        "family": guid(family),
                        "hash": uuid.uuid4().hex,
                        "exp": when[30],
                        "revoked": revoked_at,
                        "now": when[1],
                    },
                )
    await engine.dispose()
    await migrate(settings)
    engine = create_engine(settings, pooled=False)
    async with engine.connect() as connection:
        rows = (await connection.execute(text("SELECT id, revoked_at FROM sign_ins"))).all()
        version = (await connection.execute(text("SELECT token_version FROM users"))).scalar_one()
    await engine.dispose()
    states = {uuid.UUID(str(row[0])) if PG_URL else uuid.UUID(hex=str(row[0])): row[1] is None for row in rows}
    assert states == {live: True, ended: False}
    assert version == 0
    await downgrade(settings, "0006")
    await migrate(settings)


async def _demo_password_works(env: dict[str, str], password: str) -> bool:
    from tessera.accounts.services import UserService
    from tessera.core.db import session_scope
    from tessera.core.security import Passwords

    settings = load_settings(env)
    async with session_scope(settings.database) as session:
        user = await UserService(session=session).get_by_email("participant@demo.tessera.test")
        assert user is not None
        return await Passwords(settings.auth).verify(user.password_hash, password)


async def test_renaming_events_to_listings_keeps_every_row_both_ways(empty_database_url: str, tmp_path: Path) -> None:
    """0008 renames the table of listings in place: no row is lost or changed in either direction, and the
    tables that point at it still do (a listing with bookings cannot be deleted)."""
    from sqlalchemy import text
    from sqlalchemy.exc import IntegrityError

    from tessera.server.demo import seed

    env = {
        "TESSERA_DATABASE_URL": empty_database_url,
        "TESSERA_DATA_DIR": str(tmp_path),
        "TESSERA_ARGON2_TIME_COST": "1",
        "TESSERA_ARGON2_MEMORY_KIB": "64",
    }
    settings = load_settings(env)
    await migrate(settings.database)
    await seed(settings, "demo-password")
    tables = ("users", "venues", "sessions", "ticket_types", "bookings", "tickets", "payments", "notifications")

    async def snapshot(listings: str) -> dict[str, object]:
        engine = create_engine(settings.database, pooled=False)
        async with engine.connect() as connection:
            counts = {t: (await connection.execute(text(f"SELECT count(*) FROM {t}"))).scalar_one() for t in tables}  # noqa: S608
            rows = (
                await connection.execute(text(f"SELECT id, title, status, currency FROM {listings} ORDER BY id"))  # noqa: S608
            ).all()
            joined = (
                await connection.execute(
                    text(f"SELECT count(*) FROM bookings b JOIN {listings} l ON l.id = b.event_id")  # noqa: S608
                )
            ).scalar_one()
        await engine.dispose()
        return {"counts": counts, "listings": [tuple(str(v) for v in row) for row in rows], "joined": joined}

    # A downgrade past 0020 refuses to lose where people sit; this test is about the listings, so the demo's
    # seated concert goes first.
    engine = create_engine(settings.database, pooled=False)
    async with engine.begin() as connection:
        seated = "SELECT id FROM sessions WHERE seat_map_id IS NOT NULL"
        for statement in (
            f"DELETE FROM session_seats WHERE session_id IN ({seated})",  # noqa: S608 - fixed text
            f"DELETE FROM tickets WHERE session_id IN ({seated})",  # noqa: S608 - fixed text
            f"DELETE FROM bookings WHERE session_id IN ({seated})",  # noqa: S608 - fixed text
            "DELETE FROM ticket_types WHERE event_id IN (SELECT event_id FROM sessions WHERE seat_map_id IS NOT NULL)",
            "DELETE FROM listings WHERE id IN (SELECT event_id FROM sessions WHERE seat_map_id IS NOT NULL)",
            "DELETE FROM seat_maps",
        ):
            await connection.execute(text(statement))
    await engine.dispose()
    before = await snapshot("listings")
    assert len(before["listings"]) == 60 + 4 + 2  # type: ignore[arg-type]  # events, the airline's routes, parties
    assert before["joined"] == before["counts"]["bookings"] > 0  # type: ignore[index]
    await downgrade(settings.database, "0007")
    assert await snapshot("events") == before
    await migrate(settings.database)
    assert await snapshot("listings") == before

    engine = create_engine(settings.database, pooled=False)
    with pytest.raises(IntegrityError):
        async with engine.begin() as connection:
            await connection.execute(text("DELETE FROM listings WHERE id IN (SELECT event_id FROM bookings)"))
    await engine.dispose()
