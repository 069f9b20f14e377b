"""Background work on Taskiq: every task, the periodic schedule, and the jobs the CLI runs by hand.

Embedded mode uses an in-memory broker (tasks run inside the API process, which also runs the schedule);
production uses a Redis stream broker whose messages are acknowledged only after the task ran, so a worker
dying mid-task leaves the message to be redelivered. ``tessera worker`` and ``tessera scheduler`` run them.
Each job owns its transactions, as a request does.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from taskiq import AsyncBroker, TaskiqScheduler
from taskiq.schedule_sources import LabelScheduleSource

from tessera.accounts.services import AccountAddressBook
from tessera.approvals.services import EXPIRY_BATCH
from tessera.catalog.inventory import SeatInventory
from tessera.catalog.models import ListingDomain
from tessera.core.audit import PURGE_BATCH, purge_audit
from tessera.core.background import transaction
from tessera.flights.change_answers import accept_overdue
from tessera.notifications.delivery import NotificationDelivery, due_notifications
from tessera.notifications.mail import build_mailer
from tessera.server.container import DELIVER_NOTIFICATION, OFFER_WAITLIST_SEATS, Container, OutboxDispatcher

# Task name -> seconds between runs.
SCHEDULE = {
    "tessera.booking.expire_holds": 30,
    "tessera.notifications.sweep": 60,
    "tessera.notifications.reminders": 300,
    "tessera.notifications.review_invitations": 900,
    "tessera.payments.check_stale": 60,
    "tessera.payments.retry_refunds": 120,
    "tessera.catalog.archive_finished": 600,
    "tessera.flights.purge_documents": 3600,
    "tessera.flights.expire_change_responses": 600,
    "tessera.parties.expire_requests": 300,
    "tessera.parties.reveal_due": 900,
    "tessera.parties.rating_invitations": 900,
    "tessera.parties.rating_reminders": 3600,
    "tessera.audit.purge": 3600,
    "tessera.accounts.purge_tokens": 3600,
    "tessera.waitlist.sweep": 60,
    "tessera.approvals.expire": 300,
}


async def expire_holds(container: Container) -> int:
    """Release the seats of every hold whose payment time ran out. Returns how many expired."""
    async with transaction(container.sessions) as session:
        return await container.bookings(session).releases.expire_overdue_holds(datetime.now(UTC))


async def reconcile_payments(container: Container) -> int:
    """Settle attempts whose callback never came by asking the gateway, one transaction each. Returns how many
    were settled one way or the other."""
    now = datetime.now(UTC)
    async with container.sessions() as session:
        stale = await container.payments(session).stale_attempts(now)
    settled = 0
    for payment_id in stale:
        async with transaction(container.sessions) as session:
            settled += await container.payments(session).reconcile_one(payment_id, now)
    return settled


async def retry_refunds(container: Container) -> int:
    """Settle refunds whose answer was lost, then resend those still pending. Returns how many were resent."""
    return await container.refunds.retry_pending()


async def archive_finished_listings(container: Container) -> int:
    """Take listings that have ended out of the catalog's search indexes. Returns how many."""
    async with transaction(container.sessions) as session:
        return await container.catalog(session).archive_finished(datetime.now(UTC))


async def notify_sessions(container: Container, column: str, start: datetime, end: datetime, kind: str) -> int:
    async with transaction(container.sessions) as session:
        inventory = SeatInventory(session)
        session_ids = await inventory.sessions_between(column, start, end)
        if kind == "review_invitation":  # watch parties are rated host and guests, not reviewed as listings
            described = await inventory.describe(session_ids)
            session_ids = [s for s in session_ids if described[s].managed_by != ListingDomain.PARTIES]
        return await container.bookings(session).attendance.notify_attendees(session_ids, kind)


async def purge_travel_documents(container: Container) -> int:
    """Erase passport documents no longer needed (trips over, orders closed). Returns how many passengers'."""
    async with transaction(container.sessions) as session:
        return await container.travel_documents(session).purge(datetime.now(UTC))


async def purge_audit_log(container: Container) -> int:
    """Delete audit entries older than TESSERA_AUDIT_RETENTION_DAYS, a batch per transaction. Returns how many."""
    total = 0
    while True:
        async with transaction(container.sessions) as session:
            done = await purge_audit(session, container.settings.auth.audit_retention_days)
        total += done
        if done < PURGE_BATCH:
            return total


async def offer_waitlist_seats(container: Container, session_id: uuid.UUID) -> int:
    """Offer a session's free seats to the people in line. Returns how many offers were made."""
    async with transaction(container.sessions) as session:
        return await container.waitlist(session).offer_freed_seats(session_id, datetime.now(UTC))


async def sweep_waitlists(container: Container) -> int:
    """Offer seats on every session with free seats and people waiting: a pass whose kick was lost (a process
    died between commit and queueing), or seats the organizer added. Returns how many offers were made."""
    async with container.sessions() as session:
        due = await container.waitlist(session).sessions_to_offer()
    return sum([await offer_waitlist_seats(container, session_id) for session_id in due])


async def expire_booking_requests(container: Container) -> int:
    """Requests for approval nobody decided in time expire and release what they held. Returns how many."""
    total = 0
    while True:
        async with transaction(container.sessions) as session:
            done = await container.approvals(session).expire_overdue(datetime.now(UTC))
        total += done
        if done < EXPIRY_BATCH:
            return total


async def purge_account_tokens(container: Container) -> int:
    """Delete verification and reset links and sign-in challenges that expired a day ago. Returns how many."""
    async with transaction(container.sessions) as session:
        return await container.account_tokens(session).purge_expired(datetime.now(UTC))


