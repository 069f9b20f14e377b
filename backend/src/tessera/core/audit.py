"""The audit log: who changed what, when, from where, and the before and after of each changed field.

A change writes its entry with :func:`audit` in its own transaction, so an entry exists exactly when its change
was committed. The actor and address come from the request (the authentication middleware sets them) or are
absent for jobs. Values of secret fields (passwords, tokens, secrets, documents) never enter the log: such a
field appears with ``["[redacted]", "[redacted]"]``.
"""

from __future__ import annotations

import contextvars
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from advanced_alchemy.base import UUIDv7Base
from advanced_alchemy.types import GUID, DateTimeUTC, JsonB
from sqlalchemy import ColumnElement, Index, String, delete, func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from uuid_utils.compat import uuid7

REDACTED = "[redacted]"
# Parts of field names whose values are never logged.
# Personal values (e-mail addresses, exact addresses) are left out too, so erasing an account leaves none here.
_SECRET_PARTS = ("password", "token", "secret", "document", "code_hash", "ciphertext", "address", "email")
PURGE_BATCH = 5000


class AuditEntry(UUIDv7Base):
    __tablename__ = "audit_log"
    __table_args__ = (
        # Newest first, alone and under each filter the admin view offers.
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_actor_at", "actor_id", "at"),
        Index("ix_audit_log_entity_at", "entity_type", "entity_id", "at"),
        Index("ix_audit_log_action_at", "action", "at"),
    )

    at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    # No foreign key: the entry outlives the account that acted (and a deleted account's entries stay).
    actor_id: Mapped[uuid.UUID | None] = mapped_column(GUID, default=None)
    action: Mapped[str] = mapped_column(String(60))
    entity_type: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(64))
    ip: Mapped[str | None] = mapped_column(String(64), default=None)
    changes: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: uuid.UUID | None
    ip: str | None


_actor: contextvars.ContextVar[Actor | None] = contextvars.ContextVar("tessera_audit_actor", default=None)


def set_actor(actor: Actor | None) -> contextvars.Token[Actor | None]:
    """Who acts in this request (the authentication middleware calls it for every request)."""
    return _actor.set(actor)


def reset_actor(token: contextvars.Token[Actor | None]) -> None:
    _actor.reset(token)


def is_secret(field: str) -> bool:
    return any(part in field.lower() for part in _SECRET_PARTS)


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return str(value)


def snapshot(row: object, fields: tuple[str, ...]) -> dict[str, Any]:
    """The named fields of a row, to compare with :func:`changed` after a change."""
    return {field: getattr(row, field) for field in fields}


def changed(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """``{field: [before, after]}`` for the fields whose value differs, secrets redacted."""
    fields = [f for f in {*before, *after} if before.get(f) != after.get(f)]
    return {
        f: [REDACTED, REDACTED] if is_secret(f) else [_plain(before.get(f)), _plain(after.get(f))]
        for f in sorted(fields)
    }


@dataclass(frozen=True, slots=True)
class AuditRecord:
    action: str
    entity_id: uuid.UUID | str
    changes: Mapping[str, list[Any]]
    actor_id: uuid.UUID | None = None


def _entry(record: AuditRecord, actor: Actor | None, at: datetime) -> dict[str, Any]:
    entity_type, _, _ = record.action.partition(".")
    return {
        "id": uuid7(),
        "at": at,
        "actor_id": record.actor_id or (actor.user_id if actor else None),
        "action": record.action,
        "entity_type": entity_type,
        "entity_id": str(record.entity_id),
        "ip": actor.ip if actor else None,
        "changes": {
            f: [REDACTED, REDACTED] if is_secret(f) else [_plain(v) for v in pair] for f, pair in record.changes.items()
        },
    }


async def audit_many(session: AsyncSession, records: Sequence[AuditRecord]) -> None:
    """Many entries in one statement, in the caller's transaction (bookings made in a batch)."""
    if records:
        now, actor = datetime.now(UTC), _actor.get()
        connection = await session.connection()
        await connection.execute(insert(AuditEntry), [_entry(r, actor, now) for r in records])


def audit(
    session: AsyncSession,
    action: str,
    entity_id: uuid.UUID | str,
    changes: Mapping[str, list[Any]] | None = None,
    *,
    actor_id: uuid.UUID | None = None,
) -> None:
    """Write one entry in the caller's transaction. ``action`` is ``<entity type>.<verb>`` (``booking.created``);
    the actor is the request's user unless given (a job acting for nobody leaves it empty)."""
    session.add(
        AuditEntry(**_entry(AuditRecord(action, entity_id, changes or {}, actor_id), _actor.get(), datetime.now(UTC)))
    )


@dataclass(frozen=True, slots=True)
class AuditFilter:
    actor_id: uuid.UUID | None = None
    entity_type: str | None = None
    entity_id: str | None = None
    action: str | None = None
    since: datetime | None = None
    until: datetime | None = None


async def search_audit(
    session: AsyncSession, where: AuditFilter, limit: int, offset: int
) -> tuple[list[AuditEntry], int]:
    """Entries matching every given filter, newest first, and how many match."""
    conditions: list[ColumnElement[bool]] = []
    if where.actor_id is not None:
        conditions.append(AuditEntry.actor_id == where.actor_id)
    if where.entity_type is not None:
        conditions.append(AuditEntry.entity_type == where.entity_type)
    if where.entity_id is not None:
        conditions.append(AuditEntry.entity_id == where.entity_id)
    if where.action is not None:
        conditions.append(AuditEntry.action == where.action)
    if where.since is not None:
        conditions.append(AuditEntry.at >= where.since)
    if where.until is not None:
        conditions.append(AuditEntry.at < where.until)
    rows = await session.scalars(
        select(AuditEntry)
        .where(*conditions)
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    total = await session.scalar(select(func.count()).select_from(AuditEntry).where(*conditions))
    return list(rows), total or 0


async def purge_audit(session: AsyncSession, retention_days: int, now: datetime | None = None) -> int:
    """Delete up to one batch of entries older than the retention; returns how many (0: none left)."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    oldest = select(AuditEntry.id).where(AuditEntry.at < cutoff).order_by(AuditEntry.at).limit(PURGE_BATCH)
    ids = list(await session.scalars(oldest))
    if ids:
        await session.execute(delete(AuditEntry).where(AuditEntry.id.in_(ids)))
    return len(ids)
