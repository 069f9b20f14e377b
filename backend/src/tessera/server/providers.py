"""What each request gets, by dependency name: the services of its own transaction (``db_session``) and the
process-wide objects, all taken from the container. Controllers name what they need; nothing else builds."""

from __future__ import annotations

from typing import Any

from litestar._kwargs.cleanup import DependencyCleanupGroup
from litestar._kwargs.dependencies import resolve_dependency
from litestar._kwargs.kwargs_model import KwargsModel
from litestar.connection import ASGIConnection
from litestar.di import NamedDependency, Provide
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.privacy import AccountPrivacy
from tessera.accounts.recovery import PasswordRecovery
from tessera.accounts.services import AuthService, UserService
from tessera.accounts.sign_ins import SignIns
from tessera.accounts.two_factor import TwoFactor, TwoFactorSignIn
from tessera.accounts.verification import EmailVerification
from tessera.approvals.services import Approvals
from tessera.booking.batching import BookingBatcher
from tessera.booking.services import Bookings
from tessera.booking.transfers import Transfers
from tessera.catalog.browse import CatalogBrowser
from tessera.catalog.changes import ListingChanges
from tessera.catalog.seatmaps import SeatMaps
from tessera.catalog.services import CatalogService
from tessera.core.auth import provide_current_user, provide_viewer
from tessera.core.health import Readiness
from tessera.core.ratelimit import ActionThrottle
from tessera.flights.aircraft import Fleet
from tessera.flights.airports import AirportDirectory
from tessera.flights.amendments import OrderAmendments
from tessera.flights.change_answers import ChangeAnswers
from tessera.flights.departures import Departures
from tessera.flights.disruptions import Disruptions
from tessera.flights.manifest import Manifests
from tessera.flights.orders import FlightOrders
from tessera.flights.routes import Routes
from tessera.flights.search import FlightSearch
from tessera.links.services import ShortLinks
from tessera.parties.bookings import PartyBookings
from tessera.parties.browse import HostBrowser
from tessera.parties.encounters import Encounters
from tessera.parties.parties import Parties
from tessera.parties.slots import Slots
from tessera.payments.services import PaymentService
from tessera.reviews.services import ReviewService
from tessera.server.container import Container
from tessera.waitlist.services import Waitlist


