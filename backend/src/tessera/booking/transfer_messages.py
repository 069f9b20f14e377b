"""What ticket transfers tell people: the offer, e-mailed to the address the holder gave (with the link that
carries the signed token, made anew from the transfer's id, so the outbox holds no usable secret), and the
acceptance, told to the holder."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.tokens import TokenSigner
from tessera.booking.models import TicketTransfer
from tessera.booking.transfers import TRANSFER_PURPOSE
from tessera.core.messages import Composed, Copy, Recipient, fill, language_of, local_time

TRANSFER_MESSAGES: dict[str, Copy] = {
    "ticket_transfer_offered": {
        "en": (
            "{{ sender }} is giving you a ticket for {{ title }}",
            [
                "{{ sender }} wants to hand you their {{ ticket }} ticket for {{ title }}, {{ when }}.",
                "Open the link and sign in (or sign up) with this address to take it before {{ expires }}.",
            ],
        ),
        "ru": (
            "{{ sender }} передаёт вам билет на {{ title }}",
            [
                "{{ sender }} хочет передать вам свой билет «{{ ticket }}» на {{ title }}, {{ when }}.",
                "Откройте ссылку и войдите (или зарегистрируйтесь) с этим адресом, чтобы принять его до {{ expires }}.",
            ],
        ),
    },
    "ticket_transfer_accepted": {
        "en": (
            "Your ticket for {{ title }} was accepted",
            ["{{ recipient }} took the ticket you offered. Its old code no longer works; they have a new one."],
        ),
        "ru": (
            "Ваш билет на {{ title }} принят",
            ["{{ recipient }} принял переданный вами билет. Старый код больше не действует, у него новый."],
        ),
    },
}


class TransferMessages:
    def __init__(self, public_url: str, signer: TokenSigner) -> None:
        self.public_url = public_url
        self.signer = signer

    async def compose(
        self, session: AsyncSession, kind: str, payload: Mapping[str, Any], recipient: Recipient
    ) -> Composed:
        # Imported here: reading a transfer needs the booking services, which import this module's neighbours.
        from tessera.accounts.services import UserService
        from tessera.booking.reads import BookingReads
        from tessera.catalog.inventory import SeatInventory

        language = language_of(recipient)
        transfer = await session.get(TicketTransfer, uuid.UUID(payload["transfer_id"]))
        if transfer is None:  # gone since (a backup restored without it): the words alone, to the account
            blank = dict.fromkeys(("sender", "title", "when", "ticket", "expires", "recipient"), "")
            subject, paragraphs = fill(TRANSFER_MESSAGES[kind], language, {**blank, "sender": recipient.name})
            return Composed(subject, paragraphs, link=f"{self.public_url}/")
        booking = await BookingReads(session, SeatInventory(session)).view(transfer.booking_id)
        ticket = next((t for t in booking.tickets if t.id == transfer.ticket_id), None) if booking else None
        title = booking.event_title if booking else ""
        when = local_time(booking.session_starts_at, booking.timezone, language) if booking else ""
        context = {
            "sender": recipient.name,
            "title": title,
            "when": when,
            "ticket": ticket.ticket_type_name if ticket else "",
            "expires": local_time(transfer.expires_at, booking.timezone if booking else None, language),
            "recipient": "",
        }
        if kind == "ticket_transfer_offered":
            subject, paragraphs = fill(TRANSFER_MESSAGES[kind], language, context)
            token = self.signer.token(transfer.id, TRANSFER_PURPOSE)
            return Composed(
                subject,
                paragraphs,
                details=[(ticket.ticket_type_name, ticket.seat or "")] if ticket and ticket.seat else [],
                link=f"{self.public_url}/transfers/accept?token={token}",
                to_address=transfer.to_email,
                to_name=transfer.to_email,
            )
        if transfer.to_user_id is not None:
            context["recipient"] = (await UserService(session=session).names([transfer.to_user_id])).get(
                transfer.to_user_id, ""
            )
        subject, paragraphs = fill(TRANSFER_MESSAGES[kind], language, context)
        return Composed(subject, paragraphs, link=f"{self.public_url}/bookings/{transfer.booking_id}")
