"""Money is an integer amount of minor units plus an ISO 4217 currency code."""

from __future__ import annotations

from typing import Annotated

import msgspec

DEFAULT_CURRENCY = "KZT"

# Currencies Tessera sells in, with their minor-unit exponent (ISO 4217). FreedomPay settles the first six.
MINOR_UNITS: dict[str, int] = {
    "KZT": 2,
    "KGS": 2,
    "UZS": 2,
    "RUB": 2,
    "USD": 2,
    "EUR": 2,
    "GBP": 2,
    "TRY": 2,
    "AED": 2,
    "CNY": 2,
    "GEL": 2,
    "AMD": 2,
    "AZN": 2,
    "JPY": 0,
    "KRW": 0,
}

Currency = Annotated[str, msgspec.Meta(pattern="^(" + "|".join(MINOR_UNITS) + ")$", examples=[DEFAULT_CURRENCY])]
Amount = Annotated[int, msgspec.Meta(ge=0, le=10_000_000_000, description="Minor units (tiyn, cents)")]


def format_major(amount: int, currency: str) -> str:
    """``12345, "KZT"`` -> ``"123.45"``: the decimal string payment gateways expect."""
    exponent = MINOR_UNITS[currency]
    if exponent == 0:
        return str(amount)
    whole, fraction = divmod(amount, 10**exponent)
    return f"{whole}.{fraction:0{exponent}d}"
