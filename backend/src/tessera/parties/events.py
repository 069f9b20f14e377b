"""The parties domain's log events: ids only, never names, comments or addresses. An event about a change is
written once the change is committed; a refusal is written at once."""

from __future__ import annotations

import uuid

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.core.background import on_commit


def _logger() -> structlog.stdlib.BoundLogger:
    return structlog.get_logger("tessera.parties")  # type: ignore[no-any-return]


def committed(session: AsyncSession, event: str, **ids: uuid.UUID | str) -> None:
    """Log ``event`` when the transaction commits (never for a change that was rolled back)."""
    fields = {name: str(value) for name, value in ids.items()}

    async def write() -> None:
        _logger().info(event, **fields)

    on_commit(session, write)


def refused(event: str, **ids: uuid.UUID | str) -> None:
    _logger().info(event, **{name: str(value) for name, value in ids.items()})
