"""Building blocks for tests: accounts with bearer tokens, and listings made through the public API."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from httpx import AsyncClient
from sqlalchemy import update

from tessera.accounts.services import UserService, start_sign_in
from tessera.catalog.models import ListingSession
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.db import session_scope
from tessera.core.security import AccessTokens, Passwords

from .conftest import ClientFactory


@dataclass
class Account:
    id: uuid.UUID
    email: str
    client: AsyncClient


async def create_accounts(
    settings: Settings, count: int, role: Role = Role.PARTICIPANT, prefix: str = "user"
) -> list[tuple[uuid.UUID, str, str]]:
    """(id, e-mail, bearer token) of accounts created in one transaction (fast enough for hundreds)."""
    password_hash = await Passwords(settings.auth).hash("correct horse battery")
    tokens = AccessTokens(settings.auth)
    created: list[tuple[uuid.UUID, str, str]] = []
    async with session_scope(settings.database) as session:
        users = UserService(session=session)
        for _ in range(count):
            email = f"{prefix}-{uuid.uuid4().hex[:10]}@example.com"
            user = await users.create_user(
                email=email, password_hash=password_hash, name=f"Name {email[:12]}", role=role, email_verified=True
            )
            sign_in_id = await start_sign_in(session, user.id)
            created.append((user.id, email, tokens.issue(user.id, role.value, sign_in_id, user.token_version)[0]))
    return created


async def make_accounts(
    settings: Settings, client_factory: ClientFactory, count: int, role: Role = Role.PARTICIPANT, prefix: str = "user"
) -> list[Account]:
    """Accounts with bearer clients of the in-process app."""
    accounts = []
    for user_id, email, token in await create_accounts(settings, count, role, prefix):
        client = await client_factory()
        client.headers["Authorization"] = f"Bearer {token}"
        accounts.append(Account(user_id, email, client))
    return accounts


async def reschedule(settings: Settings, session_id: str, *, starts_in: float, ends_in: float) -> None:
    """Move a session to start and end this many hours from now (negative: in the past), past the API's
    rules: what time itself would do to a session booked days ahead."""
    now = datetime.now(UTC)
    async with session_scope(settings.database) as session:
        await session.execute(
            update(ListingSession)
            .where(ListingSession.id == uuid.UUID(session_id))
            .values(starts_at=now + timedelta(hours=starts_in), ends_at=now + timedelta(hours=ends_in))
        )


def at(days: float = 0, hours: float = 0) -> str:
    return (datetime.now(UTC) + timedelta(days=days, hours=hours)).isoformat()


async def make_listing(
    organizer: AsyncClient,
    *,
    title: str = "Jazz Night",
    capacity: int = 50,
    prices: tuple[int, ...] = (500_000,),
    sessions: int = 1,
    publish: bool = True,
    city: str = "Almaty",
    category: str = "concerts",
    kind: str = "event",
    days_ahead: float = 10,
    description: str = "An evening of live jazz",
    max_per_order: int = 10,
) -> dict[str, Any]:
    """A listing with sessions and ticket types, made through the API. Returns the event detail."""
    response = await organizer.post(
        "/api/v1/events",
        json={
            "kind": kind,
            "title": title,
            "description": description,
            "category": category,
            "tags": ["live"],
            "venue": {
                "name": f"{city} Hall",
                "address": "1 Main St",
                "city": city,
                "country": "KZ",
                "timezone": "Asia/Almaty",
            },
        },
    )
    assert response.status_code == 201, response.text
    event = response.json()
    for i in range(sessions):
        created = await organizer.post(
            f"/api/v1/events/{event['id']}/sessions",
            json={"starts_at": at(days_ahead + i), "ends_at": at(days_ahead + i, hours=3), "capacity": capacity},
        )
        assert created.status_code == 201, created.text
    for i, price in enumerate(prices):
        created = await organizer.post(
            f"/api/v1/events/{event['id']}/ticket-types",
            json={"name": f"Tier {i + 1}", "price": price, "currency": "KZT", "max_per_order": max_per_order},
        )
        assert created.status_code == 201, created.text
    if publish:
        published = await organizer.post(f"/api/v1/events/{event['id']}/publish")
        assert published.status_code == 200, published.text
    detail = (await organizer.get(f"/api/v1/events/{event['id']}")).json()
    assert isinstance(detail, dict)
    return detail


async def book(
    client: AsyncClient,
    event: dict[str, Any],
    quantity: int = 1,
    *,
    session: int = 0,
    tier: int = 0,
    key: str | None = None,
) -> Any:
    headers = {"Idempotency-Key": key} if key else {}
    return await client.post(
        "/api/v1/bookings",
        json={
            "session_id": event["sessions"][session]["id"],
            "items": [{"ticket_type_id": event["ticket_types"][tier]["id"], "quantity": quantity}],
        },
        headers=headers,
    )
