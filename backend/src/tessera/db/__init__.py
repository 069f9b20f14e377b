"""Database schema: every module's models, imported together for migrations and tests."""

from __future__ import annotations

import importlib

MODEL_MODULES = (
    "tessera.accounts.models",
    "tessera.core.idempotency",
    "tessera.core.outbox",
    "tessera.core.audit",
    "tessera.catalog.models",
    "tessera.booking.models",
    "tessera.payments.models",
    "tessera.reviews.models",
    "tessera.flights.models",
    "tessera.parties.models",
    "tessera.links.models",
    "tessera.waitlist.models",
    "tessera.approvals.models",
)


def load_models() -> None:
    """Import every module's models so the shared metadata knows all tables."""
    for name in MODEL_MODULES:
        importlib.import_module(name)
