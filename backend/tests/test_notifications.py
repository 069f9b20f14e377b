"""Notifications: outbox rows delivered once, by e-mail through a real SMTP server (aiosmtpd) or a Maildir,
with retries, leases, the periodic sweep, reminders, the in-app list, and a real worker on a Redis broker."""

from __future__ import annotations

import asyncio
import dataclasses
import email
import email.policy
import os
import sys
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import select, update

from tessera.accounts.models import User
from tessera.booking.models import Booking
from tessera.catalog.models import Listing, ListingSession
from tessera.config import Settings
from tessera.core.attachments import qr_png
from tessera.core.auth import Role
from tessera.core.db import session_scope
from tessera.core.outbox import Notification, Outgoing, enqueue
from tessera.notifications.delivery import due_notifications
from tessera.server.app import create_app
from tessera.server.container import Container
from tessera.server.jobs import SCHEDULE, build_scheduler, notification_delivery, register_jobs

from .conftest import REDIS_URL, ClientFactory, Inbox, SettingsFactory, free_port
from .helpers import book, create_accounts, make_accounts, make_listing


@pytest.fixture
def smtp_settings(make_settings: SettingsFactory, smtp: tuple[Inbox, int]) -> Settings:
    # No Redis: the in-memory broker delivers inside the test process (the Redis path has its own test).
    return make_settings(
        TESSERA_SMTP_URL=f"smtp://127.0.0.1:{smtp[1]}", TESSERA_NOTIFICATION_RETRY_SECONDS="60", TESSERA_REDIS_URL=""
    )


@pytest.fixture
async def container(smtp_settings: Settings) -> AsyncIterator[Container]:
    container = Container.build(smtp_settings)
    yield container
    await container.close()


async def outbox_row(settings: Settings, user_id: uuid.UUID, kind: str = "welcome") -> uuid.UUID:
    """An outbox row written as a business transaction would, without anyone dispatching it."""
    async with session_scope(settings.database) as session:
        [notification_id] = await enqueue(
            session, [Outgoing(user_id=user_id, kind=kind, payload={}, dedupe_key=f"test:{uuid.uuid4()}")]
        )
    return notification_id


async def row(settings: Settings, notification_id: uuid.UUID) -> Notification:
    async with session_scope(settings.database) as session:
        found = await session.get(Notification, notification_id)
        assert found is not None
        return found


async def test_a_booking_sends_one_confirmation_with_qr_codes_and_calendar(
    smtp: tuple[Inbox, int], smtp_settings: Settings, client_factory: ClientFactory
) -> None:
    inbox = smtp[0]
    app = create_app(smtp_settings)
    organizer = await client_factory(app)
    customer = await client_factory(app)
    [(_, _, organizer_token), (_, email_address, customer_token)] = await create_accounts(
        smtp_settings, 2, Role.ORGANIZER, "mail"
    )
    organizer.headers["Authorization"] = f"Bearer {organizer_token}"
    customer.headers["Authorization"] = f"Bearer {customer_token}"
    event = await make_listing(organizer, title="Steppe Jazz", prices=(0,))
    response = await book(customer, event, 2)
    assert response.status_code == 201
    booking = response.json()

    [message] = await inbox.wait(1)
    await asyncio.sleep(0.3)
    assert len(inbox.messages) == 1  # exactly one
    assert message["Subject"] == "Your tickets for Steppe Jazz"
    assert email_address in message["To"]
    text = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))
    assert text is not None
    assert html is not None
    assert booking["reference"] in text.get_content()
    assert "Asia/Almaty" in text.get_content()
    images = {
        part["Content-ID"]: part.get_content() for part in message.walk() if part.get_content_type() == "image/png"
    }
    assert len(images) == 2
    for ticket in booking["tickets"]:
        assert qr_png(ticket["code"]) in images.values()  # each image encodes exactly that ticket's code
        assert ticket["code"] in html.get_content()
    for content_id in images:
        assert f"cid:{content_id.strip('<>')}" in html.get_content()
    [ics] = [part for part in message.walk() if part.get_content_type() == "text/calendar"]
    calendar = Calendar.from_ical(ics.get_content())
    [calendar_event] = calendar.walk("VEVENT")
    assert str(calendar_event["SUMMARY"]) == "Steppe Jazz"
    starts = datetime.fromisoformat(event["sessions"][0]["starts_at"]).replace(microsecond=0)
    assert calendar_event.decoded("DTSTART") == starts  # calendar times have whole seconds
    assert str(calendar_event["LOCATION"]) == "Almaty Hall"


