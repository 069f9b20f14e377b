"""The flights module's errors, each with its stable code."""

from __future__ import annotations

from tessera.core.errors import AppError


class AirportNotFoundError(AppError):
    status_code = 404
    code = "airport_not_found"


class InvalidSeatMapError(AppError):
    status_code = 400
    code = "invalid_seat_map"
