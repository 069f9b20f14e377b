"""Rate limits on the ``limits`` library: sign-in attempts, and bookings and payments per account and address.

Counters live in Redis when it is configured (shared by every API replica) and in process memory in
embedded mode. Moving windows keep a burst at a window's edge from doubling the allowance.

Sign-in failures are counted per (e-mail, client address): after ``lockout_failures`` of them that pair
waits a minute, then twice as long after each further failure, up to ``lockout_minutes``. An attacker
failing from their address therefore never locks the owner out from theirs. Failures for one e-mail from
all addresses together are capped too (``login_per_email``, against guessing from many addresses), but an
address the account signed in from successfully is exempt from that cap.
"""

from __future__ import annotations

import math
import time
import uuid
from typing import Any

from limits import RateLimitItem, parse
from limits.aio.storage import MemoryStorage, RedisStorage, Storage
from limits.aio.strategies import MovingWindowRateLimiter

from tessera.config import RateLimitSettings
from tessera.core.errors import LoginLockedError, RateLimitedError
from tessera.core.redis_pool import blocking_pool

KNOWN_ADDRESS_SECONDS = 30 * 24 * 3600
FIRST_LOCK_SECONDS = 60


def build_limits_storage(redis_url: str | None, key_prefix: str) -> Storage:
    if redis_url is None:
        return MemoryStorage()
    pool: dict[str, Any] = {"connection_pool": blocking_pool(redis_url)}  # limits types its options narrowly
    return RedisStorage(f"async+{redis_url}", implementation="redispy", key_prefix=key_prefix, **pool)


async def _retry_after(limiter: MovingWindowRateLimiter, item: RateLimitItem, *identifiers: str) -> str:
    stats = await limiter.get_window_stats(item, *identifiers)
    return str(max(1, math.ceil(stats.reset_time - time.time())))


class LoginThrottle:
    def __init__(self, settings: RateLimitSettings, storage: Storage) -> None:
        self.enabled = settings.enabled
        self._storage = storage
        self._limiter = MovingWindowRateLimiter(storage)
        self._per_ip = parse(settings.login_per_ip)
        self._failures_per_email = parse(settings.login_per_email)
        self._lock_after = settings.lockout_failures
        self._longest_lock = settings.lockout_minutes * 60

    async def check_ip(self, ip: str) -> None:
        if self.enabled and not await self._limiter.hit(self._per_ip, "ip", ip):
            raise RateLimitedError(
                "Too many attempts from your address; try again later",
                headers={"Retry-After": await _retry_after(self._limiter, self._per_ip, "ip", ip)},
            )

    async def check_email(self, email: str, ip: str) -> None:
        """Before the password is checked: is this address waiting after failures, or is the account under
        attack from many addresses (and this one not known to it)?"""
        if not self.enabled:
            return
        lock = f"login-lock/{email}/{ip}"
        if await self._storage.get(lock) > 0:
            wait = max(1, math.ceil(await self._storage.get_expiry(lock) - time.time()))
            raise LoginLockedError(
                "Too many failed sign-in attempts from your address; try again later",
                headers={"Retry-After": str(wait)},
            )
        known = await self._storage.get(f"login-known/{email}/{ip}") > 0
        if not known and not await self._limiter.test(self._failures_per_email, "email-failures", email):
            raise RateLimitedError(
                "Too many failed sign-in attempts for this account; try again later",
                headers={
                    "Retry-After": await _retry_after(self._limiter, self._failures_per_email, "email-failures", email)
                },
            )

    async def record_failure(self, email: str, ip: str) -> None:
        if not self.enabled:
            return
        await self._limiter.hit(self._failures_per_email, "email-failures", email)
        failures = await self._storage.incr(f"login-failures/{email}/{ip}", self._longest_lock)
        if failures >= self._lock_after:
            wait = min(self._longest_lock, FIRST_LOCK_SECONDS * 2 ** (failures - self._lock_after))
            lock = f"login-lock/{email}/{ip}"
            await self._storage.clear(lock)
            await self._storage.incr(lock, wait)

    async def record_success(self, email: str, ip: str) -> None:
        if not self.enabled:
            return
        await self._storage.clear(f"login-failures/{email}/{ip}")
        await self._storage.clear(f"login-lock/{email}/{ip}")
        known = f"login-known/{email}/{ip}"
        await self._storage.clear(known)
        await self._storage.incr(known, KNOWN_ADDRESS_SECONDS)


class ActionThrottle:
    """Per-account and per-address limits on one kind of request (creating bookings, starting payments)."""

    def __init__(self, name: str, per_account: str, per_ip: str, enabled: bool, storage: Storage) -> None:
        self.name = name
        self.enabled = enabled
        self._limiter = MovingWindowRateLimiter(storage)
        self._per_account = parse(per_account)
        self._per_ip = parse(per_ip)

    async def check(self, account: uuid.UUID | str, ip: str) -> None:
        """``account`` is an account's id, or what stands for one (the address a password reset is asked for)."""
        if not self.enabled:
            return
        for item, scope, identifier in (
            (self._per_account, "account", str(account)),
            (self._per_ip, "ip", ip),
        ):
            if not await self._limiter.hit(item, self.name, scope, identifier):
                raise RateLimitedError(
                    f"Too many requests from your {scope}; try again later",
                    headers={"Retry-After": await _retry_after(self._limiter, item, self.name, scope, identifier)},
                )
