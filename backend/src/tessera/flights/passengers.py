"""Passengers as an order takes them: checked (types by age, documents valid for the whole trip), named as in
a passport's machine-readable zone, and their documents sealed to their row with only masks kept in clear."""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from uuid_utils.compat import uuid7

from tessera.booking.errors import InvalidOrderError
from tessera.core.pii import PiiVault, mask_number, mask_series
from tessera.flights.countries import COUNTRIES
from tessera.flights.errors import DocumentExpiredError, InvalidPassengerError
from tessera.flights.models import PassengerType
from tessera.flights.order_schemas import PassengerCreate

MAX_PASSENGERS = 9
ADULT_FROM_YEARS = 12
CHILD_FROM_YEARS = 2
_DOCUMENT_NUMBER = re.compile(r"[A-Z0-9]{5,20}")
_DOCUMENT_SERIES = re.compile(r"[A-Z0-9]{1,10}")
_AAD = b"tessera:flight_passengers:document:"


def document_binding(passenger_id: uuid.UUID) -> bytes:
    """The associated data that binds a sealed document to its passenger's row."""
    return _AAD + passenger_id.bytes


@dataclass(frozen=True, slots=True)
class PassengerDraft:
    id: uuid.UUID
    position: int  # 1-based, as in the request
    passenger_type: str
    given_name: str
    family_name: str
    nationality: str
    document_ciphertext: bytes
    document_number_masked: str
    document_series_masked: str | None
    document_fingerprint: str

    @property
    def is_adult(self) -> bool:
        return self.passenger_type == PassengerType.ADULT

    @property
    def ticket_name(self) -> str:
        return f"{self.family_name}/{self.given_name}"


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def _compact(value: str) -> str:
    return re.sub(r"\s+", "", value).upper()


def _country(code: str, what: str, position: int) -> str:
    country = code.upper()
    if country not in COUNTRIES:
        raise InvalidPassengerError(
            f"Passenger {position}: the {what} is not a country code", extra={"passenger": position}
        )
    return country


def passenger_drafts(
    passengers: Sequence[PassengerCreate], vault: PiiVault, travel_date: date, last_arrival: date
) -> list[PassengerDraft]:
    """Each passenger checked and sealed. ``travel_date`` decides ages (the first leg's local departure date);
    every document must be valid on ``last_arrival`` (the last leg's local arrival date)."""
    if len(passengers) > MAX_PASSENGERS:
        raise InvalidOrderError(f"An order carries at most {MAX_PASSENGERS} passengers")
    drafts = []
    for position, p in enumerate(passengers, start=1):
        about = {"passenger": position}
        age = age_on(p.birth_date, travel_date)
        if p.birth_date > travel_date or age < CHILD_FROM_YEARS:
            raise InvalidPassengerError(f"Passenger {position}: infants are not supported yet", extra=about)
        actual = PassengerType.ADULT if age >= ADULT_FROM_YEARS else PassengerType.CHILD
        if p.type != actual:
            raise InvalidPassengerError(
                f"Passenger {position} is {age} on the day of travel: book them as {actual.value}", extra=about
            )
        number = _compact(p.document.number)
        series = _compact(p.document.series) if p.document.series else None
        if not _DOCUMENT_NUMBER.fullmatch(number) or (series is not None and not _DOCUMENT_SERIES.fullmatch(series)):
            raise InvalidPassengerError(f"Passenger {position}: the document number is not valid", extra=about)
        if p.document.expires_on < last_arrival:
            raise DocumentExpiredError(f"Passenger {position}: the passport expires before the trip ends", extra=about)
        issuing = _country(p.document.issuing_country, "issuing country", position)
        passenger_id = uuid7()
        document = {
            "type": p.document.type,
            "series": series,
            "number": number,
            "expires_on": p.document.expires_on.isoformat(),
            "birth_date": p.birth_date.isoformat(),
            "issuing_country": issuing,
        }
        drafts.append(
            PassengerDraft(
                id=passenger_id,
                position=position,
                passenger_type=actual.value,
                given_name=p.given_name.strip().upper(),
                family_name=p.family_name.strip().upper(),
                nationality=_country(p.nationality, "nationality", position),
                document_ciphertext=vault.seal(json.dumps(document).encode(), document_binding(passenger_id)),
                document_number_masked=mask_number(number),
                document_series_masked=mask_series(series),
                document_fingerprint=vault.fingerprint(f"passport|{issuing}|{series or ''}|{number}"),
            )
        )
    if not any(d.is_adult for d in drafts):
        raise InvalidOrderError("An order needs at least one adult")
    if len({d.document_fingerprint for d in drafts}) != len(drafts):
        raise InvalidOrderError("Each passenger travels on their own passport")
    return drafts
