"""A departure's passenger list for its carrier: who is confirmed on it, in which seat, boarded or not, with
masked documents; the full documents only inside the window around the flight, and every such look logged."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import msgspec
import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.reads import BookingReads
from tessera.config import FlightSettings
from tessera.core.audit import audit
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError
from tessera.flights.documents import TravelDocuments
from tessera.flights.errors import ManifestNotAvailableError
from tessera.flights.models import (
    Airport,
    FlightDeparture,
    FlightDocumentReveal,
    FlightOrder,
    FlightPassenger,
    FlightRoute,
    FlightSeatAssignment,
    SeatStatus,
)
from tessera.flights.order_schemas import Manifest, ManifestDocument, ManifestItem
from tessera.flights.routes import Routes

logger = structlog.get_logger("tessera.flights")
REVEAL_PURPOSE = "manifest"


class Manifests:
    def __init__(
        self,
        session: AsyncSession,
        settings: FlightSettings,
        routes: Routes,
        reads: BookingReads,
        documents: TravelDocuments,
    ) -> None:
        self.session = session
        self.settings = settings
        self.routes = routes
        self.reads = reads
        self.documents = documents

    async def manifest(self, departure_id: uuid.UUID, user: CurrentUser, *, reveal: bool) -> Manifest:
        departure = await self.session.get(FlightDeparture, departure_id)
        if departure is None:
            raise NotFoundAppError("Departure not found")
        route: FlightRoute = await self.routes.owned(departure.route_id, user)
        now = datetime.now(UTC)
        if reveal:
            window = timedelta(hours=self.settings.manifest_window_hours)
            if not departure.departs_at - window <= now <= departure.arrives_at + timedelta(hours=24):
                raise ManifestNotAvailableError(
                    f"Documents can be seen from {self.settings.manifest_window_hours} hours before departure "
                    "until a day after arrival"
                )
        seats = {
            row.ticket_id: row
            for row in await self.session.scalars(
                select(FlightSeatAssignment).where(
                    FlightSeatAssignment.departure_id == departure.id, FlightSeatAssignment.status == SeatStatus.LIVE
                )
            )
        }
        tickets = await self.reads.confirmed_tickets(seats)
        aboard = [seats[ticket_id] for ticket_id in tickets]
        passengers = {
            p.id: p
            for p in await self.session.scalars(
                select(FlightPassenger).where(FlightPassenger.id.in_([s.passenger_id for s in aboard]))
            )
        }
        references = dict(
            (
                await self.session.execute(
                    select(FlightOrder.id, FlightOrder.reference).where(
                        FlightOrder.id.in_({p.order_id for p in passengers.values()})
                    )
                )
            )
            .tuples()
            .all()
        )
        if reveal and any(p.document_ciphertext is None for p in passengers.values()):
            raise ManifestNotAvailableError("The documents of this flight have been erased")
        items = []
        for seat in sorted(aboard, key=lambda s: (len(s.seat_code), s.seat_code)):
            p = passengers[seat.passenger_id]
            document = ManifestDocument(
                type="passport", series_masked=p.document_series_masked, number_masked=p.document_number_masked
            )
            if reveal:
                document = msgspec.convert(self.documents.open(p), ManifestDocument)
            items.append(
                ManifestItem(
                    order_reference=references[p.order_id],
                    booking_id=seat.booking_id,
                    passenger_id=p.id,
                    position=p.position,
                    type=p.passenger_type,
                    given_name=p.given_name,
                    family_name=p.family_name,
                    nationality=p.nationality,
                    seat=seat.seat_code,
                    cabin=seat.cabin,
                    ticket_code=tickets[seat.ticket_id].code,
                    checked_in_at=tickets[seat.ticket_id].checked_in_at,
                    document=document,
                )
            )
        if reveal:
            self.session.add(
                FlightDocumentReveal(
                    user_id=user.id, departure_id=departure.id, passenger_count=len(items), purpose=REVEAL_PURPOSE
                )
            )
            audit(self.session, "manifest.revealed", departure.id, {"passengers": [None, len(items)]})
            await self.session.flush()
            logger.info("passport_documents_revealed", departure_id=str(departure.id), passengers=len(items))
        origin = await self.session.get_one(Airport, departure.origin_airport_id)
        return Manifest(
            departure_id=departure.id,
            flight_number=route.flight_number,
            departs_at=departure.departs_at.astimezone(ZoneInfo(origin.timezone)),
            items=items,
            total=len(items),
        )
