from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import msgspec
from litestar import Controller, Request, Response, delete, get, patch, post
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_202_ACCEPTED, HTTP_204_NO_CONTENT

from tessera.accounts.privacy import AccountPrivacy
from tessera.accounts.schemas import (
    AccountDeletion,
    LoginRequest,
    ProfileUpdate,
    RefreshRequest,
    RegisterRequest,
    TokenResponse,
    TwoFactorChallenge,
    TwoFactorVerify,
    UserRead,
    to_user_read,
)
from tessera.accounts.services import AuthService, Device, IssuedTokens
from tessera.accounts.two_factor import TwoFactorSignIn
from tessera.accounts.verification import EmailVerification
from tessera.config import AuthSettings
from tessera.core.auth import ACCESS_COOKIE, REFRESH_COOKIE, CurrentUser, Role, bearer_token, client_ip
from tessera.core.csrf import CREDENTIALS_ENDPOINT
from tessera.core.errors import InvalidRefreshTokenError

API_PREFIX = "/api/v1"
# The refresh cookie reaches /auth/refresh and /auth/logout (so signing out works after the access cookie
# expired) and nothing else. Earlier releases scoped it to /auth/refresh alone; sign-out clears that one too.
REFRESH_COOKIE_PATH = f"{API_PREFIX}/auth"
LEGACY_REFRESH_COOKIE_PATH = f"{API_PREFIX}/auth/refresh"


def device_of(request: Request[Any, Any, Any]) -> Device:
    return Device(ip=client_ip(request), user_agent=request.headers.get("user-agent", "")[:300])


def _seconds_until(moment: datetime) -> int:
    return max(0, int((moment - datetime.now(UTC)).total_seconds()))


def _with_session_cookies(response: Response[Any], tokens: IssuedTokens, secure: bool) -> Response[Any]:
    response.set_cookie(
        ACCESS_COOKIE,
        tokens.access_token,
        path="/",
        max_age=_seconds_until(tokens.access_expires_at),
        httponly=True,
        secure=secure,
        samesite="lax",
    )
    response.set_cookie(
        REFRESH_COOKIE,
        tokens.refresh_token,
        path=REFRESH_COOKIE_PATH,
        max_age=_seconds_until(tokens.refresh_expires_at),
        httponly=True,
        secure=secure,
        samesite="lax",
    )
    return response


