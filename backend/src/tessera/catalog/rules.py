"""Who may see a listing, and times and zones as the catalog takes them."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.ext.asyncio import AsyncSession

from tessera.catalog.errors import CatalogValidationError
from tessera.catalog.models import Listing, ListingStatus
from tessera.core.auth import CurrentUser
from tessera.core.errors import NotFoundAppError


def aware(moment: datetime, field: str) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise CatalogValidationError(f"{field} must include a time zone offset, e.g. 2026-05-01T19:00:00+05:00")
    return moment.astimezone(UTC)


def check_timezone(name: str) -> str:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CatalogValidationError(f"Unknown time zone {name!r}; use an IANA name such as Asia/Almaty") from exc
    return name


async def listing_or_404(session: AsyncSession, listing_id: uuid.UUID) -> Listing:
    listing = await session.get(Listing, listing_id)
    if listing is None:
        raise NotFoundAppError("Listing not found")
    return listing


async def visible_listing(session: AsyncSession, listing_id: uuid.UUID, user: CurrentUser | None) -> Listing:
    """Published and cancelled listings are public; drafts only to their organizer and admins."""
    listing = await listing_or_404(session, listing_id)
    if listing.status == ListingStatus.DRAFT and not manages(listing, user):
        raise NotFoundAppError("Listing not found")
    return listing


def manages(listing: Listing, user: CurrentUser | None) -> bool:
    return user is not None and (user.is_admin or user.id == listing.organizer_id)
