"""Process-wide objects built once from settings and shared by requests, tasks and the CLI."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import structlog
from litestar.datastructures import State
from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore
from litestar.stores.redis import RedisStore
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from tessera.config import Settings
from tessera.core.background import DISPATCH_KEY, drain
from tessera.core.cache import VersionedCache
from tessera.core.db import create_engine
from tessera.core.ratelimit import ActionThrottle, LoginThrottle, build_limits_storage
from tessera.core.security import AccessTokens, Passwords
from tessera.payments.freedompay import FreedomPayClient

EMULATOR_IN_PRODUCTION = (
    "TESSERA_FREEDOMPAY_EMULATOR is on: payments go to the built-in emulator and no real money is taken"
)


@dataclass(slots=True)
class Runtime:
    settings: Settings
    passwords: Passwords
    access_tokens: AccessTokens
    login_throttle: LoginThrottle
    booking_throttle: ActionThrottle
    payment_throttle: ActionThrottle
    cache: VersionedCache
    redis: Redis | None
    engine: AsyncEngine
    # Sessions for work outside a request (after-commit jobs, scheduled jobs).
    sessions: async_sessionmaker[AsyncSession]
    # Short reads that must not queue behind a writing transaction (the access check of every request): on
    # SQLite, whose one pooled connection serialises everything, they get a connection of their own.
    read_engine: AsyncEngine
    freedompay: FreedomPayClient
    # Set by tessera.jobs.build_broker; without one, new notifications wait for the sweep.
    broker: Any = None

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        if settings.is_production and settings.payments.sandbox:
            # Every process (API, worker, scheduler, CLI) says so when it starts.
            structlog.get_logger("tessera.runtime").warning(
                "freedompay_emulator_in_production", detail=EMULATOR_IN_PRODUCTION
            )
        redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
        engine = create_engine(settings.database)
        store: Store = RedisStore(redis, namespace="tessera:cache") if redis is not None else MemoryStore()
        limits_storage = build_limits_storage(settings.redis_url, key_prefix="tessera:ratelimit")
        limits = settings.rate_limit
        runtime = cls(
            settings=settings,
            passwords=Passwords(settings.auth),
            access_tokens=AccessTokens(settings.auth),
            login_throttle=LoginThrottle(limits, limits_storage),
            booking_throttle=ActionThrottle(
                "bookings", limits.booking_per_account, limits.booking_per_ip, limits.enabled, limits_storage
            ),
            payment_throttle=ActionThrottle(
                "payments", limits.payment_per_account, limits.payment_per_ip, limits.enabled, limits_storage
            ),
            cache=VersionedCache(store, timedelta(seconds=settings.booking.catalog_cache_seconds)),
            redis=redis,
            engine=engine,
            sessions=async_sessionmaker(engine, expire_on_commit=False),
            read_engine=create_engine(settings.database, readers=4) if settings.database.is_sqlite else engine,
            freedompay=FreedomPayClient(
                base_url=settings.payments.base_url,
                merchant_id=settings.payments.merchant_id,
                secret_key=settings.payments.secret_key,
                testing_mode=settings.payments.testing_mode,
            ),
        )
        # Sessions carry the dispatcher, so outbox rows they commit are queued at once.
        runtime.sessions = async_sessionmaker(engine, expire_on_commit=False, info=runtime.session_info)
        return runtime

    @property
    def session_info(self) -> dict[str, Any]:
        """What every database session of this process carries (the notification dispatcher)."""
        return {DISPATCH_KEY: self.dispatch_notifications}

    async def dispatch_notifications(self, ids: Sequence[uuid.UUID]) -> None:
        """Queue delivery of outbox rows (called after their transaction commits)."""
        if self.broker is None:
            return
        task = self.broker.find_task("tessera.notifications.deliver")
        for notification_id in ids:
            await task.kiq(str(notification_id))

    async def close(self) -> None:
        await drain()
        await self.freedompay.aclose()
        if self.redis is not None:
            await self.redis.aclose()
        await self.engine.dispose()
        if self.read_engine is not self.engine:
            await self.read_engine.dispose()


RUNTIME_STATE_KEY = "runtime"


def provide_runtime(state: State) -> Runtime:
    runtime: Runtime = state[RUNTIME_STATE_KEY]
    return runtime
