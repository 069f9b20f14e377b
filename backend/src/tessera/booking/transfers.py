"""Ticket transfers: a holder offers one ticket of a confirmed booking to someone by e-mail; the recipient,
signed in with that address, accepts through the link. Acceptance cancels the old ticket (its code stops
working at once) and issues the recipient a new one: a new code and the same seat, on a booking of their own
whose total is 0 (they paid nothing, so cancelling it refunds nothing; the sender's booking no longer counts
the ticket). The listing
decides whether transfers are allowed and until how many hours before the session."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.services import UserService, normalize_email
from tessera.accounts.tokens import TokenSigner
from tessera.booking.codes import TicketCodes, new_reference
from tessera.booking.errors import (
    InvalidTransferError,
    TicketNotValidError,
    TransferNotOpenError,
    TransferPendingError,
    TransfersClosedError,
    WrongRecipientError,
)
from tessera.booking.models import (
    Booking,
    BookingStatus,
    SessionSeat,
    Ticket,
    TicketStatus,
    TicketTransfer,
    TransferStatus,
)
from tessera.booking.reads import BookingReads, load_booking
from tessera.booking.schemas import BookingRead, TransferRead
from tessera.catalog.errors import check_domain
from tessera.catalog.inventory import BookableSession, SeatInventory
from tessera.core.audit import audit
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError
from tessera.core.outbox import Outgoing, enqueue

TRANSFER_PURPOSE = "ticket_transfer"
# An offer lasts a week at most, and never past the listing's cut-off.
OFFER_DAYS = 7


def closes_at(info: BookableSession) -> datetime:
    return info.starts_at - timedelta(hours=info.transfer_cutoff_hours)


class Transfers:
    def __init__(
        self,
        session: AsyncSession,
        inventory: SeatInventory,
        reads: BookingReads,
        codes: TicketCodes,
        signer: TokenSigner,
    ) -> None:
        self.session = session
        self.inventory = inventory
        self.reads = reads
        self.codes = codes
        self.signer = signer

    def token(self, transfer_id: uuid.UUID) -> str:
        return self.signer.token(transfer_id, TRANSFER_PURPOSE)

    async def _session_open(self, session_id: uuid.UUID, now: datetime) -> BookableSession:
        info = (await self.inventory.describe([session_id]))[session_id]
        check_domain(info.managed_by, None)  # flights and parties tickets belong to their people
        if not info.transfers_enabled:
            raise TransfersClosedError("The organizer does not allow tickets to be transferred")
        if now >= closes_at(info):
            raise TransfersClosedError("Transfers for this session have closed", extra={"closed_at": closes_at(info)})
        return info

    async def offer(self, booking_id: uuid.UUID, ticket_id: uuid.UUID, email: str, user: CurrentUser) -> TransferRead:
        """Offer one valid ticket of the holder's confirmed booking to ``email``; the address gets a link."""
        now = datetime.now(UTC)
        booking = await load_booking(self.session, booking_id, user, for_update=True)
        ticket = await self.session.scalar(
            select(Ticket).where(Ticket.id == ticket_id, Ticket.booking_id == booking.id).with_for_update()
        )
        if ticket is None:
            raise NotFoundAppError("Ticket not found")
        if booking.status != BookingStatus.CONFIRMED or ticket.status != TicketStatus.VALID:
            raise TicketNotValidError(
                "Only a valid ticket of a confirmed booking can be transferred", extra={"ticket_status": ticket.status}
            )
        info = await self._session_open(booking.session_id, now)
        sender = await UserService(session=self.session).get_user(booking.user_id)
        address = normalize_email(email)
        if address == normalize_email(sender.email):
            raise InvalidTransferError("The ticket is already yours: give another person's address")
        transfer = TicketTransfer(
            ticket_id=ticket.id,
            booking_id=booking.id,
            from_user_id=booking.user_id,
            to_email=address,
            status=TransferStatus.PENDING,
            expires_at=min(now + timedelta(days=OFFER_DAYS), closes_at(info)),
        )
        try:
            async with self.session.begin_nested():
                self.session.add(transfer)
                await self.session.flush()
        except IntegrityError:
            raise TransferPendingError("This ticket is already offered to someone: cancel that offer first") from None
        audit(self.session, "ticket.transfer_offered", ticket.id, {"transfer_id": [None, transfer.id]})
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=booking.user_id,
                    kind="ticket_transfer_offered",
                    payload={"transfer_id": str(transfer.id), "booking_id": str(booking.id)},
                    dedupe_key=f"transfer:{transfer.id}:offered",
                )
            ],
        )
        return await self._read(transfer, now)

    async def cancel(self, transfer_id: uuid.UUID, user: CurrentUser) -> TransferRead:
        """The sender withdraws an offer not yet accepted."""
        transfer = await self.session.scalar(
            select(TicketTransfer).where(TicketTransfer.id == transfer_id).with_for_update()
        )
        if transfer is None or not (user.is_admin or transfer.from_user_id == user.id):
            raise NotFoundAppError("Transfer not found")
        if transfer.status != TransferStatus.PENDING:
            raise TransferNotOpenError(f"This transfer is {transfer.status}")
        transfer.status = TransferStatus.CANCELLED
        await self.session.flush()
        audit(self.session, "ticket.transfer_cancelled", transfer.ticket_id, {"transfer_id": [transfer.id, None]})
        return await self._read(transfer, datetime.now(UTC))

    async def of_booking(self, booking_id: uuid.UUID, user: CurrentUser) -> list[TransferRead]:
        booking = await load_booking(self.session, booking_id, user)
        now = datetime.now(UTC)
        rows = await self.session.scalars(
            select(TicketTransfer).where(TicketTransfer.booking_id == booking.id).order_by(TicketTransfer.created_at)
        )
        return [await self._read(t, now) for t in rows]

    async def _by_token(self, token: str, *, for_update: bool = False) -> TicketTransfer:
        transfer_id = self.signer.token_id(token, TRANSFER_PURPOSE)
        stmt = select(TicketTransfer).where(TicketTransfer.id == transfer_id)
        if for_update:
            stmt = stmt.with_for_update()
        transfer: TicketTransfer | None = await self.session.scalar(stmt) if transfer_id is not None else None
        if transfer is None:
            raise NotFoundAppError("This transfer link is not valid")
        return transfer

    async def view(self, token: str) -> TransferRead:
        """What the link shows its recipient (no booking of the sender's)."""
        transfer = await self._by_token(token)
        return await self._read(transfer, datetime.now(UTC), for_recipient=True)

    async def accept(self, token: str, user: CurrentUser) -> BookingRead:
        """The recipient, signed in with the address the offer went to, takes the ticket: the old ticket is
        cancelled and a new one issued on a booking of their own, in this transaction."""
        now = datetime.now(UTC)
        transfer = await self._by_token(token, for_update=True)
        recipient = await UserService(session=self.session).get_user(user.id)
        if normalize_email(recipient.email) != transfer.to_email:
            raise WrongRecipientError("This ticket was offered to another address: sign in with that one")
        if transfer.status != TransferStatus.PENDING or now >= transfer.expires_at:
            raise TransferNotOpenError("This offer is no longer open")
        ticket = await self.session.get_one(Ticket, transfer.ticket_id, with_for_update=True, populate_existing=True)
        sender_booking = await self.session.get_one(
            Booking, transfer.booking_id, with_for_update=True, populate_existing=True
        )
        if sender_booking.status != BookingStatus.CONFIRMED or ticket.status != TicketStatus.VALID:
            raise TransferNotOpenError("The ticket is no longer valid")
        await self._session_open(ticket.session_id, now)

        booking = Booking(
            reference=new_reference(),
            user_id=recipient.id,
            session_id=ticket.session_id,
            event_id=sender_booking.event_id,
            status=BookingStatus.CONFIRMED,
            quantity=1,
            total=0,
            currency=sender_booking.currency,
            confirmed_at=now,
        )
        self.session.add(booking)
        await self.session.flush()
        issued = Ticket(
            booking_id=booking.id,
            session_id=ticket.session_id,
            ticket_type_id=ticket.ticket_type_id,
            ticket_type_name=ticket.ticket_type_name,
            code=self.codes.new(),
            price=ticket.price,  # what the seat sold for (sales figures); the booking's total, 0, is what was paid
            currency=ticket.currency,
            status=TicketStatus.VALID,
            attendee_name=recipient.name,
            seat=ticket.seat,
        )
        self.session.add(issued)
        # The old code stops working now; the sender's booking keeps what it paid for the tickets it still has.
        ticket.status = TicketStatus.CANCELLED
        sender_booking.quantity -= 1
        sender_booking.total -= min(ticket.price, sender_booking.total)
        if sender_booking.quantity == 0:
            sender_booking.status = BookingStatus.CANCELLED
            sender_booking.cancelled_at = now
            sender_booking.cancel_reason = "Every ticket was transferred"
        await self.session.flush()
        if ticket.seat is not None:  # the seat's claim moves to the new ticket
            await self.session.execute(
                update(SessionSeat)
                .where(SessionSeat.ticket_id == ticket.id)
                .values(ticket_id=issued.id, booking_id=booking.id)
            )
        transfer.status = TransferStatus.ACCEPTED
        transfer.to_user_id = recipient.id
        transfer.new_ticket_id = issued.id
        transfer.accepted_at = now
        await self.session.flush()
        audit(
            self.session,
            "ticket.transferred",
            ticket.id,
            {"booking_id": [sender_booking.id, booking.id], "ticket_id": [ticket.id, issued.id]},
        )
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=transfer.from_user_id,
                    kind="ticket_transfer_accepted",
                    payload={"booking_id": str(sender_booking.id), "transfer_id": str(transfer.id)},
                    dedupe_key=f"transfer:{transfer.id}:accepted",
                ),
                Outgoing(
                    user_id=recipient.id,
                    kind="booking_confirmed",
                    payload={"booking_id": str(booking.id), "reference": booking.reference},
                    dedupe_key=f"booking:{booking.id}:confirmed",
                ),
            ],
        )
        return (await self.reads.of([booking]))[0]

    async def _read(self, transfer: TicketTransfer, now: datetime, *, for_recipient: bool = False) -> TransferRead:
        ticket = await self.session.get_one(Ticket, transfer.ticket_id)
        info = (await self.inventory.describe([ticket.session_id]))[ticket.session_id]
        names = await UserService(session=self.session).names([transfer.from_user_id])
        status = transfer.status
        if status == TransferStatus.PENDING and now >= transfer.expires_at:
            status = "expired"
        booking_id = None
        if transfer.new_ticket_id is not None and for_recipient:
            booking_id = await self.session.scalar(select(Ticket.booking_id).where(Ticket.id == transfer.new_ticket_id))
        return TransferRead(
            id=transfer.id,
            status=status,
            ticket_id=ticket.id,
            ticket_type_name=ticket.ticket_type_name,
            seat=ticket.seat,
            event_id=info.event_id,
            event_title=info.title,
            session_starts_at=info.starts_at,
            timezone=info.timezone,
            venue_name=info.venue_name,
            from_name=names.get(transfer.from_user_id, ""),
            to_email=transfer.to_email,
            expires_at=transfer.expires_at,
            accepted_at=transfer.accepted_at,
            booking_id=booking_id,
        )
