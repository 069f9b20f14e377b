"""Payment work outside requests: run by the scheduler and by ``tessera check-payments``."""

from __future__ import annotations

from datetime import UTC, datetime

from tessera.core.runtime import Runtime
from tessera.payments.dependencies import build_payment_service
from tessera.payments.refunds import retry_pending_refunds


async def reconcile_payments(runtime: Runtime) -> int:
    """Settle attempts whose callback never came by asking the gateway. Returns how many were settled."""
    async with runtime.sessions() as session:
        return await build_payment_service(session, runtime).reconcile_stale(datetime.now(UTC))


async def retry_refunds(runtime: Runtime) -> int:
    """Settle refunds whose answer was lost, then resend those still pending. Returns how many were resent."""
    return await retry_pending_refunds(runtime.sessions, runtime.settings, runtime.freedompay)