class AuthController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post(
        "/register",
        operation_id="register",
        opt={CREDENTIALS_ENDPOINT: True},
        status_code=HTTP_201_CREATED,
        summary="Create an account and sign in",
    )
    async def register(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[RegisterRequest],
        auth_service: NamedDependency[AuthService],
        email_verification: NamedDependency[EmailVerification],
    ) -> Response[UserRead]:
        user, tokens = await auth_service.register(
            email=data.email,
            password=data.password,
            name=data.name,
            role=Role(data.role),
            language=data.language,
            device=device_of(request),
        )
        await email_verification.send_link(user)
        response = Response(to_user_read(user), status_code=HTTP_201_CREATED)
        return _with_session_cookies(response, tokens, auth_service.settings.cookie_secure)

    @post(
        "/login",
        operation_id="login",
        opt={CREDENTIALS_ENDPOINT: True},
        status_code=HTTP_200_OK,
        summary="Sign in (sets session cookies)",
    )
    async def login(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[LoginRequest],
        auth_service: NamedDependency[AuthService],
        two_factor_sign_in: NamedDependency[TwoFactorSignIn],
    ) -> Response[UserRead | TwoFactorChallenge]:
        user = await auth_service.authenticate(email=data.email, password=data.password, client_ip=client_ip(request))
        if user.two_factor_enabled:
            return Response(
                TwoFactorChallenge(await two_factor_sign_in.challenge(user, device_of(request), for_cookies=True))
            )
        tokens = await auth_service.issue_tokens(user, device=device_of(request))
        response: Response[UserRead | TwoFactorChallenge] = Response(to_user_read(user))
        return _with_session_cookies(response, tokens, auth_service.settings.cookie_secure)

    @post(
        "/token",
        operation_id="issueToken",
        opt={CREDENTIALS_ENDPOINT: True},
        status_code=HTTP_200_OK,
        summary="Bearer tokens for API clients",
    )
    async def token(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[LoginRequest],
        auth_service: NamedDependency[AuthService],
        two_factor_sign_in: NamedDependency[TwoFactorSignIn],
    ) -> TokenResponse | TwoFactorChallenge:
        user = await auth_service.authenticate(email=data.email, password=data.password, client_ip=client_ip(request))
        if user.two_factor_enabled:
            return TwoFactorChallenge(await two_factor_sign_in.challenge(user, device_of(request), for_cookies=False))
        return _token_response(await auth_service.issue_tokens(user, device=device_of(request)), auth_service.settings)

    @post(
        "/2fa/verify",
        operation_id="verifyTwoFactor",
        opt={CREDENTIALS_ENDPOINT: True},
        status_code=HTTP_200_OK,
        summary="The second step of a sign-in: answers what the first would have answered without 2FA",
        description=(
            "Session cookies and the account for a challenge from /auth/login, the token body for one from "
            "/auth/token. 401 invalid_code for a wrong, used or expired code or challenge; a challenge lasts five "
            "minutes and survives five wrong codes."
        ),
    )
    async def verify_two_factor(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[TwoFactorVerify],
        auth_service: NamedDependency[AuthService],
        two_factor_sign_in: NamedDependency[TwoFactorSignIn],
    ) -> Response[UserRead | TokenResponse]:
        user, tokens, for_cookies = await two_factor_sign_in.finish(data.challenge, data.code, client_ip(request))
        if not for_cookies:
            return Response(_token_response(tokens, auth_service.settings))
        response: Response[UserRead | TokenResponse] = Response(to_user_read(user))
        return _with_session_cookies(response, tokens, auth_service.settings.cookie_secure)

    @post(
        "/refresh",
        operation_id="refresh",
        status_code=HTTP_200_OK,
        summary="Rotate the refresh token",
        description=(
            "Browsers send the refresh_token cookie and get new cookies and their user back. "
            "API clients send {refresh_token} and get a new token pair. A token works once; "
            "presenting a used one signs out every session descended from the same sign-in."
        ),
    )
    async def refresh(
        self,
        request: Request[Any, Any, Any],
        auth_service: NamedDependency[AuthService],
        data: JSONBody[RefreshRequest | None] = None,
    ) -> Response[UserRead | TokenResponse]:
        body_token = data.refresh_token if data is not None else None
        presented = body_token or request.cookies.get(REFRESH_COOKIE)
        if not presented:
            raise InvalidRefreshTokenError("No refresh token presented")
        user, tokens = await auth_service.rotate(presented)
        if body_token:
            return Response(_token_response(tokens, auth_service.settings))
        response: Response[UserRead | TokenResponse] = Response(to_user_read(user))
        return _with_session_cookies(response, tokens, auth_service.settings.cookie_secure)

    @post("/logout", operation_id="logout", status_code=HTTP_204_NO_CONTENT, summary="Sign out")
    async def logout(
        self,
        request: Request[Any, Any, Any],
        auth_service: NamedDependency[AuthService],
        data: JSONBody[RefreshRequest | None] = None,
    ) -> Response[None]:
        await auth_service.sign_out(
            access_token=bearer_token(request) or request.cookies.get(ACCESS_COOKIE),
            refresh_token=(data.refresh_token if data is not None else None) or request.cookies.get(REFRESH_COOKIE),
        )
        response = Response(None, status_code=HTTP_204_NO_CONTENT)
        response.delete_cookie(ACCESS_COOKIE, path="/")
        response.delete_cookie(REFRESH_COOKIE, path=REFRESH_COOKIE_PATH)
        response.delete_cookie(REFRESH_COOKIE, path=LEGACY_REFRESH_COOKIE_PATH)
        return response

    @get("/me", operation_id="getMe", summary="The signed-in user")
    async def me(
        self, current_user: NamedDependency[CurrentUser], auth_service: NamedDependency[AuthService]
    ) -> UserRead:
        return to_user_read(await auth_service.users.get_user(current_user.id))

    @patch(
        "/me",
        operation_id="updateMe",
        summary="Change your name, language or e-mail address",
        description=(
            "A new address is only asked for: it waits in pending_email (and the answer is 202) until the link "
            "sent to it is opened; the current address is told."
        ),
        responses={202: ResponseSpec(UserRead, description="The new address waits for its link to be opened")},
    )
    async def update_me(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[ProfileUpdate],
        current_user: NamedDependency[CurrentUser],
        auth_service: NamedDependency[AuthService],
        email_verification: NamedDependency[EmailVerification],
    ) -> Response[UserRead]:
        user = await auth_service.users.update_profile(current_user.id, name=data.name, language=data.language)
        status = HTTP_200_OK
        if data.email is not msgspec.UNSET:
            user = await email_verification.change_email(current_user.id, data.email, client_ip(request))
            status = HTTP_202_ACCEPTED if user.pending_email else HTTP_200_OK
        return Response(to_user_read(user), status_code=status)

    @get(
        "/me/export",
        operation_id="exportMyData",
        summary="Everything Tessera holds about you, as one JSON document (a download)",
        description=(
            "The account, sign-ins, bookings, tickets, payments (no card data), refunds, reviews, notifications, "
            "flight passengers with their documents in full, the party host profile, requests and ratings."
        ),
    )
    async def export_my_data(
        self, current_user: NamedDependency[CurrentUser], account_privacy: NamedDependency[AccountPrivacy]
    ) -> Response[dict[str, Any]]:
        document = await account_privacy.export(current_user.id)
        name = f"tessera-data-{datetime.now(UTC):%Y-%m-%d}.json"
        return Response(
            document,
            headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
        )

    @delete(
        "/me",
        operation_id="deleteMe",
        status_code=HTTP_204_NO_CONTENT,
        summary="Erase your account and personal data (what accounting needs stays, with no name on it)",
        description="409 has_future_bookings while confirmed bookings for sessions still to come exist.",
    )
    async def delete_me(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[AccountDeletion],
        current_user: NamedDependency[CurrentUser],
        account_privacy: NamedDependency[AccountPrivacy],
    ) -> Response[None]:
        await account_privacy.delete(current_user.id, data.password, data.code, client_ip(request))
        response = Response(None, status_code=HTTP_204_NO_CONTENT)
        response.delete_cookie(ACCESS_COOKIE, path="/")
        response.delete_cookie(REFRESH_COOKIE, path=REFRESH_COOKIE_PATH)
        return response


def _token_response(tokens: IssuedTokens, settings: AuthSettings) -> TokenResponse:
    return TokenResponse(
        access_token=tokens.access_token,
        refresh_token=tokens.refresh_token,
        expires_in=settings.access_token_minutes * 60,
    )
