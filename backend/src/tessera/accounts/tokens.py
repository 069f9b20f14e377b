"""Single-use account tokens: e-mail verification and password reset links, and two-factor challenges.

A token is ``<row id>.<HMAC of the purpose and row id>``. The database keeps only its SHA-256, and the e-mail that
carries a link recomputes the token from the row id with the server's key, so neither the tokens table nor the
outbox holds a usable secret. Using a token is one conditional update: of two concurrent uses, one wins.
"""

from __future__ import annotations

import base64
import enum
import hashlib
import hmac
import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.models import AccountToken

# A two-factor challenge dies after this many wrong codes.
MAX_CHALLENGE_FAILURES = 5


class TokenPurpose(enum.StrEnum):
    VERIFY_EMAIL = "verify_email"
    RESET_PASSWORD = "reset_password"  # noqa: S105 - a purpose, not a secret
    # The challenge between a correct password and the second factor, for cookies or for bearer tokens.
    TWO_FACTOR_LOGIN = "two_factor_login"
    TWO_FACTOR_TOKEN = "two_factor_token"  # noqa: S105 - a purpose, not a secret


class TokenSigner:
    def __init__(self, key: bytes) -> None:
        self._key = key

    def _signature(self, token_id: uuid.UUID, purpose: str) -> str:
        digest = hmac.new(self._key, f"{purpose}:{token_id.hex}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def token(self, token_id: uuid.UUID, purpose: str) -> str:
        return f"{token_id.hex}.{self._signature(token_id, purpose)}"

    def token_id(self, token: str, purpose: str) -> uuid.UUID | None:
        """The row a genuine token of ``purpose`` names; None for anything else."""
        raw_id, _, signature = token.strip().partition(".")
        try:
            token_id = uuid.UUID(hex=raw_id)
        except ValueError:
            return None
        return token_id if hmac.compare_digest(signature, self._signature(token_id, purpose)) else None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class AccountTokens:
    def __init__(self, session: AsyncSession, signer: TokenSigner) -> None:
        self.session = session
        self.signer = signer

    async def issue(
        self,
        user_id: uuid.UUID,
        purpose: TokenPurpose,
        lifetime: timedelta,
        *,
        email: str | None = None,
        ip: str | None = None,
        user_agent: str | None = None,
    ) -> tuple[AccountToken, str]:
        """A new token; earlier unused ones of the same purpose stop working (only the latest link does)."""
        now = datetime.now(UTC)
        if purpose in (TokenPurpose.VERIFY_EMAIL, TokenPurpose.RESET_PASSWORD):
            await self.session.execute(
                update(AccountToken)
                .where(AccountToken.user_id == user_id, AccountToken.purpose == purpose, AccountToken.used_at.is_(None))
                .values(used_at=now)
                .execution_options(synchronize_session=False)
            )
        row = AccountToken(
            id=uuid.uuid4(),
            user_id=user_id,
            purpose=purpose.value,
            token_hash="",
            email=email,
            expires_at=now + lifetime,
            ip=ip,
            user_agent=user_agent,
        )
        token = self.signer.token(row.id, purpose)
        row.token_hash = _hash(token)
        self.session.add(row)
        await self.session.flush()
        return row, token

    def token_of(self, row: AccountToken) -> str:
        """The token of an issued row (for the message that carries it)."""
        return self.signer.token(row.id, row.purpose)

    async def live(self, token: str, purpose: TokenPurpose) -> AccountToken | None:
        """The token's row while it may still be used, without using it."""
        if self.signer.token_id(token, purpose) is None:
            return None
        row = await self.session.scalar(
            select(AccountToken).where(AccountToken.token_hash == _hash(token), AccountToken.purpose == purpose)
        )
        now = datetime.now(UTC)
        if row is None or row.used_at is not None or row.expires_at <= now or row.failures >= MAX_CHALLENGE_FAILURES:
            return None
        return row

    async def use(self, token: str, purpose: TokenPurpose) -> AccountToken | None:
        """Use the token up; None if it is not genuine, unknown, used, expired or worn out by wrong codes."""
        row = await self.live(token, purpose)
        if row is None:
            return None
        used = await self.session.execute(
            update(AccountToken)
            .where(
                AccountToken.id == row.id,
                AccountToken.used_at.is_(None),
                AccountToken.failures < MAX_CHALLENGE_FAILURES,
            )
            .values(used_at=datetime.now(UTC))
            .execution_options(synchronize_session=False)
        )
        return row if used.rowcount == 1 else None  # type: ignore[attr-defined]

    async def purge_expired(self, now: datetime) -> int:
        """Delete tokens that expired more than a day ago (used or not); returns how many."""
        gone = await self.session.execute(delete(AccountToken).where(AccountToken.expires_at < now - timedelta(days=1)))
        return int(gone.rowcount or 0)  # type: ignore[attr-defined]

    async def count_failure(self, row: AccountToken) -> None:
        await self.session.execute(
            update(AccountToken)
            .where(AccountToken.id == row.id)
            .values(failures=AccountToken.failures + 1)
            .execution_options(synchronize_session=False)
        )
