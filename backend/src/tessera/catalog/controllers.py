from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec
from litestar import Controller, Response, get, patch, post, put
from litestar.di import NamedDependency, Provide
from litestar.enums import MediaType
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, HeaderParameter, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_304_NOT_MODIFIED

from tessera.catalog.browse import CatalogBrowser, CatalogQuery
from tessera.catalog.changes import ListingChanges
from tessera.catalog.models import ListingStatus
from tessera.catalog.schemas import (
    Availability,
    EventCreate,
    EventDetail,
    EventPage,
    EventUpdate,
    Kind,
    SeatMapDraw,
    SeatMapPreview,
    SeatMapRead,
    SeatMapSummary,
    SeatPlan,
    SessionCreate,
    SessionRead,
    SessionUpdate,
    TicketTypeCreate,
    TicketTypeRead,
    TicketTypeUpdate,
    VenueCreate,
    VenueRead,
    session_read,
    ticket_type_read,
    venue_read,
)
from tessera.catalog.seatmaps import SeatMaps, draw
from tessera.catalog.services import CatalogService
from tessera.core.auth import CurrentUser, requires_organizer, requires_verified_email
from tessera.core.pagination import LimitOffset, OffsetPagination, provide_limit_offset


class CancelRequest(msgspec.Struct, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(max_length=300)] | None = None


CATALOG_DEPENDENCIES = {"page": Provide(provide_limit_offset, sync_to_thread=False)}


class EventController(Controller):
    path = "/events"
    tags = ["catalog"]
    dependencies = CATALOG_DEPENDENCIES

    @get("/", operation_id="listEvents", summary="Search published listings (cached, invalidated on change)")
    async def list_events(
        self,
        browser: NamedDependency[CatalogBrowser],
        page: NamedDependency[LimitOffset],
        kind: FromQuery[Kind | None] = None,
        q: Annotated[str | None, QueryParameter(max_length=100, description="Words in title or description")] = None,
        category: Annotated[str | None, QueryParameter(max_length=60)] = None,
        city: Annotated[str | None, QueryParameter(max_length=100)] = None,
        date_from: Annotated[datetime | None, QueryParameter(description="Sessions starting at or after this")] = None,
        date_to: Annotated[datetime | None, QueryParameter(description="Sessions starting before this")] = None,
        organizer_id: FromQuery[uuid.UUID | None] = None,
        min_rating: Annotated[float | None, QueryParameter(ge=1, le=5)] = None,
    ) -> EventPage:
        return await browser.public_catalog(
            CatalogQuery(
                limit=page.limit,
                offset=page.offset,
                kind=kind,
                q=q,
                category=category,
                city=city,
                date_from=date_from,
                date_to=date_to,
                organizer_id=organizer_id,
                min_rating=min_rating,
            )
        )

    @get("/{event_id:uuid}", operation_id="getEvent", summary="One listing with sessions and prices")
    async def get_event(
        self,
        event_id: FromPath[uuid.UUID],
        browser: NamedDependency[CatalogBrowser],
        viewer: NamedDependency[CurrentUser | None],
    ) -> EventDetail:
        return await browser.event_detail(event_id, viewer)

    @post("/", operation_id="createEvent", guards=[requires_organizer], status_code=HTTP_201_CREATED)
    async def create_event(
        self,
        data: JSONBody[EventCreate],
        catalog: NamedDependency[CatalogService],
        browser: NamedDependency[CatalogBrowser],
        current_user: NamedDependency[CurrentUser],
    ) -> EventDetail:
        event = await catalog.create_event(data, current_user)
        return await browser.event_detail(event.id, current_user)

    @patch("/{event_id:uuid}", operation_id="updateEvent", guards=[requires_organizer])
    async def update_event(
        self,
        event_id: FromPath[uuid.UUID],
        data: JSONBody[EventUpdate],
        catalog: NamedDependency[CatalogService],
        browser: NamedDependency[CatalogBrowser],
        current_user: NamedDependency[CurrentUser],
    ) -> EventDetail:
        await catalog.update_event(event_id, data, current_user)
        return await browser.event_detail(event_id, current_user)

    @post(
        "/{event_id:uuid}/publish",
        operation_id="publishEvent",
        guards=[requires_organizer, requires_verified_email],
        status_code=HTTP_200_OK,
    )
    async def publish_event(
        self,
        event_id: FromPath[uuid.UUID],
        catalog: NamedDependency[CatalogService],
        browser: NamedDependency[CatalogBrowser],
        current_user: NamedDependency[CurrentUser],
    ) -> EventDetail:
        await catalog.publish_event(event_id, current_user)
        return await browser.event_detail(event_id, current_user)

    @post(
        "/{event_id:uuid}/cancel",
        operation_id="cancelEvent",
        guards=[requires_organizer],
        status_code=HTTP_200_OK,
        summary="Cancel a listing: every booking is cancelled and refunded, attendees are told",
    )
    async def cancel_event(
        self,
        event_id: FromPath[uuid.UUID],
        listing_changes: NamedDependency[ListingChanges],
        browser: NamedDependency[CatalogBrowser],
        current_user: NamedDependency[CurrentUser],
        data: JSONBody[CancelRequest | None] = None,
    ) -> EventDetail:
        await listing_changes.cancel_event(event_id, current_user, data.reason if data else None)
        return await browser.event_detail(event_id, current_user)

    @get("/{event_id:uuid}/sessions", operation_id="listSessions")
    async def list_sessions(
        self,
        event_id: FromPath[uuid.UUID],
        catalog: NamedDependency[CatalogService],
        viewer: NamedDependency[CurrentUser | None],
    ) -> list[SessionRead]:
        return [session_read(s) for s in await catalog.sessions_of(event_id, viewer)]

    @post(
        "/{event_id:uuid}/sessions",
        operation_id="createSession",
        guards=[requires_organizer],
        status_code=HTTP_201_CREATED,
    )
    async def create_session(
        self,
        event_id: FromPath[uuid.UUID],
        data: JSONBody[SessionCreate],
        catalog: NamedDependency[CatalogService],
        current_user: NamedDependency[CurrentUser],
    ) -> SessionRead:
        return session_read(await catalog.add_session(event_id, data, current_user))

    @get("/{event_id:uuid}/ticket-types", operation_id="listTicketTypes")
    async def list_ticket_types(
        self,
        event_id: FromPath[uuid.UUID],
        catalog: NamedDependency[CatalogService],
        viewer: NamedDependency[CurrentUser | None],
    ) -> list[TicketTypeRead]:
        return [ticket_type_read(t) for t in await catalog.ticket_types_of(event_id, viewer)]

    @post(
        "/{event_id:uuid}/ticket-types",
        operation_id="createTicketType",
        guards=[requires_organizer],
        status_code=HTTP_201_CREATED,
    )
    async def create_ticket_type(
        self,
        event_id: FromPath[uuid.UUID],
        data: JSONBody[TicketTypeCreate],
        catalog: NamedDependency[CatalogService],
        current_user: NamedDependency[CurrentUser],
    ) -> TicketTypeRead:
        return ticket_type_read(await catalog.add_ticket_type(event_id, data, current_user))


