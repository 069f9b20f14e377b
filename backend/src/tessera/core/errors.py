"""One error shape for every response: ``{"status_code", "detail", "code"}`` (+ ``errors`` for validation).

Domain code raises :class:`AppError` subclasses with a stable machine ``code``; framework and repository
exceptions are mapped here, in one place. No stack trace or internal message ever reaches a client.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import msgspec
import structlog
from advanced_alchemy.exceptions import IntegrityError, NotFoundError, RepositoryError
from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.plugins import ReceiveRoutePlugin
from litestar.routes import BaseRoute, HTTPRoute
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR
from litestar.types import ExceptionHandlersMap
from sqlalchemy.exc import IntegrityError as SQLAlchemyIntegrityError

logger = structlog.get_logger("tessera.errors")
# Scope key set when a failed request's writes must still be committed (see AppError.keeps_changes).
KEEP_CHANGES_SCOPE_KEY = "tessera.keep_changes"


class AppError(Exception):
    """A failure the client can act on. Subclasses fix ``status_code`` and ``code``."""

    status_code: ClassVar[int] = 400
    code: ClassVar[str] = "bad_request"

    def __init__(
        self,
        detail: str,
        *,
        extra: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
        keeps_changes: bool = False,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = dict(extra or {})
        self.headers = dict(headers or {})
        # The request fails, but what it wrote stands (a revoked sign-in, a failed payment attempt on record).
        self.keeps_changes = keeps_changes


class NotAuthenticatedError(AppError):
    status_code = 401
    code = "not_authenticated"


class InvalidCredentialsError(AppError):
    status_code = 401
    code = "invalid_credentials"


class InvalidRefreshTokenError(AppError):
    status_code = 401
    code = "invalid_refresh_token"


class PermissionDeniedError(AppError):
    status_code = 403
    code = "forbidden"


class EmailNotVerifiedError(AppError):
    status_code = 403
    code = "email_not_verified"


class TwoFactorRequiredError(AppError):
    status_code = 403
    code = "two_factor_required"


class CSRFFailedError(AppError):
    status_code = 403
    code = "csrf_failed"


class NotFoundAppError(AppError):
    status_code = 404
    code = "not_found"


class ConflictError(AppError):
    status_code = 409
    code = "conflict"


class EmailTakenError(AppError):
    status_code = 409
    code = "email_taken"


class UnsupportedMediaTypeError(AppError):
    status_code = 415
    code = "unsupported_media_type"


class RateLimitedError(AppError):
    status_code = 429
    code = "rate_limited"


class LoginLockedError(AppError):
    status_code = 429
    code = "login_locked"


_CODES_BY_STATUS: dict[int, str] = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "request_too_large",
    415: "unsupported_media_type",
    422: "unprocessable",
    429: "rate_limited",
    503: "service_unavailable",
}


def is_constraint_violation(exc: RepositoryError) -> bool:
    """advanced-alchemy wraps connection failures as IntegrityError too; this tells a real violation apart."""
    return isinstance(exc, IntegrityError) and isinstance(exc.__cause__, SQLAlchemyIntegrityError)


def error_response(
    status_code: int,
    code: str,
    detail: str,
    *,
    extra: Mapping[str, Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response[dict[str, Any]]:
    body: dict[str, Any] = {"status_code": status_code, "detail": detail, "code": code}
    if extra:
        body.update(extra)
    return Response(content=body, status_code=status_code, media_type=MediaType.JSON, headers=dict(headers or {}))


def _app_error(request: Request[Any, Any, Any], exc: AppError) -> Response[dict[str, Any]]:
    if exc.keeps_changes:
        request.scope[KEEP_CHANGES_SCOPE_KEY] = True  # type: ignore[literal-required]
    return error_response(exc.status_code, exc.code, exc.detail, extra=exc.extra, headers=exc.headers)


def _validation_error(_: Request[Any, Any, Any], exc: ValidationException) -> Response[dict[str, Any]]:
    errors: list[dict[str, Any]] = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict):
            errors.append({"field": item.get("key"), "message": item.get("message"), "source": item.get("source")})
    detail = "Invalid request"
    if errors and errors[0]["field"]:
        detail = f"Invalid request: {errors[0]['field']}: {errors[0]['message']}"
    return error_response(400, "validation_error", detail, extra={"errors": errors})


def _http_exception(request: Request[Any, Any, Any], exc: HTTPException) -> Response[dict[str, Any]]:
    status_code = exc.status_code
    if status_code >= HTTP_500_INTERNAL_SERVER_ERROR:
        logger.error("http_exception", status_code=status_code, path=request.url.path, detail=exc.detail)
        return error_response(status_code, _CODES_BY_STATUS.get(status_code, "internal_error"), "Internal server error")
    return error_response(
        status_code, _CODES_BY_STATUS.get(status_code, "error"), exc.detail, headers=dict(exc.headers or {})
    )


def _repository_error(request: Request[Any, Any, Any], exc: RepositoryError) -> Response[dict[str, Any]]:
    if isinstance(exc, NotFoundError):
        return error_response(404, "not_found", "Not found")
    if is_constraint_violation(exc):
        return error_response(409, "conflict", "The request conflicts with existing data")
    return _unhandled(request, exc)


def _unhandled(request: Request[Any, Any, Any], exc: Exception) -> Response[dict[str, Any]]:
    logger.exception("unhandled_exception", path=request.url.path, exc_type=type(exc).__name__)
    return error_response(HTTP_500_INTERNAL_SERVER_ERROR, "internal_error", "Internal server error")


exception_handlers: ExceptionHandlersMap = {
    AppError: _app_error,
    ValidationException: _validation_error,
    HTTPException: _http_exception,
    RepositoryError: _repository_error,
    Exception: _unhandled,
}


# -- OpenAPI: the error responses, documented once for every operation -----------------------------------------


class ErrorResponse(msgspec.Struct):
    """Every error answer. Some codes add fields (``available`` seats, a ticket's ``ticket_status``, ...)."""

    status_code: int
    detail: str
    code: str


class FieldProblem(msgspec.Struct):
    field: str | None
    message: str | None
    source: str | None


class BadRequestResponse(msgspec.Struct):
    """A 400: ``validation_error`` lists what is wrong in ``errors``; other codes are rule violations."""

    status_code: int
    detail: str
    code: str
    errors: list[FieldProblem] | msgspec.UnsetType = msgspec.UNSET


def documented_error(description: str, container: type[msgspec.Struct] = ErrorResponse) -> ResponseSpec:
    """An error response for a handler's ``responses`` (the common ones are added to every operation)."""
    return ResponseSpec(data_container=container, description=description, generate_examples=False)


_EVERY_OPERATION: dict[int, ResponseSpec] = {
    400: documented_error(
        "Invalid request: `validation_error` (with `errors`) or a rule the request breaks", BadRequestResponse
    ),
    401: documented_error("Not signed in, or the sign-in has ended"),
    403: documented_error("The account may not do this (or the CSRF token is missing)"),
    404: documented_error("Something the request names does not exist or is not visible to this account"),
}
_CHANGES: dict[int, ResponseSpec] = {
    409: documented_error("The request conflicts with the current state (sold out, already done, ...)"),
    413: documented_error("The request body is too large"),
    429: documented_error("Too many attempts; the Retry-After header says when to try again"),
}
_CREDENTIALS: dict[int, ResponseSpec] = {
    415: documented_error("The request body must be application/json"),
}
_IDEMPOTENT: dict[int, ResponseSpec] = {
    422: documented_error("The Idempotency-Key was already used for a different request"),
}


class ErrorResponsesPlugin(ReceiveRoutePlugin):
    """Adds the error responses every operation may give to the OpenAPI document (Litestar has no app-wide
    ``responses``), in the one error shape (:class:`ErrorResponse`); a handler's own ``responses`` win."""

    def receive_route(self, route: BaseRoute) -> None:
        if not isinstance(route, HTTPRoute):
            return
        from tessera.core.csrf import CREDENTIALS_ENDPOINT  # here: tessera.core.csrf imports this module

        for handler in route.route_handlers:
            common = dict(_EVERY_OPERATION)
            if handler.http_methods - {"GET", "HEAD", "OPTIONS"}:
                common.update(_CHANGES)
            if handler.opt.get(CREDENTIALS_ENDPOINT):
                common.update(_CREDENTIALS)
            if "idempotency_key" in handler.parsed_fn_signature.parameters:
                common.update(_IDEMPOTENT)
            if handler.status_code == 204:  # no body at all, whatever the return annotation says
                common[204] = ResponseSpec(data_container=None, description="Done; no content")
            handler.responses = {**common, **(handler.responses or {})}
