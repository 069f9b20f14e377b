from __future__ import annotations

import uuid
from datetime import datetime

from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from tessera.core.auth import Role

ROLES_SQL = ", ".join(f"'{role.value}'" for role in Role)


class User(UUIDv7AuditBase):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint(f"role IN ({ROLES_SQL})", name="role"),)

    email: Mapped[str] = mapped_column(String(320))
    name: Mapped[str] = mapped_column(String(200))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=Role.PARTICIPANT.value)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    language: Mapped[str] = mapped_column(String(5), default="en")
    last_login_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # Raised when the account is disabled or its role changes: every access token issued before stops working.
    token_version: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # An address change waits here until the link sent to the new address is used.
    pending_email: Mapped[str | None] = mapped_column(String(320), default=None)
    # The TOTP secret, sealed with the personal-data keys; set at setup, in force once ``totp_enabled_at`` is.
    totp_secret: Mapped[str | None] = mapped_column(String(255), default=None)
    totp_enabled_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # The last accepted TOTP time step: a code is accepted once, and never one of an earlier step.
    totp_last_step: Mapped[int | None] = mapped_column(BigInteger, default=None)

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def two_factor_enabled(self) -> bool:
        return self.totp_enabled_at is not None


# Case-insensitive uniqueness enforced by the database itself, whatever writes the row.
Index("uq_users_email_lower", func.lower(User.email), unique=True)


class SignIn(UUIDv7AuditBase):
    """One sign-in: its id is the ``family_id`` of its refresh tokens and the ``fid`` of its access tokens.
    Revoking it ends every token of that sign-in at once."""

    __tablename__ = "sign_ins"

    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    ip: Mapped[str | None] = mapped_column(String(64), default=None)
    user_agent: Mapped[str | None] = mapped_column(String(300), default=None)
    # password (sign-up included), password+totp or recovery_code.
    method: Mapped[str] = mapped_column(String(20), default="password", server_default="password")
    last_used_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)


class AccessRevocation(UUIDv7AuditBase):
    """Access to this account ended somewhere (sign-out, disabling, a role change): every API process reads
    the recent rows and forgets what it kept about the account (see ``accounts.access``)."""

    __tablename__ = "access_revocations"
    __table_args__ = (Index("ix_access_revocations_created", "created_at"),)

    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"))


class RefreshToken(UUIDv7AuditBase):
    """One issued refresh token. Tokens issued by rotation share the ``family_id`` of the first login."""

    __tablename__ = "refresh_tokens"

    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    family_id: Mapped[uuid.UUID] = mapped_column(GUID, index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)


class AccountToken(UUIDv7AuditBase):
    """A single-use secret sent to the account's owner: an e-mail verification or password reset link, or the
    challenge between the two steps of a two-factor sign-in. Only its hash is stored."""

    __tablename__ = "account_tokens"
    __table_args__ = (
        CheckConstraint(
            "purpose IN ('verify_email', 'reset_password', 'two_factor_login', 'two_factor_token')", name="purpose"
        ),
        Index("ix_account_tokens_user_purpose", "user_id", "purpose"),
        Index("ix_account_tokens_expires", "expires_at"),
    )

    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The address a verification link verifies (the pending one, for an address change).
    email: Mapped[str | None] = mapped_column(String(320), default=None)
    expires_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    # Wrong codes given against a two-factor challenge; it dies at five.
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    # Where the two-factor challenge's sign-in came from (kept for the sign-in it becomes).
    ip: Mapped[str | None] = mapped_column(String(64), default=None)
    user_agent: Mapped[str | None] = mapped_column(String(300), default=None)


class RecoveryCode(UUIDv7AuditBase):
    """One of the ten single-use codes that stand in for the second factor; only their hashes are stored."""

    __tablename__ = "recovery_codes"
    __table_args__ = (UniqueConstraint("user_id", "code_hash", name="uq_recovery_codes_user_code"),)

    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64))
    used_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
