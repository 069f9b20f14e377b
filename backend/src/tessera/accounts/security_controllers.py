"""Account security endpoints: verifying an address, resetting and changing the password, and sign-ins."""

from __future__ import annotations

import uuid
from typing import Any

from litestar import Controller, Request, Response, delete, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_202_ACCEPTED, HTTP_204_NO_CONTENT

from tessera.accounts.recovery import PasswordRecovery
from tessera.accounts.schemas import (
    Accepted,
    PasswordChange,
    PasswordReset,
    PasswordResetRequest,
    RecoveryCodes,
    SignInList,
    TwoFactorDisable,
    TwoFactorEnable,
    TwoFactorSetup,
    UserRead,
    VerifyEmailRequest,
    to_user_read,
)
from tessera.accounts.services import AuthService
from tessera.accounts.sign_ins import SignIns
from tessera.accounts.two_factor import TwoFactor
from tessera.accounts.verification import EmailVerification
from tessera.core.auth import CurrentUser, client_ip
from tessera.core.csrf import CREDENTIALS_ENDPOINT
from tessera.core.security import AccessClaims

RESET_ACCEPTED = "If an account has this address, a link to reset its password is on its way."


def current_sign_in(request: Request[Any, Any, Any]) -> uuid.UUID | None:
    claims = request.scope.get("auth")
    return claims.sign_in_id if isinstance(claims, AccessClaims) else None


class AccountSecurityController(Controller):
    path = "/auth"
    tags = ["auth"]

    @post(
        "/verify-email",
        operation_id="verifyEmail",
        opt={CREDENTIALS_ENDPOINT: True},
        status_code=HTTP_200_OK,
        summary="Confirm an address with the token from its link (no sign-in needed)",
    )
    async def verify_email(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[VerifyEmailRequest],
        email_verification: NamedDependency[EmailVerification],
    ) -> UserRead:
        return to_user_read(await email_verification.verify(data.token, client_ip(request)))

    @post(
        "/verify-email/resend",
        operation_id="resendVerification",
        status_code=HTTP_202_ACCEPTED,
        summary="Send the verification link again",
    )
    async def resend(
        self,
        request: Request[Any, Any, Any],
        current_user: NamedDependency[CurrentUser],
        email_verification: NamedDependency[EmailVerification],
    ) -> Accepted:
        await email_verification.resend(current_user.id, client_ip(request))
        return Accepted("If your address still needs confirming, a new link is on its way.")

    @post(
        "/password-reset/request",
        operation_id="requestPasswordReset",
        opt={CREDENTIALS_ENDPOINT: True},
        status_code=HTTP_202_ACCEPTED,
        summary="E-mail a password reset link (the same answer whether or not the address has an account)",
    )
    async def request_reset(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[PasswordResetRequest],
        password_recovery: NamedDependency[PasswordRecovery],
    ) -> Accepted:
        await password_recovery.request_reset(data.email, client_ip(request))
        return Accepted(RESET_ACCEPTED)

    @post(
        "/password-reset",
        operation_id="resetPassword",
        opt={CREDENTIALS_ENDPOINT: True},
        status_code=HTTP_204_NO_CONTENT,
        summary="Choose a new password with the token from the link; every sign-in of the account ends",
    )
    async def reset(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[PasswordReset],
        password_recovery: NamedDependency[PasswordRecovery],
    ) -> Response[None]:
        await password_recovery.reset(data.token, data.password, client_ip(request))
        return Response(None, status_code=HTTP_204_NO_CONTENT)

    @post(
        "/password",
        operation_id="changePassword",
        status_code=HTTP_204_NO_CONTENT,
        summary="Change your password; every other sign-in ends",
    )
    async def change_password(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[PasswordChange],
        current_user: NamedDependency[CurrentUser],
        password_recovery: NamedDependency[PasswordRecovery],
    ) -> Response[None]:
        await password_recovery.change(
            current_user.id, current_sign_in(request), data.current_password, data.new_password, client_ip(request)
        )
        return Response(None, status_code=HTTP_204_NO_CONTENT)

    @post(
        "/2fa/setup",
        operation_id="setUpTwoFactor",
        status_code=HTTP_200_OK,
        summary="A new authenticator secret and its QR code; nothing changes until a code confirms it",
    )
    async def set_up_two_factor(
        self,
        current_user: NamedDependency[CurrentUser],
        auth_service: NamedDependency[AuthService],
        two_factor: NamedDependency[TwoFactor],
    ) -> TwoFactorSetup:
        enrolment = await two_factor.setup(await auth_service.users.get_user(current_user.id))
        return TwoFactorSetup(enrolment.secret, enrolment.otpauth_uri, enrolment.qr_svg)

    @post(
        "/2fa/enable",
        operation_id="enableTwoFactor",
        status_code=HTTP_200_OK,
        summary="Turn two-factor sign-in on with a code from the new secret; returns ten recovery codes, once",
    )
    async def enable_two_factor(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[TwoFactorEnable],
        current_user: NamedDependency[CurrentUser],
        auth_service: NamedDependency[AuthService],
        two_factor: NamedDependency[TwoFactor],
    ) -> RecoveryCodes:
        user = await auth_service.users.get_user(current_user.id)
        return RecoveryCodes(recovery_codes=await two_factor.enable(user, data.code, client_ip(request)))

    @post(
        "/2fa/disable",
        operation_id="disableTwoFactor",
        status_code=HTTP_204_NO_CONTENT,
        summary="Turn two-factor sign-in off (the password and a code, or a recovery code)",
    )
    async def disable_two_factor(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[TwoFactorDisable],
        current_user: NamedDependency[CurrentUser],
        auth_service: NamedDependency[AuthService],
        two_factor: NamedDependency[TwoFactor],
    ) -> None:
        user = await auth_service.users.get_user(current_user.id)
        await two_factor.disable(user, data.password, data.code, client_ip(request))

    @get("/sessions", operation_id="listSignIns", summary="Your sign-ins that have not ended")
    async def list_sign_ins(
        self,
        request: Request[Any, Any, Any],
        current_user: NamedDependency[CurrentUser],
        sign_ins: NamedDependency[SignIns],
    ) -> SignInList:
        return SignInList(items=await sign_ins.live(current_user.id, current_sign_in(request)))

    @delete(
        "/sessions/{sign_in_id:uuid}",
        operation_id="endSignIn",
        status_code=HTTP_204_NO_CONTENT,
        summary="End one of your sign-ins: its tokens stop working at once",
    )
    async def end_sign_in(
        self,
        sign_in_id: FromPath[uuid.UUID],
        current_user: NamedDependency[CurrentUser],
        sign_ins: NamedDependency[SignIns],
    ) -> None:
        await sign_ins.end(current_user.id, sign_in_id)
