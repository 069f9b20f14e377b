"""The parties module's errors, each with its stable code."""

from __future__ import annotations

from tessera.core.errors import AppError


class InvalidTimezoneError(AppError):
    status_code = 400
    code = "invalid_timezone"


class InvalidPartyError(AppError):
    status_code = 400
    code = "invalid_party"


class HostProfileRequiredError(AppError):
    status_code = 409
    code = "host_profile_required"


class InvalidSlotError(AppError):
    status_code = 400
    code = "invalid_slot"


class SlotOverlapError(AppError):
    status_code = 409
    code = "slot_overlap"


class SlotStartedError(AppError):
    status_code = 409
    code = "slot_started"


class OwnPartyError(AppError):
    status_code = 409
    code = "own_party"


class AlreadyBookedError(AppError):
    status_code = 409
    code = "already_booked"


class AlreadyRequestedError(AppError):
    status_code = 409
    code = "already_requested"


class RequestNotPendingError(AppError):
    status_code = 409
    code = "request_not_pending"
