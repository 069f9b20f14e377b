"""The notification outbox. Other modules call :func:`enqueue` inside their own transaction."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession
from uuid_utils.compat import uuid7

from tessera.notifications.models import Notification


@dataclass(frozen=True, slots=True)
class Outgoing:
    user_id: uuid.UUID
    kind: str
    payload: dict[str, Any]
    # Same key, same message: a retried business operation never produces a second notification.
    dedupe_key: str


async def enqueue(session: AsyncSession, messages: Sequence[Outgoing]) -> None:
    """Write outbox rows in the caller's transaction (one statement for any number of rows)."""
    if not messages:
        return
    now = datetime.now(UTC)
    await session.execute(
        insert(Notification),
        [
            {
                "id": uuid7(),
                "user_id": m.user_id,
                "kind": m.kind,
                "channel": "email",
                "payload": m.payload,
                "status": "pending",
                "attempts": 0,
                "dedupe_key": m.dedupe_key,
                "next_attempt_at": now,
                "created_at": now,
                "updated_at": now,
            }
            for m in messages
        ],
    )
