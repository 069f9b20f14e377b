"""Probes: liveness says only that the process answers; readiness checks what requests need."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import structlog
from litestar import Controller, Response, get
from litestar.di import NamedDependency
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE
from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from tessera.core.errors import documented_error

CHECK_TIMEOUT_SECONDS = 2.0
EMULATOR_IN_PRODUCTION = (
    "TESSERA_FREEDOMPAY_EMULATOR is on: payments go to the built-in emulator and no real money is taken"
)

logger = structlog.get_logger("tessera.health")


async def _check_database(engine: AsyncEngine) -> None:
    async with engine.connect() as connection:
        await connection.execute(text("SELECT 1"))


async def _check(name: str, probe: Any) -> tuple[str, bool]:
    try:
        await asyncio.wait_for(probe, CHECK_TIMEOUT_SECONDS)
        return name, True
    except Exception as exc:
        logger.warning("readiness_check_failed", check=name, error=type(exc).__name__)
        return name, False


@dataclass(frozen=True, slots=True)
class Readiness:
    """What the readiness probe checks and reports, from the process's settings."""

    redis: Redis | None
    payments_emulator: bool
    production: bool


class HealthController(Controller):
    path = "/health"
    tags = ["operations"]
    include_in_schema = True

    @get("/live", operation_id="healthLive", summary="Liveness probe", cache_control=None)
    async def live(self) -> dict[str, str]:
        return {"status": "ok"}

    @get(
        "/ready",
        operation_id="healthReady",
        summary="Readiness probe: database, and Redis when configured",
        responses={503: documented_error("Not ready: `checks` says which dependency is unavailable")},
    )
    async def ready(
        self, db_engine: NamedDependency[AsyncEngine], readiness: NamedDependency[Readiness]
    ) -> Response[dict[str, Any]]:
        probes = [_check("database", _check_database(db_engine))]
        if readiness.redis is not None:
            probes.append(_check("redis", readiness.redis.ping()))
        results = dict(await asyncio.gather(*probes))
        ready = all(results.values())
        body: dict[str, Any] = {
            "status": "ok" if ready else "unavailable",
            "checks": {name: "ok" if ok else "unavailable" for name, ok in results.items()},
        }
        if readiness.payments_emulator:
            # Says so on every probe: an emulator in production confirms bookings without real money.
            body["payments"] = "emulator"
            if readiness.production:
                body["warnings"] = [EMULATOR_IN_PRODUCTION]
        if not ready:
            body |= {"status_code": HTTP_503_SERVICE_UNAVAILABLE, "code": "not_ready", "detail": "Not ready"}
        return Response(body, status_code=HTTP_200_OK if ready else HTTP_503_SERVICE_UNAVAILABLE)
