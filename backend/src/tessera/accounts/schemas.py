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


class UserUpdate(msgspec.Struct, forbid_unknown_fields=True):
    """Admin changes to an account; only the fields sent are changed."""

    role: Literal["participant", "organizer", "admin"] | msgspec.UnsetType = msgspec.UNSET
    is_active: bool | msgspec.UnsetType = msgspec.UNSET
    name: Name | msgspec.UnsetType = msgspec.UNSET


class ProfileUpdate(msgspec.Struct, forbid_unknown_fields=True):
    name: Name | msgspec.UnsetType = msgspec.UNSET
    language: Language | msgspec.UnsetType = msgspec.UNSET


def to_user_read(user: Any) -> UserRead:
    return msgspec.convert(user, UserRead, from_attributes=True)
