"""An account's sign-ins as its owner sees them, and ending one of them from another."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Literal, cast

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.models import SignIn
from tessera.accounts.schemas import SignInRead
from tessera.accounts.services import AuthService
from tessera.core.audit import audit
from tessera.core.errors import NotFoundAppError

Method = Literal["password", "password+totp", "recovery_code"]


class SignIns:
    def __init__(self, session: AsyncSession, auth: AuthService) -> None:
        self.session = session
        self.auth = auth

    async def live(self, user_id: uuid.UUID, current: uuid.UUID | None) -> list[SignInRead]:
        """Sign-ins not ended and not idle past the refresh token's lifetime, most recently used first."""
        idle_since = datetime.now(UTC) - timedelta(days=self.auth.settings.refresh_token_days)
        last_used = func.coalesce(SignIn.last_used_at, SignIn.created_at)
        rows = await self.session.scalars(
            select(SignIn)
            .where(SignIn.user_id == user_id, SignIn.revoked_at.is_(None), last_used > idle_since)
            .order_by(last_used.desc())
            .limit(200)
        )
        return [
            SignInRead(
                id=row.id,
                created_at=row.created_at,
                last_used_at=row.last_used_at or row.created_at,
                ip=row.ip,
                user_agent=row.user_agent,
                method=cast(Method, row.method),
                current=row.id == current,
            )
            for row in rows
        ]

    async def end(self, user_id: uuid.UUID, sign_in_id: uuid.UUID) -> None:
        """End one sign-in: its access and refresh tokens answer 401 at once. Another account's is 404."""
        owner = await self.session.scalar(select(SignIn.user_id).where(SignIn.id == sign_in_id))
        if owner != user_id:
            raise NotFoundAppError("Sign-in not found")
        await self.auth.revoke_family(sign_in_id, user_id)
        audit(self.session, "account.sign_in_ended", user_id, {"sign_in": [str(sign_in_id), None]})
