"""Process-wide objects built once from settings and shared by requests, tasks and the CLI."""

from __future__ import annotations

from dataclasses import dataclass

from litestar.datastructures import State
from redis.asyncio import Redis

from tessera.config import Settings
from tessera.core.ratelimit import LoginThrottle, build_limits_storage
from tessera.core.security import AccessTokens, Passwords


@dataclass(slots=True)
class Runtime:
    settings: Settings
    passwords: Passwords
    access_tokens: AccessTokens
    login_throttle: LoginThrottle
    redis: Redis | None

    @classmethod
    def build(cls, settings: Settings) -> Runtime:
        redis = Redis.from_url(settings.redis_url) if settings.redis_url else None
        return cls(
            settings=settings,
            passwords=Passwords(settings.auth),
            access_tokens=AccessTokens(settings.auth),
            login_throttle=LoginThrottle(
                settings.rate_limit, build_limits_storage(settings.redis_url, key_prefix="tessera:ratelimit")
            ),
            redis=redis,
        )

    async def close(self) -> None:
        if self.redis is not None:
            await self.redis.aclose()


RUNTIME_STATE_KEY = "runtime"


def provide_runtime(state: State) -> Runtime:
    runtime: Runtime = state[RUNTIME_STATE_KEY]
    return runtime
