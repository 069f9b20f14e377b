"""Reviews of listings by people who attended, with moderation, flags, helpful votes and one organizer reply."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID, DateTimeUTC
from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column


class ReviewStatus(enum.StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Review(UUIDv7AuditBase):
    __tablename__ = "reviews"
    __table_args__ = (
        UniqueConstraint("event_id", "user_id"),  # one review per person and listing; posting again edits it
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating"),
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status"),
        Index("ix_reviews_event_status_created", "event_id", "status", "created_at"),
        Index("ix_reviews_status_created", "status", "created_at"),
    )

    event_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("listings.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"))
    rating: Mapped[int] = mapped_column(Integer)
    # Plain text, never rendered as HTML.
    comment: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=ReviewStatus.PENDING.value)
    rejection_reason: Mapped[str | None] = mapped_column(String(500), default=None)
    moderated_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    flags: Mapped[int] = mapped_column(Integer, default=0)
    helpful: Mapped[int] = mapped_column(Integer, default=0)
    reply: Mapped[str | None] = mapped_column(Text, default=None)
    replied_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)


class ReviewFlag(UUIDv7AuditBase):
    __tablename__ = "review_flags"
    __table_args__ = (UniqueConstraint("review_id", "user_id"),)

    review_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("reviews.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(String(300), default="")


class ReviewVote(UUIDv7AuditBase):
    __tablename__ = "review_votes"
    __table_args__ = (UniqueConstraint("review_id", "user_id"),)

    review_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("reviews.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"))
