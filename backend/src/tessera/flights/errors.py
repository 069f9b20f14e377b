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


class InvalidRoundTripError(AppError):
    status_code = 400
    code = "invalid_round_trip"


class InvalidPassengerError(AppError):
    status_code = 400
    code = "invalid_passenger"


class DocumentExpiredError(AppError):
    status_code = 400
    code = "document_expired"


class InvalidSeatError(AppError):
    status_code = 400
    code = "invalid_seat"


class FareNotInCabinError(AppError):
    status_code = 409
    code = "fare_not_in_cabin"


class CabinSoldOutError(AppError):
    status_code = 409
    code = "cabin_sold_out"


class SeatUnavailableError(AppError):
    status_code = 409
    code = "seat_unavailable"


class SeatRestrictedError(AppError):
    status_code = 409
    code = "seat_restricted"


class PassengerAlreadyBookedError(AppError):
    status_code = 409
    code = "passenger_already_booked"


class PriceChangedError(AppError):
    status_code = 409
    code = "price_changed"


class ManifestNotAvailableError(AppError):
    status_code = 409
    code = "manifest_not_available"


class NotChangeableError(AppError):
    status_code = 409
    code = "not_changeable"


class InvalidCancelError(AppError):
    status_code = 400
    code = "invalid_cancel"


class AircraftChangeConflictError(AppError):
    status_code = 409
    code = "aircraft_change_conflict"


class ChangeNotPendingError(AppError):
    status_code = 409
    code = "change_not_pending"
