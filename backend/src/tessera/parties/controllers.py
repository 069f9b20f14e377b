"""Hosts, parties and slots. Anyone signed in may host: ownership, not a role, decides who may change what."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

from litestar import Controller, Request, Response, delete, get, patch, post, put
from litestar.di import NamedDependency, Provide
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from tessera.booking.schemas import CheckInResult
from tessera.core.auth import CurrentUser, client_ip, requires_admin, requires_verified_email
from tessera.core.idempotency import IdempotencyKeyHeader, validate_key
from tessera.core.pagination import LimitOffset, OffsetPagination, provide_limit_offset
from tessera.core.ratelimit import ActionThrottle
from tessera.parties.bookings import PartyBookings
from tessera.parties.browse import HostBrowser
from tessera.parties.encounters import Encounters
from tessera.parties.parties import Parties
from tessera.parties.schemas import (
    ApprovalOutcome,
    BookingOutcome,
    BookingRequestIn,
    CancelRequest,
    DisputeIn,
    DisputeRead,
    DisputeResolution,
    EncounterRead,
    HostProfileRead,
    HostProfileUpdate,
    HostSummary,
    PartyBookingRead,
    PartyCheckIn,
    PartyCreate,
    PartyDetailRead,
    PartyRequestRead,
    PartySummary,
    PartyUpdate,
    PublicRating,
    RatingIn,
    Reputation,
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
    dependencies = {"page": Provide(provide_limit_offset, sync_to_thread=False)}

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

    @get("/hosts", operation_id="browseHosts", summary="Hosts with an upcoming showing, best rated or soonest first")
    async def browse_hosts(
        self,
        host_browser: NamedDependency[HostBrowser],
        page: NamedDependency[LimitOffset],
        city: Annotated[str | None, QueryParameter(max_length=100, description="City of the showing's place")] = None,
        q: Annotated[str | None, QueryParameter(max_length=100, description="Host name")] = None,
        min_rating: Annotated[float | None, QueryParameter(ge=1, le=5)] = None,
        date_from: FromQuery[datetime | None] = None,
        date_to: FromQuery[datetime | None] = None,
        sort: FromQuery[Literal["rating", "next_slot"]] = "rating",
    ) -> OffsetPagination[HostSummary]:
        items, total = await host_browser.browse(
            city=city,
            q=q,
            min_rating=min_rating,
            date_from=date_from,
            date_to=date_to,
            sort=sort,
            limit=page.limit,
            offset=page.offset,
        )
        return OffsetPagination(items=items, total=total, limit=page.limit, offset=page.offset)

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

    @post(
        "/{party_id:uuid}/publish",
        operation_id="publishParty",
        guards=[requires_verified_email],
        status_code=HTTP_200_OK,
        summary="Open it to guests",
    )
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


class EncounterController(Controller):
    path = "/parties"
    tags = ["parties"]
    dependencies = {"page": Provide(provide_limit_offset, sync_to_thread=False)}

    @get("/encounters", operation_id="listEncounters", summary="Evenings you hosted or attended, newest first")
    async def list_encounters(
        self,
        encounters: NamedDependency[Encounters],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
        awaiting_my_rating: FromQuery[bool] = False,
    ) -> OffsetPagination[EncounterRead]:
        items, total = await encounters.mine(current_user, awaiting_my_rating, page.limit, page.offset)
        return OffsetPagination(items=items, total=total, limit=page.limit, offset=page.offset)

    @get("/encounters/{encounter_id:uuid}", operation_id="getEncounter", summary="One evening, your side first")
    async def get_encounter(
        self,
        encounter_id: FromPath[uuid.UUID],
        encounters: NamedDependency[Encounters],
        current_user: NamedDependency[CurrentUser],
    ) -> EncounterRead:
        return await encounters.get(encounter_id, current_user)

    @post(
        "/encounters/{encounter_id:uuid}/rating",
        operation_id="rateEncounter",
        status_code=HTTP_201_CREATED,
        summary="Rate the other side once; hidden from them until both have rated or the window closes",
    )
    async def rate(
        self,
        encounter_id: FromPath[uuid.UUID],
        data: JSONBody[RatingIn],
        encounters: NamedDependency[Encounters],
        current_user: NamedDependency[CurrentUser],
    ) -> EncounterRead:
        return await encounters.rate(encounter_id, data, current_user)

    @post(
        "/encounters/{encounter_id:uuid}/no-show",
        operation_id="markNoShow",
        status_code=HTTP_200_OK,
        summary="The guest did not come (by default from 15 minutes after the start until 48 hours after the end)",
    )
    async def mark_no_show(
        self,
        encounter_id: FromPath[uuid.UUID],
        encounters: NamedDependency[Encounters],
        current_user: NamedDependency[CurrentUser],
    ) -> EncounterRead:
        return await encounters.mark_no_show(encounter_id, current_user)

    @delete("/encounters/{encounter_id:uuid}/no-show", operation_id="clearNoShow", status_code=HTTP_200_OK)
    async def clear_no_show(
        self,
        encounter_id: FromPath[uuid.UUID],
        encounters: NamedDependency[Encounters],
        current_user: NamedDependency[CurrentUser],
    ) -> EncounterRead:
        return await encounters.clear_no_show(encounter_id, current_user)

    @post(
        "/encounters/{encounter_id:uuid}/dispute",
        operation_id="disputeNoShow",
        status_code=HTTP_200_OK,
        summary="Say you did come (within 7 days); an admin decides",
    )
    async def dispute(
        self,
        encounter_id: FromPath[uuid.UUID],
        data: JSONBody[DisputeIn],
        encounters: NamedDependency[Encounters],
        current_user: NamedDependency[CurrentUser],
    ) -> EncounterRead:
        return await encounters.dispute(encounter_id, data.reason, current_user)

    @post("/checkin", operation_id="partyCheckIn", status_code=HTTP_200_OK, summary="Check a guest in by their code")
    async def check_in(
        self,
        data: JSONBody[PartyCheckIn],
        encounters: NamedDependency[Encounters],
        current_user: NamedDependency[CurrentUser],
    ) -> CheckInResult:
        return await encounters.check_in(data.code, current_user)

    @get("/users/{user_id:uuid}/reputation", operation_id="getReputation", summary="Reputation as host and guest")
    async def reputation(self, user_id: FromPath[uuid.UUID], parties: NamedDependency[Parties]) -> Reputation:
        return await parties.hosts.reputation(user_id)

    @get(
        "/users/{user_id:uuid}/ratings",
        operation_id="listRatings",
        summary="Revealed ratings someone received as host or as guest",
    )
    async def ratings(
        self,
        user_id: FromPath[uuid.UUID],
        parties: NamedDependency[Parties],
        encounters: NamedDependency[Encounters],
        page: NamedDependency[LimitOffset],
        role: FromQuery[Literal["host", "guest"]] = "host",
    ) -> OffsetPagination[PublicRating]:
        await parties.hosts.reputation(user_id)  # 404 for no such user
        items, total = await encounters.public_ratings(user_id, role, page.limit, page.offset)
        return OffsetPagination(items=items, total=total, limit=page.limit, offset=page.offset)


class PartyDisputeController(Controller):
    path = "/admin/parties/disputes"
    tags = ["admin"]
    guards = [requires_admin]
    dependencies = {"page": Provide(provide_limit_offset, sync_to_thread=False)}

    @get("/", operation_id="listPartyDisputes", summary="Disputed no-shows")
    async def list_disputes(
        self,
        encounters: NamedDependency[Encounters],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
        status: FromQuery[Literal["open", "resolved"]] = "open",
    ) -> OffsetPagination[DisputeRead]:
        items, total = await encounters.disputes(status, page.limit, page.offset, current_user)
        return OffsetPagination(items=items, total=total, limit=page.limit, offset=page.offset)

    @post("/{encounter_id:uuid}/resolve", operation_id="resolvePartyDispute", status_code=HTTP_200_OK)
    async def resolve(
        self,
        encounter_id: FromPath[uuid.UUID],
        data: JSONBody[DisputeResolution],
        encounters: NamedDependency[Encounters],
        current_user: NamedDependency[CurrentUser],
    ) -> EncounterRead:
        return await encounters.resolve(encounter_id, data.outcome, current_user)
