from __future__ import annotations

import uuid

import msgspec
from litestar import Controller, delete, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from tessera.core.auth import CurrentUser, requires_organizer
from tessera.core.pagination import LimitOffset, provide_limit_offset
from tessera.waitlist.schemas import SessionWaitlist, WaitlistEntryRead, WaitlistJoin, WaitlistPage
from tessera.waitlist.services import Waitlist

WAITLIST_DEPENDENCIES = {"page": Provide(provide_limit_offset, sync_to_thread=False)}


class OffersMade(msgspec.Struct):
    offers: int


class SessionWaitlistController(Controller):
    path = "/sessions"
    tags = ["waitlist"]

    @post(
        "/{session_id:uuid}/waitlist",
        operation_id="joinWaitlist",
        status_code=HTTP_201_CREATED,
        summary="Queue for a sold-out session (409 seats_available when there are seats to book)",
    )
    async def join(
        self,
        session_id: FromPath[uuid.UUID],
        data: JSONBody[WaitlistJoin],
        waitlist: NamedDependency[Waitlist],
        current_user: NamedDependency[CurrentUser],
    ) -> WaitlistEntryRead:
        return await waitlist.join(session_id, data, current_user)

    @get(
        "/{session_id:uuid}/waitlist",
        operation_id="getSessionWaitlist",
        guards=[requires_organizer],
        tags=["organizer"],
        summary="Your session's line: who waits, for what, and the offers running",
    )
    async def line(
        self,
        session_id: FromPath[uuid.UUID],
        waitlist: NamedDependency[Waitlist],
        current_user: NamedDependency[CurrentUser],
    ) -> SessionWaitlist:
        return await waitlist.line(session_id, current_user)

    @delete(
        "/{session_id:uuid}/waitlist/{entry_id:uuid}",
        operation_id="removeFromWaitlist",
        guards=[requires_organizer],
        tags=["organizer"],
        status_code=HTTP_200_OK,
        summary="Take someone still waiting off the line",
    )
    async def remove(
        self,
        session_id: FromPath[uuid.UUID],
        entry_id: FromPath[uuid.UUID],
        waitlist: NamedDependency[Waitlist],
        current_user: NamedDependency[CurrentUser],
    ) -> SessionWaitlist:
        return await waitlist.remove(session_id, entry_id, current_user)

    @post(
        "/{session_id:uuid}/waitlist/offer",
        operation_id="offerWaitlistSeats",
        guards=[requires_organizer],
        tags=["organizer"],
        status_code=HTTP_200_OK,
        summary="Offer the session's free seats to the line now (it also happens by itself when seats come back)",
    )
    async def offer(
        self,
        session_id: FromPath[uuid.UUID],
        waitlist: NamedDependency[Waitlist],
        current_user: NamedDependency[CurrentUser],
    ) -> OffersMade:
        return OffersMade(offers=await waitlist.offer_now(session_id, current_user))


class WaitlistController(Controller):
    path = "/waitlist"
    tags = ["waitlist"]
    dependencies = WAITLIST_DEPENDENCIES

    @get("/", operation_id="listMyWaitlist", summary="Your places in line and offers, newest first")
    async def mine(
        self,
        waitlist: NamedDependency[Waitlist],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
    ) -> WaitlistPage:
        return await waitlist.mine(current_user, page.limit, page.offset)

    @post(
        "/{entry_id:uuid}/leave",
        operation_id="leaveWaitlist",
        status_code=HTTP_200_OK,
        summary="Leave the line; an offer running is declined and passes to the next person",
    )
    async def leave(
        self,
        entry_id: FromPath[uuid.UUID],
        waitlist: NamedDependency[Waitlist],
        current_user: NamedDependency[CurrentUser],
    ) -> WaitlistEntryRead:
        return await waitlist.leave(entry_id, current_user)

    @post(
        "/{entry_id:uuid}/accept",
        operation_id="acceptWaitlistOffer",
        status_code=HTTP_200_OK,
        summary="Take a free offer (a paid one is taken by paying its booking: 409 payment_required)",
    )
    async def accept(
        self,
        entry_id: FromPath[uuid.UUID],
        waitlist: NamedDependency[Waitlist],
        current_user: NamedDependency[CurrentUser],
    ) -> WaitlistEntryRead:
        return await waitlist.accept(entry_id, current_user)
