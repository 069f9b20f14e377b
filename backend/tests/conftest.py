"""Test harness: a real database (SQLite file, or PostgreSQL when TESSERA_TEST_DATABASE_URL is set),
migrated with the project's own migrations, emptied between tests; Redis when TESSERA_TEST_REDIS_URL is set."""

from __future__ import annotations

import asyncio
import base64
import email
import email.policy
import os
import socket
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import AsyncExitStack
from email.message import EmailMessage
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import asyncpg
import pytest
import uvicorn
from aiosmtpd.controller import Controller
from asgi_lifespan import LifespanManager
from httpx import ASGITransport, AsyncClient
from litestar import Litestar
from redis.asyncio import Redis
from sqlalchemy import delete
from sqlalchemy.engine import make_url

from tessera.config import Settings, load_settings
from tessera.core.background import drain
from tessera.core.db import create_engine, metadata, migrate
from tessera.db import load_models
from tessera.sandbox.freedompay import SANDBOX_STATE_KEY
from tessera.server.app import create_app

if TYPE_CHECKING:
    from .live import Live, LiveFactory

PG_URL = os.environ.get("TESSERA_TEST_DATABASE_URL")
REDIS_URL = os.environ.get("TESSERA_TEST_REDIS_URL")
PASSWORD = "correct horse battery"
# The least a production deployment must set. The gateway address is a local port where nothing listens.
PRODUCTION_ENV = {
    "TESSERA_ENV": "production",
    "TESSERA_SECRET_KEY": "s" * 40,
    "TESSERA_TICKET_KEYS": "t" * 40,
    "TESSERA_PII_KEYS": "1:" + base64.b64encode(b"k" * 32).decode(),
    "TESSERA_PII_FINGERPRINT_KEY": base64.b64encode(b"f" * 32).decode(),
    "TESSERA_FREEDOMPAY_BASE_URL": "http://127.0.0.1:9",
    "TESSERA_FREEDOMPAY_MERCHANT_ID": "500100",
    "TESSERA_FREEDOMPAY_SECRET_KEY": "a-live-merchant-secret",
}

load_models()


def free_port() -> int:
    """A local port nothing listens on (for servers the tests start, or to reach nothing)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


class Inbox:
    """A real SMTP server's mailbox (aiosmtpd): what Tessera sent, as received."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.recipients: list[list[str]] = []  # the SMTP envelope's RCPT TO of each message

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        self.recipients.append(list(envelope.rcpt_tos))
        return "250 OK"

    async def wait(self, count: int, seconds: float = 15) -> list[EmailMessage]:
        deadline = time.monotonic() + seconds
        while len(self.messages) < count:
            assert time.monotonic() < deadline, f"expected {count} messages, got {len(self.messages)}"
            await asyncio.sleep(0.05)
        return self.messages


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield inbox, port
    controller.stop()


def _asyncpg_dsn(url: str) -> str:
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("tessera")


@pytest.fixture(scope="session")
async def database_url(data_dir: Path) -> AsyncIterator[str]:
    """A brand-new database for this test run, migrated to head with the real migrations."""
    if PG_URL is None:
        url = f"sqlite+aiosqlite:///{data_dir / 'test.db'}"
        await migrate(load_settings(_env(url)).database)
        yield url
        return
    name = f"tessera_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(_asyncpg_dsn(PG_URL))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
        await migrate(load_settings(_env(url)).database)
        yield url
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


def _env(database_url: str, **overrides: str) -> dict[str, str]:
    env = {
        "TESSERA_DATABASE_URL": database_url,
        "TESSERA_LOG_LEVEL": "WARNING",
        # Cheap argon2id so suites can create hundreds of users; production keeps the strong defaults.
        "TESSERA_ARGON2_TIME_COST": "1",
        "TESSERA_ARGON2_MEMORY_KIB": "64",
        "TESSERA_ARGON2_PARALLELISM": "1",
        "TESSERA_LOGIN_RATE_PER_IP": "10000/minute",
        "TESSERA_LOGIN_RATE_PER_EMAIL": "10000/minute",
        "TESSERA_LOGIN_LOCKOUT_FAILURES": "1000",
        "TESSERA_BOOKING_RATE_PER_ACCOUNT": "10000/minute",
        "TESSERA_BOOKING_RATE_PER_IP": "10000/minute",
        "TESSERA_PAYMENT_RATE_PER_ACCOUNT": "10000/minute",
        "TESSERA_PAYMENT_RATE_PER_IP": "10000/minute",
        # Periodic jobs are called by the tests that need them, not on a timer.
        "TESSERA_SCHEDULER_IN_PROCESS": "false",
        # Accounts signed up through the API may pay and publish at once; test_account_security.py turns the
        # verification gate back on (its production default) to test it.
        "TESSERA_REQUIRE_EMAIL_VERIFICATION": "false",
        # Seat maps are read fresh: the tests check them right after each change. Its own test turns it on.
        "TESSERA_SEAT_MAP_CACHE_MS": "0",
    }
    if REDIS_URL:
        env["TESSERA_REDIS_URL"] = REDIS_URL
    env.update(overrides)
    return env


