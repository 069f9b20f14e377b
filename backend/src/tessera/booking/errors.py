"""The booking module's errors, each with its stable code."""

from __future__ import annotations

from tessera.core.errors import AppError


class SoldOutError(AppError):
    status_code = 409
    code = "sold_out"


class NotOnSaleError(AppError):
    status_code = 409
    code = "not_on_sale"


class InvalidBookingError(AppError):
    status_code = 400
    code = "invalid_booking"


class InvalidOrderError(AppError):
    """A booking group that cannot be one order (e.g. its bookings are in different currencies)."""

    status_code = 400
    code = "invalid_order"


class TicketLimitError(AppError):
    status_code = 409
    code = "ticket_limit_reached"


class NotCancellableError(AppError):
    status_code = 409
    code = "not_cancellable"


class InvalidTicketCodeError(AppError):
    status_code = 400
    code = "invalid_ticket_code"


class AlreadyCheckedInError(AppError):
    status_code = 409
    code = "already_checked_in"


class TicketNotValidError(AppError):
    status_code = 409
    code = "ticket_not_valid"


class WrongSessionError(AppError):
    status_code = 409
    code = "wrong_session"


class CheckInClosedError(AppError):
    status_code = 409
    code = "checkin_closed"


class NotPayableError(AppError):
    status_code = 409
    code = "booking_not_payable"


class AwaitingApprovalError(AppError):
    """Seats held for a request the organizer has not decided yet: the request is paid once approved, and
    withdrawn rather than cancelled."""

    status_code = 409
    code = "awaiting_approval"


class InvalidSeatError(AppError):
    status_code = 400
    code = "invalid_seat"


class SeatUnavailableError(AppError):
    status_code = 409
    code = "seat_unavailable"


class TransfersClosedError(AppError):
    status_code = 409
    code = "transfers_closed"


class TransferPendingError(AppError):
    status_code = 409
    code = "transfer_pending"


class InvalidTransferError(AppError):
    status_code = 400
    code = "invalid_transfer"


class TransferNotOpenError(AppError):
    status_code = 409
    code = "transfer_not_open"


class WrongRecipientError(AppError):
    status_code = 403
    code = "wrong_recipient"


class ApprovalRequiredError(AppError):
    status_code = 409
    code = "approval_required"
