from __future__ import annotations

import uuid

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from tessera.booking.schemas import BookingRead, TransferAccept, TransferCreate, TransferRead
from tessera.booking.transfers import Transfers
from tessera.core.auth import CurrentUser, requires_verified_email


class TicketTransferController(Controller):
    path = "/bookings"
    tags = ["booking"]

    @post(
        "/{booking_id:uuid}/tickets/{ticket_id:uuid}/transfer",
        operation_id="offerTicketTransfer",
        status_code=HTTP_201_CREATED,
        summary="Offer one ticket of your confirmed booking to someone by e-mail",
    )
    async def offer(
        self,
        booking_id: FromPath[uuid.UUID],
        ticket_id: FromPath[uuid.UUID],
        data: JSONBody[TransferCreate],
        transfers: NamedDependency[Transfers],
        current_user: NamedDependency[CurrentUser],
    ) -> TransferRead:
        return await transfers.offer(booking_id, ticket_id, data.email, current_user)

    @get("/{booking_id:uuid}/transfers", operation_id="listBookingTransfers", summary="Your booking's transfers")
    async def of_booking(
        self,
        booking_id: FromPath[uuid.UUID],
        transfers: NamedDependency[Transfers],
        current_user: NamedDependency[CurrentUser],
    ) -> list[TransferRead]:
        return await transfers.of_booking(booking_id, current_user)


class TransferController(Controller):
    path = "/transfers"
    tags = ["booking"]

    @post(
        "/{transfer_id:uuid}/cancel",
        operation_id="cancelTicketTransfer",
        status_code=HTTP_200_OK,
        summary="Withdraw a ticket you offered, before it is accepted",
    )
    async def cancel(
        self,
        transfer_id: FromPath[uuid.UUID],
        transfers: NamedDependency[Transfers],
        current_user: NamedDependency[CurrentUser],
    ) -> TransferRead:
        return await transfers.cancel(transfer_id, current_user)

    @post(
        "/view",
        operation_id="viewTicketTransfer",
        status_code=HTTP_200_OK,
        summary="What a transfer link offers (the token goes in the body, never in a URL the server logs)",
    )
    async def view(self, data: JSONBody[TransferAccept], transfers: NamedDependency[Transfers]) -> TransferRead:
        return await transfers.view(data.token)

    @post(
        "/accept",
        operation_id="acceptTicketTransfer",
        status_code=HTTP_200_OK,
        guards=[requires_verified_email],
        summary="Take the ticket offered to your verified address: a new ticket, the old code stops working",
    )
    async def accept(
        self,
        data: JSONBody[TransferAccept],
        transfers: NamedDependency[Transfers],
        current_user: NamedDependency[CurrentUser],
    ) -> BookingRead:
        return await transfers.accept(data.token, current_user)
