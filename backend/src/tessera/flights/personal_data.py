"""Flights' share of an account's personal data: the passengers of its orders, with their documents in full in
the export (the one place they are returned to their owner). Erasing blanks names and documents and keeps the
orders for accounting."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.config import FlightSettings
from tessera.core.pii import PiiVault
from tessera.flights.documents import TravelDocuments
from tessera.flights.models import FlightOrder, FlightPassenger, FlightSeatAssignment


class FlightPersonalData:
    def __init__(self, vault: PiiVault, settings: FlightSettings) -> None:
        self.vault = vault
        self.settings = settings

    async def export(self, session: AsyncSession, user_id: uuid.UUID) -> dict[str, Any]:
        documents = TravelDocuments(session, self.vault, self.settings)
        rows = await session.execute(
            select(FlightPassenger, FlightOrder.reference)
            .join(FlightOrder, FlightOrder.id == FlightPassenger.order_id)
            .where(FlightOrder.user_id == user_id)
            .order_by(FlightOrder.created_at, FlightPassenger.position)
        )
        return {
            "flight_passengers": [
                {
                    "order_reference": reference,
                    "order_id": str(passenger.order_id),
                    "position": passenger.position,
                    "type": passenger.passenger_type,
                    "given_name": passenger.given_name,
                    "family_name": passenger.family_name,
                    "nationality": passenger.nationality,
                    # In full, or null once erased after the trip.
                    "document": documents.open(passenger),
                }
                for passenger, reference in rows.tuples()
            ]
        }

    async def blocks_erasure(self, session: AsyncSession, user_id: uuid.UUID) -> str | None:
        return None  # flights still to come are confirmed bookings: the booking core refuses

    async def erase(self, session: AsyncSession, user_id: uuid.UUID) -> None:
        orders = select(FlightOrder.id).where(FlightOrder.user_id == user_id).scalar_subquery()
        passengers = select(FlightPassenger.id).where(FlightPassenger.order_id.in_(orders)).scalar_subquery()
        await session.execute(
            update(FlightSeatAssignment)
            .where(FlightSeatAssignment.passenger_id.in_(passengers))
            .values(document_fingerprint=None)
        )
        await session.execute(
            update(FlightPassenger)
            .where(FlightPassenger.order_id.in_(orders))
            .values(
                given_name="",
                family_name="",
                document_ciphertext=None,
                document_number_masked="",
                document_series_masked=None,
                document_fingerprint=None,
            )
        )
