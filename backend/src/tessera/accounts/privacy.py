"""Personal data of an account: everything Tessera holds about it as one document, and erasing it.

Each module that keeps personal data answers for its own tables through :class:`PersonalDataHolder`, which the
composition root wires (accounts sits below them). Erasure keeps what accounting needs (amounts, dates,
references) and removes or blanks every personal value: names, addresses, documents, texts people wrote.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.models import AccountToken, RecoveryCode, RefreshToken, SignIn
from tessera.accounts.services import AuthService
from tessera.accounts.two_factor import InvalidCodeError, TwoFactor, WrongPasswordError
from tessera.core.audit import audit
from tessera.core.errors import AppError
from tessera.core.idempotency import IdempotencyKey
from tessera.core.outbox import Notification

ERASED_DOMAIN = "erased.invalid"


class HasFutureBookingsError(AppError):
    status_code = 409
    code = "has_future_bookings"


class PersonalDataHolder(Protocol):
    """A module's share of an account's personal data."""

    async def export(self, session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
        """Sections of the export document (``{"bookings": [...], ...}``)."""
        ...

    async def blocks_erasure(self, session: AsyncSession, user_id: uuid.UUID) -> str | None:
        """Why the account cannot be erased yet (bookings still to come), or None."""
        ...

    async def erase(self, session: AsyncSession, user_id: uuid.UUID) -> None:
        """Remove or blank the account's personal values in this module's tables."""
        ...


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


class AccountPrivacy:
    def __init__(
        self,
        session: AsyncSession,
        auth: AuthService,
        two_factor: TwoFactor,
        holders: Sequence[PersonalDataHolder],
    ) -> None:
        self.session = session
        self.auth = auth
        self.two_factor = two_factor
        self.holders = holders

    async def export(self, user_id: uuid.UUID) -> dict[str, Any]:
        user = await self.auth.users.get_user(user_id)
        sign_ins = await self.session.scalars(
            select(SignIn).where(SignIn.user_id == user.id).order_by(SignIn.created_at)
        )
        notifications = await self.session.scalars(
            select(Notification).where(Notification.user_id == user.id).order_by(Notification.created_at)
        )
        document: dict[str, Any] = {
            "exported_at": datetime.now(UTC).isoformat(),
            "account": {
                "id": str(user.id),
                "email": user.email,
                "pending_email": user.pending_email,
                "name": user.name,
                "role": user.role,
                "language": user.language,
                "is_active": user.is_active,
                "created_at": _when(user.created_at),
                "last_login_at": _when(user.last_login_at),
                "email_verified_at": _when(user.email_verified_at),
                "two_factor_enabled": user.two_factor_enabled,
            },
            "sign_ins": [
                {
                    "id": str(s.id),
                    "created_at": _when(s.created_at),
                    "last_used_at": _when(s.last_used_at),
                    "ended_at": _when(s.revoked_at),
                    "ip": s.ip,
                    "user_agent": s.user_agent,
                    "method": s.method,
                }
                for s in sign_ins
            ],
            "notifications": [
                {
                    "kind": n.kind,
                    "channel": n.channel,
                    "payload": n.payload,
                    "status": n.status,
                    "created_at": _when(n.created_at),
                    "sent_at": _when(n.sent_at),
                }
                for n in notifications
            ],
        }
        for holder in self.holders:
            document.update(await holder.export(self.session, user.id))
        return document

    async def delete(self, user_id: uuid.UUID, password: str, code: str | None, client_ip: str) -> None:
        """Erase the account: password (and second factor) first; refused while bookings are still to come."""
        await self.two_factor.secret_checks.check(user_id, client_ip)
        user = await self.auth.users.get_user(user_id)
        if not await self.auth.passwords.verify(user.password_hash, password):
            raise WrongPasswordError("The password is wrong")
        if user.totp_enabled_at is not None and (code is None or await self.two_factor.check(user, code) is None):
            raise InvalidCodeError("A code from your authenticator app (or a recovery code) is needed")
        for holder in self.holders:
            if reason := await holder.blocks_erasure(self.session, user.id):
                raise HasFutureBookingsError(reason)
        for holder in self.holders:
            await holder.erase(self.session, user.id)
        await self.auth.revoke_user_sessions(user)
        for model in (AccountToken, RecoveryCode, IdempotencyKey, Notification):
            await self.session.execute(delete(model).where(model.user_id == user.id))
        await self.session.execute(delete(RefreshToken).where(RefreshToken.user_id == user.id))
        await self.session.execute(update(SignIn).where(SignIn.user_id == user.id).values(ip=None, user_agent=None))
        # The row stays (bookings and payments point at it); nothing in it says who it was, and it signs in no more.
        user.email = f"erased-{user.id.hex}@{ERASED_DOMAIN}"
        user.name = "Erased account"
        user.pending_email = None
        user.password_hash = f"erased:{secrets.token_hex(16)}"  # matches no password
        user.is_active = False
        user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
        user.email_verified_at = None
        audit(self.session, "account.deleted", user.id, {"is_active": [True, False]}, actor_id=user.id)
        await self.session.flush()
