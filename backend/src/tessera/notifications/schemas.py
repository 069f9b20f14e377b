from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

import msgspec


class NotificationRead(msgspec.Struct):
    id: uuid.UUID
    kind: str
    payload: dict[str, Any]
    created_at: datetime
    read_at: datetime | None


class NotificationPage(msgspec.Struct):
    items: list[NotificationRead]
    total: int
    unread: int
    limit: int
    offset: int


class DeliveryRead(msgspec.Struct):
    """An admin's view of a delivery."""

    id: uuid.UUID
    user_id: uuid.UUID
    kind: str
    channel: str
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime
    sent_at: datetime | None


class DeliveryPage(msgspec.Struct):
    items: list[DeliveryRead]
    total: int
    limit: int
    offset: int


class MarkedRead(msgspec.Struct):
    marked: int
