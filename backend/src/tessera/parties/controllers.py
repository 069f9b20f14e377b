"""Hosts, parties and slots. Anyone signed in may host: ownership, not a role, decides who may change what."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, get, patch, post, put
from litestar.di import NamedDependency, Provide
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from tessera.core.auth import CurrentUser, client_ip
from tessera.core.idempotency import IdempotencyKeyHeader, validate_key
from tessera.core.pagination import LimitOffset, OffsetPagination, provide_limit_offset
from tessera.core.ratelimit import ActionThrottle
from tessera.parties.bookings import PartyBookings
from tessera.parties.parties import Parties
from tessera.parties.schemas import (
    ApprovalOutcome,
    BookingOutcome,
    BookingRequestIn,
    CancelRequest,
    HostProfileRead,
    HostProfileUpdate,
    PartyBookingRead,
    PartyCreate,
    PartyDetailRead,
    PartyRequestRead,
    PartySummary,
    PartyUpdate,
    SlotCreate,
    SlotGuests,
    SlotList,
    SlotRead,
    SlotUpdate,
)
from tessera.parties.slots import Slots


class HostController(Controller):
    path = "/parties"
    tags = ["parties"]

    @put("/host-profile", operation_id="saveHostProfile", summary="Create or update your host profile")
    async def save_profile(
        self,
        data: JSONBody[HostProfileUpdate],
        parties: NamedDependency[Parties],
        current_user: NamedDependency[CurrentUser],
    ) -> HostProfileRead:
        await parties.hosts.save_profile(data, current_user)
        return await parties.host_profile(current_user.id, current_user)

    @get("/host-profile", operation_id="getHostProfile", summary="Your host profile with all your parties")
    async def my_profile(
        self, parties: NamedDependency[Parties], current_user: NamedDependency[CurrentUser]
    ) -> HostProfileRead:
        return await parties.host_profile(current_user.id, current_user)

    @get("/hosts/{user_id:uuid}", operation_id="getHost", summary="A host's page: profile, reputation, parties")
    async def host(
        self,
        user_id: FromPath[uuid.UUID],
        parties: NamedDependency[Parties],
        viewer: NamedDependency[CurrentUser | None],
    ) -> HostProfileRead:
        return await parties.host_profile(user_id, viewer)


class PartyController(Controller):
    path = "/parties"
    tags = ["parties"]
    dependencies = {"page": Provide(provide_limit_offset, sync_to_thread=False)}

    @get("/", operation_id="browseParties", summary="Published parties with an upcoming slot, soonest first")
    async def browse(
        self,
        parties: NamedDependency[Parties],
        page: NamedDependency[LimitOffset],
        city: Annotated[str | None, QueryParameter(max_length=100)] = None,
        q: Annotated[str | None, QueryParameter(max_length=100, description="Film or area")] = None,
        host_id: FromQuery[uuid.UUID | None] = None,
        date_from: FromQuery[datetime | None] = None,
        date_to: FromQuery[datetime | None] = None,
    ) -> OffsetPagination[PartySummary]:
        items, total = await parties.browse(
            city=city, q=q, host_id=host_id, date_from=date_from, date_to=date_to, limit=page.limit, offset=page.offset
        )
        return OffsetPagination(items=items, total=total, limit=page.limit, offset=page.offset)

    @get("/mine", operation_id="listMyParties", summary="Your parties, newest first, any status")
    async def mine(
        self,
        parties: NamedDependency[Parties],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
        status: FromQuery[Literal["draft", "published", "cancelled"] | None] = None,
    ) -> OffsetPagination[PartySummary]:
        items, total = await parties.mine(current_user, status, page.limit, page.offset)
        return OffsetPagination(items=items, total=total, limit=page.limit, offset=page.offset)

    @post("/", operation_id="createParty", status_code=HTTP_201_CREATED, summary="A film at a place: a draft")
    async def create(
        self, data: JSONBody[PartyCreate], parties: NamedDependency[Parties], current_user: NamedDependency[CurrentUser]
    ) -> PartyDetailRead:
        return await parties.create(data, current_user)

    @get("/{party_id:uuid}", operation_id="getParty", summary="A party with its slots (the address only for its host)")
    async def get_party(
        self,
        party_id: FromPath[uuid.UUID],
        parties: NamedDependency[Parties],
        viewer: NamedDependency[CurrentUser | None],
    ) -> PartyDetailRead:
        return await parties.get(party_id, viewer)

    @patch("/{party_id:uuid}", operation_id="updateParty", summary="Change a party; new rules apply to new slots")
    async def update(
        self,
        party_id: FromPath[uuid.UUID],
        data: JSONBody[PartyUpdate],
        parties: NamedDependency[Parties],
        current_user: NamedDependency[CurrentUser],
    ) -> PartyDetailRead:
        return await parties.update(party_id, data, current_user)

    @post("/{party_id:uuid}/publish", operation_id="publishParty", status_code=HTTP_200_OK, summary="Open it to guests")
    async def publish(
        self,
        party_id: FromPath[uuid.UUID],
        parties: NamedDependency[Parties],
        current_user: NamedDependency[CurrentUser],
    ) -> PartyDetailRead:
        return await parties.publish(party_id, current_user)

    @post("/{party_id:uuid}/cancel", operation_id="cancelParty", status_code=HTTP_200_OK, summary="Cancel every slot")
    async def cancel(
        self,
        party_id: FromPath[uuid.UUID],
        data: JSONBody[CancelRequest],
        parties: NamedDependency[Parties],
        current_user: NamedDependency[CurrentUser],
    ) -> PartyDetailRead:
        return await parties.cancel(party_id, data.reason, current_user)

    @post(
        "/{party_id:uuid}/slots",
        operation_id="addPartySlot",
        status_code=HTTP_201_CREATED,
        summary="A showing; never overlapping another of the host's",
    )
    async def add_slot(
        self,
        party_id: FromPath[uuid.UUID],
        data: JSONBody[SlotCreate],
        party_slots: NamedDependency[Slots],
        current_user: NamedDependency[CurrentUser],
    ) -> SlotRead:
        return await party_slots.add(party_id, data, current_user)

    @get("/{party_id:uuid}/slots", operation_id="listPartySlots", summary="A party's slots with seats left")
    async def list_slots(
        self,
        party_id: FromPath[uuid.UUID],
        parties: NamedDependency[Parties],
        party_slots: NamedDependency[Slots],
        viewer: NamedDependency[CurrentUser | None],
        date_from: FromQuery[datetime | None] = None,
        date_to: FromQuery[datetime | None] = None,
        include_past: FromQuery[bool] = False,
    ) -> SlotList:
        await parties.get(party_id, viewer)  # a draft's slots are its host's only
        return SlotList(
            items=await party_slots.of_party(party_id, include_past=include_past, date_from=date_from, date_to=date_to)
        )

    @patch("/slots/{slot_id:uuid}", operation_id="movePartySlot", summary="Move a slot or change its places")
    async def move_slot(
        self,
        slot_id: FromPath[uuid.UUID],
        data: JSONBody[SlotUpdate],
        party_slots: NamedDependency[Slots],
        current_user: NamedDependency[CurrentUser],
    ) -> SlotRead:
        return await party_slots.move(slot_id, data, current_user)

    @post(
        "/slots/{slot_id:uuid}/cancel", operation_id="cancelPartySlot", status_code=HTTP_200_OK, summary="Cancel a slot"
    )
    async def cancel_slot(
        self,
        slot_id: FromPath[uuid.UUID],
        data: JSONBody[CancelRequest],
        party_slots: NamedDependency[Slots],
        current_user: NamedDependency[CurrentUser],
    ) -> SlotRead:
        return await party_slots.cancel(slot_id, data.reason, current_user)


class PartyBookingController(Controller):
    path = "/parties"
    tags = ["parties"]
    dependencies = {"page": Provide(provide_limit_offset, sync_to_thread=False)}

    @post(
        "/slots/{slot_id:uuid}/bookings",
        operation_id="bookPartySlot",
        summary="Book places (201), or ask the host for them when the party needs approval (202)",
        responses={202: ResponseSpec(data_container=BookingOutcome, description="A request awaiting the host")},
    )
    async def book(
        self,
        request: Request[Any, Any, Any],
        slot_id: FromPath[uuid.UUID],
        data: JSONBody[BookingRequestIn],
        party_bookings: NamedDependency[PartyBookings],
        current_user: NamedDependency[CurrentUser],
        booking_throttle: NamedDependency[ActionThrottle],
        idempotency_key: IdempotencyKeyHeader = None,
    ) -> Response[BookingOutcome]:
        await booking_throttle.check(current_user.id, client_ip(request))
        status, body = await party_bookings.book(slot_id, data, current_user, validate_key(idempotency_key))
        return Response(body, status_code=status)  # type: ignore[arg-type]  # a replay's stored body

    @get("/bookings", operation_id="listPartyBookings", summary="Your party bookings, newest first")
    async def my_bookings(
        self,
        party_bookings: NamedDependency[PartyBookings],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
        status: FromQuery[Literal["confirmed", "cancelled"] | None] = None,
    ) -> OffsetPagination[PartyBookingRead]:
        items, total = await party_bookings.mine(current_user, status, page.limit, page.offset)
        return OffsetPagination(items=items, total=total, limit=page.limit, offset=page.offset)

    @get("/bookings/{booking_id:uuid}", operation_id="getPartyBooking", summary="One of your party bookings")
    async def get_booking(
        self,
        booking_id: FromPath[uuid.UUID],
        party_bookings: NamedDependency[PartyBookings],
        current_user: NamedDependency[CurrentUser],
    ) -> PartyBookingRead:
        return await party_bookings.get(booking_id, current_user)

    @post(
        "/bookings/{booking_id:uuid}/cancel",
        operation_id="cancelPartyBooking",
        status_code=HTTP_200_OK,
        summary="Give your places back, before the slot starts",
    )
    async def cancel_booking(
        self,
        booking_id: FromPath[uuid.UUID],
        data: JSONBody[CancelRequest],
        party_bookings: NamedDependency[PartyBookings],
        current_user: NamedDependency[CurrentUser],
    ) -> PartyBookingRead:
        return await party_bookings.cancel(booking_id, data.reason, current_user)

    @get("/requests", operation_id="listPartyRequests", summary="Requests you made (guest) or received (host)")
    async def requests(
        self,
        party_bookings: NamedDependency[PartyBookings],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
        role: FromQuery[Literal["guest", "host"]] = "guest",
        status: FromQuery[Literal["pending", "approved", "declined", "withdrawn", "expired"] | None] = None,
    ) -> OffsetPagination[PartyRequestRead]:
        items, total = await party_bookings.requests(current_user, role, status, page.limit, page.offset)
        return OffsetPagination(items=items, total=total, limit=page.limit, offset=page.offset)

    @post(
        "/requests/{request_id:uuid}/approve",
        operation_id="approvePartyRequest",
        status_code=HTTP_200_OK,
        summary="Take the places for the guest; a full slot answers 409 sold_out and the request stays pending",
    )
    async def approve(
        self,
        request_id: FromPath[uuid.UUID],
        party_bookings: NamedDependency[PartyBookings],
        current_user: NamedDependency[CurrentUser],
    ) -> ApprovalOutcome:
        return await party_bookings.approve(request_id, current_user)

    @post("/requests/{request_id:uuid}/decline", operation_id="declinePartyRequest", status_code=HTTP_200_OK)
    async def decline(
        self,
        request_id: FromPath[uuid.UUID],
        data: JSONBody[CancelRequest],
        party_bookings: NamedDependency[PartyBookings],
        current_user: NamedDependency[CurrentUser],
    ) -> PartyRequestRead:
        return await party_bookings.decline(request_id, data.reason, current_user)

    @post("/requests/{request_id:uuid}/withdraw", operation_id="withdrawPartyRequest", status_code=HTTP_200_OK)
    async def withdraw(
        self,
        request_id: FromPath[uuid.UUID],
        party_bookings: NamedDependency[PartyBookings],
        current_user: NamedDependency[CurrentUser],
    ) -> PartyRequestRead:
        return await party_bookings.withdraw(request_id, current_user)

    @get("/slots/{slot_id:uuid}/guests", operation_id="listSlotGuests", summary="The host's guest list of a slot")
    async def guests(
        self,
        slot_id: FromPath[uuid.UUID],
        party_bookings: NamedDependency[PartyBookings],
        current_user: NamedDependency[CurrentUser],
    ) -> SlotGuests:
        return await party_bookings.guests(slot_id, current_user)