async def accept_unanswered_changes(container: Container) -> int:
    """Schedule changes nobody answered in time count as accepted. Returns how many."""
    async with transaction(container.sessions) as session:
        return await accept_overdue(session, datetime.now(UTC))


async def expire_party_requests(container: Container) -> int:
    """Requests for places no host answered in time expire. Returns how many."""
    async with transaction(container.sessions) as session:
        return await container.party_bookings(session).expire_requests(datetime.now(UTC))


async def reveal_due_ratings(container: Container) -> int:
    """Ratings whose window closed are revealed as they stand. Returns how many evenings."""
    async with transaction(container.sessions) as session:
        return await container.encounters(session).reveal_due(datetime.now(UTC))


async def invite_party_ratings(container: Container) -> int:
    """Host and guests of showings that ended in the last two days are asked to rate. Returns how many new."""
    now = datetime.now(UTC)
    async with transaction(container.sessions) as session:
        return await container.encounters(session).invite_to_rate(now - timedelta(days=2), now)


async def remind_party_ratings(container: Container) -> int:
    """Sides that have not rated an evening whose window closes within two days are reminded. Returns how many."""
    async with transaction(container.sessions) as session:
        return await container.encounters(session).remind_to_rate(datetime.now(UTC))


async def rotate_pii_keys(container: Container) -> int:
    """Re-seal every document and two-factor secret sealed with an older key, a batch of documents per
    transaction. Returns how many."""
    async with transaction(container.sessions) as session:
        total = await container.two_factor(session).rotate_secrets()
    while True:
        async with transaction(container.sessions) as session:
            done = await container.parties(session).rotate_batch()
        if not done:
            break
        total += done
    while True:
        async with transaction(container.sessions) as session:
            done = await container.travel_documents(session).rotate_batch()
        if not done:
            return total
        total += done


def notification_delivery(container: Container) -> NotificationDelivery:
    return NotificationDelivery(
        container.sessions,
        container.settings,
        build_mailer(container.settings.mail),
        container.message_composers(),
        AccountAddressBook(),
    )


def register_jobs(container: Container) -> AsyncBroker:
    """Register every task on the container's broker; returns the broker."""
    broker = container.broker
    delivery = notification_delivery(container)
    dispatch = OutboxDispatcher(broker)

    async def deliver_notification(notification_id: str) -> str:
        return await delivery.deliver(uuid.UUID(notification_id))

    async def sweep_notifications() -> int:
        """Hand over rows whose dispatch was lost or whose worker died (their lease expired)."""
        due = await due_notifications(container.sessions, datetime.now(UTC))
        await dispatch(due)
        return len(due)

    async def send_reminders() -> int:
        now = datetime.now(UTC)
        return await notify_sessions(container, "starts_at", now, now + timedelta(hours=24), "reminder")

    async def invite_reviews() -> int:
        now = datetime.now(UTC)
        return await notify_sessions(container, "ends_at", now - timedelta(days=2), now, "review_invitation")

    async def expire_holds_job() -> int:
        return await expire_holds(container)

    async def check_stale_payments() -> int:
        return await reconcile_payments(container)

    async def resend_refunds() -> int:
        return await retry_refunds(container)

    async def archive_finished() -> int:
        return await archive_finished_listings(container)

    async def purge_documents() -> int:
        return await purge_travel_documents(container)

    async def expire_change_responses() -> int:
        return await accept_unanswered_changes(container)

    async def expire_requests() -> int:
        return await expire_party_requests(container)

    async def reveal_due() -> int:
        return await reveal_due_ratings(container)

    async def rating_invitations() -> int:
        return await invite_party_ratings(container)

    async def rating_reminders() -> int:
        return await remind_party_ratings(container)

    async def audit_purge() -> int:
        return await purge_audit_log(container)

    async def tokens_purge() -> int:
        return await purge_account_tokens(container)

    async def offer_seats(session_id: str) -> int:
        return await offer_waitlist_seats(container, uuid.UUID(session_id))

    async def waitlist_sweep() -> int:
        return await sweep_waitlists(container)

    async def requests_expiry() -> int:
        return await expire_booking_requests(container)

    broker.register_task(deliver_notification, task_name=DELIVER_NOTIFICATION)
    broker.register_task(offer_seats, task_name=OFFER_WAITLIST_SEATS)
    # Taskiq awaits coroutine functions only, so each job is one (not a lambda returning a coroutine).
    periodic: dict[str, Callable[[], Awaitable[int]]] = {
        "tessera.booking.expire_holds": expire_holds_job,
        "tessera.notifications.sweep": sweep_notifications,
        "tessera.notifications.reminders": send_reminders,
        "tessera.notifications.review_invitations": invite_reviews,
        "tessera.payments.check_stale": check_stale_payments,
        "tessera.payments.retry_refunds": resend_refunds,
        "tessera.catalog.archive_finished": archive_finished,
        "tessera.flights.purge_documents": purge_documents,
        "tessera.flights.expire_change_responses": expire_change_responses,
        "tessera.parties.expire_requests": expire_requests,
        "tessera.parties.reveal_due": reveal_due,
        "tessera.parties.rating_invitations": rating_invitations,
        "tessera.parties.rating_reminders": rating_reminders,
        "tessera.audit.purge": audit_purge,
        "tessera.accounts.purge_tokens": tokens_purge,
        "tessera.waitlist.sweep": waitlist_sweep,
        "tessera.approvals.expire": requests_expiry,
    }
    for name, job in periodic.items():
        broker.register_task(job, task_name=name, schedule=[{"interval": SCHEDULE[name]}])
    return broker


def build_scheduler(broker: AsyncBroker) -> TaskiqScheduler:
    """Exactly one scheduler should run (Kubernetes: one replica, Recreate strategy)."""
    return TaskiqScheduler(broker, sources=[LabelScheduleSource(broker)])