class SessionController(Controller):
    path = "/sessions"
    tags = ["catalog"]
    dependencies = CATALOG_DEPENDENCIES

    @get(
        "/{session_id:uuid}/availability",
        operation_id="getAvailability",
        summary="Live remaining seats (never cached)",
        cache_control=None,
    )
    async def availability(
        self,
        session_id: FromPath[uuid.UUID],
        listing_changes: NamedDependency[ListingChanges],
    ) -> Availability:
        return await listing_changes.availability(session_id)

    @patch("/{session_id:uuid}", operation_id="updateSession", guards=[requires_organizer])
    async def update_session(
        self,
        session_id: FromPath[uuid.UUID],
        data: JSONBody[SessionUpdate],
        listing_changes: NamedDependency[ListingChanges],
        current_user: NamedDependency[CurrentUser],
    ) -> SessionRead:
        return session_read(await listing_changes.update_session(session_id, data, current_user))

    @post(
        "/{session_id:uuid}/cancel",
        operation_id="cancelSession",
        guards=[requires_organizer],
        status_code=HTTP_200_OK,
        summary="Cancel a session: its bookings are cancelled and refunded, attendees are told",
    )
    async def cancel_session(
        self,
        session_id: FromPath[uuid.UUID],
        listing_changes: NamedDependency[ListingChanges],
        current_user: NamedDependency[CurrentUser],
        data: JSONBody[CancelRequest | None] = None,
    ) -> SessionRead:
        return session_read(
            await listing_changes.cancel_session(session_id, current_user, data.reason if data else None)
        )


class TicketTypeController(Controller):
    path = "/ticket-types"
    tags = ["catalog"]
    dependencies = CATALOG_DEPENDENCIES

    @patch("/{ticket_type_id:uuid}", operation_id="updateTicketType", guards=[requires_organizer])
    async def update_ticket_type(
        self,
        ticket_type_id: FromPath[uuid.UUID],
        data: JSONBody[TicketTypeUpdate],
        catalog: NamedDependency[CatalogService],
        current_user: NamedDependency[CurrentUser],
    ) -> TicketTypeRead:
        return ticket_type_read(await catalog.update_ticket_type(ticket_type_id, data, current_user))