def request_dependencies(container: Container, batcher: BookingBatcher) -> dict[str, Provide]:
    def catalog(db_session: NamedDependency[AsyncSession]) -> CatalogService:
        return container.catalog(db_session)

    def seat_maps(db_session: NamedDependency[AsyncSession]) -> SeatMaps:
        return SeatMaps(db_session)

    def approvals(db_session: NamedDependency[AsyncSession]) -> Approvals:
        return container.approvals(db_session)

    def transfers(db_session: NamedDependency[AsyncSession]) -> Transfers:
        return container.transfers(db_session)

    def waitlist(db_session: NamedDependency[AsyncSession]) -> Waitlist:
        return container.waitlist(db_session)

    def browser(db_session: NamedDependency[AsyncSession]) -> CatalogBrowser:
        return container.browser(db_session)

    def changes(db_session: NamedDependency[AsyncSession]) -> ListingChanges:
        return container.listing_changes(db_session)

    def bookings(db_session: NamedDependency[AsyncSession]) -> Bookings:
        return container.bookings(db_session)

    def payments(db_session: NamedDependency[AsyncSession]) -> PaymentService:
        return container.payments(db_session)

    def reviews(db_session: NamedDependency[AsyncSession]) -> ReviewService:
        return container.reviews(db_session)

    def auth_service(db_session: NamedDependency[AsyncSession]) -> AuthService:
        return container.auth(db_session)

    def email_verification(db_session: NamedDependency[AsyncSession]) -> EmailVerification:
        return container.email_verification(db_session)

    def password_recovery(db_session: NamedDependency[AsyncSession]) -> PasswordRecovery:
        return container.password_recovery(db_session)

    def two_factor(db_session: NamedDependency[AsyncSession]) -> TwoFactor:
        return container.two_factor(db_session)

    def two_factor_sign_in(db_session: NamedDependency[AsyncSession]) -> TwoFactorSignIn:
        return container.two_factor_sign_in(db_session)

    def account_privacy(db_session: NamedDependency[AsyncSession]) -> AccountPrivacy:
        return container.account_privacy(db_session)

    def sign_ins(db_session: NamedDependency[AsyncSession]) -> SignIns:
        return container.sign_ins(db_session)

    def user_service(db_session: NamedDependency[AsyncSession]) -> UserService:
        return UserService(session=db_session)

    def airports(db_session: NamedDependency[AsyncSession]) -> AirportDirectory:
        return AirportDirectory(db_session)

    def fleet(db_session: NamedDependency[AsyncSession]) -> Fleet:
        return Fleet(db_session)

    def routes(db_session: NamedDependency[AsyncSession]) -> Routes:
        return container.routes(db_session)

    def departures(db_session: NamedDependency[AsyncSession]) -> Departures:
        return container.departures(db_session)

    def flight_search(db_session: NamedDependency[AsyncSession]) -> FlightSearch:
        return container.flight_search(db_session)

    def flight_orders(db_session: NamedDependency[AsyncSession]) -> FlightOrders:
        return container.flight_orders(db_session)

    def manifests(db_session: NamedDependency[AsyncSession]) -> Manifests:
        return container.manifests(db_session)

    def amendments(db_session: NamedDependency[AsyncSession]) -> OrderAmendments:
        return container.amendments(db_session)

    def disruptions(db_session: NamedDependency[AsyncSession]) -> Disruptions:
        return container.disruptions(db_session)

    def change_answers(db_session: NamedDependency[AsyncSession]) -> ChangeAnswers:
        return container.change_answers(db_session)

    def parties(db_session: NamedDependency[AsyncSession]) -> Parties:
        return container.parties(db_session)

    def slots(db_session: NamedDependency[AsyncSession]) -> Slots:
        return container.party_slots(db_session)

    def party_bookings(db_session: NamedDependency[AsyncSession]) -> PartyBookings:
        return container.party_bookings(db_session)

    def encounters(db_session: NamedDependency[AsyncSession]) -> Encounters:
        return container.encounters(db_session)

    def short_links(db_session: NamedDependency[AsyncSession]) -> ShortLinks:
        return container.short_links(db_session)

    def link_throttle() -> ActionThrottle:
        return container.throttles.short_links

    def host_browser(db_session: NamedDependency[AsyncSession]) -> HostBrowser:
        return container.host_browser(db_session)

    def booking_batcher() -> BookingBatcher:
        return batcher

    def booking_throttle() -> ActionThrottle:
        return container.throttles.bookings

    def payment_throttle() -> ActionThrottle:
        return container.throttles.payments

    readiness = container.readiness()

    def health() -> Readiness:
        return readiness

    per_request: dict[str, Any] = {
        "readiness": health,
        "catalog": catalog,
        "seat_maps": seat_maps,
        "waitlist": waitlist,
        "transfers": transfers,
        "approvals": approvals,
        "browser": browser,
        # Not "changes": Litestar blames a dependency for a body field of the same name that fails validation
        # (a 500 instead of a 400), and PUT /flights/orders/{id}/seats takes a "changes" field.
        "listing_changes": changes,
        "bookings": bookings,
        "payments": payments,
        "reviews": reviews,
        "auth_service": auth_service,
        "user_service": user_service,
        "email_verification": email_verification,
        "password_recovery": password_recovery,
        "sign_ins": sign_ins,
        "account_privacy": account_privacy,
        "two_factor": two_factor,
        "two_factor_sign_in": two_factor_sign_in,
        "airports": airports,
        "fleet": fleet,
        "routes": routes,
        "departures": departures,
        "flight_search": flight_search,
        "flight_orders": flight_orders,
        "manifests": manifests,
        "amendments": amendments,
        "disruptions": disruptions,
        "change_answers": change_answers,
        "parties": parties,
        "party_slots": slots,
        "party_bookings": party_bookings,
        "encounters": encounters,
        "host_browser": host_browser,
        "short_links": short_links,
        "link_throttle": link_throttle,
        "batcher": booking_batcher,
        "booking_throttle": booking_throttle,
        "payment_throttle": payment_throttle,
    }
    return {
        **{name: Provide(provider, sync_to_thread=False) for name, provider in per_request.items()},
        "current_user": Provide(provide_current_user),
        "viewer": Provide(provide_viewer),
    }


async def _resolve_in_order(
    self: KwargsModel, connection: ASGIConnection[Any, Any, Any, Any], kwargs: dict[str, Any]
) -> DependencyCleanupGroup:
    cleanup_group = DependencyCleanupGroup()
    for batch in self.dependency_batches:
        for dependency in batch:
            await resolve_dependency(dependency, connection, kwargs, cleanup_group)
    return cleanup_group


def resolve_dependencies_in_order() -> None:
    """Resolve each request's dependencies one after another, in the request's own task.

    Litestar resolves the dependencies of one level concurrently, one anyio task each (upstream issue
    litestar-org/litestar#4563). Ours gain nothing from it: all but ``current_user`` are in-memory look-ups,
    and those that touch the database share the request's one session, which must not be used concurrently
    anyway. The task group cost about a tenth of an API process's CPU under a flash sale."""
    KwargsModel.resolve_dependencies = _resolve_in_order  # type: ignore[method-assign]
