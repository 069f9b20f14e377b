"""Passport documents after the order: opened for the carrier's manifest and the account's own export,
re-sealed under a new key when keys rotate, and erased once the trip is over (masks stay)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.groups import groups_closed_before
from tessera.config import FlightSettings
from tessera.core.pii import PiiVault, sealed_with_old_key
from tessera.flights.models import (
    FlightDeparture,
    FlightOrder,
    FlightOrderLeg,
    FlightPassenger,
    FlightSeatAssignment,
)
from tessera.flights.passengers import document_binding

ROTATION_BATCH = 500
# An order that expired or was cancelled keeps its documents this long (a late payment may still revive it).
CLOSED_ORDER_GRACE = timedelta(days=1)


class TravelDocuments:
    def __init__(self, session: AsyncSession, vault: PiiVault, settings: FlightSettings) -> None:
        self.session = session
        self.vault = vault
        self.settings = settings

    def open(self, passenger: FlightPassenger) -> dict[str, Any] | None:
        """The passenger's document in full, or None once purged. Callers log why they looked."""
        if passenger.document_ciphertext is None:
            return None
        document: dict[str, Any] = json.loads(
            self.vault.open(passenger.document_ciphertext, document_binding(passenger.id))
        )
        return document

    async def rotate_batch(self) -> int:
        """Re-seal up to one batch of documents sealed with an older key; returns how many (0: all done)."""
        rows = list(
            await self.session.scalars(
                select(FlightPassenger)
                .where(
                    FlightPassenger.document_ciphertext.is_not(None),
                    sealed_with_old_key(self.session, FlightPassenger.document_ciphertext, self.vault),
                )
                .order_by(FlightPassenger.id)
                .limit(ROTATION_BATCH)
                .with_for_update(skip_locked=True)
            )
        )
        for passenger in rows:
            assert passenger.document_ciphertext is not None  # selected so
            binding = document_binding(passenger.id)
            passenger.document_ciphertext = self.vault.seal(
                self.vault.open(passenger.document_ciphertext, binding), binding
            )
        await self.session.flush()
        return len(rows)

    async def purge(self, now: datetime) -> int:
        """Erase the documents (and the fingerprints made from them) of trips whose last flight landed more than
        the retention period ago, and of orders that expired or were cancelled more than a day ago. Returns how
        many passengers' documents were erased."""
        landed = (
            select(FlightOrderLeg.order_id)
            .join(FlightDeparture, FlightDeparture.id == FlightOrderLeg.departure_id)
            .group_by(FlightOrderLeg.order_id)
            .having(func.max(FlightDeparture.arrives_at) < now - timedelta(days=self.settings.document_retention_days))
        )
        closed = select(FlightOrder.id).where(
            FlightOrder.booking_group_id.in_(groups_closed_before(now - CLOSED_ORDER_GRACE))
        )
        due = list(
            await self.session.scalars(
                select(FlightPassenger.id).where(
                    FlightPassenger.purged_at.is_(None),
                    FlightPassenger.order_id.in_(landed.union(closed)),
                )
            )
        )
        if not due:
            return 0
        await self.session.execute(
            update(FlightPassenger)
            .where(FlightPassenger.id.in_(due))
            .values(document_ciphertext=None, document_fingerprint=None, purged_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        await self.session.execute(
            update(FlightSeatAssignment)
            .where(FlightSeatAssignment.passenger_id.in_(due))
            .values(document_fingerprint=None)
            .execution_options(synchronize_session=False)
        )
        return len(due)
