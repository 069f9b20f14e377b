"""Request authentication (bearer header or ``access_token`` cookie), the current user, and role guards.

Authentication is optional at this layer: anonymous requests get ``user = None`` and public routes work;
routes that need a user declare the ``current_user`` dependency or a role guard.
"""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from typing import Any, Protocol

from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler
from litestar.types import ASGIApp, Receive, Scope, Send

from tessera.core.audit import Actor, reset_actor, set_actor
from tessera.core.errors import (
    EmailNotVerifiedError,
    NotAuthenticatedError,
    PermissionDeniedError,
    TwoFactorRequiredError,
)
from tessera.core.security import AccessTokens, InvalidTokenError

ACCESS_COOKIE = "access_token"
REFRESH_COOKIE = "refresh_token"
CSRF_COOKIE = "csrftoken"
CSRF_HEADER = "x-csrftoken"
AUTH_ERROR_KEY = "tessera_auth_error"


class Role(enum.StrEnum):
    ADMIN = "admin"
    ORGANIZER = "organizer"
    PARTICIPANT = "participant"


class AuthMethod(enum.StrEnum):
    BEARER = "bearer"
    COOKIE = "cookie"


@dataclass(frozen=True, slots=True)
class CurrentUser:
    id: uuid.UUID
    role: Role
    method: AuthMethod
    # False until the account's address is verified (when verification is required).
    email_verified: bool = True
    # The account's role requires two-factor sign-in (TESSERA_REQUIRE_2FA_ROLES) and it has not enrolled.
    must_enrol_two_factor: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role is Role.ADMIN


@dataclass(frozen=True, slots=True)
class AccountAccess:
    """What an access token is checked against on every request: the account and sign-in as they are now."""

    role: Role
    is_active: bool
    token_version: int
    sign_in_revoked: bool
    email_verified: bool = True
    two_factor_enabled: bool = False


class AccountAccessLookup(Protocol):
    """Implemented by the accounts module and wired by the composition root (core cannot import accounts)."""

    async def access(self, user_id: uuid.UUID, sign_in_id: uuid.UUID) -> AccountAccess | None: ...


def client_ip(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The client's address: the peer, or what a trusted proxy (TESSERA_TRUSTED_PROXIES) said it saw."""
    return connection.client.host if connection.client else "unknown"


def bearer_token(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    scheme, _, token = connection.headers.get("authorization", "").partition(" ")
    return token.strip() or None if scheme.lower() == "bearer" else None


class AuthenticationMiddleware:
    """Puts a :class:`CurrentUser` (or ``None``) into ``scope["user"]``.

    A bearer header, when present, is the only credential considered, so a bearer request never rides on
    cookies (which is what lets bearer requests skip CSRF). A genuine token is honoured only while its sign-in
    is live, the account is active and its token version unchanged; the role is the account's current one.
    """

    def __init__(
        self,
        app: ASGIApp,
        tokens: AccessTokens,
        accounts: AccountAccessLookup,
        require_email_verification: bool = True,
        require_two_factor_roles: frozenset[str] = frozenset(),
    ) -> None:
        self.app = app
        self.tokens = tokens
        self.accounts = accounts
        self.require_email_verification = require_email_verification
        self.require_two_factor_roles = require_two_factor_roles

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in {"http", "websocket"}:
            connection: ASGIConnection[Any, Any, Any, Any] = ASGIConnection(scope)
            token = bearer_token(connection)
            method = AuthMethod.BEARER
            if token is None:
                token = connection.cookies.get(ACCESS_COOKIE) or None
                method = AuthMethod.COOKIE
            scope["user"] = None
            scope["auth"] = None
            if token is not None:
                try:
                    claims = self.tokens.decode(token)
                    access = await self.accounts.access(claims.user_id, claims.sign_in_id)
                    if (
                        access is None
                        or access.sign_in_revoked
                        or not access.is_active
                        or access.token_version != claims.version
                    ):
                        raise InvalidTokenError("This sign-in has ended; sign in again")
                    scope["user"] = CurrentUser(
                        id=claims.user_id,
                        role=access.role,
                        method=method,
                        email_verified=access.email_verified or not self.require_email_verification,
                        must_enrol_two_factor=(
                            access.role.value in self.require_two_factor_roles and not access.two_factor_enabled
                        ),
                    )
                    scope["auth"] = claims
                except (InvalidTokenError, ValueError) as exc:
                    scope.setdefault("state", {})[AUTH_ERROR_KEY] = getattr(exc, "reason", "Invalid access token")
            user = scope["user"]
            actor = set_actor(Actor(user.id if isinstance(user, CurrentUser) else None, client_ip(connection)))
            try:
                await self.app(scope, receive, send)
            finally:
                reset_actor(actor)
            return
        await self.app(scope, receive, send)


def require_user(connection: ASGIConnection[Any, Any, Any, Any]) -> CurrentUser:
    user = connection.scope.get("user")
    if isinstance(user, CurrentUser):
        return user
    reason = connection.scope.get("state", {}).get(AUTH_ERROR_KEY)
    raise NotAuthenticatedError(str(reason) if reason else "Authentication required")


async def provide_current_user(request: ASGIConnection[Any, Any, Any, Any]) -> CurrentUser:
    """Dependency ``current_user``: the authenticated user, or 401."""
    return require_user(request)


async def provide_viewer(request: ASGIConnection[Any, Any, Any, Any]) -> CurrentUser | None:
    """Dependency ``viewer``: the authenticated user on public routes, or ``None``."""
    user = request.scope.get("user")
    return user if isinstance(user, CurrentUser) else None


def requires_roles(*roles: Role) -> Any:
    """Guard: the user must be authenticated and hold one of ``roles`` (admins always pass)."""

    allowed = {*roles, Role.ADMIN}

    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        user = require_user(connection)
        if user.role not in allowed:
            raise PermissionDeniedError("Your account's role may not do this")
        if user.must_enrol_two_factor:
            raise TwoFactorRequiredError("Your account's role requires two-factor sign-in: turn it on first")

    return guard


def require_verified_email(user: CurrentUser) -> None:
    """Paying and publishing need a verified address (TESSERA_REQUIRE_EMAIL_VERIFICATION)."""
    if not user.email_verified:
        raise EmailNotVerifiedError("Verify your e-mail address first: follow the link we sent you")


def requires_verified_email(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
    """Guard form of :func:`require_verified_email`."""
    require_verified_email(require_user(connection))


requires_admin = requires_roles(Role.ADMIN)
requires_organizer = requires_roles(Role.ORGANIZER)
