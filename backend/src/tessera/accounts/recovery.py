"""Passwords: a reset by e-mail for a forgotten one, and a change while signed in.

A reset request answers the same whether or not the address has an account, and is limited per address and per
client. A reset ends every sign-in of the account; a change ends every other one. Both are told by e-mail.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.models import User
from tessera.accounts.services import AuthService, normalize_email
from tessera.accounts.tokens import AccountTokens, TokenPurpose
from tessera.accounts.verification import InvalidAccountTokenError
from tessera.core.audit import audit
from tessera.core.errors import AppError
from tessera.core.outbox import Outgoing, enqueue
from tessera.core.ratelimit import ActionThrottle


class WrongCurrentPasswordError(AppError):
    status_code = 403
    code = "invalid_credentials"


class PasswordRecovery:
    def __init__(
        self,
        session: AsyncSession,
        auth: AuthService,
        tokens: AccountTokens,
        throttle: ActionThrottle,
        secret_checks: ActionThrottle,
    ) -> None:
        self.session = session
        self.auth = auth
        self.tokens = tokens
        self.throttle = throttle  # reset links asked for, per address
        self.secret_checks = secret_checks

    async def request_reset(self, email: str, client_ip: str) -> None:
        """Send a reset link if the address has an active account; the caller answers the same either way."""
        email = normalize_email(email)
        await self.throttle.check(email, client_ip)
        user = await self.auth.users.get_by_email(email)
        if user is None or not user.is_active:
            return
        lifetime = timedelta(minutes=self.auth.settings.password_reset_minutes)
        row, _ = await self.tokens.issue(user.id, TokenPurpose.RESET_PASSWORD, lifetime)
        await enqueue(
            self.session,
            [Outgoing(user.id, "password_reset", {"token_id": str(row.id)}, dedupe_key=f"account-token:{row.id}")],
        )

    async def reset(self, token: str, password: str, client_ip: str) -> User:
        await self.auth.throttle.check_ip(client_ip)  # as sign-in: a token is a credential
        row = await self.tokens.use(token, TokenPurpose.RESET_PASSWORD)
        user = None if row is None else await self.auth.users.get_one_or_none(id=row.user_id)
        if user is None or not user.is_active:
            raise InvalidAccountTokenError("This link is not valid any more: ask for a new one")
        user.password_hash = await self.auth.passwords.hash(password)
        # The link reached the account's inbox, so the address is the owner's.
        user.email_verified_at = user.email_verified_at or datetime.now(UTC)
        await self.auth.revoke_user_sessions(user)
        audit(self.session, "account.password_reset", user.id, {"password": ["", ""]}, actor_id=user.id)
        await self._tell(user, "reset")
        return user

    async def change(
        self,
        user_id: uuid.UUID,
        sign_in_id: uuid.UUID | None,
        current_password: str,
        new_password: str,
        client_ip: str,
    ) -> User:
        await self.secret_checks.check(user_id, client_ip)
        user = await self.auth.users.get_user(user_id)
        if not await self.auth.passwords.verify(user.password_hash, current_password):
            raise WrongCurrentPasswordError("The current password is wrong")
        user.password_hash = await self.auth.passwords.hash(new_password)
        await self.auth.end_other_sign_ins(user.id, keep=sign_in_id)
        audit(self.session, "account.password_changed", user.id, {"password": ["", ""]})
        await self._tell(user, "changed")
        return user

    async def _tell(self, user: User, how: str) -> None:
        now = datetime.now(UTC)
        await enqueue(
            self.session,
            [
                Outgoing(
                    user.id, "password_changed", {"how": how}, dedupe_key=f"user:{user.id}:password:{now.isoformat()}"
                )
            ],
        )
