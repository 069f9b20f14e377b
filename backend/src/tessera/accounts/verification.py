"""Verified addresses: the link sent at sign-up and on an address change, and using it.

An address change waits in ``pending_email`` until the link sent to the new address is used; the old address is
told. Until an account's address is verified it may browse and book, but not pay or publish (core.auth).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from advanced_alchemy.exceptions import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.access import AccountAccessReader, record_revocation
from tessera.accounts.models import User
from tessera.accounts.services import UserService, normalize_email
from tessera.accounts.tokens import AccountTokens, TokenPurpose
from tessera.config import AuthSettings
from tessera.core.audit import audit
from tessera.core.errors import AppError, EmailTakenError, is_constraint_violation
from tessera.core.outbox import Outgoing, enqueue
from tessera.core.ratelimit import ActionThrottle, LoginThrottle


class InvalidAccountTokenError(AppError):
    status_code = 400
    code = "invalid_token"


class EmailVerification:
    def __init__(
        self,
        session: AsyncSession,
        settings: AuthSettings,
        tokens: AccountTokens,
        access: AccountAccessReader,
        throttle: ActionThrottle,
        sign_in_limits: LoginThrottle,
    ) -> None:
        self.session = session
        self.settings = settings
        self.tokens = tokens
        self.access = access
        self.throttle = throttle
        self.sign_in_limits = sign_in_limits
        self.users = UserService(session=session)

    async def send_link(self, user: User) -> None:
        """Send a verification link to the address waiting to be verified (the pending one, if any)."""
        address = user.pending_email or user.email
        row, _ = await self.tokens.issue(
            user.id, TokenPurpose.VERIFY_EMAIL, timedelta(hours=self.settings.email_token_hours), email=address
        )
        await enqueue(
            self.session,
            [Outgoing(user.id, "verify_email", {"token_id": str(row.id)}, dedupe_key=f"account-token:{row.id}")],
        )

    async def resend(self, user_id: uuid.UUID, client_ip: str) -> None:
        await self.throttle.check(user_id, client_ip)
        user = await self.users.get_user(user_id)
        if user.email_verified_at is None or user.pending_email is not None:
            await self.send_link(user)

    async def verify(self, token: str, client_ip: str) -> User:
        await self.sign_in_limits.check_ip(client_ip)  # as sign-in: a token is a credential
        row = await self.tokens.use(token, TokenPurpose.VERIFY_EMAIL)
        if row is None or row.email is None:
            raise InvalidAccountTokenError("This link is not valid any more: ask for a new one")
        user = await self.users.get_user(row.user_id)
        now = datetime.now(UTC)
        if normalize_email(row.email) != normalize_email(user.email):
            audit(self.session, "account.email_changed", user.id, {"email": ["", ""]}, actor_id=user.id)
            if user.pending_email is None or normalize_email(user.pending_email) != normalize_email(row.email):
                raise InvalidAccountTokenError("This link is not valid any more: ask for a new one")
            user.email, user.pending_email = normalize_email(row.email), None
            try:
                async with self.session.begin_nested():
                    await self.session.flush()
            except IntegrityError as exc:  # someone registered the address meanwhile
                if is_constraint_violation(exc):
                    raise EmailTakenError("An account with this e-mail already exists") from exc
                raise
        if user.email_verified_at is None:
            audit(self.session, "account.email_verified", user.id, {"email_verified": [False, True]}, actor_id=user.id)
        user.email_verified_at = now
        await self.session.flush()
        # Every process reads the account again, so the gate on paying and publishing lifts at once.
        await record_revocation(self.session, user.id)
        self.access.forget(user.id)
        return user

    async def change_email(self, user_id: uuid.UUID, new_email: str, client_ip: str) -> User:
        """Start an address change: the new address gets a link; nothing changes until it is used."""
        user = await self.users.get_user(user_id)
        new_email = normalize_email(new_email)
        if new_email == normalize_email(user.email):
            user.pending_email = None
            return user
        await self.throttle.check(user_id, client_ip)
        if await self.users.get_by_email(new_email) is not None:
            raise EmailTakenError("An account with this e-mail already exists")
        user.pending_email = new_email
        await self.send_link(user)
        await enqueue(
            self.session,
            [
                Outgoing(
                    user.id,
                    "email_change_requested",
                    {"old_email": user.email},
                    dedupe_key=f"user:{user.id}:email-change:{datetime.now(UTC).isoformat()}",
                )
            ],
        )
        return user
