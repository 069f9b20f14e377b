"""Background work on Taskiq: the broker from settings, every task, and the periodic schedule.

Embedded mode uses an in-memory broker (tasks run inside the API process, which also runs the schedule);
production uses a Redis stream broker whose messages are acknowledged only after the task ran, so a worker
dying mid-task leaves the message to be redelivered. ``tessera worker`` and ``tessera scheduler`` run them.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from taskiq import AsyncBroker, InMemoryBroker, TaskiqScheduler
from taskiq.schedule_sources import LabelScheduleSource
from taskiq_redis import RedisStreamBroker

from tessera.booking.dependencies import build_booking_service
from tessera.booking.tasks import expire_holds
from tessera.catalog.services import SeatInventory
from tessera.catalog.tasks import archive_finished_listings
from tessera.core.runtime import Runtime
from tessera.notifications.delivery import NotificationDelivery, due_notifications
from tessera.notifications.mail import build_mailer
from tessera.payments.tasks import reconcile_payments, retry_refunds

DELIVER_NOTIFICATION = "tessera.notifications.deliver"

# Task name -> seconds between runs.
SCHEDULE = {
    "tessera.booking.expire_holds": 30,
    "tessera.notifications.sweep": 60,
    "tessera.notifications.reminders": 300,
    "tessera.notifications.review_invitations": 900,
    "tessera.payments.check_stale": 60,
    "tessera.payments.retry_refunds": 120,
    "tessera.catalog.archive_finished": 600,
}


def build_broker(runtime: Runtime) -> AsyncBroker:
    """The broker for these settings, with every task registered. Also lets ``runtime`` dispatch through it."""
    settings = runtime.settings
    broker: AsyncBroker = (
        RedisStreamBroker(settings.redis_url, queue_name="tessera", consumer_group_name="tessera-workers")
        if settings.redis_url
        else InMemoryBroker()
    )
    delivery = NotificationDelivery(runtime, build_mailer(settings.mail))

    async def deliver_notification(notification_id: str) -> str:
        return await delivery.deliver(uuid.UUID(notification_id))

    async def sweep_notifications() -> int:
        """Hand over rows whose dispatch was lost or whose worker died (their lease expired)."""
        due = await due_notifications(runtime, datetime.now(UTC))
        await runtime.dispatch_notifications(due)
        return len(due)

    async def send_reminders() -> int:
        now = datetime.now(UTC)
        return await _notify_sessions(runtime, "starts_at", now, now + timedelta(hours=24), "reminder")

    async def invite_reviews() -> int:
        now = datetime.now(UTC)
        return await _notify_sessions(runtime, "ends_at", now - timedelta(days=2), now, "review_invitation")

    async def expire_holds_job() -> int:
        return await expire_holds(runtime)

    async def check_stale_payments() -> int:
        return await reconcile_payments(runtime)

    async def resend_refunds() -> int:
        return await retry_refunds(runtime)

    async def archive_finished() -> int:
        return await archive_finished_listings(runtime)

    broker.register_task(deliver_notification, task_name=DELIVER_NOTIFICATION)
    periodic = {
        "tessera.booking.expire_holds": expire_holds_job,
        "tessera.notifications.sweep": sweep_notifications,
        "tessera.notifications.reminders": send_reminders,
        "tessera.notifications.review_invitations": invite_reviews,
        "tessera.payments.check_stale": check_stale_payments,
        "tessera.payments.retry_refunds": resend_refunds,
        "tessera.catalog.archive_finished": archive_finished,
    }
    for name, job in periodic.items():
        broker.register_task(job, task_name=name, schedule=[{"interval": SCHEDULE[name]}])
    runtime.broker = broker
    return broker


def build_scheduler(broker: AsyncBroker) -> TaskiqScheduler:
    """Exactly one scheduler should run (Kubernetes: one replica, Recreate strategy)."""
    return TaskiqScheduler(broker, sources=[LabelScheduleSource(broker)])


async def _notify_sessions(runtime: Runtime, column: str, start: datetime, end: datetime, kind: str) -> int:
    async with runtime.sessions() as session, session.begin():
        session_ids = await SeatInventory(session).sessions_between(column, start, end)
        return await build_booking_service(session, runtime).notify_attendees(session_ids, kind)
