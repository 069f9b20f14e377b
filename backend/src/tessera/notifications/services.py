"""The notification outbox. Other modules call :func:`enqueue` inside their own transaction; once it commits,
the rows are handed to the task queue (and a periodic sweep hands over any that were missed)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from uuid_utils.compat import uuid7

from tessera.core.background import DISPATCH_KEY, after_commit
from tessera.core.errors import NotFoundAppError
from tessera.notifications.models import Channel, Notification, NotificationStatus

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
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    table = cast(Table, Notification.__table__)
    # A parameter list keeps the compiled statement cached whatever the number of rows.
    result = await (await session.connection()).execute(
        insert(table).on_conflict_do_nothing(index_elements=["dedupe_key"]).returning(table.c.id, table.c.status),
        rows,
    )
    written = result.all()
    to_send = [row.id for row in written if row.status == NotificationStatus.PENDING]
    dispatch: Dispatch | None = session.sync_session.info.get(DISPATCH_KEY)
    if to_send and dispatch is not None:
        after_commit(session, lambda: dispatch(to_send))
    return [row.id for row in written]


class NotificationService:
    """A user's in-app notifications, and the admin's view of deliveries."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def list_for_user(
        self, user_id: uuid.UUID, limit: int, offset: int, unread_only: bool
    ) -> tuple[list[Notification], int, int]:
        """(page, total, unread) of the user's notifications, newest first."""
        stmt = select(Notification).where(Notification.user_id == user_id)
        if unread_only:
            stmt = stmt.where(Notification.read_at.is_(None))
        total = await self.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        unread = (
            await self.session.scalar(
                select(func.count()).where(Notification.user_id == user_id, Notification.read_at.is_(None))
            )
            or 0
        )
        rows = await self.session.scalars(
            stmt.order_by(Notification.created_at.desc(), Notification.id.desc()).limit(limit).offset(offset)
        )
        return list(rows), total, unread

    async def mark_read(self, user_id: uuid.UUID, notification_id: uuid.UUID | None) -> int:
        """Mark one notification (or, with ``None``, all) as read. Others' notifications are 404."""
        stmt = (
            update(Notification)
            .where(Notification.user_id == user_id, Notification.read_at.is_(None))
            .values(read_at=datetime.now(UTC))
        )
        if notification_id is not None:
            owned = await self.session.scalar(
                select(Notification.id).where(Notification.id == notification_id, Notification.user_id == user_id)
            )
            if owned is None:
                raise NotFoundAppError("Notification not found")
            stmt = stmt.where(Notification.id == notification_id)
        result = await self.session.execute(stmt)
        return int(result.rowcount)  # type: ignore[attr-defined]

    async def admin_list(self, status: str | None, limit: int, offset: int) -> tuple[list[Notification], int]:
        stmt = select(Notification)
        if status is not None:
            stmt = stmt.where(Notification.status == status)
        total = await self.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        rows = await self.session.scalars(stmt.order_by(Notification.created_at.desc()).limit(limit).offset(offset))
        return list(rows), total

    async def retry(self, notification_id: uuid.UUID) -> Notification:
        """An admin sends a failed notification again: back to pending with a fresh attempt budget."""
        row = await self.session.get(Notification, notification_id)
        if row is None:
            raise NotFoundAppError("Notification not found")
        if row.status == NotificationStatus.FAILED:
            row.status = NotificationStatus.PENDING
            row.attempts = 0
            row.next_attempt_at = datetime.now(UTC)
            row.locked_until = None
            await self.session.flush()
            dispatch: Dispatch | None = self.session.sync_session.info.get(DISPATCH_KEY)
            if dispatch is not None:
                after_commit(self.session, lambda: dispatch([row.id]))
        return row
