"""Hosts, parties and slots. Anyone signed in may host: ownership, not a role, decides who may change what."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from litestar import Controller, get, patch, post, put
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from tessera.core.auth import CurrentUser
from tessera.core.pagination import LimitOffset, OffsetPagination, provide_limit_offset
from tessera.parties.parties import Parties
from tessera.parties.schemas import (
    CancelRequest,
    HostProfileRead,
    HostProfileUpdate,
    PartyCreate,
    PartyDetailRead,
    PartySummary,
    PartyUpdate,
    SlotCreate,
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