class VenueController(Controller):
    path = "/venues"
    tags = ["catalog"]
    guards = [requires_organizer]
    dependencies = CATALOG_DEPENDENCIES

    @get("/", operation_id="listMyVenues", summary="Your venues (all venues for admins)")
    async def list_venues(
        self,
        catalog: NamedDependency[CatalogService],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
    ) -> OffsetPagination[VenueRead]:
        venues, total = await catalog.list_venues(current_user, page.limit, page.offset)
        return OffsetPagination(
            items=[venue_read(v) for v in venues], total=total, limit=page.limit, offset=page.offset
        )

    @post("/", operation_id="createVenue", status_code=HTTP_201_CREATED)
    async def create_venue(
        self,
        data: JSONBody[VenueCreate],
        catalog: NamedDependency[CatalogService],
        current_user: NamedDependency[CurrentUser],
    ) -> VenueRead:
        return venue_read(await catalog.create_venue(data, current_user))

    @get("/{venue_id:uuid}/seat-maps", operation_id="listVenueSeatMaps", summary="The venue's seat maps, newest first")
    async def list_seat_maps(
        self,
        venue_id: FromPath[uuid.UUID],
        seat_maps: NamedDependency[SeatMaps],
        current_user: NamedDependency[CurrentUser],
    ) -> list[SeatMapSummary]:
        return await seat_maps.of_venue(venue_id, current_user)

    @post(
        "/{venue_id:uuid}/seat-maps",
        operation_id="createVenueSeatMap",
        status_code=HTTP_201_CREATED,
        summary="Draw a seat map: sections of rows; the seats are generated (400 invalid_seat_map lists problems)",
    )
    async def create_seat_map(
        self,
        venue_id: FromPath[uuid.UUID],
        data: JSONBody[SeatMapDraw],
        seat_maps: NamedDependency[SeatMaps],
        current_user: NamedDependency[CurrentUser],
    ) -> SeatMapRead:
        return await seat_maps.create(venue_id, data, current_user)


class SeatMapController(Controller):
    path = "/seat-maps"
    tags = ["catalog"]
    guards = [requires_organizer]

    @post(
        "/preview",
        operation_id="previewVenueSeatMap",
        status_code=HTTP_200_OK,
        summary="The seats a drawing would generate, nothing saved (the editor's live preview)",
    )
    async def preview(self, data: JSONBody[SeatMapDraw]) -> SeatMapPreview:
        return draw(data).preview()

    @get("/{seat_map_id:uuid}", operation_id="getVenueSeatMap", summary="A seat map with its drawing and every seat")
    async def get_seat_map(
        self,
        seat_map_id: FromPath[uuid.UUID],
        seat_maps: NamedDependency[SeatMaps],
        current_user: NamedDependency[CurrentUser],
    ) -> SeatMapRead:
        return await seat_maps.get(seat_map_id, current_user)

    @put(
        "/{seat_map_id:uuid}",
        operation_id="replaceVenueSeatMap",
        summary="Redraw a map no session uses yet (409 seat_map_in_use once one does)",
    )
    async def replace_seat_map(
        self,
        seat_map_id: FromPath[uuid.UUID],
        data: JSONBody[SeatMapDraw],
        seat_maps: NamedDependency[SeatMaps],
        current_user: NamedDependency[CurrentUser],
    ) -> SeatMapRead:
        return await seat_maps.replace(seat_map_id, data, current_user)


class SeatPlanController(Controller):
    """The plan of a seat map version for the seat picker: it never changes, so browsers and CDNs keep it for
    good and the session's live map stays small."""

    path = "/seat-maps"
    tags = ["catalog"]

    @get(
        "/{seat_map_id:uuid}/plans/{version:int}",
        operation_id="getSeatPlan",
        summary="A seat map version's seats for buyers (immutable: cached for good)",
        cache_control=None,
        responses={200: ResponseSpec(data_container=SeatPlan, description="The plan")},
    )
    async def plan(
        self,
        seat_map_id: FromPath[uuid.UUID],
        version: FromPath[int],
        seat_maps: NamedDependency[SeatMaps],
        viewer: NamedDependency[CurrentUser | None],
        if_none_match: Annotated[str | None, HeaderParameter(name="If-None-Match")] = None,
    ) -> Response[bytes]:
        plan, public = await seat_maps.buyers_plan(seat_map_id, version, viewer)
        headers = {
            "ETag": f'"{seat_map_id}.{version}"',
            # A map nobody sells yet is its organizer's: kept by their browser only.
            "Cache-Control": f"{'public' if public else 'private'}, max-age=31536000, immutable",
        }
        if if_none_match is not None and headers["ETag"] in (tag.strip() for tag in if_none_match.split(",")):
            return Response(b"", status_code=HTTP_304_NOT_MODIFIED, headers=headers)
        return Response(plan.encoded(seat_map_id), media_type=MediaType.JSON, headers=headers)


class OrganizerController(Controller):
    path = "/organizer"
    tags = ["organizer"]
    guards = [requires_organizer]
    dependencies = CATALOG_DEPENDENCIES

    @get("/events", operation_id="listMyListings", summary="Your listings in every status, newest first")
    async def my_listings(
        self,
        browser: NamedDependency[CatalogBrowser],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
        status: FromQuery[ListingStatus | None] = None,
    ) -> EventPage:
        return await browser.organizer_listings(current_user, page.limit, page.offset, status)
