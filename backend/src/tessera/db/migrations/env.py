"""Alembic environment. ``tessera migrate`` passes an open connection; the plain ``alembic`` command
(used to write new revisions) connects to the database configured by ``TESSERA_*`` variables."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection

from tessera.core.db import include_object, metadata
from tessera.db import load_models

load_models()
config = context.config


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=metadata,
        render_as_batch=True,  # SQLite rebuilds tables for ALTERs
        # SQLite reflects custom types loosely (GUID comes back as NUMERIC): compare types on PostgreSQL only.
        compare_type=connection.dialect.name != "sqlite",
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_with_configured_database() -> None:
    from tessera.config import load_settings
    from tessera.core.db import create_engine

    engine = create_engine(load_settings().database, pooled=False)
    async with engine.begin() as connection:
        await connection.run_sync(run_migrations)
    await engine.dispose()


if context.is_offline_mode():
    raise SystemExit("Offline (--sql) migrations are not supported; run `tessera migrate`.")

_connection = config.attributes.get("connection")
if _connection is not None:
    run_migrations(_connection)
else:
    asyncio.run(_run_with_configured_database())
