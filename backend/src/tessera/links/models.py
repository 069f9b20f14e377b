"""The links module's table."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from tessera.core.db import one_of


class TargetType(enum.StrEnum):
    PARTY = "party"
    SLOT = "slot"
    HOST = "host"
    EVENT = "event"


class ShortLink(UUIDv7AuditBase):
    __tablename__ = "short_links"
    __table_args__ = (
        CheckConstraint(f"target_type IN {one_of(TargetType)}", name="target_type"),
        CheckConstraint("clicks >= 0", name="clicks"),
        UniqueConstraint("created_by", "target_type", "target_id", name="uq_short_links_owner_target"),
        Index("ix_short_links_target", "target_type", "target_id"),
        Index("ix_short_links_creator_created", "created_by", "created_at"),
    )

    # Seven characters without look-alikes (no 0/O, 1/I/L), stored uppercase.
    code: Mapped[str] = mapped_column(String(12), unique=True)
    target_type: Mapped[str] = mapped_column(String(10))
    target_id: Mapped[uuid.UUID] = mapped_column(GUID)
    created_by: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"))
    clicks: Mapped[int] = mapped_column(BigInteger, default=0)
    last_clicked_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
