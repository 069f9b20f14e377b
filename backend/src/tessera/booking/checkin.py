"""Admitting ticket holders at the door."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.codes import TicketCodes
from tessera.booking.errors import (
    AlreadyCheckedInError,
    CheckInClosedError,
    InvalidTicketCodeError,
    TicketNotValidError,
    WrongSessionError,
)
from tessera.booking.models import Booking, Ticket, TicketStatus
from tessera.booking.schemas import CheckInResult
from tessera.catalog.inventory import SeatInventory
from tessera.config import BookingSettings
from tessera.core.audit import audit
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError


class CheckIn:
    def __init__(
        self, session: AsyncSession, settings: BookingSettings, codes: TicketCodes, inventory: SeatInventory
    ) -> None:
        self.session = session
        self.settings = settings
        self.codes = codes
        self.inventory = inventory

    async def session_of(self, code: str) -> uuid.UUID | None:
        """The session a genuine ticket code admits to (a door that scans codes without knowing the session)."""
        code = code.strip().upper()
        if not self.codes.is_genuine(code):
            raise InvalidTicketCodeError("This is not a Tessera ticket code")
        session_id: uuid.UUID | None = await self.session.scalar(select(Ticket.session_id).where(Ticket.code == code))
        return session_id

    async def check_in(self, code: str, session_id: uuid.UUID, user: CurrentUser) -> CheckInResult:
        """Admit a ticket at the door of ``session_id``: only that session's tickets, only while its check-in
        is open (``checkin_opens_minutes`` before the start until the end), and each ticket once."""
        code = code.strip().upper()
        if not self.codes.is_genuine(code):
            raise InvalidTicketCodeError("This is not a Tessera ticket code")
        door = (await self.inventory.describe([session_id])).get(session_id)
        if door is None or (not user.is_admin and door.organizer_id != user.id):
            raise NotFoundAppError("Session not found")
        row = (
            await self.session.execute(
                select(Ticket, Booking.reference, Booking.event_id)
                .join(Booking, Booking.id == Ticket.booking_id)
                .where(Ticket.code == code)
            )
        ).first()
        if row is None:
            raise NotFoundAppError("Ticket not found")
        ticket, reference, event_id = row
        if not user.is_admin and await self.inventory.event_owner(event_id) != user.id:
            raise NotFoundAppError("Ticket not found")
        if ticket.session_id != session_id:
            raise WrongSessionError(
                "This ticket is for another session", extra={"ticket_session_id": str(ticket.session_id)}
            )
        now = datetime.now(UTC)
        opens_at = door.starts_at - timedelta(minutes=self.settings.checkin_opens_minutes)
        if not opens_at <= now < door.ends_at:
            raise CheckInClosedError(
                "Check-in for this session is not open" if now < opens_at else "This session has ended",
                extra={"opens_at": opens_at, "closes_at": door.ends_at},
            )
        if ticket.status == TicketStatus.VALID:
            claimed = await self.session.execute(
                update(Ticket)
                .where(Ticket.id == ticket.id, Ticket.status == TicketStatus.VALID)
                .values(status=TicketStatus.USED, checked_in_at=now, updated_at=now)
                .execution_options(synchronize_session=False)
            )
            if claimed.rowcount == 1:  # type: ignore[attr-defined]
                audit(self.session, "ticket.checked_in", ticket.id, {"status": [ticket.status, TicketStatus.USED]})
                return CheckInResult(
                    ticket_id=ticket.id,
                    code=ticket.code,
                    status=TicketStatus.USED,
                    checked_in_at=now,
                    attendee_name=ticket.attendee_name,
                    ticket_type_name=ticket.ticket_type_name,
                    booking_reference=reference,
                    session_id=ticket.session_id,
                    seat=ticket.seat,
                )
            await self.session.refresh(ticket)  # a concurrent scan won
        if ticket.status == TicketStatus.USED and ticket.checked_in_at is not None:
            raise AlreadyCheckedInError(
                f"Already checked in at {ticket.checked_in_at.isoformat()}",
                extra={"checked_in_at": ticket.checked_in_at, "seat": ticket.seat},
            )
        why = "is cancelled" if ticket.status == TicketStatus.CANCELLED else "is not paid for yet"
        raise TicketNotValidError(f"This ticket {why}", extra={"ticket_status": ticket.status})
