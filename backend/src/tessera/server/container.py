"""The composition root's objects: everything one process (API, worker, scheduler, CLI) builds once from its
settings, fully, in dependency order, and the services each request or job gets from them.

Domain modules never build each other: where a lower module needs a higher one (the booking module asking for
a refund, the catalog cancelling the bookings of a cancelled listing), it states a protocol and this module
hands it the implementation.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta

import structlog
from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore
from litestar.stores.redis import RedisStore
from redis.asyncio import Redis
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from taskiq import AsyncBroker, InMemoryBroker
from taskiq_redis import RedisStreamBroker

from tessera.accounts.access import AccountAccessReader
from tessera.accounts.messages import ACCOUNT_MESSAGES, AccountMessages
from tessera.accounts.privacy import AccountPrivacy, PersonalDataHolder
from tessera.accounts.recovery import PasswordRecovery
from tessera.accounts.services import AuthService
from tessera.accounts.sign_ins import SignIns
from tessera.accounts.tokens import AccountTokens, TokenSigner
from tessera.accounts.two_factor import TwoFactor, TwoFactorSignIn
from tessera.accounts.verification import EmailVerification
from tessera.approvals.messages import APPROVAL_MESSAGES
from tessera.approvals.personal_data import ApprovalPersonalData
from tessera.approvals.services import Approvals
from tessera.booking.attendance import Attendance
from tessera.booking.codes import TicketCodes
from tessera.booking.holds import Holds
from tessera.booking.hooks import DomainHooks
from tessera.booking.messages import BOOKING_MESSAGES, BookingMessages
from tessera.booking.personal_data import BookingPersonalData
from tessera.booking.reads import BookingReads
from tessera.booking.services import Bookings
from tessera.booking.transfer_messages import TRANSFER_MESSAGES, TransferMessages
from tessera.booking.transfers import Transfers
from tessera.catalog.browse import CatalogBrowser
from tessera.catalog.changes import ListingChanges
from tessera.catalog.inventory import SeatInventory
from tessera.catalog.models import ListingDomain
from tessera.catalog.services import CatalogService
from tessera.config import Settings, derive_key
from tessera.core.background import DISPATCH_KEY, drain
from tessera.core.cache import VersionedCache
from tessera.core.db import create_engine
from tessera.core.health import EMULATOR_IN_PRODUCTION, Readiness
from tessera.core.messages import MessageComposer, PlainMessages
from tessera.core.pii import PiiVault
from tessera.core.ratelimit import ActionThrottle, LoginThrottle, build_limits_storage
from tessera.core.redis_pool import blocking_pool
from tessera.core.security import AccessTokens, Passwords
from tessera.flights.aircraft import Fleet
from tessera.flights.airports import AirportDirectory
from tessera.flights.amendments import OrderAmendments
from tessera.flights.change_answers import ChangeAnswers
from tessera.flights.departures import Departures
from tessera.flights.disruptions import Disruptions
from tessera.flights.documents import TravelDocuments
from tessera.flights.hooks import FlightHooks
from tessera.flights.manifest import Manifests
from tessera.flights.messages import FLIGHT_MESSAGES, FlightMessages
from tessera.flights.order_reads import OrderReads
from tessera.flights.orders import FlightOrders
from tessera.flights.personal_data import FlightPersonalData
from tessera.flights.routes import Routes
from tessera.flights.search import FlightSearch
from tessera.flights.seating import Seating
from tessera.links.services import ShortLinks
from tessera.parties.bookings import PartyBookings
from tessera.parties.browse import HostBrowser
from tessera.parties.encounters import Encounters
from tessera.parties.hooks import PartyHooks
from tessera.parties.hosts import Hosts
from tessera.parties.messages import PARTY_MESSAGES, PartyMessages
from tessera.parties.parties import Parties
from tessera.parties.personal_data import PartyPersonalData
from tessera.parties.slots import Slots
from tessera.payments.freedompay import FreedomPayClient
from tessera.payments.messages import PAYMENT_MESSAGES
from tessera.payments.personal_data import PaymentPersonalData
from tessera.payments.refunds import GatewayRefunds
from tessera.payments.services import PaymentService
from tessera.reviews.messages import REVIEW_MESSAGES
from tessera.reviews.personal_data import ReviewPersonalData
from tessera.reviews.services import ReviewService
from tessera.server.link_targets import LinkTargets
from tessera.waitlist.messages import WAITLIST_MESSAGES
from tessera.waitlist.personal_data import WaitlistPersonalData
from tessera.waitlist.services import Waitlist, WaitlistListener

DELIVER_NOTIFICATION = "tessera.notifications.deliver"
OFFER_WAITLIST_SEATS = "tessera.waitlist.offer"


@dataclass(frozen=True, slots=True)
class Throttles:
    login: LoginThrottle
    bookings: ActionThrottle
    payments: ActionThrottle
    short_links: ActionThrottle
    # Verification links resent and address changes, per account; reset links asked for, per address.
    verification: ActionThrottle
    password_resets: ActionThrottle
    # Requests that check a password or a code for a signed-in account (a stolen session guessing them).
    secret_checks: ActionThrottle


@dataclass(frozen=True, slots=True)
class OutboxDispatcher:
    """Hands committed outbox rows to the task queue (called after their transaction commits)."""

    broker: AsyncBroker

    async def __call__(self, ids: Sequence[uuid.UUID]) -> None:
        task = self.broker.find_task(DELIVER_NOTIFICATION)
        if task is None:  # a process that queues no work (a CLI command): the sweep delivers them
            return
        for notification_id in ids:
            await task.kiq(str(notification_id))


@dataclass(frozen=True, slots=True)
class WaitlistKicker:
    """Queues an offer pass for sessions whose seats came back (called after their transaction commits)."""

    broker: AsyncBroker

    async def __call__(self, session_ids: Sequence[uuid.UUID]) -> None:
        task = self.broker.find_task(OFFER_WAITLIST_SEATS)
        if task is None:  # a process that queues no work (a CLI command): the sweep offers them
            return
        for session_id in session_ids:
            await task.kiq(str(session_id))


@dataclass(frozen=True, slots=True)
class Container:
    settings: Settings
    redis: Redis | None
    engine: AsyncEngine
    # Short reads that must not queue behind a writing transaction (the access check of every request): on
    # SQLite, whose one pooled connection serialises everything, they get a connection of their own.
    read_engine: AsyncEngine
    # Sessions for work outside a request (jobs, the booking batcher); they carry the outbox dispatcher.
    sessions: async_sessionmaker[AsyncSession]
    broker: AsyncBroker
    cache: VersionedCache
    passwords: Passwords
    access_tokens: AccessTokens
    throttles: Throttles
    account_access: AccountAccessReader
    ticket_codes: TicketCodes
    freedompay: FreedomPayClient
    refunds: GatewayRefunds
    # Each managing domain's booking-core hooks, by its name (catalog.models.ListingDomain).
    domain_hooks: Mapping[str, DomainHooks]
    # The waiting list hears of seats coming back on any session.
    seats_listener: WaitlistListener
    # Seals personal data at rest (passport documents) and makes the fingerprints that guard it.
    pii: PiiVault
    # Signs the single-use account tokens (verification and reset links, two-factor challenges).
    token_signer: TokenSigner

    @classmethod
    def build(cls, settings: Settings) -> Container:
        if settings.is_production and settings.payments.sandbox:
            # Every process (API, worker, scheduler, CLI) says so when it starts.
            structlog.get_logger("tessera.server").warning(
                "freedompay_emulator_in_production", detail=EMULATOR_IN_PRODUCTION
            )
        redis = Redis(connection_pool=blocking_pool(settings.redis_url)) if settings.redis_url else None
        engine = create_engine(settings.database)
        broker: AsyncBroker = (
            RedisStreamBroker(settings.redis_url, queue_name="tessera", consumer_group_name="tessera-workers")
            if settings.redis_url
            else InMemoryBroker()
        )
        sessions = async_sessionmaker(engine, expire_on_commit=False, info=session_info(broker))
        store: Store = RedisStore(redis, namespace="tessera:cache") if redis is not None else MemoryStore()
        limits_storage = build_limits_storage(settings.redis_url, key_prefix="tessera:ratelimit")
        limits = settings.rate_limit
        read_engine = create_engine(settings.database, readers=4) if settings.database.is_sqlite else engine
        freedompay = FreedomPayClient(
            base_url=settings.payments.base_url,
            merchant_id=settings.payments.merchant_id,
            secret_key=settings.payments.secret_key,
            testing_mode=settings.payments.testing_mode,
        )
        return cls(
            settings=settings,
            redis=redis,
            engine=engine,
            read_engine=read_engine,
            sessions=sessions,
            broker=broker,
            cache=VersionedCache(store, timedelta(seconds=settings.booking.catalog_cache_seconds)),
            passwords=Passwords(settings.auth),
            access_tokens=AccessTokens(settings.auth),
            throttles=Throttles(
                login=LoginThrottle(limits, limits_storage),
                bookings=ActionThrottle(
                    "bookings", limits.booking_per_account, limits.booking_per_ip, limits.enabled, limits_storage
                ),
                payments=ActionThrottle(
                    "payments", limits.payment_per_account, limits.payment_per_ip, limits.enabled, limits_storage
                ),
                short_links=ActionThrottle("short_links", "30/minute", "300/minute", limits.enabled, limits_storage),
                verification=ActionThrottle("verification", "5/hour", "60/hour", limits.enabled, limits_storage),
                password_resets=ActionThrottle("password_resets", "5/hour", "30/hour", limits.enabled, limits_storage),
                secret_checks=ActionThrottle("secret_checks", "10/hour", "60/hour", limits.enabled, limits_storage),
            ),
            account_access=AccountAccessReader(async_sessionmaker(read_engine)),
            ticket_codes=TicketCodes(settings.booking.ticket_keys),
            freedompay=freedompay,
            refunds=GatewayRefunds(sessions, settings, freedompay),
            domain_hooks={ListingDomain.FLIGHTS.value: FlightHooks(), ListingDomain.PARTIES.value: PartyHooks()},
            seats_listener=WaitlistListener(WaitlistKicker(broker)),
            pii=PiiVault(settings.pii.keys, settings.pii.fingerprint_key),
            token_signer=TokenSigner(derive_key(settings.auth.secret_key, "tessera-account-tokens-v1")),
        )

    # -- the services of one transaction --------------------------------------------------------------------

    def readiness(self) -> Readiness:
        return Readiness(self.redis, self.settings.payments.sandbox, self.settings.is_production)

    def catalog(self, session: AsyncSession, domain: ListingDomain | None = None) -> CatalogService:
        return CatalogService(session, self.cache, domain)

    def browser(self, session: AsyncSession) -> CatalogBrowser:
        return CatalogBrowser(session, self.cache)

    def bookings(self, session: AsyncSession) -> Bookings:
        return Bookings.build(
            session,
            self.settings.booking,
            self.ticket_codes,
            self.refunds,
            self.domain_hooks,
            listener=self.seats_listener,
        )

    def transfers(self, session: AsyncSession) -> Transfers:
        inventory = SeatInventory(session)
        return Transfers(session, inventory, BookingReads(session, inventory), self.ticket_codes, self.token_signer)

    def approvals(self, session: AsyncSession) -> Approvals:
        return Approvals(session, self.bookings(session))

    def waitlist(self, session: AsyncSession) -> Waitlist:
        return Waitlist(session, self.bookings(session), self.settings.booking)

    def booking_reads(self, session: AsyncSession) -> BookingReads:
        return self.bookings(session).reads

    def holds(self, session: AsyncSession) -> Holds:
        return self.bookings(session).holds

    def listing_changes(self, session: AsyncSession) -> ListingChanges:
        bookings = self.bookings(session)
        return ListingChanges(self.catalog(session), bookings.cancellations, bookings.releases)

    def routes(self, session: AsyncSession) -> Routes:
        domain = ListingDomain.FLIGHTS
        return Routes(session, self.catalog(session, domain), AirportDirectory(session), Fleet(session))

    def flight_search(self, session: AsyncSession) -> FlightSearch:
        departures = self.departures(session)
        return FlightSearch(session, departures.routes.airports, departures)

    def departures(self, session: AsyncSession) -> Departures:
        routes = self.routes(session)
        return Departures(session, self.settings.flights, routes.catalog, routes, routes.fleet, Seating(session))

    def order_reads(self, session: AsyncSession) -> OrderReads:
        return OrderReads(session, self.bookings(session).groups, self.departures(session))

    def travel_documents(self, session: AsyncSession) -> TravelDocuments:
        return TravelDocuments(session, self.pii, self.settings.flights)

    def manifests(self, session: AsyncSession) -> Manifests:
        return Manifests(
            session,
            self.settings.flights,
            self.routes(session),
            self.bookings(session).reads,
            self.travel_documents(session),
        )

    def party_slots(self, session: AsyncSession) -> Slots:
        domain = ListingDomain.PARTIES
        bookings = self.bookings(session)
        catalog = self.catalog(session, domain)
        return Slots(session, catalog, ListingChanges(catalog, bookings.cancellations, bookings.releases))

    def parties(self, session: AsyncSession) -> Parties:
        slots = self.party_slots(session)
        return Parties(session, slots.catalog, slots.changes, Hosts(session), slots, self.pii)

    def party_bookings(self, session: AsyncSession) -> PartyBookings:
        bookings = Bookings.build(
            session,
            self.settings.booking,
            self.ticket_codes,
            self.refunds,
            self.domain_hooks,
            domain=ListingDomain.PARTIES,
        )
        parties = self.parties(session)
        return PartyBookings(
            session,
            parties,
            parties.hosts,
            bookings.holds,
            bookings.reads,
            bookings.cancellations,
            self.settings.parties,
        )

    def host_browser(self, session: AsyncSession) -> HostBrowser:
        slots = self.party_slots(session)
        return HostBrowser(session, slots.catalog, Hosts(session), slots)

    def encounters(self, session: AsyncSession) -> Encounters:
        return Encounters(session, Hosts(session), self.bookings(session).checkin, self.settings.parties)

    def short_links(self, session: AsyncSession) -> ShortLinks:
        return ShortLinks(session, LinkTargets(), self.settings.public_url)

    def _flight_bookings(self, session: AsyncSession) -> Bookings:
        """The booking core acting for the flights domain: its listings only."""
        return Bookings.build(
            session,
            self.settings.booking,
            self.ticket_codes,
            self.refunds,
            self.domain_hooks,
            domain=ListingDomain.FLIGHTS,
        )

    def amendments(self, session: AsyncSession) -> OrderAmendments:
        bookings = self._flight_bookings(session)
        orders = self.flight_orders(session, bookings)
        return OrderAmendments(
            session,
            orders,
            orders.reads,
            orders.seating,
            bookings.cancellations,
            self.settings.booking.refund_cutoff_hours,
        )

    def disruptions(self, session: AsyncSession) -> Disruptions:
        bookings = self._flight_bookings(session)
        departures = self.departures(session)
        return Disruptions(
            session,
            self.settings.flights,
            departures.catalog,
            departures.routes,
            departures,
            bookings.groups,
            bookings.cancellations,
        )

    def change_answers(self, session: AsyncSession) -> ChangeAnswers:
        bookings = self._flight_bookings(session)
        orders = self.flight_orders(session, bookings)
        return ChangeAnswers(session, orders, orders.reads, bookings.cancellations)

    def flight_orders(self, session: AsyncSession, bookings: Bookings | None = None) -> FlightOrders:
        bookings = bookings or self._flight_bookings(session)
        departures = self.departures(session)
        return FlightOrders(
            session,
            self.settings.flights,
            self.pii,
            departures.catalog,
            bookings.holds,
            departures.seating,
            OrderReads(session, bookings.groups, departures),
        )

    def payments(self, session: AsyncSession) -> PaymentService:
        settlement = self.bookings(session).settlement
        return PaymentService(session, self.settings, self.freedompay, settlement, self.refunds)

    def reviews(self, session: AsyncSession) -> ReviewService:
        return ReviewService(
            session, self.catalog(session), Attendance(session), self.settings.booking.review_flag_threshold
        )

    def auth(self, session: AsyncSession) -> AuthService:
        return AuthService(
            session,
            self.settings.auth,
            self.passwords,
            self.access_tokens,
            self.throttles.login,
            self.account_access,
        )

    def account_tokens(self, session: AsyncSession) -> AccountTokens:
        return AccountTokens(session, self.token_signer)

    def email_verification(self, session: AsyncSession) -> EmailVerification:
        return EmailVerification(
            session,
            self.settings.auth,
            self.account_tokens(session),
            self.account_access,
            self.throttles.verification,
            self.throttles.login,
        )

    def password_recovery(self, session: AsyncSession) -> PasswordRecovery:
        tokens = self.account_tokens(session)
        throttles = self.throttles
        return PasswordRecovery(session, self.auth(session), tokens, throttles.password_resets, throttles.secret_checks)

    def two_factor(self, session: AsyncSession) -> TwoFactor:
        throttle = self.throttles.secret_checks
        return TwoFactor(session, self.pii, self.passwords, self.account_access, throttle)

    def two_factor_sign_in(self, session: AsyncSession) -> TwoFactorSignIn:
        return TwoFactorSignIn(self.auth(session), self.account_tokens(session), self.two_factor(session))

    def account_privacy(self, session: AsyncSession) -> AccountPrivacy:
        holders: list[PersonalDataHolder] = [
            BookingPersonalData(),
            PaymentPersonalData(),
            ReviewPersonalData(),
            FlightPersonalData(self.pii, self.settings.flights),
            PartyPersonalData(self.pii),
            WaitlistPersonalData(),
            ApprovalPersonalData(),
        ]
        return AccountPrivacy(session, self.auth(session), self.two_factor(session), holders)

    def sign_ins(self, session: AsyncSession) -> SignIns:
        return SignIns(session, self.auth(session))

    def message_composers(self) -> dict[str, MessageComposer]:
        """Each message kind and the module that composes it; delivery knows no module."""
        url = self.settings.public_url
        modules: list[tuple[Mapping[str, object], MessageComposer]] = [
            (
                ACCOUNT_MESSAGES,
                AccountMessages(
                    url,
                    self.token_signer,
                    self.settings.auth.email_token_hours,
                    self.settings.auth.password_reset_minutes,
                ),
            ),
            (BOOKING_MESSAGES, BookingMessages(url)),
            (WAITLIST_MESSAGES, BookingMessages(url, WAITLIST_MESSAGES)),
            (TRANSFER_MESSAGES, TransferMessages(url, self.token_signer)),
            (APPROVAL_MESSAGES, PlainMessages(url, APPROVAL_MESSAGES)),
            (PAYMENT_MESSAGES, BookingMessages(url, PAYMENT_MESSAGES)),
            (REVIEW_MESSAGES, PlainMessages(url, REVIEW_MESSAGES)),
            (FLIGHT_MESSAGES, FlightMessages(url, self.order_reads)),
            (PARTY_MESSAGES, PartyMessages(url, self.parties, self.booking_reads)),
        ]
        return {kind: composer for kinds, composer in modules for kind in kinds}

    async def close(self) -> None:
        await drain()
        await self.freedompay.aclose()
        if self.redis is not None:
            await self.redis.aclose()
        await self.engine.dispose()
        if self.read_engine is not self.engine:
            await self.read_engine.dispose()


def session_info(broker: AsyncBroker) -> dict[str, object]:
    """What every database session of a process carries: the dispatcher that queues committed outbox rows."""
    return {DISPATCH_KEY: OutboxDispatcher(broker)}
