"""Database engine, sessions and migrations for both run modes (SQLite embedded, PostgreSQL production)."""

from __future__ import annotations

import enum
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from advanced_alchemy.base import orm_registry
from advanced_alchemy.extensions.litestar import AsyncSessionConfig, SQLAlchemyAsyncConfig
from advanced_alchemy.extensions.litestar._utils import delete_aa_scope_state, get_aa_scope_state
from alembic import command
from alembic.config import Config as AlembicConfig
from litestar.types import Message, Scope
from sqlalchemy import Table, event
from sqlalchemy.dialects.postgresql import dml as postgresql_dml
from sqlalchemy.dialects.sqlite import dml as sqlite_dml
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.pool import NullPool
from sqlalchemy.sql.base import _generative

from tessera.config import DatabaseSettings
from tessera.core.background import run_commit_hooks
from tessera.core.errors import KEEP_CHANGES_SCOPE_KEY

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "db" / "migrations"
# A pooled PostgreSQL connection returned this recently is handed out without a liveness check (as
# HikariCP's alive-bypass window does); one idle for longer is pinged first.
PING_IF_IDLE_SECONDS = 0.5
metadata = orm_registry.metadata


def one_of(values: type[enum.StrEnum]) -> str:
    """SQL list of an enum's values, for CHECK constraints: ``('a', 'b')``."""
    return "(" + ", ".join(f"'{v.value}'" for v in values) + ")"


def include_object(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    """Model comparison skips objects that exist only in migrations (PostgreSQL trigram search indexes)."""
    return not (type_ == "index" and reflected and name is not None and name.startswith("ix_trgm_"))


def _sqlite_path(url: str) -> Path | None:
    database = make_url(url).database
    if not database or database == ":memory:":
        return None
    return Path(database)


def _configure_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _: Any) -> None:
        cursor = dbapi_connection.cursor()
        # WAL lets readers proceed during a write; foreign keys are off by default in SQLite.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()


def create_engine(settings: DatabaseSettings, *, pooled: bool = True, readers: int = 0) -> AsyncEngine:
    """The engine of one process. ``readers`` > 0 makes a SQLite engine for plain SELECTs only, with that
    many connections: in WAL mode they read concurrently with each other and with the one writer."""
    if settings.is_sqlite:
        path = _sqlite_path(settings.url)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        # SQLite has one writer at a time. One pooled connection queues the application's transactions in
        # order instead of letting them fail with "database is locked" while upgrading read locks.
        pool_args: dict[str, Any] = (
            {"pool_size": max(1, readers), "max_overflow": 0, "pool_timeout": 120}
            if pooled
            else {"poolclass": NullPool}
        )
        engine = create_async_engine(settings.url, echo=settings.echo, connect_args={"timeout": 30}, **pool_args)
        _configure_sqlite(engine)
        return engine
    pool_args = (
        {"pool_size": settings.pool_size, "max_overflow": settings.max_overflow} if pooled else {"poolclass": NullPool}
    )
    engine = create_async_engine(settings.url, echo=settings.echo, **pool_args)
    if pooled:
        _ping_idle_connections(engine)
    return engine


def _ping_idle_connections(engine: AsyncEngine) -> None:
    """Check a pooled connection before handing it out if it sat idle, so a database restart or a dropped
    connection costs no request. SQLAlchemy's ``pool_pre_ping`` checks every checkout, and with asyncpg
    each check is three round trips (BEGIN, ping, ROLLBACK): a fifth of a booking transaction's. A
    connection returned within the last ``PING_IF_IDLE_SECONDS`` was just working; if it breaks anyway,
    its request fails and SQLAlchemy discards the pool's other connections of that moment."""

    @event.listens_for(engine.sync_engine.pool, "connect")
    @event.listens_for(engine.sync_engine.pool, "checkin")
    def remember_checkin(dbapi_connection: Any, record: Any) -> None:
        record.info["checked_in_at"] = time.monotonic()

    @event.listens_for(engine.sync_engine.pool, "checkout")
    def ping_if_idle(dbapi_connection: Any, record: Any, proxy: Any) -> None:
        returned = record.info.get("checked_in_at")
        if returned is not None and time.monotonic() - returned < PING_IF_IDLE_SECONDS:
            return
        try:
            dbapi_connection.ping()
        except Exception as exc:
            raise DisconnectionError("pooled connection is gone") from exc  # the pool connects anew


def commit_before_reply(session_scope_key: str) -> Callable[[Message, Scope], Awaitable[None]]:
    """The request owns its transaction: commit it when the answer is a success (or an error that says its
    writes stand, such as a revoked sign-in), roll it back otherwise, then run the commit hooks, all before
    the answer starts. A commit that fails fails the request (the server answers 500) instead of letting a
    success go out for writes that were lost."""

    async def handler(message: Message, scope: Scope) -> None:
        session: AsyncSession | None = get_aa_scope_state(scope, session_scope_key)
        if session is None:
            return
        try:
            if message["type"] == "http.response.start":
                if 200 <= message["status"] < 300 or scope.get(KEEP_CHANGES_SCOPE_KEY):
                    await session.commit()
                    await run_commit_hooks(session)
                else:
                    await session.rollback()
        finally:
            if message["type"] in {"http.response.start", "http.disconnect"}:
                await session.close()
                delete_aa_scope_state(scope, session_scope_key)

    return handler


