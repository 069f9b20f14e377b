"""The flights module's errors, each with its stable code."""

from __future__ import annotations

from tessera.core.errors import AppError


class AirportNotFoundError(AppError):
    status_code = 404
    code = "airport_not_found"


class InvalidSeatMapError(AppError):
    status_code = 400
    code = "invalid_seat_map"


class InvalidRouteError(AppError):
    status_code = 400
    code = "invalid_route"


class FlightNumberTakenError(AppError):
    status_code = 409
    code = "flight_number_taken"


class ReturnExistsError(AppError):
    status_code = 409
    code = "return_exists"


class InvalidScheduleError(AppError):
    status_code = 400
    code = "invalid_schedule"


class DepartureCancelledError(AppError):
    status_code = 409
    code = "departure_cancelled"


class InvalidSearchError(AppError):
    status_code = 400
    code = "invalid_search"
