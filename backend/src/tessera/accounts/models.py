from __future__ import annotations

import uuid
from datetime import datetime

from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, func, text
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


# Case-insensitive uniqueness enforced by the database itself, whatever writes the row.
Index("uq_users_email_lower", func.lower(User.email), unique=True)


class SignIn(UUIDv7AuditBase):
    """One sign-in: its id is the ``family_id`` of its refresh tokens and the ``fid`` of its access tokens.
    Revoking it ends every token of that sign-in at once."""

    __tablename__ = "sign_ins"

    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"), index=True)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)


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
