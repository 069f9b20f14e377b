"""The catalog's refusals, and the guard that keeps a managed listing to its own domain."""

from __future__ import annotations

from tessera.catalog.models import DOMAIN_PATHS, ListingDomain
from tessera.core.errors import AppError, NotFoundAppError


class CatalogValidationError(AppError):
    status_code = 400
    code = "invalid_listing"


class EventCancelledError(AppError):
    status_code = 409
    code = "event_cancelled"


class NotPublishableError(AppError):
    status_code = 409
    code = "not_publishable"


class CurrencyMismatchError(AppError):
    status_code = 409
    code = "currency_mismatch"


class DomainBookingRequiredError(AppError):
    status_code = 409
    code = "domain_booking_required"


def check_domain(managed_by: str | None, acting_for: str | None) -> None:
    """A listing a domain manages is booked and edited through that domain only; the generic endpoints
    (``acting_for`` None) refuse it, and a domain touches only its own listings."""
    if managed_by == acting_for:
        return
    if managed_by is None:
        raise NotFoundAppError("Listing not found")
    domain = ListingDomain(managed_by)
    raise DomainBookingRequiredError(
        f"This listing is managed by {domain.value}: use its own pages", extra={"path": DOMAIN_PATHS[domain]}
    )


class CapacityBelowBookedError(AppError):
    status_code = 409
    code = "capacity_below_booked"
