"""Database backups: ``pg_dump`` custom-format archives (or a SQLite snapshot) and their restore.

Credentials go to the PostgreSQL tools through libpq's environment variables, never the command line,
so they do not show in process lists or logs. An archive is written under a temporary name and renamed
when complete, so a crashed or interrupted backup never looks like a good one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from tessera.config import DatabaseSettings

PREFIX = "tessera-"
POSTGRES_SUFFIX = ".dump"
SQLITE_SUFFIX = ".sqlite3"
# asyncpg spells TLS as ?ssl=...; libpq's tools read PGSSLMODE.
_SSL_MODES = {"true": "require", "1": "require", "false": "disable", "0": "disable"}


class BackupError(Exception):
    """A backup or restore that did not complete; the message is safe to show (no credentials)."""


@dataclass(frozen=True)
class Backup:
    path: Path
    size: int


def libpq_environment(database_url: str) -> tuple[dict[str, str], str]:
    """The PG* variables for ``pg_dump``/``pg_restore`` and the database name, from a SQLAlchemy URL."""
    url = make_url(database_url)
    if url.database is None:
        raise BackupError("TESSERA_DATABASE_URL names no database")
    env = {"PGHOST": url.host or "localhost", "PGPORT": str(url.port or 5432), "PGDATABASE": url.database}
    if url.username:
        env["PGUSER"] = url.username
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    ssl = url.query.get("sslmode") or url.query.get("ssl")
    if isinstance(ssl, str):
        env["PGSSLMODE"] = _SSL_MODES.get(ssl.lower(), ssl)
    return env, url.database


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client)")
    return path


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(  # noqa: S603 - fixed tool, arguments built here
        command, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


def _sqlite_path(database: DatabaseSettings) -> Path:
    path = make_url(database.url).database
    if not path:
        raise BackupError("TESSERA_DATABASE_URL names no SQLite file")
    return Path(path)


def list_backups(directory: Path) -> list[Path]:
    """Complete archives in ``directory``, oldest first (names sort by their UTC timestamp)."""
    if not directory.is_dir():
        return []
    return sorted(
        p for p in directory.iterdir() if p.name.startswith(PREFIX) and p.suffix in (POSTGRES_SUFFIX, SQLITE_SUFFIX)
    )


def create_backup(database: DatabaseSettings, directory: Path, *, keep: int, now: datetime | None = None) -> Backup:
    """Write a consistent snapshot of the database into ``directory`` and keep only the newest ``keep``."""
    if keep < 1:
        raise BackupError("keep at least one backup")
    directory.mkdir(parents=True, exist_ok=True)
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    suffix = POSTGRES_SUFFIX if database.is_postgres else SQLITE_SUFFIX
    target = directory / f"{PREFIX}{stamp}{suffix}"
    partial = target.with_name(target.name + ".partial")
    try:
        if database.is_postgres:
            env, _ = libpq_environment(database.url)
            # Custom format: compressed, and pg_restore can pick objects or run in parallel from it.
            _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges", f"--file={partial}"], env)
        else:
            _sqlite_copy(_sqlite_path(database), partial)  # online backup: consistent while the app writes
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    for old in list_backups(directory)[:-keep]:
        old.unlink()
    return Backup(target, target.stat().st_size)


def restore_backup(database: DatabaseSettings, archive: Path) -> None:
    """Replace the whole database with ``archive``, in one transaction (all or nothing)."""
    if not archive.is_file():
        raise BackupError(f"no backup file at {archive}")
    if database.is_postgres:
        if archive.suffix != POSTGRES_SUFFIX:
            raise BackupError(f"{archive.name} is not a PostgreSQL backup ({POSTGRES_SUFFIX})")
        env, name = libpq_environment(database.url)
        script = subprocess.run(  # noqa: S603 - fixed tool, arguments built here
            [_tool("pg_restore"), "--no-owner", "--no-privileges", "--file=-", str(archive)],
            capture_output=True,
            check=False,
        )
        if script.returncode != 0:
            raise BackupError(f"pg_restore failed: {script.stderr.decode(errors='replace').strip()[-2000:]}")
        # An empty schema first, so tables a later release added do not survive the restore (and trip the
        # next `tessera migrate`); psql runs it all as one transaction, so a failure changes nothing.
        loaded = subprocess.run(  # noqa: S603 - fixed tool, arguments built here
            [
                _tool("psql"),
                "--quiet",
                "--no-psqlrc",
                "--single-transaction",
                "--set=ON_ERROR_STOP=1",
                f"--dbname={name}",
            ],
            input=b"DROP SCHEMA IF EXISTS public CASCADE;\nCREATE SCHEMA public;\n" + script.stdout,
            env={**os.environ, **env},
            capture_output=True,
            check=False,
        )
        if loaded.returncode != 0:
            raise BackupError(f"psql failed: {loaded.stderr.decode(errors='replace').strip()[-2000:]}")
        return
    if archive.suffix != SQLITE_SUFFIX:
        raise BackupError(f"{archive.name} is not a SQLite backup ({SQLITE_SUFFIX})")
    _sqlite_copy(archive, _sqlite_path(database), check_source=True)


def _sqlite_copy(source_path: Path, target_path: Path, *, check_source: bool = False) -> None:
    """Copy one SQLite database into another page by page, under SQLite's own locking."""
    source = sqlite3.connect(source_path)
    try:
        if check_source and source.execute("PRAGMA quick_check").fetchone() != ("ok",):
            raise BackupError(f"{source_path.name} is damaged")
        target = sqlite3.connect(target_path)
        try:
            source.backup(target)
        finally:
            target.close()
    except sqlite3.Error as exc:
        raise BackupError(f"{source_path.name}: {exc}") from exc
    finally:
        source.close()
