"""Backups can be restored: `tessera backup` then `tessera restore` brings back exactly what was saved."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import func, select, text

from tessera.admin.backups import create_backup, libpq_environment, list_backups
from tessera.booking.models import Booking, Ticket
from tessera.catalog.models import Listing, ListingSession
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.db import session_scope
from tessera.core.outbox import Notification
from tessera.server.cli import main

from .conftest import ClientFactory
from .helpers import book, make_accounts, make_listing

TABLES = (Listing, ListingSession, Booking, Ticket, Notification)


async def snapshot(settings: Settings) -> dict[str, int]:
    async with session_scope(settings.database) as session:
        counts = {m.__tablename__: await session.scalar(select(func.count()).select_from(m)) or 0 for m in TABLES}
        counts["revision"] = len(list(await session.execute(text("SELECT version_num FROM alembic_version"))))
        return counts


async def cli(settings: Settings, *args: str, answer: str | None = None) -> Result:
    env = {"TESSERA_DATABASE_URL": settings.database.url, "TESSERA_DATA_DIR": str(settings.data_dir)}
    return await asyncio.to_thread(CliRunner().invoke, main, list(args), input=answer, env=env)


async def test_a_backup_restores_exactly_what_was_saved(
    settings: Settings, client_factory: ClientFactory, tmp_path: Path
) -> None:
    organizer = (await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org"))[0]
    fan = (await make_accounts(settings, client_factory, 1, Role.PARTICIPANT, "fan"))[0]
    event = await make_listing(organizer.client, prices=(0,), sessions=2)
    booking = (await book(fan.client, event, 2)).json()
    saved = await snapshot(settings)

    made = await cli(settings, "backup", "--output-dir", str(tmp_path))
    assert made.exit_code == 0, made.output
    [archive] = list_backups(tmp_path)
    assert archive.stat().st_size > 0

    # After the backup: a new listing, a cancelled booking, a renamed one.
    await make_listing(organizer.client, title="Made after the backup")
    assert (await fan.client.post(f"/api/v1/bookings/{booking['id']}/cancel")).status_code == 200
    renamed = await organizer.client.patch(f"/api/v1/events/{event['id']}", json={"title": "Renamed"})
    assert renamed.status_code == 200
    async with session_scope(settings.database) as session:  # as a later release's migration would
        await session.execute(text("CREATE TABLE later_feature (id INTEGER PRIMARY KEY)"))
    assert await snapshot(settings) != saved

    refused = await cli(settings, "restore", str(archive), answer="n\n")
    assert refused.exit_code != 0  # asks first, and "no" changes nothing
    assert (await fan.client.get(f"/api/v1/bookings/{booking['id']}")).json()["status"] == "cancelled"

    restored = await cli(settings, "restore", str(archive), "--yes")
    assert restored.exit_code == 0, restored.output
    assert await snapshot(settings) == saved
    async with session_scope(settings.database) as session:
        leftover = text("SELECT count(*) FROM later_feature")
        with pytest.raises(Exception, match="later_feature"):
            await session.execute(leftover)  # the whole database is the backup's, newer tables included
    again = (await fan.client.get(f"/api/v1/bookings/{booking['id']}")).json()
    assert again["status"] == "confirmed"
    assert len(again["tickets"]) == 2
    async with session_scope(settings.database) as session:
        title = await session.scalar(select(Listing.title).where(Listing.id == event["id"]))
    assert title == event["title"]
    # The restored database keeps working for writes.
    assert (await book(fan.client, event, 1, session=1)).status_code == 201


async def test_a_broken_archive_is_refused_and_changes_nothing(
    settings: Settings, client_factory: ClientFactory, tmp_path: Path
) -> None:
    organizer = (await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org"))[0]
    await make_listing(organizer.client)
    before = await snapshot(settings)
    suffix = ".dump" if settings.database.is_postgres else ".sqlite3"
    broken = tmp_path / f"tessera-20260101T000000Z{suffix}"
    header = b"PGDMP" if settings.database.is_postgres else b"SQLite format 3\x00"
    broken.write_bytes(header + b"\x07" * 200)  # looks like an archive, is not one

    result = await cli(settings, "restore", str(broken), "--yes")
    assert result.exit_code != 0
    assert "Error:" in result.output
    assert await snapshot(settings) == before

    wrong_kind = tmp_path / "tessera-20260101T000000Z.txt"
    wrong_kind.write_text("not a backup")
    assert (await cli(settings, "restore", str(wrong_kind), "--yes")).exit_code != 0
    assert (await cli(settings, "restore", str(tmp_path / "missing.dump"), "--yes")).exit_code != 0


async def test_old_backups_are_pruned_and_partial_ones_never_count(settings: Settings, tmp_path: Path) -> None:
    start = datetime(2026, 1, 1, 3, 0, tzinfo=UTC)
    for day in range(4):
        create_backup(settings.database, tmp_path, keep=3, now=start + timedelta(days=day))
    (tmp_path / "tessera-20990101T000000Z.dump.partial").write_bytes(b"interrupted")
    kept = [p.name[len("tessera-") : len("tessera-") + 8] for p in list_backups(tmp_path)]
    assert kept == ["20260102", "20260103", "20260104"]

    with pytest.raises(Exception, match="keep at least one"):
        create_backup(settings.database, tmp_path, keep=0)


def test_credentials_reach_the_tools_through_the_environment_only() -> None:
    env, name = libpq_environment("postgresql+asyncpg://tessera:s3cr%40t@db.internal:6432/tickets?ssl=require")
    assert name == "tickets"
    assert env == {
        "PGHOST": "db.internal",
        "PGPORT": "6432",
        "PGDATABASE": "tickets",
        "PGUSER": "tessera",
        "PGPASSWORD": "s3cr@t",
        "PGSSLMODE": "require",
    }
