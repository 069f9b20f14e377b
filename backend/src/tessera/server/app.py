"""Application assembly: plugins, routers, middleware. No rules live here."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager, suppress
from functools import partial
from typing import Any

import structlog
from advanced_alchemy.extensions.litestar import SQLAlchemyPlugin
from litestar import Litestar, Router
from litestar.datastructures import State
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.plugins.prometheus import PrometheusConfig, PrometheusController
from litestar.types import Receive, Scope, Send
from taskiq.cli.common_args import LogLevel
from taskiq.cli.scheduler.args import SchedulerArgs
from taskiq.cli.scheduler.run import run_scheduler

from tessera import __version__
from tessera.accounts.controllers import API_PREFIX, AuthController
from tessera.accounts.security_controllers import AccountSecurityController
from tessera.admin.controllers import AdminAuditController, AdminUserController
from tessera.approvals.controllers import RequestController, SessionRequestController
from tessera.booking.batching import BookingBatcher
from tessera.booking.controllers import (
    BookingController,
    CheckInController,
    EventSalesController,
    SessionBookingsController,
    SessionSeatingController,
)
from tessera.booking.transfer_controllers import TicketTransferController, TransferController
from tessera.catalog.controllers import (
    EventController,
    OrganizerController,
    SeatMapController,
    SeatPlanController,
    SessionController,
    TicketTypeController,
    VenueController,
)
from tessera.catalog.hot_cache import HotCatalogResponses
from tessera.config import Settings, load_settings
from tessera.core.auth import AuthenticationMiddleware
from tessera.core.cache import VersionedCache
from tessera.core.csrf import TesseraCSRFMiddleware, build_csrf_config
from tessera.core.db import build_sqlalchemy_config
from tessera.core.errors import ErrorResponsesPlugin, exception_handlers
from tessera.core.headers import SecurityHeadersMiddleware
from tessera.core.health import HealthController
from tessera.core.logging import RequestContextMiddleware, configure_logging
from tessera.flights.controllers import (
    AircraftController,
    AirportController,
    DepartureController,
    FareController,
    FlightSearchController,
    RouteController,
)
from tessera.flights.order_controllers import FlightOrderChangeController, FlightOrderController
from tessera.links.controllers import ShortLinkController, ShortLinkRedirectController
from tessera.notifications.controllers import AdminNotificationController, NotificationController
from tessera.parties.controllers import (
    EncounterController,
    HostController,
    PartyBookingController,
    PartyController,
    PartyDisputeController,
)
from tessera.payments.controllers import FreedomPayCallbackController, PaymentController
from tessera.reviews.controllers import AdminReviewController, EventReviewsController, ReviewController
from tessera.sandbox.freedompay import SANDBOX_STATE_KEY, FreedomPaySandbox, mount_sandbox
from tessera.server.container import Container, session_info
from tessera.server.jobs import build_scheduler, register_jobs
from tessera.server.providers import request_dependencies, resolve_dependencies_in_order
from tessera.waitlist.controllers import SessionWaitlistController, WaitlistController


class TesseraApp(Litestar):
    """Litestar with the request context (request id, access log) around everything, error responses and
    unmatched routes included: route middleware runs inside the exception handler and only for matched routes."""

    def __init__(
        self, *, catalog_cache: VersionedCache, catalog_cache_seconds: float, hsts: bool, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        framework = partial(Litestar.__call__, self)
        self._with_request_context = RequestContextMiddleware(
            SecurityHeadersMiddleware(HotCatalogResponses(framework, catalog_cache, catalog_cache_seconds), hsts=hsts)
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:  # type: ignore[override]
        await self._with_request_context(scope, receive, send)


class MetricsController(PrometheusController):
    path = "/metrics"
    include_in_schema = False


def _openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Tessera API",
        version=__version__,
        description=(
            "Booking platform API. Browsers authenticate with httpOnly cookies and echo the csrftoken cookie "
            "in X-CSRFToken on unsafe requests; API clients use bearer tokens from POST /api/v1/auth/token. "
            'Errors are {"status_code", "detail", "code"} with a stable code.'
        ),
        path="/schema",
        render_plugins=[SwaggerRenderPlugin(path="/")],
        components=Components(
            security_schemes={
                "bearer": SecurityScheme(type="http", scheme="bearer", bearer_format="JWT"),
                "cookie": SecurityScheme(type="apiKey", name="access_token", security_scheme_in="cookie"),
            }
        ),
        security=[{"bearer": []}, {"cookie": []}],
        use_handler_docstrings=True,
    )


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or load_settings()
    configure_logging(settings.log_level, settings.log_format)
    resolve_dependencies_in_order()
    container = Container.build(settings)
    sqlalchemy_config = build_sqlalchemy_config(container.engine, session_info(container.broker))
    broker = register_jobs(container)
    batcher = BookingBatcher(container.sessions, container.holds)
    prometheus = PrometheusConfig(app_name="tessera", prefix="tessera", group_path=True, exclude=["/metrics"])

    @asynccontextmanager
    async def background_work(_: Litestar) -> AsyncIterator[None]:
        try:
            await broker.startup()
        except Exception:  # Redis down: serve anyway (readiness says so); outbox rows wait for the sweep
            structlog.get_logger("tessera.app").exception("broker_startup_failed")
        schedule = None
        if settings.scheduler_in_process:
            args = SchedulerArgs(
                scheduler=build_scheduler(broker),
                modules=[],
                configure_logging=False,
                log_level=LogLevel[settings.log_level],  # it sets the "taskiq" logger's level itself
            )
            schedule = asyncio.create_task(run_scheduler(args))
        revocations = asyncio.create_task(container.account_access.run())
        # Everything built so far lives as long as the process: move it out of the collector's sight, so a
        # full collection scans only what requests allocate. Without this, each one took 100-275 ms under a
        # flash sale, the requests of that moment waited for it, and it set the 99th percentile.
        gc.collect()
        gc.freeze()
        try:
            yield
        finally:
            gc.unfreeze()
            for task in (revocations, schedule):
                if task is not None:
                    task.cancel()
                    with suppress(asyncio.CancelledError):
                        await task
            await batcher.close()
            await broker.shutdown()
            await container.close()

    api = Router(
        path=API_PREFIX,
        route_handlers=[
            AuthController,
            AccountSecurityController,
            AdminUserController,
            AdminAuditController,
            EventController,
            SessionController,
            TicketTypeController,
            VenueController,
            SeatMapController,
            SeatPlanController,
            OrganizerController,
            BookingController,
            SessionBookingsController,
            SessionSeatingController,
            SessionWaitlistController,
            WaitlistController,
            TicketTransferController,
            TransferController,
            SessionRequestController,
            RequestController,
            EventSalesController,
            CheckInController,
            PaymentController,
            FreedomPayCallbackController,
            NotificationController,
            AdminNotificationController,
            ReviewController,
            EventReviewsController,
            AdminReviewController,
            AirportController,
            AircraftController,
            RouteController,
            FareController,
            DepartureController,
            FlightSearchController,
            FlightOrderController,
            FlightOrderChangeController,
            HostController,
            PartyController,
            PartyBookingController,
            EncounterController,
            PartyDisputeController,
            ShortLinkController,
            ShortLinkRedirectController,
        ],
    )
    route_handlers: list[Any] = [api, HealthController, MetricsController]
    state: dict[str, Any] = {}
    if settings.payments.sandbox:
        sandbox = FreedomPaySandbox(
            merchant_id=settings.payments.merchant_id,
            secret_key=settings.payments.secret_key,
            delay_seconds=settings.payments.sandbox_delay_seconds,
            retry_seconds=settings.payments.sandbox_retry_seconds,
        )
        route_handlers.append(mount_sandbox(sandbox))
        state[SANDBOX_STATE_KEY] = sandbox
    return TesseraApp(
        catalog_cache=container.cache,
        catalog_cache_seconds=settings.booking.catalog_cache_seconds,
        hsts=settings.is_production,
        route_handlers=route_handlers,
        plugins=[SQLAlchemyPlugin(config=sqlalchemy_config), ErrorResponsesPlugin()],
        middleware=[
            prometheus.middleware,
            DefineMiddleware(
                AuthenticationMiddleware,
                tokens=container.access_tokens,
                accounts=container.account_access,
                require_email_verification=settings.auth.require_email_verification,
                require_two_factor_roles=settings.auth.require_two_factor_roles,
            ),
            DefineMiddleware(
                TesseraCSRFMiddleware, config=build_csrf_config(settings.auth.secret_key, settings.auth.cookie_secure)
            ),
        ],
        dependencies=request_dependencies(container, batcher),
        exception_handlers=exception_handlers,
        openapi_config=_openapi_config(),
        state=State(state),
        lifespan=[background_work],
        logging_config=None,
        debug=False,
    )
