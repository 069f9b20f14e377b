"""The notification outbox, which every module writes to: a business transaction calls :func:`enqueue` to
insert rows; once it commits they are handed to the task queue (and a periodic sweep hands over any that were
missed). Delivering them is the notifications module's job; writing them needs nothing of it."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID, DateTimeUTC, JsonB
from sqlalchemy import ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from uuid_utils.compat import uuid7

from tessera.core.background import DISPATCH_KEY, after_commit
from tessera.core.db import insert_ignoring_conflicts


class NotificationStatus(enum.StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


class Channel(enum.StrEnum):
    EMAIL = "email"  # e-mailed, and listed in the app
    IN_APP = "in_app"  # listed in the app only


class Notification(UUIDv7AuditBase):
    """The outbox: business transactions insert a row; delivery (e-mail, in-app) happens after commit."""

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_created", "user_id", "created_at"),
        Index("ix_notifications_status_next_attempt", "status", "next_attempt_at"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(60))
    channel: Mapped[str] = mapped_column(String(20), default="email")
    payload: Mapped[dict[str, Any]] = mapped_column(JsonB, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, default=None)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    # A delivery attempt leases the row until then; a worker that dies leaves a lease the sweep can see expire.
    locked_until: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    next_attempt_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    sent_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    read_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)


Dispatch = Callable[[Sequence[uuid.UUID]], Awaitable[None]]


@dataclass(frozen=True, slots=True)
class Outgoing:
    user_id: uuid.UUID
    kind: str
    payload: dict[str, Any]
    # Same key, same message: a retried business operation never produces a second notification.
    dedupe_key: str
    channel: Channel = Channel.EMAIL


async def enqueue(session: AsyncSession, messages: Sequence[Outgoing]) -> list[uuid.UUID]:
    """Write outbox rows in the caller's transaction (one statement for any number of rows). A row whose
    dedupe key already exists is skipped. Returns the ids written."""
    if not messages:
        return []
    now = datetime.now(UTC)
    rows = [
        {
            "id": uuid7(),
            "user_id": m.user_id,
            "kind": m.kind,
            "channel": m.channel.value,
            "payload": m.payload,
            # In-app rows have nothing to deliver.
            "status": NotificationStatus.PENDING if m.channel is Channel.EMAIL else NotificationStatus.SENT,
            "attempts": 0,
            "dedupe_key": m.dedupe_key,
            "next_attempt_at": now,
            "sent_at": None if m.channel is Channel.EMAIL else now,
            "created_at": now,
            "updated_at": now,
        }
        for m in messages
    ]
    table = cast(Table, Notification.__table__)
    # A parameter list (not .values([...])) keeps one cached statement whatever the number of rows.
    result = await (await session.connection()).execute(
        insert_ignoring_conflicts(session, table).returning(table.c.id, table.c.status),
        rows,
    )
    written = result.all()
    to_send = [row.id for row in written if row.status == NotificationStatus.PENDING]
    dispatch: Dispatch | None = session.sync_session.info.get(DISPATCH_KEY)
    if to_send and dispatch is not None:
        after_commit(session, lambda: dispatch(to_send))
    return [row.id for row in written]
