"""Process-wide objects built once from settings and shared by requests, tasks and the CLI."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

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
from tessera.core.ratelimit import LoginThrottle, build_limits_storage
from tessera.core.security import AccessTokens, Passwords
from tessera.payments.freedompay import FreedomPayClient


@dataclass(slots=True)
class Runtime:
    settings: Settings
    passwords: Passwords
    access_tokens: AccessTokens
    login_throttle: LoginThrottle
    cache: VersionedCache
    redis: Redis | None
    engine: AsyncEngine
    # Sessions for work outside a request (after-commit jobs, scheduled jobs).
    sessions: async_sessionmaker[AsyncSession]
    freedompay: FreedomPayClient
    # Set by tessera.jobs.build_broker; without one, new notifications wait for the sweep.
    broker: Any = None

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
        engine = create_engine(settings.database)
        store: Store = RedisStore(redis, namespace="tessera:cache") if redis is not None else MemoryStore()
        runtime = cls(
            settings=settings,
            passwords=Passwords(settings.auth),
            access_tokens=AccessTokens(settings.auth),
            login_throttle=LoginThrottle(
                settings.rate_limit, build_limits_storage(settings.redis_url, key_prefix="tessera:ratelimit")
            ),
            cache=VersionedCache(store, timedelta(seconds=settings.booking.catalog_cache_seconds)),
            redis=redis,
            engine=engine,
            sessions=async_sessionmaker(engine, expire_on_commit=False),
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


RUNTIME_STATE_KEY = "runtime"


def provide_runtime(state: State) -> Runtime:
    runtime: Runtime = state[RUNTIME_STATE_KEY]
    return runtime