SettingsFactory = Callable[..., Settings]


@pytest.fixture
def make_settings(database_url: str, data_dir: Path) -> SettingsFactory:
    def factory(**overrides: str) -> Settings:
        return load_settings(_env(database_url, **{"TESSERA_DATA_DIR": str(data_dir), **overrides}))

    return factory


@pytest.fixture
def settings(make_settings: SettingsFactory) -> Settings:
    return make_settings()


@pytest.fixture(autouse=True)
async def _clean_state(database_url: str) -> AsyncIterator[None]:
    """Every test starts with empty tables and no rate-limit counters."""
    yield
    engine = create_engine(load_settings(_env(database_url)).database, pooled=False)
    async with engine.begin() as connection:
        for table in reversed(metadata.sorted_tables):
            await connection.execute(delete(table))
    await engine.dispose()
    if REDIS_URL:
        redis = Redis.from_url(REDIS_URL)
        await redis.flushdb()
        await redis.aclose()


ClientFactory = Callable[..., Awaitable[AsyncClient]]


@pytest.fixture
async def client_factory(settings: Settings) -> AsyncIterator[ClientFactory]:
    """HTTP clients of an app running in the test's event loop (so ``asyncio.gather`` is real concurrency).

    Clients share one app unless given another; each has its own cookie jar, like separate browsers, and
    connects from ``client_ip`` (the address the app sees, as behind a trusted proxy).
    """
    async with AsyncExitStack() as stack:
        default: list[Litestar] = []
        running: list[Litestar] = []

        async def factory(app: Litestar | None = None, client_ip: str = "127.0.0.1") -> AsyncClient:
            if app is None:
                if not default:
                    default.append(create_app(settings))
                app = default[0]
            if not any(app is other for other in running):
                await stack.enter_async_context(LifespanManager(cast(Any, app)))
                running.append(app)
            return await stack.enter_async_context(
                AsyncClient(
                    transport=ASGITransport(app=cast(Any, app), client=(client_ip, 50000)),
                    base_url="http://testserver.local",
                )
            )

        yield factory


@pytest.fixture
async def client(client_factory: ClientFactory) -> AsyncClient:
    return await client_factory()


def csrf_headers(client: AsyncClient) -> dict[str, str]:
    token = client.cookies.get("csrftoken")
    assert token, "the server should have issued a csrftoken cookie"
    return {"X-CSRFToken": token}


async def register(
    client: AsyncClient, email: str, *, name: str = "Test User", role: str = "participant"
) -> dict[str, Any]:
    response = await client.post(
        "/api/v1/auth/register", json={"email": email, "password": PASSWORD, "name": name, "role": role}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def bearer_token(client: AsyncClient, email: str, password: str = PASSWORD) -> str:
    response = await client.post("/api/v1/auth/token", json={"email": email, "password": password})
    assert response.status_code == 200, response.text
    token: str = response.json()["access_token"]
    return token


@pytest.fixture
async def live_server(make_settings: SettingsFactory) -> AsyncIterator[LiveFactory]:
    """Start backends over real HTTP (each with its own settings overrides); all are stopped afterwards."""
    from .live import Live  # it imports the helpers, which import this module

    servers: list[tuple[uvicorn.Server, asyncio.Task[None], Live]] = []

    async def start(**overrides: str) -> Live:
        port = free_port()
        settings = make_settings(
            TESSERA_PORT=str(port),
            TESSERA_SANDBOX_DELAY_MS="400",
            TESSERA_SANDBOX_RETRY_MS="200",
            **overrides,
        )
        app = create_app(settings)
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_config=None, lifespan="on"))
        task = asyncio.create_task(server.serve())
        deadline = time.monotonic() + 20
        while not server.started:
            assert time.monotonic() < deadline, "server did not start"
            await asyncio.sleep(0.05)
        live = Live(f"http://127.0.0.1:{port}", settings, app.state.get(SANDBOX_STATE_KEY), [])
        servers.append((server, task, live))
        return live

    yield start
    for server, task, live in servers:
        if live.sandbox is not None:
            await live.sandbox.drain()
        await drain()
        for client in live.clients:
            await client.aclose()
        server.should_exit = True
        await task


@pytest.fixture
async def live(live_server: LiveFactory) -> Live:
    return await live_server()
