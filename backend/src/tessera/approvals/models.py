"""Approval-only sales: a buyer's request for tickets the organizer sells on approval, and its decision."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime
from typing import Any

from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID, DateTimeUTC, JsonB
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, text
from sqlalchemy.orm import Mapped, mapped_column

from tessera.core.db import one_of


class RequestStatus(enum.StrEnum):
    PENDING = "pending"  # awaiting the organizer (holding seats, if the listing holds them)
    APPROVED = "approved"  # a booking was made: paid ones await payment within the core's hold
    DECLINED = "declined"
    EXPIRED = "expired"  # no decision in time
    WITHDRAWN = "withdrawn"  # the buyer took it back


class BookingRequest(UUIDv7AuditBase):
    __tablename__ = "booking_requests"
    __table_args__ = (
        CheckConstraint(f"status IN {one_of(RequestStatus)}", name="status"),
        Index("ix_booking_requests_session_status", "session_id", "status", "created_at"),
        Index("ix_booking_requests_user_created", "user_id", "created_at"),
        Index(
            "ix_booking_requests_pending_expiry",
            "expires_at",
            postgresql_where=text("status = 'pending'"),
            sqlite_where=text("status = 'pending'"),
        ),
    )

    session_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("sessions.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(GUID, ForeignKey("users.id", ondelete="CASCADE"))
    # What is asked for: [{"ticket_type_id": ..., "quantity": n}], and the buyer's note to the organizer.
    items: Mapped[list[dict[str, Any]]] = mapped_column(JsonB)
    message: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(10), default=RequestStatus.PENDING.value)
    expires_at: Mapped[datetime] = mapped_column(DateTimeUTC(timezone=True))
    # The seats held while the organizer decides, if the listing holds them: a held booking.
    hold_booking_id: Mapped[uuid.UUID | None] = mapped_column(
        GUID, ForeignKey("bookings.id", ondelete="SET NULL"), default=None
    )
    # The booking the approval made (the hold itself, when there was one).
    booking_id: Mapped[uuid.UUID | None] = mapped_column(
        GUID, ForeignKey("bookings.id", ondelete="SET NULL"), default=None
    )
    decided_at: Mapped[datetime | None] = mapped_column(DateTimeUTC(timezone=True), default=None)
    decline_reason: Mapped[str | None] = mapped_column(String(300), default=None)
