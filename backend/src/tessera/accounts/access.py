"""The account state every authenticated request is checked against, and how a change reaches every process.

An access token names its account, its sign-in and the account's token version when it was issued. Each
request compares them with the account as it is (role, active flag, token version, whether the sign-in
was ended), read from the database and kept in this process for up to ``cache_seconds``.

What keeps a kept answer honest: every change that ends access (sign-out, refresh-token reuse, disabling an
account, changing its role) writes an ``access_revocations`` row in its own transaction, and every process
reads the rows of the last few seconds every ``poll_seconds`` and forgets those accounts. The process that
made the change forgets at once. A kept answer is used only while the last poll started less than
``stale_seconds`` ago; if polling stops (database trouble), every request reads live. So a revoked token
fails at once where it was revoked and within about a second everywhere else, while a request costs no
query when its account was read lately.

Reads are shared: the requests that arrive while one read is under way are read together by the next one,
in one query (a sale opening brings thousands of accounts, each on its first request). A request never
takes the answer of a read that started before it arrived.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from datetime import UTC, datetime, timedelta

import structlog
from sqlalchemy import delete, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tessera.accounts.models import AccessRevocation, SignIn, User
from tessera.core.auth import AccountAccess, Role

logger = structlog.get_logger("tessera.accounts.access")

MAX_CACHED_ACCOUNTS = 50_000
# Revocations are re-read for this long, so one committed late (a slow transaction) or seen by a process
# whose clock is a little behind is still caught.
REVOCATION_WINDOW = timedelta(seconds=10)
# Rows older than this serve no process any more.
REVOCATION_RETENTION = timedelta(hours=1)


async def record_revocation(session: AsyncSession, user_id: uuid.UUID) -> None:
    """Tell every API process to forget what it knows about this account (in the caller's transaction)."""
    session.add(AccessRevocation(user_id=user_id))
    await session.execute(
        delete(AccessRevocation).where(AccessRevocation.created_at < datetime.now(UTC) - REVOCATION_RETENTION)
    )


class AccountAccessReader:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        *,
        cache_seconds: float = 60.0,
        poll_seconds: float = 0.5,
        stale_seconds: float = 1.0,
    ) -> None:
        self._sessions = sessions
        self._cache_seconds = cache_seconds
        self._poll_seconds = poll_seconds
        self._stale_seconds = stale_seconds
        # user id -> sign-in id -> (kept until, state); per user so one change forgets all its sign-ins.
        self._entries: dict[uuid.UUID, dict[uuid.UUID, tuple[float, AccountAccess | None]]] = {}
        # Accounts changed lately: read live for a while, so a request racing the change's commit cannot
        # keep the old state.
        self._live_until: dict[uuid.UUID, float] = {}
        self._last_poll_started = float("-inf")
        # Reads asked for and not yet started, and the task that reads them.
        self._wanted: dict[tuple[uuid.UUID, uuid.UUID], asyncio.Future[AccountAccess | None]] = {}
        self._reader: asyncio.Task[None] | None = None

    async def access(self, user_id: uuid.UUID, sign_in_id: uuid.UUID) -> AccountAccess | None:
        now = time.monotonic()
        usable = now - self._last_poll_started <= self._stale_seconds and self._live_until.get(user_id, 0.0) <= now
        if usable:
            kept = self._entries.get(user_id, {}).get(sign_in_id)
            if kept is not None and kept[0] > now:
                return kept[1]
        state = await self._read(user_id, sign_in_id)
        if usable:
            if len(self._entries) >= MAX_CACHED_ACCOUNTS:
                self._entries.clear()
            self._entries.setdefault(user_id, {})[sign_in_id] = (now + self._cache_seconds, state)
        return state

    async def _read(self, user_id: uuid.UUID, sign_in_id: uuid.UUID) -> AccountAccess | None:
        key = (user_id, sign_in_id)
        answer = self._wanted.get(key)
        if answer is None:
            answer = self._wanted[key] = asyncio.get_running_loop().create_future()
            if self._reader is None or self._reader.done():
                self._reader = asyncio.get_running_loop().create_task(self._read_wanted())
        return await asyncio.shield(answer)

    async def _read_wanted(self) -> None:
        while self._wanted:
            wanted, self._wanted = self._wanted, {}
            try:
                async with self._sessions() as session:
                    rows = await session.execute(
                        select(
                            User.id,
                            SignIn.id,
                            User.role,
                            User.is_active,
                            User.token_version,
                            SignIn.revoked_at,
                            User.email_verified_at,
                            User.totp_enabled_at,
                        )
                        .join(SignIn, SignIn.user_id == User.id)
                        .where(tuple_(User.id, SignIn.id).in_(list(wanted)))
                    )
                    found = {
                        (user_id, sign_in_id): AccountAccess(
                            role=Role(role),
                            is_active=is_active,
                            token_version=token_version,
                            sign_in_revoked=revoked_at is not None,
                            email_verified=verified is not None,
                            two_factor_enabled=totp is not None,
                        )
                        for user_id, sign_in_id, role, is_active, token_version, revoked_at, verified, totp in rows
                    }
            except Exception as exc:
                for answer in wanted.values():
                    answer.set_exception(exc)
                continue
            for key, answer in wanted.items():
                answer.set_result(found.get(key))

    def forget(self, user_id: uuid.UUID) -> None:
        """The account or one of its sign-ins changed: read it live for the next ``stale_seconds``."""
        now = time.monotonic()
        self._entries.pop(user_id, None)
        if len(self._live_until) >= MAX_CACHED_ACCOUNTS:
            self._live_until = {user: until for user, until in self._live_until.items() if until > now}
        self._live_until[user_id] = now + self._stale_seconds

    async def poll(self) -> None:
        """Forget the accounts revoked in the last few seconds, by any process."""
        started = time.monotonic()
        async with self._sessions() as session:
            revoked = await session.scalars(
                select(AccessRevocation.user_id)
                .where(AccessRevocation.created_at > datetime.now(UTC) - REVOCATION_WINDOW)
                .distinct()
            )
            for user_id in revoked:
                self.forget(user_id)
        self._last_poll_started = started

    async def run(self) -> None:
        """Poll for as long as the process serves; a failed poll only makes requests read live."""
        while True:
            try:
                await self.poll()
            except Exception as exc:
                logger.warning("access_revocation_poll_failed", error=type(exc).__name__)
            await asyncio.sleep(self._poll_seconds)
