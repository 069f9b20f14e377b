"""Delivering outbox rows: claim with a lease, compose, send, mark; retry with backoff; sweep what was missed.

A row is claimed by one conditional UPDATE that takes a lease (``locked_until``), so concurrent workers never
send it twice. A worker that dies after claiming leaves the lease to expire; the sweep then hands the row to
another worker. Rows that keep failing are retried with exponential backoff and finally marked ``failed``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import structlog
from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tessera.config import Settings
from tessera.core.messages import AddressBook, MessageComposer, Recipient
from tessera.core.outbox import Channel, Notification, NotificationStatus
from tessera.notifications.mail import Mailer
from tessera.notifications.messages import build_email, render

logger = structlog.get_logger("tessera.notifications")
LEASE = timedelta(minutes=5)
SWEEP_BATCH = 500


@dataclass(frozen=True, slots=True)
class Claimed:
    id: uuid.UUID
    user_id: uuid.UUID
    kind: str
    channel: str
    payload: dict[str, Any]
    attempts: int
    dedupe_key: str
    lease: datetime


class NotificationDelivery:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        settings: Settings,
        mailer: Mailer,
        composers: Mapping[str, MessageComposer],
        addresses: AddressBook,
    ) -> None:
        self.sessions = sessions
        self.settings = settings
        self.mailer = mailer
        # Message kind -> the module's composer (wired by the composition root).
        self.composers = composers
        self.addresses = addresses

    async def claim(self, notification_id: uuid.UUID, now: datetime) -> Claimed | None:
        """Take the row for one delivery attempt, or None if it is not due or someone else holds it."""
        lease = now + LEASE
        async with self.sessions() as session, session.begin():
            row = (
                await session.execute(
                    update(Notification)
                    .where(
                        Notification.id == notification_id,
                        Notification.status == NotificationStatus.PENDING,
                        or_(Notification.locked_until.is_(None), Notification.locked_until < now),
                        or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now),
                    )
                    .values(locked_until=lease, attempts=Notification.attempts + 1, updated_at=now)
                    .returning(
                        Notification.id,
                        Notification.user_id,
                        Notification.kind,
                        Notification.channel,
                        Notification.payload,
                        Notification.attempts,
                        Notification.dedupe_key,
                    )
                )
            ).first()
        if row is None:
            return None
        return Claimed(
            row.id, row.user_id, row.kind, row.channel, dict(row.payload), row.attempts, row.dedupe_key, lease
        )

    async def deliver(self, notification_id: uuid.UUID, now: datetime | None = None) -> str:
        """One delivery attempt. Returns sent | retry | failed | skipped."""
        now = now or datetime.now(UTC)
        claimed = await self.claim(notification_id, now)
        if claimed is None:
            return "skipped"
        try:
            if claimed.channel == Channel.EMAIL:
                message, address = await self._compose(claimed)
                await self.mailer.send(message, address)
        except Exception as exc:
            return await self._failed(claimed, now, f"{type(exc).__name__}: {exc}"[:1000])
        async with self.sessions() as session, session.begin():
            await session.execute(
                update(Notification)
                .where(Notification.id == claimed.id, Notification.locked_until == claimed.lease)
                .values(status=NotificationStatus.SENT, sent_at=datetime.now(UTC), locked_until=None, last_error=None)
            )
        logger.info("notification_sent", notification_id=str(claimed.id), kind=claimed.kind)
        return "sent"

    async def _failed(self, claimed: Claimed, now: datetime, error: str) -> str:
        final = claimed.attempts >= self.settings.mail.max_attempts
        delay = timedelta(seconds=self.settings.mail.retry_base_seconds * 2 ** (claimed.attempts - 1))
        async with self.sessions() as session, session.begin():
            await session.execute(
                update(Notification)
                .where(Notification.id == claimed.id, Notification.locked_until == claimed.lease)
                .values(
                    status=NotificationStatus.FAILED if final else NotificationStatus.PENDING,
                    next_attempt_at=None if final else now + delay,
                    locked_until=None,
                    last_error=error,
                )
            )
        logger.warning(
            "notification_failed" if final else "notification_retry",
            notification_id=str(claimed.id),
            attempts=claimed.attempts,
            error=error,
        )
        return "failed" if final else "retry"

    async def _compose(self, claimed: Claimed) -> tuple[EmailMessage, str]:
        """The e-mail and the one address it goes to: the account's own (or, for an address change, the new
        address to verify or the old one to warn). The module whose message kind it is composes the words; an
        unknown kind fails the attempt (and is retried, then marked failed)."""
        composer = self.composers[claimed.kind]
        async with self.sessions() as session:
            user = await self.addresses.addressee(session, claimed.user_id)
            recipient = Recipient(user.name, user.language)
            composed = await composer.compose(session, claimed.kind, claimed.payload, recipient)
        if composed.to_name is not None:
            recipient = Recipient(composed.to_name, recipient.language)
        message = build_email(
            render(composed, recipient),
            sender=self.settings.mail.sender,
            recipient_name=recipient.name,
            recipient_address=composed.to_address or user.email,
            message_key=claimed.dedupe_key,
            attachments=composed.attachments,
        )
        return message, composed.to_address or user.email


async def due_notifications(sessions: async_sessionmaker[AsyncSession], now: datetime) -> list[uuid.UUID]:
    """Rows that should be (re)delivered now: pending, due, and not leased by a live worker."""
    async with sessions() as session:
        rows = await session.scalars(
            select(Notification.id)
            .where(
                Notification.status == NotificationStatus.PENDING,
                or_(Notification.next_attempt_at.is_(None), Notification.next_attempt_at <= now),
                or_(Notification.locked_until.is_(None), Notification.locked_until < now),
            )
            .order_by(Notification.created_at)
            .limit(SWEEP_BATCH)
        )
        return list(rows)


async def deliver_all(delivery: NotificationDelivery, ids: Sequence[uuid.UUID], now: datetime | None = None) -> int:
    sent = 0
    for notification_id in ids:
        sent += await delivery.deliver(notification_id, now) == "sent"
    return sent
