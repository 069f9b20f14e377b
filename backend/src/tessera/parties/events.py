"""The parties domain's log events: ids only, never names, comments or addresses. An event about a change is
written once the change is committed; a refusal is written at once."""

from __future__ import annotations

import uuid

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.core.audit import audit
from tessera.core.background import on_commit


def _logger() -> structlog.stdlib.BoundLogger:
    return structlog.get_logger("tessera.parties")  # type: ignore[no-any-return]


def committed(session: AsyncSession, event: str, **ids: uuid.UUID | str) -> None:
    """Log ``event`` when the transaction commits (never for a change that was rolled back), and write its
    audit entry in the transaction: about the first id, with the others as its fields."""
    fields = {name: str(value) for name, value in ids.items()}
    (_, about), *others = fields.items()
    audit(session, event, about, {name: [None, value] for name, value in others})

    async def write() -> None:
        _logger().info(event, **fields)

    on_commit(session, write)


def refused(event: str, **ids: uuid.UUID | str) -> None:
    _logger().info(event, **{name: str(value) for name, value in ids.items()})
