from __future__ import annotations

import uuid
from typing import Any

import msgspec
from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery
from litestar.status_codes import HTTP_200_OK
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.core.auth import CurrentUser, requires_admin
from tessera.core.outbox import NotificationStatus
from tessera.core.pagination import LimitOffset, provide_limit_offset
from tessera.notifications.schemas import (
    DeliveryPage,
    DeliveryRead,
    MarkedRead,
    NotificationPage,
    NotificationRead,
)
from tessera.notifications.services import NotificationService


def provide_notification_service(db_session: NamedDependency[AsyncSession]) -> NotificationService:
    return NotificationService(db_session)


DEPENDENCIES = {
    "notifications": Provide(provide_notification_service, sync_to_thread=False),
    "page": Provide(provide_limit_offset, sync_to_thread=False),
}


def _read(row: Any) -> NotificationRead:
    return msgspec.convert(row, NotificationRead, from_attributes=True)


class NotificationController(Controller):
    path = "/notifications"
    tags = ["notifications"]
    dependencies = DEPENDENCIES

    @get("/", operation_id="listNotifications", summary="Your notifications, newest first, with the unread count")
    async def list_notifications(
        self,
        notifications: NamedDependency[NotificationService],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
        unread: FromQuery[bool] = False,
    ) -> NotificationPage:
        rows, total, unread_count = await notifications.list_for_user(current_user.id, page.limit, page.offset, unread)
        return NotificationPage(
            items=[_read(r) for r in rows], total=total, unread=unread_count, limit=page.limit, offset=page.offset
        )

    @post("/{notification_id:uuid}/read", operation_id="markNotificationRead", status_code=HTTP_200_OK)
    async def mark_read(
        self,
        notification_id: FromPath[uuid.UUID],
        notifications: NamedDependency[NotificationService],
        current_user: NamedDependency[CurrentUser],
    ) -> MarkedRead:
        return MarkedRead(marked=await notifications.mark_read(current_user.id, notification_id))

    @post("/read-all", operation_id="markAllNotificationsRead", status_code=HTTP_200_OK)
    async def mark_all_read(
        self, notifications: NamedDependency[NotificationService], current_user: NamedDependency[CurrentUser]
    ) -> MarkedRead:
        return MarkedRead(marked=await notifications.mark_read(current_user.id, None))


class AdminNotificationController(Controller):
    path = "/admin/notifications"
    tags = ["admin"]
    guards = [requires_admin]
    dependencies = DEPENDENCIES

    @get("/", operation_id="adminListNotifications", summary="Deliveries, e.g. ?status=failed")
    async def list_deliveries(
        self,
        notifications: NamedDependency[NotificationService],
        page: NamedDependency[LimitOffset],
        status: FromQuery[NotificationStatus | None] = None,
    ) -> DeliveryPage:
        rows, total = await notifications.admin_list(status, page.limit, page.offset)
        return DeliveryPage(
            items=[msgspec.convert(r, DeliveryRead, from_attributes=True) for r in rows],
            total=total,
            limit=page.limit,
            offset=page.offset,
        )

    @post("/{notification_id:uuid}/retry", operation_id="adminRetryNotification", status_code=HTTP_200_OK)
    async def retry(
        self, notification_id: FromPath[uuid.UUID], notifications: NamedDependency[NotificationService]
    ) -> DeliveryRead:
        return msgspec.convert(await notifications.retry(notification_id), DeliveryRead, from_attributes=True)
