from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from tessera.core.text import SINGLE_LINE_PATTERN

Email = Annotated[
    str, msgspec.Meta(max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", examples=["ada@example.com"])
]
Password = Annotated[str, msgspec.Meta(min_length=8, max_length=256)]
AnyPassword = Annotated[str, msgspec.Meta(min_length=1, max_length=256)]
Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=SINGLE_LINE_PATTERN)]
Language = Literal["en", "ru"]


class RegisterRequest(msgspec.Struct, forbid_unknown_fields=True):
    email: Email
    password: Password
    name: Name
    language: Language = "en"
    # Self-service accounts are participants, or organizers who want to publish listings; never admins.
    role: Literal["participant", "organizer"] = "participant"


class LoginRequest(msgspec.Struct, forbid_unknown_fields=True):
    email: Email
    password: AnyPassword


class RefreshRequest(msgspec.Struct, forbid_unknown_fields=True):
    """Bearer clients send the refresh token in the body; browsers send nothing (the cookie is used)."""

    refresh_token: str | None = None


class TokenResponse(msgspec.Struct):
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "bearer"  # noqa: S105 - the OAuth token type, not a secret


class UserRead(msgspec.Struct):
    id: uuid.UUID
    email: str
    name: str
    role: str
    is_active: bool
    language: str
    created_at: datetime
    email_verified: bool
    pending_email: str | None
    two_factor_enabled: bool


class UserUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """Admin changes to an account; only the fields sent are changed."""

    role: Literal["participant", "organizer", "admin"] | msgspec.UnsetType = msgspec.UNSET
    is_active: bool | msgspec.UnsetType = msgspec.UNSET
    name: Name | msgspec.UnsetType = msgspec.UNSET


class ProfileUpdate(msgspec.Struct, forbid_unknown_fields=True):
    name: Name | msgspec.UnsetType = msgspec.UNSET
    language: Language | msgspec.UnsetType = msgspec.UNSET
    # A new address waits in pending_email until the link sent to it is opened (the answer is then 202).
    email: Email | msgspec.UnsetType = msgspec.UNSET


Token = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]


class VerifyEmailRequest(msgspec.Struct, forbid_unknown_fields=True):
    token: Token


class PasswordResetRequest(msgspec.Struct, forbid_unknown_fields=True):
    email: Email


class PasswordReset(msgspec.Struct, forbid_unknown_fields=True):
    token: Token
    password: Password


class PasswordChange(msgspec.Struct, forbid_unknown_fields=True):
    current_password: AnyPassword
    new_password: Password


class Accepted(msgspec.Struct):
    """The request was taken; what follows arrives by e-mail."""

    detail: str


class SignInRead(msgspec.Struct):
    id: uuid.UUID
    created_at: datetime
    last_used_at: datetime
    ip: str | None
    user_agent: str | None
    method: Literal["password", "password+totp", "recovery_code"]
    current: bool


class SignInList(msgspec.Struct):
    items: list[SignInRead]


Code = Annotated[str, msgspec.Meta(min_length=1, max_length=40, examples=["123456"])]


class TwoFactorChallenge(msgspec.Struct):
    """The password was right; the second step (POST /auth/2fa/verify) finishes the sign-in."""

    challenge: str
    two_factor_required: bool = True


class TwoFactorVerify(msgspec.Struct, forbid_unknown_fields=True):
    challenge: Token
    code: Code  # from the authenticator app, or a recovery code


class TwoFactorSetup(msgspec.Struct):
    secret: str
    otpauth_uri: str
    qr_svg: str


class TwoFactorEnable(msgspec.Struct, forbid_unknown_fields=True):
    code: Code


class TwoFactorDisable(msgspec.Struct, forbid_unknown_fields=True):
    password: AnyPassword
    code: Code


class AccountDeletion(msgspec.Struct, forbid_unknown_fields=True):
    password: AnyPassword
    code: Code | None = None  # with two-factor sign-in on: from the app, or a recovery code


class RecoveryCodes(msgspec.Struct):
    """Shown once: each stands in for the authenticator app once."""

    recovery_codes: list[str]


def to_user_read(user: Any) -> UserRead:
    return msgspec.convert(user, UserRead, from_attributes=True)
