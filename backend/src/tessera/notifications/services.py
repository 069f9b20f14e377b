"""In-app notifications and the admin's view of deliveries (rows written through ``core.outbox``)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.core.background import DISPATCH_KEY, after_commit
from tessera.core.errors import NotFoundAppError
from tessera.core.outbox import Dispatch, Notification, NotificationStatus


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
