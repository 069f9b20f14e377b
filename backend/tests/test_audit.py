"""The audit log: changes are recorded with who, what, when and from where, in the same transaction as the change
(a refused change leaves no entry), without secrets or personal values; admins read it with filters; old entries
are purged; and on PostgreSQL with a million entries every admin query uses an index."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from tessera.config import Settings
from tessera.core.audit import AuditEntry, AuditFilter, audit, search_audit
from tessera.core.auth import Role
from tessera.core.db import create_engine, session_scope
from tessera.server.container import Container
from tessera.server.jobs import purge_audit_log

from .conftest import PASSWORD, PG_URL, ClientFactory
from .helpers import book, make_accounts, make_listing
from .test_query_plans import StatementLog, _scans

AUDIT = "/api/v1/admin/audit"


async def _entries(settings: Settings, **where: Any) -> list[AuditEntry]:
    async with session_scope(settings.database) as session:
        entries, _ = await search_audit(session, AuditFilter(**where), 500, 0)
    return entries


async def test_changes_are_recorded_with_who_what_when_and_where(
    settings: Settings, client_factory: ClientFactory
) -> None:
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org")
    [guest] = await make_accounts(settings, client_factory, 1)
    [admin] = await make_accounts(settings, client_factory, 1, Role.ADMIN, "admin")
    started = datetime.now(UTC)
    event = await make_listing(organizer.client, prices=(500_000,), capacity=10)
    ticket_type = event["ticket_types"][0]
    repriced = await organizer.client.patch(f"/api/v1/ticket-types/{ticket_type['id']}", json={"price": 600_000})
    assert repriced.status_code == 200, repriced.text
    booked = await book(guest.client, event, 2)
    assert booked.status_code == 201, booked.text
    booking = booked.json()
    cancelled = await guest.client.post(f"/api/v1/bookings/{booking['id']}/cancel", json={})
    assert cancelled.status_code == 200, cancelled.text

    listing = (await admin.client.get(AUDIT, params={"entity_type": "listing"})).json()
    assert [(e["action"], e["entity_id"]) for e in listing["items"]] == [
        ("listing.published", event["id"]),
        ("listing.created", event["id"]),
    ]
    created = listing["items"][1]
    assert (created["actor_id"], created["ip"]) == (str(organizer.id), "127.0.0.1")
    assert created["changes"]["title"] == [None, event["title"]]
    assert started <= datetime.fromisoformat(created["at"]) <= datetime.now(UTC)

    price = (await admin.client.get(AUDIT, params={"action": "ticket_type.price_changed"})).json()["items"]
    assert [(e["entity_id"], e["changes"]) for e in price] == [(ticket_type["id"], {"price": [500_000, 600_000]})]
    mine = (await admin.client.get(AUDIT, params={"actor_id": str(guest.id)})).json()
    assert [e["action"] for e in mine["items"]] == ["booking.cancelled", "booking.created"]
    assert mine["items"][1]["changes"]["quantity"] == [None, 2]
    one = (await admin.client.get(AUDIT, params={"entity_id": booking["id"], "limit": 1})).json()
    assert (one["total"], len(one["items"]), one["items"][0]["action"]) == (2, 1, "booking.cancelled")
    later = (await admin.client.get(AUDIT, params={"since": datetime.now(UTC).isoformat()})).json()
    assert later["total"] == 0
    until = (await admin.client.get(AUDIT, params={"until": started.isoformat()})).json()
    assert until["total"] == 0
    assert (await guest.client.get(AUDIT)).status_code == 403


async def test_a_refused_change_leaves_no_entry(settings: Settings, client_factory: ClientFactory) -> None:
    [organizer] = await make_accounts(settings, client_factory, 1, Role.ORGANIZER, "org")
    draft = (await organizer.client.post("/api/v1/events", json={"title": "Bare", "category": "talks"})).json()
    refused = await organizer.client.post(f"/api/v1/events/{draft['id']}/publish")
    assert refused.status_code >= 400
    assert [e.action for e in await _entries(settings, entity_id=draft["id"])] == ["listing.created"]

    event = await make_listing(organizer.client, capacity=5)
    guests = await make_accounts(settings, client_factory, 12)
    answers = await asyncio.gather(*(book(g.client, event, 1) for g in guests))
    assert sorted(a.status_code for a in answers) == [201] * 5 + [409] * 7
    assert len(await _entries(settings, action="booking.created")) == 5
    session_id = event["sessions"][0]["id"]
    shrink = await organizer.client.patch(f"/api/v1/sessions/{session_id}", json={"capacity": 2})
    assert shrink.status_code == 409
    assert await _entries(settings, action="session.updated") == []


async def test_secrets_and_personal_values_never_enter_the_log(
    settings: Settings, client_factory: ClientFactory
) -> None:
    client = await client_factory()
    email = "private.person@example.com"
    registered = await client.post(
        "/api/v1/auth/register", json={"email": email, "password": PASSWORD, "name": "Private Person"}
    )
    assert registered.status_code == 201
    token = (await client.post("/api/v1/auth/token", json={"email": email, "password": PASSWORD})).json()
    client.headers["Authorization"] = f"Bearer {token['access_token']}"
    new_password = "another secret phrase"
    changed = await client.post(
        "/api/v1/auth/password", json={"current_password": PASSWORD, "new_password": new_password}
    )
    assert changed.status_code == 204
    assert (await client.patch("/api/v1/auth/me", json={"email": "elsewhere@example.com"})).status_code == 202

    entries = await _entries(settings, entity_type="account")
    assert {e.action for e in entries} >= {"account.created", "account.password_changed"}
    [password] = [e for e in entries if e.action == "account.password_changed"]
    assert password.changes == {"password": ["[redacted]", "[redacted]"]}
    logged = json.dumps([(e.action, e.changes, e.entity_id) for e in entries])
    for value in (PASSWORD, new_password, email, "elsewhere@example.com", "Private Person"):
        assert value not in logged


async def test_entries_older_than_the_retention_are_purged(settings: Settings) -> None:
    async with session_scope(settings.database) as session:
        for age in (800, 731, 10):
            audit(session, "listing.updated", f"listing-{age}", {"title": ["a", "b"]})
            await session.flush()
            await session.execute(
                update(AuditEntry)
                .where(AuditEntry.entity_id == f"listing-{age}")
                .values(at=datetime.now(UTC) - timedelta(days=age))
            )
    container = Container.build(settings)
    try:
        assert await purge_audit_log(container) == 2
    finally:
        await container.close()
    assert [e.entity_id for e in await _entries(settings)] == ["listing-10"]


ENTRIES = 1_000_000


@pytest.fixture
async def large_audit_log(database_url: str, settings: Settings) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(settings.database)
    async with engine.begin() as connection:
        await connection.execute(
            text(
                """INSERT INTO audit_log (id, at, actor_id, action, entity_type, entity_id, ip, changes)
                   SELECT gen_random_uuid(), now() - g * interval '20 seconds',
                          ('00000000-0000-0000-0000-' || lpad((g % 5000)::text, 12, '0'))::uuid,
                          (ARRAY['booking.created','booking.cancelled','listing.updated','payment.confirmed',
                                 'ticket.checked_in','account.created'])[1 + g % 6],
                          (ARRAY['booking','booking','listing','payment','ticket','account'])[1 + g % 6],
                          md5((g / 3)::text), '10.0.0.' || g % 250, '{}'::jsonb
                   FROM generate_series(1, :entries) g"""
            ),
            {"entries": ENTRIES},
        )
        await connection.execute(text("ANALYZE audit_log"))
    yield engine
    await engine.dispose()


@pytest.mark.skipif(PG_URL is None, reason="query plans are checked on PostgreSQL")
async def test_admin_queries_use_indexes_at_a_million_entries(large_audit_log: AsyncEngine) -> None:
    log = StatementLog(large_audit_log)
    week_ago = datetime.now(UTC) - timedelta(days=7)
    async with AsyncSession(large_audit_log) as session:
        some_booking = await session.scalar(select(AuditEntry.entity_id).where(AuditEntry.entity_type == "booking"))
    filters = [
        AuditFilter(),
        AuditFilter(actor_id=uuid.UUID("00000000-0000-0000-0000-000000000042")),
        AuditFilter(entity_type="booking", entity_id=some_booking),
        AuditFilter(action="payment.confirmed", since=week_ago),
        AuditFilter(since=week_ago, until=datetime.now(UTC)),
    ]
    try:
        async with AsyncSession(large_audit_log) as session:
            for where in filters:
                for offset in (0, 5000):
                    await search_audit(session, where, 50, offset)
    finally:
        log.close()
    problems = []
    async with large_audit_log.connect() as connection:
        for statement, parameters in log.statements:
            raw = (await connection.exec_driver_sql(f"EXPLAIN (ANALYZE, FORMAT JSON) {statement}", parameters)).scalar()
            explained: Any = json.loads(raw) if isinstance(raw, str) else raw
            scans = _scans(explained[0]["Plan"])
            took = explained[0]["Execution Time"]
            print(f"\n{' '.join(statement.split())[:150]}\n  -> {scans} {took:.1f} ms")  # noqa: T201 - figures (-s)
            # A page must come from an index; only the total of the unfiltered log may count the table through.
            paged = "LIMIT" in statement
            problems += [(statement, scan) for scan in scans if scan == ("Seq Scan", "audit_log") and paged]
    assert problems == [], problems
