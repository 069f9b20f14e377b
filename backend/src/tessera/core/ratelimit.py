"""Rate limits for credential endpoints, on the ``limits`` library.

Counters live in Redis when it is configured (shared by every API replica) and in process memory in
embedded mode. Moving windows keep a burst at a window's edge from doubling the allowance.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItem, RateLimitItemPerMinute, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from tessera.config import RateLimitSettings
from tessera.core.errors import LoginLockedError, RateLimitedError


def build_limits_storage(redis_url: str | None, key_prefix: str) -> Storage:
    if redis_url is None:
        return MemoryStorage()
    return RedisStorage(f"async+{redis_url}", implementation="redispy", key_prefix=key_prefix)


class LoginThrottle:
    """Per-IP and per-e-mail attempt limits, plus a temporary lock after repeated failures for an e-mail."""

    def __init__(self, settings: RateLimitSettings, storage: Storage) -> None:
        self.enabled = settings.enabled
        self._limiter = MovingWindowRateLimiter(storage)
        self._per_ip = parse(settings.login_per_ip)
        self._per_email = parse(settings.login_per_email)
        self._failures = RateLimitItemPerMinute(settings.lockout_failures, settings.lockout_minutes)

    async def check_ip(self, ip: str) -> None:
        if self.enabled and not await self._limiter.hit(self._per_ip, "ip", ip):
            raise RateLimitedError(
                "Too many attempts from your address; try again later",
                headers={"Retry-After": await self._retry_after(self._per_ip, "ip", ip)},
            )

    async def check_email(self, email: str) -> None:
        if not self.enabled:
            return
        if not await self._limiter.test(self._failures, "failures", email):
            raise LoginLockedError(
                "Too many failed sign-in attempts for this account; it is locked for a while",
                headers={"Retry-After": await self._retry_after(self._failures, "failures", email)},
            )
        if not await self._limiter.hit(self._per_email, "email", email):
            raise RateLimitedError(
                "Too many sign-in attempts for this account; try again later",
                headers={"Retry-After": await self._retry_after(self._per_email, "email", email)},
            )

    async def record_failure(self, email: str) -> None:
        if self.enabled:
            await self._limiter.hit(self._failures, "failures", email)

    async def record_success(self, email: str) -> None:
        if self.enabled:
            await self._limiter.clear(self._failures, "failures", email)

    async def _retry_after(self, item: RateLimitItem, *identifiers: str) -> str:
        stats = await self._limiter.get_window_stats(item, *identifiers)
        return str(max(1, math.ceil(stats.reset_time - time.time())))
