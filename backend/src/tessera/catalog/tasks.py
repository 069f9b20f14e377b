"""Catalog work outside requests, run by the scheduler."""

from __future__ import annotations

from datetime import UTC, datetime

from tessera.catalog.services import CatalogService
from tessera.core.runtime import Runtime


async def archive_finished_listings(runtime: Runtime) -> int:
    """Take listings that have ended out of the catalog's search indexes. Returns how many."""
    async with runtime.sessions() as session, session.begin():
        return await CatalogService(session, runtime.cache).archive_finished(datetime.now(UTC))