async def test_messages_follow_the_users_language(
    smtp: tuple[Inbox, int], smtp_settings: Settings, container: Container, client_factory: ClientFactory
) -> None:
    app = create_app(smtp_settings)
    client = await client_factory(app)
    response = await client.post(
        "/api/v1/auth/register",
        json={"email": "ru@example.com", "password": "correct horse battery", "name": "Айгерим", "language": "ru"},
    )
    assert response.status_code == 201
    messages = {message["Subject"]: message for message in await smtp[0].wait(2)}
    assert set(messages) == {"Добро пожаловать в Tessera", "Подтвердите адрес электронной почты"}
    welcome = messages["Добро пожаловать в Tessera"]
    plain = welcome.get_body(preferencelist=("plain",))
    assert plain is not None
    assert "Здравствуйте, Айгерим!" in plain.get_content()


async def test_a_worker_dying_after_claiming_leaves_the_row_to_the_sweep(
    smtp: tuple[Inbox, int], smtp_settings: Settings, container: Container
) -> None:
    [(user_id, _, _)] = await create_accounts(smtp_settings, 1)
    notification_id = await outbox_row(smtp_settings, user_id)
    delivery = notification_delivery(container)
    now = datetime.now(UTC)

    assert await delivery.claim(notification_id, now) is not None  # ... and the worker dies here
    assert await due_notifications(container.sessions, now) == []  # leased: nobody else takes it yet
    assert await delivery.deliver(notification_id, now) == "skipped"

    later = now + timedelta(minutes=6)
    assert await due_notifications(container.sessions, later) == [notification_id]
    outcomes = await asyncio.gather(*(delivery.deliver(notification_id, later) for _ in range(5)))
    assert sorted(outcomes) == ["sent", "skipped", "skipped", "skipped", "skipped"]
    await smtp[0].wait(1)
    await asyncio.sleep(0.2)
    assert len(smtp[0].messages) == 1
    stored = await row(smtp_settings, notification_id)
    assert stored.status == "sent"
    assert stored.attempts == 2
    assert await due_notifications(container.sessions, later + timedelta(hours=1)) == []


async def test_failures_retry_with_backoff_then_fail_and_admins_can_retry(
    make_settings: SettingsFactory, smtp: tuple[Inbox, int], client_factory: ClientFactory
) -> None:
    broken = make_settings(
        TESSERA_SMTP_URL=f"smtp://127.0.0.1:{free_port()}",
        TESSERA_NOTIFICATION_MAX_ATTEMPTS="3",
        TESSERA_NOTIFICATION_RETRY_SECONDS="60",
    )
    container = Container.build(broken)
    [(user_id, _, _)] = await create_accounts(broken, 1)
    notification_id = await outbox_row(broken, user_id)
    delivery = notification_delivery(container)
    now = datetime.now(UTC)
    try:
        assert await delivery.deliver(notification_id, now) == "retry"
        first = await row(broken, notification_id)
        assert first.next_attempt_at == now + timedelta(seconds=60)
        assert "Error" in (first.last_error or "")
        assert await delivery.deliver(notification_id, now + timedelta(seconds=30)) == "skipped"  # not due yet
        assert await delivery.deliver(notification_id, now + timedelta(seconds=61)) == "retry"
        second = await row(broken, notification_id)
        assert second.next_attempt_at == now + timedelta(seconds=61 + 120)  # doubled
        assert await delivery.deliver(notification_id, now + timedelta(seconds=200)) == "failed"
        assert (await row(broken, notification_id)).status == "failed"
        assert await due_notifications(container.sessions, now + timedelta(days=1)) == []
    finally:
        await container.close()

    working = make_settings(TESSERA_SMTP_URL=f"smtp://127.0.0.1:{smtp[1]}", TESSERA_REDIS_URL="")
    [(_, _, admin_token)] = await create_accounts(working, 1, Role.ADMIN, "admin")
    admin_client = await client_factory(create_app(working))
    admin_client.headers["Authorization"] = f"Bearer {admin_token}"
    failed = (await admin_client.get("/api/v1/admin/notifications", params={"status": "failed"})).json()
    assert [item["id"] for item in failed["items"]] == [str(notification_id)]
    assert failed["items"][0]["attempts"] == 3
    retried = await admin_client.post(f"/api/v1/admin/notifications/{notification_id}/retry")
    assert retried.json()["status"] == "pending"
    await smtp[0].wait(1)  # the retry was queued at once and delivered
    await asyncio.sleep(0.2)
    assert (await row(working, notification_id)).status == "sent"


