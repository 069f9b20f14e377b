"""The account state every authenticated request is checked against, cached for at most a second.

An access token names its account, its sign-in and the account's token version when it was issued. Each
request compares them with the database (through this cache), so signing out, disabling an account or
changing its role takes effect at once in the process that made the change and within ``ttl`` seconds in
every other process, instead of when the token expires.
"""

from __future__ import annotations

import time
import uuid

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tessera.accounts.models import SignIn, User
from tessera.core.auth import AccountAccess, Role

DEFAULT_TTL_SECONDS = 1.0
MAX_CACHED_ACCOUNTS = 50_000


class AccountAccessReader:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], ttl: float = DEFAULT_TTL_SECONDS) -> None:
        self._sessions = sessions
        self._ttl = ttl
        # user id -> sign-in id -> (valid until, state); per user so one change forgets all its sign-ins.
        self._entries: dict[uuid.UUID, dict[uuid.UUID, tuple[float, AccountAccess | None]]] = {}
        # Accounts changed here lately: read live until a change's transaction has surely committed.
        self._live_until: dict[uuid.UUID, float] = {}

    async def access(self, user_id: uuid.UUID, sign_in_id: uuid.UUID) -> AccountAccess | None:
        now = time.monotonic()
        cached = self._entries.get(user_id, {}).get(sign_in_id)
        if cached is not None and cached[0] > now:
            return cached[1]
        async with self._sessions() as session:
            row = (
                await session.execute(
                    select(User.role, User.is_active, User.token_version, SignIn.revoked_at)
                    .join(SignIn, SignIn.user_id == User.id)
                    .where(User.id == user_id, SignIn.id == sign_in_id)
                )
            ).first()
        state = (
            None
            if row is None
            else AccountAccess(
                role=Role(row.role),
                is_active=row.is_active,
                token_version=row.token_version,
                sign_in_revoked=row.revoked_at is not None,
            )
        )
        if self._live_until.get(user_id, 0.0) <= now:
            self._live_until.pop(user_id, None)
            if len(self._entries) >= MAX_CACHED_ACCOUNTS:
                self._entries.clear()
            self._entries.setdefault(user_id, {})[sign_in_id] = (now + self._ttl, state)
        return state

    def forget(self, user_id: uuid.UUID) -> None:
        """Called when the account or one of its sign-ins changes in this process. Its state is read live for
        the next ``ttl`` seconds, so a request racing the change's commit cannot cache the old state."""
        now = time.monotonic()
        self._entries.pop(user_id, None)
        if len(self._live_until) >= MAX_CACHED_ACCOUNTS:
            self._live_until = {user: until for user, until in self._live_until.items() if until > now}
        self._live_until[user_id] = now + self._ttl
