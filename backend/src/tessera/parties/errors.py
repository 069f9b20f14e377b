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


class RatingWindowNotOpenError(AppError):
    status_code = 409
    code = "rating_window_not_open"


class RatingWindowClosedError(AppError):
    status_code = 409
    code = "rating_window_closed"


class AlreadyRatedError(AppError):
    status_code = 409
    code = "already_rated"


class MarkedNoShowError(AppError):
    status_code = 409
    code = "marked_no_show"


class EncounterCancelledError(AppError):
    status_code = 409
    code = "encounter_cancelled"


class NoShowWindowError(AppError):
    status_code = 409
    code = "no_show_window"


class GuestCheckedInError(AppError):
    status_code = 409
    code = "guest_checked_in"


class AlreadyRevealedError(AppError):
    status_code = 409
    code = "already_revealed"


class NotMarkedNoShowError(AppError):
    status_code = 409
    code = "not_marked_no_show"


class DisputeWindowClosedError(AppError):
    status_code = 409
    code = "dispute_window_closed"


class AlreadyDisputedError(AppError):
    status_code = 409
    code = "already_disputed"


class NoOpenDisputeError(AppError):
    status_code = 409
    code = "no_open_dispute"
