"""Airports: finding them (autocomplete, by code) and importing them from the ``airportsdata`` package."""

from __future__ import annotations

import functools
import re
import uuid
import zoneinfo
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import case, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.flights.errors import AirportNotFoundError
from tessera.flights.models import Airport
from tessera.flights.schemas import AirportList, AirportRead

_IATA = re.compile(r"[A-Z]{3}")
_COUNTRY = re.compile(r"[A-Z]{2}")


def airport_read(airport: Airport) -> AirportRead:
    return AirportRead(
        iata=airport.iata,
        icao=airport.icao,
        name=airport.name,
        city=airport.city,
        country=airport.country,
        timezone=airport.timezone,
    )


class AirportDirectory:
    """Active airports, as travellers look them up."""

    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def search(self, q: str, limit: int) -> AirportList:
        """Codes starting with ``q`` first (the exact code before the others), then cities starting with it,
        then cities and names containing it; case-insensitive."""
        text_ = q.strip()
        query = select(Airport).where(Airport.is_active)
        if text_:
            code = text_.upper()
            rank = case(
                (Airport.iata == code, 0),
                (Airport.iata.startswith(code, autoescape=True), 1),
                (Airport.city.istartswith(text_, autoescape=True), 2),
                else_=3,
            )
            # ILIKE on PostgreSQL, where the trigram indexes on city and name serve it.
            anywhere = "%" + re.sub(r"([/%_])", r"/\1", text_) + "%"
            query = query.where(
                or_(
                    Airport.iata.startswith(code, autoescape=True),
                    Airport.city.ilike(anywhere, escape="/"),
                    Airport.name.ilike(anywhere, escape="/"),
                )
            ).order_by(rank, Airport.iata)
        else:
            query = query.order_by(Airport.iata)
        found = await self.session.scalars(query.limit(limit))
        return AirportList(items=[airport_read(a) for a in found])

    async def get(self, iata: str) -> AirportRead:
        return airport_read(await self.active(iata))

    async def by_ids(self, airport_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, Airport]:
        """Airports by id, active or not (routes keep pointing at a deactivated airport)."""
        ids = set(airport_ids)
        if not ids:
            return {}
        return {a.id: a for a in await self.session.scalars(select(Airport).where(Airport.id.in_(ids)))}

    async def active(self, iata: str) -> Airport:
        airport = await self.session.scalar(select(Airport).where(Airport.iata == iata.upper(), Airport.is_active))
        if airport is None:
            raise AirportNotFoundError(f"No airport with the code {iata.upper()!r}", extra={"iata": iata.upper()})
        return airport


@dataclass(frozen=True, slots=True)
class AirportRecord:
    """One airport as a data source describes it."""

    iata: str
    icao: str | None
    name: str
    city: str
    subdivision: str
    country: str
    latitude: Decimal
    longitude: Decimal
    timezone: str


@dataclass(frozen=True, slots=True)
class ImportCounts:
    added: int
    updated: int
    unchanged: int
    deactivated: int
    skipped: int


@functools.cache
def _known_zone(name: str) -> bool:
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return False
    return True


def records_from_airportsdata(data: Mapping[str, Mapping[str, object]]) -> list[AirportRecord]:
    """The rows of ``airportsdata.load('IATA')`` as records (coordinates to six decimals)."""
    return [
        AirportRecord(
            iata=str(row["iata"]).strip().upper(),
            icao=str(row.get("icao") or "").strip().upper() or None,
            name=str(row["name"]).strip()[:200],
            city=str(row.get("city") or "").strip()[:100],
            subdivision=str(row.get("subd") or "").strip()[:100],
            country=str(row["country"]).strip().upper(),
            latitude=round(Decimal(str(row["lat"])), 6),
            longitude=round(Decimal(str(row["lon"])), 6),
            timezone=str(row.get("tz") or "").strip(),
        )
        for row in data.values()
    ]


_FIELDS = ("icao", "name", "city", "subdivision", "country", "latitude", "longitude", "timezone")


async def import_airports(
    session: AsyncSession,
    records: Iterable[AirportRecord],
    *,
    source: str,
    countries: set[str] | None = None,
    deactivate_missing: bool = True,
) -> ImportCounts:
    """Upsert airports by active IATA code, in the caller's transaction; an active airport of the imported
    countries (all, without ``countries``) whose code is no longer in ``records`` is deactivated, unless
    ``deactivate_missing`` is off (a partial list, such as the demo's). Records without a usable code,
    country, city or IANA time zone (some Antarctic stations have none) are skipped."""
    wanted: dict[str, AirportRecord] = {}
    skipped = 0
    for record in records:
        if countries is not None and record.country not in countries:
            continue
        usable = (
            _IATA.fullmatch(record.iata)
            and _COUNTRY.fullmatch(record.country)
            and record.name
            and record.city
            and _known_zone(record.timezone)
            and (record.icao is None or len(record.icao) <= 4)
        )
        if not usable or record.iata in wanted:
            skipped += 1
            continue
        wanted[record.iata] = record
    query = select(Airport).where(Airport.is_active)
    if not deactivate_missing:
        query = query.where(Airport.iata.in_(list(wanted)))
    elif countries is not None:
        query = query.where(Airport.iata.in_(list(wanted)) | Airport.country.in_(sorted(countries)))
    current = {a.iata: a for a in await session.scalars(query)}
    updated = unchanged = deactivated = 0
    for iata, airport in current.items():
        incoming = wanted.get(iata)
        if incoming is None:
            airport.is_active = False
            airport.source = source
            deactivated += 1
            continue
        changes = {f: getattr(incoming, f) for f in _FIELDS if getattr(airport, f) != getattr(incoming, f)}
        if changes:
            for field, value in changes.items():
                setattr(airport, field, value)
            airport.source = source
            updated += 1
        else:
            unchanged += 1
    new = [r for iata, r in wanted.items() if iata not in current]
    # Deactivations first: a reassigned code can only be taken once its old holder is inactive.
    await session.flush()
    if new:
        await session.execute(
            insert(Airport),
            [{"iata": r.iata, **{f: getattr(r, f) for f in _FIELDS}, "is_active": True, "source": source} for r in new],
        )
    return ImportCounts(added=len(new), updated=updated, unchanged=unchanged, deactivated=deactivated, skipped=skipped)
