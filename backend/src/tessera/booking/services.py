"""The booking module's services for one transaction, built together: holding seats, releasing them, reading
bookings and booking groups, cancelling, settling payments, check-in and attendance. Each lives in its own
file."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.attendance import Attendance
from tessera.booking.cancellation import Cancellations, RefundRequester
from tessera.booking.checkin import CheckIn
from tessera.booking.codes import TicketCodes
from tessera.booking.groups import BookingGroups
from tessera.booking.holds import Holds
from tessera.booking.hooks import DomainHooks, SeatsListener
from tessera.booking.reads import BookingReads
from tessera.booking.releases import Releases
from tessera.booking.seating import Seating
from tessera.booking.settlement import Settlement
from tessera.catalog.inventory import SeatInventory
from tessera.catalog.models import ListingDomain
from tessera.config import BookingSettings


@dataclass(frozen=True, slots=True)
class Bookings:
    holds: Holds
    releases: Releases
    reads: BookingReads
    groups: BookingGroups
    cancellations: Cancellations
    settlement: Settlement
    checkin: CheckIn
    attendance: Attendance
    seating: Seating

    @classmethod
    def build(
        cls,
        session: AsyncSession,
        settings: BookingSettings,
        codes: TicketCodes,
        refunds: RefundRequester,
        hooks: Mapping[str, DomainHooks],
        *,
        domain: ListingDomain | None = None,
        listener: SeatsListener | None = None,
    ) -> Bookings:
        """``hooks``: each managing domain's, by name. ``domain``: the domain these services book for (its
        listings only); None for the generic endpoints, which refuse managed listings."""
        inventory = SeatInventory(session)
        releases = Releases(session, inventory, hooks, listener)
        reads = BookingReads(session, inventory)
        return cls(
            holds=Holds(session, settings, codes, inventory, releases, domain),
            releases=releases,
            reads=reads,
            groups=BookingGroups(session, reads),
            cancellations=Cancellations(session, settings, inventory, refunds, releases, reads),
            settlement=Settlement(session, inventory, hooks, listener),
            checkin=CheckIn(session, settings, codes, inventory),
            attendance=Attendance(session),
            seating=Seating(session, inventory, releases, settings.seat_map_cache_ms / 1000),
        )