async def test_embedded_mode_writes_mail_to_a_maildir(make_settings: SettingsFactory, tmp_path: Path) -> None:
    data_dir = tmp_path / "fresh" / "data"  # not made yet: the mailer makes what it needs
    settings = make_settings(TESSERA_DATA_DIR=str(data_dir))
    container = Container.build(settings)
    try:
        [(user_id, _, _)] = await create_accounts(settings, 1)
        notification_id = await outbox_row(settings, user_id)
        assert await notification_delivery(container).deliver(notification_id) == "sent"
    finally:
        await container.close()
    [stored] = list((data_dir / "mail" / "new").iterdir())
    message = email.message_from_bytes(stored.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Welcome to Tessera"


async def test_in_app_notifications(settings: Settings, client_factory: ClientFactory) -> None:
    organizer, fan, other = await make_accounts(settings, client_factory, 3, Role.ORGANIZER, "app")
    event = await make_listing(organizer.client, prices=(0,))
    await book(fan.client, event, 1)
    paid = await make_listing(organizer.client, title="Paid")
    await book(fan.client, paid, 1)

    listing = (await fan.client.get("/api/v1/notifications")).json()
    assert [n["kind"] for n in listing["items"]] == ["booking_created", "booking_confirmed"]
    assert listing["unread"] == 2
    first = listing["items"][0]["id"]
    assert (await other.client.post(f"/api/v1/notifications/{first}/read")).status_code == 404
    assert (await fan.client.post(f"/api/v1/notifications/{first}/read")).json() == {"marked": 1}
    unread = (await fan.client.get("/api/v1/notifications", params={"unread": True})).json()
    assert unread["total"] == 1
    assert unread["unread"] == 1
    assert (await fan.client.post("/api/v1/notifications/read-all")).json() == {"marked": 1}
    assert (await fan.client.get("/api/v1/notifications")).json()["unread"] == 0
    # A booking awaiting payment is listed in the app but not e-mailed.
    async with session_scope(settings.database) as session:
        channels = dict((await session.execute(select(Notification.kind, Notification.channel))).tuples().all())
    assert channels == {"booking_created": "in_app", "booking_confirmed": "email"}


async def test_periodic_jobs_are_registered(settings: Settings) -> None:
    container = Container.build(settings)
    try:
        broker = register_jobs(container)
        source = build_scheduler(broker).sources[0]
        await source.startup()
        schedules = await source.get_schedules()
        assert {s.task_name: s.interval for s in schedules} == SCHEDULE
        assert broker.find_task("tessera.notifications.deliver") is not None
    finally:
        await container.close()


async def test_reminders_and_review_invitations_are_sent_once(
    settings: Settings, client_factory: ClientFactory
) -> None:
    organizer, fan = await make_accounts(settings, client_factory, 2, Role.ORGANIZER, "remind")
    soon = await make_listing(organizer.client, prices=(0,), title="Soon", days_ahead=0.5)
    await book(fan.client, soon, 1)
    later = await make_listing(organizer.client, prices=(0,), title="Later", days_ahead=5)
    await book(fan.client, later, 1)
    container = Container.build(settings)
    broker = register_jobs(container)
    try:
        reminders = broker.find_task("tessera.notifications.reminders")
        invitations = broker.find_task("tessera.notifications.review_invitations")
        assert reminders is not None
        assert invitations is not None
        assert await reminders.original_func() == 1
        assert await reminders.original_func() == 0  # once only
        # The session ends: its attendees are invited to review.
        async with session_scope(settings.database) as session:
            await session.execute(
                update(ListingSession)
                .where(ListingSession.id == uuid.UUID(soon["sessions"][0]["id"]))
                .values(
                    starts_at=datetime.now(UTC) - timedelta(hours=3), ends_at=datetime.now(UTC) - timedelta(hours=1)
                )
            )
        assert await invitations.original_func() == 1
        assert await invitations.original_func() == 0
    finally:
        await container.close()
    async with session_scope(settings.database) as session:
        kinds = [k for (k,) in (await session.execute(select(Notification.kind))).all()]
        booking_ids = {str(b) for b in await session.scalars(select(Booking.id))}
    assert kinds.count("reminder") == 1
    assert kinds.count("review_invitation") == 1
    assert len(booking_ids) == 2


@pytest.mark.skipif(REDIS_URL is None, reason="needs Redis (TESSERA_TEST_REDIS_URL)")
async def test_a_real_worker_delivers_through_redis(
    smtp: tuple[Inbox, int], smtp_settings: Settings, database_url: str, tmp_path: Path
) -> None:
    queue_url = (REDIS_URL or "").rsplit("/", 1)[0] + "/14"
    env = {
        **os.environ,
        "TESSERA_DATABASE_URL": database_url,
        "TESSERA_REDIS_URL": queue_url,
        "TESSERA_SMTP_URL": f"smtp://127.0.0.1:{smtp[1]}",
        "TESSERA_DATA_DIR": str(tmp_path),
        "TESSERA_LOG_LEVEL": "WARNING",
    }
    worker = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tessera",
        "worker",
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    producer_settings = dataclasses.replace(smtp_settings, redis_url=queue_url)
    container = Container.build(producer_settings)
    broker = register_jobs(container)
    await broker.startup()
    try:
        [(user_id, _, _)] = await create_accounts(smtp_settings, 1)
        async with container.sessions() as session, session.begin():
            [notification_id] = await enqueue(
                session, [Outgoing(user_id=user_id, kind="welcome", payload={}, dedupe_key="redis-e2e")]
            )
        # The commit queued the task on Redis; the worker process picks it up.
        [message] = await smtp[0].wait(1, seconds=60)
        assert message["Subject"] == "Welcome to Tessera"
        # The worker marks the row sent once the mail server has accepted the message, a moment later.
        for _ in range(100):
            stored = await row(smtp_settings, notification_id)
            if stored.status == "sent":
                break
            await asyncio.sleep(0.1)
        assert stored.status == "sent"
    finally:
        await broker.shutdown()
        await container.close()
        worker.terminate()
        await worker.wait()


@pytest.mark.parametrize("breaker", ["\r\n", "\n", "\r", "\u2028", "\u0085", "\x00", "\x1b"])
async def test_names_and_titles_refuse_line_breaks_and_control_characters(
    client_factory: ClientFactory, settings: Settings, breaker: str
) -> None:
    client = await client_factory()
    sneaky = f"Eve{breaker}Bcc: victim@example.net"
    signup = await client.post(
        "/api/v1/auth/register", json={"email": "eve@example.com", "password": "correct horse battery", "name": sneaky}
    )
    assert signup.status_code == 400
    assert signup.json()["code"] == "validation_error"
    assert (
        await client.post("/api/v1/auth/login", json={"email": "eve@example.com", "password": "correct horse battery"})
    ).status_code == 401  # nothing was written
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org")
    listing = {"kind": "event", "title": f"Jazz{breaker}Night", "description": "ok", "category": "concerts", "tags": []}
    created = await organizer.client.post("/api/v1/events", json=listing)
    assert created.status_code == 400
    assert created.json()["code"] == "validation_error"
    renamed = await organizer.client.patch("/api/v1/auth/me", json={"name": sneaky})
    assert renamed.status_code == 400
    event = await make_listing(organizer.client, prices=(0,))
    [fan] = await make_accounts(settings, client_factory, 1)
    attendee = await fan.client.post(
        "/api/v1/bookings",
        json={
            "session_id": event["sessions"][0]["id"],
            "items": [{"ticket_type_id": event["ticket_types"][0]["id"], "quantity": 1}],
            "attendees": [{"name": sneaky}],
        },
    )
    assert attendee.status_code == 400


async def test_what_a_user_typed_cannot_steer_or_break_an_email(
    smtp: tuple[Inbox, int], smtp_settings: Settings, container: Container, client_factory: ClientFactory
) -> None:
    """Stored text that slipped past input checks (older rows, other writers) is neutralised when sending."""
    inbox = smtp[0]
    [organizer] = await make_accounts(smtp_settings, client_factory, 1, Role.ORGANIZER, "org")
    event = await make_listing(organizer.client, prices=(0,), title="Quiet Evening")
    [(user_id, address, token)] = await create_accounts(smtp_settings, 1)
    async with session_scope(smtp_settings.database) as session:
        await session.execute(
            update(User)
            .where(User.id == user_id)
            .values(name='Mallory <attacker@example.net>, "Boss"\r\nBcc: attacker@example.net\u2028X-Evil: 1')
        )
        await session.execute(
            update(Listing)
            .where(Listing.id == uuid.UUID(event["id"]))
            .values(title="Quiet Evening\r\nBcc: attacker@example.net")
        )
    app = create_app(smtp_settings)
    fan = await client_factory(app)
    fan.headers["Authorization"] = f"Bearer {token}"
    assert (await book(fan, event)).status_code == 201
    [confirmation] = await inbox.wait(1)
    assert inbox.recipients == [[address]]
    assert confirmation["Bcc"] is None
    assert confirmation["X-Evil"] is None
    assert [a.addr_spec for a in confirmation["To"].addresses] == [address]
    assert (
        confirmation["To"].addresses[0].display_name
        == "Mallory attacker example.net Boss Bcc attacker example.net X-Evil 1"
    )
    assert "\n" not in str(confirmation["Subject"])
    assert "Quiet Evening Bcc: attacker@example.net" in str(confirmation["Subject"])
    async with session_scope(smtp_settings.database) as session:
        rows = list(await session.scalars(select(Notification).where(Notification.user_id == user_id)))
    assert [n.status for n in rows] == ["sent"]


async def test_every_message_kind_is_composed_in_both_languages(
    settings: Settings, client_factory: ClientFactory
) -> None:
    """Each module declares its message kinds; delivery finds a composer for every one, and each says its
    piece in English and in Russian with every placeholder filled."""
    from tessera.core.messages import Recipient

    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER)
    [guest] = await make_accounts(settings, client_factory, 1)
    event = await make_listing(organizer.client, prices=(500_000,))
    booking = (await book(guest.client, event, 1)).json()
    payload = {
        "booking_id": booking["id"],
        "reference": booking["reference"],
        "reason": "Storm warning",
        "refund": 500_000,
        "amount": 500_000,
        "currency": "KZT",
        "title": "Jazz Night",
        # An order that is gone by the time its message is written: it says what the payload says.
        "order_id": str(uuid.uuid4()),
        "transfer_id": str(uuid.uuid4()),
        # Account messages: a link's token row, the old address of an address change, a new sign-in.
        "token_id": str(uuid.uuid4()),
        "old_email": "ann@example.com",
        "how": "reset",
        "ip": "203.0.113.7",
        "user_agent": "Firefox/140",
        "at": datetime.now(UTC).isoformat(),
    }
    container = Container.build(settings)
    try:
        composers = container.message_composers()
        assert {"welcome", "booking_confirmed", "payment_failed", "refund_completed", "review_rejected"} <= set(
            composers
        )
        async with container.sessions() as session:
            for kind, composer in composers.items():
                english = await composer.compose(session, kind, payload, Recipient("Ann", "en"))
                russian = await composer.compose(session, kind, payload, Recipient("Анна", "ru"))
                for composed in (english, russian):
                    text = " ".join([composed.subject, *composed.paragraphs])
                    assert composed.subject, kind
                    assert not {"{{", "{%"} & {text[i : i + 2] for i in range(len(text))}, (kind, text)
                assert english.subject != russian.subject, kind
    finally:
        await container.close()