def build_sqlalchemy_config(engine: AsyncEngine, session_info: dict[str, Any]) -> SQLAlchemyAsyncConfig:
    """advanced-alchemy's Litestar config: a session per request, owned by :func:`commit_before_reply`."""
    config = SQLAlchemyAsyncConfig(
        engine_instance=engine,
        session_config=AsyncSessionConfig(expire_on_commit=False, info=session_info),
        create_all=False,
        set_default_exception_handler=False,
    )
    # advanced-alchemy's autocommit handler swallows commit errors; this one does not.
    # Each config gets its own scope key (several apps may share a process), known only once it is built.
    config.before_send_handler = commit_before_reply(config.session_scope_key)
    return config


def _alembic_config(connection: Connection | None = None) -> AlembicConfig:
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


async def migrate(settings: DatabaseSettings, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` (used by ``tessera migrate`` and the test suite)."""
    await _run_alembic(settings, lambda config: command.upgrade(config, revision))


async def downgrade(settings: DatabaseSettings, revision: str) -> None:
    await _run_alembic(settings, lambda config: command.downgrade(config, revision))


async def _run_alembic(settings: DatabaseSettings, run: Callable[[AlembicConfig], None]) -> None:
    engine = create_engine(settings, pooled=False)
    try:
        async with engine.connect() as connection:
            if settings.is_sqlite:
                # SQLite rebuilds a table to alter it (copy, drop, rename). With foreign keys enforced, dropping
                # the old table would cascade-delete the rows that reference it, so they are off while the
                # migration runs (the pragma works only outside a transaction: before the first statement) and
                # checked once it is done.
                await connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            await connection.run_sync(lambda sync: run(_alembic_config(sync)))
            if settings.is_sqlite:
                broken = (await connection.exec_driver_sql("PRAGMA foreign_key_check")).all()
                if broken:
                    raise RuntimeError(f"migration left rows with missing references: {broken[:5]}")
            await connection.commit()
    finally:
        await engine.dispose()


@asynccontextmanager
async def session_scope(settings: DatabaseSettings) -> AsyncIterator[AsyncSession]:
    """A committed-on-success session outside a request (CLI commands, scheduled jobs)."""
    engine = create_engine(settings)
    try:
        async with async_sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
            yield session
    finally:
        await engine.dispose()


async def write_revision(settings: DatabaseSettings, message: str) -> None:
    """Autogenerate the next revision, numbered in sequence (0001, 0002, ...) so the order reads at a glance."""
    rev_id = f"{len(list((MIGRATIONS_DIR / 'versions').glob('[0-9]*.py'))) + 1:04d}"
    engine = create_engine(settings, pooled=False)
    try:
        async with engine.begin() as connection:
            await connection.run_sync(
                lambda sync: command.revision(_alembic_config(sync), message=message, autogenerate=True, rev_id=rev_id)
            )
    finally:
        await engine.dispose()


# -- INSERT ... ON CONFLICT DO NOTHING that SQLAlchemy can cache ----------------------------------------------
# The dialects' INSERT constructs have no cache key (their conflict clauses carry none), so every execution
# compiles the statement again: about a quarter of a booking transaction's CPU. ON CONFLICT DO NOTHING without
# a target has nothing in it that varies, so its class is its whole key, and the INSERT around it can keep the
# base INSERT's key (which includes the conflict clause). Any other conflict clause keeps them uncacheable.


class _PostgresDoNothing(postgresql_dml.OnConflictDoNothing):
    _traverse_internals = []


class _PostgresInsert(postgresql_dml.Insert):
    inherit_cache = True

    @_generative
    def ignoring_conflicts(self) -> _PostgresInsert:
        self._post_values_clause = _PostgresDoNothing()
        return self


class _SqliteDoNothing(sqlite_dml.OnConflictDoNothing):
    _traverse_internals = []


class _SqliteInsert(sqlite_dml.Insert):
    inherit_cache = True

    @_generative
    def ignoring_conflicts(self) -> _SqliteInsert:
        self._post_values_clause = _SqliteDoNothing()
        return self


def insert_ignoring_conflicts(session: AsyncSession, table: Table) -> postgresql_dml.Insert | sqlite_dml.Insert:
    """``INSERT INTO table ... ON CONFLICT DO NOTHING``, compiled once per process and cached: rows that would
    break any unique constraint are left out (``RETURNING`` says which went in), and the transaction goes on."""
    if session.get_bind().dialect.name == "postgresql":
        return _PostgresInsert(table).ignoring_conflicts()
    return _SqliteInsert(table).ignoring_conflicts()
