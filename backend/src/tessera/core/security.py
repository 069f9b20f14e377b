"""Password hashing (argon2id), access tokens (JWT, HS256 pinned) and opaque refresh tokens."""

from __future__ import annotations

import asyncio
import functools
import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import jwt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from tessera.config import AuthSettings

JWT_ALGORITHM = "HS256"  # pinned: tokens naming any other algorithm are rejected
# Access tokens a process keeps verified: about one per active sign-in, a few hundred bytes each.
VERIFIED_TOKENS_KEPT = 10_000
REFRESH_TOKEN_BYTES = 32


class Passwords:
    """argon2id hashing, run off the event loop because each hash costs tens of milliseconds."""

    def __init__(self, settings: AuthSettings) -> None:
        self._hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_kib,
            parallelism=settings.argon2_parallelism,
        )
        # Verified against when the e-mail is unknown, so both failures cost the same time.
        self._dummy_hash = self._hasher.hash(secrets.token_urlsafe(16))

    async def hash(self, password: str) -> str:
        return await asyncio.to_thread(self._hasher.hash, password)

    async def verify(self, password_hash: str | None, password: str) -> bool:
        return await asyncio.to_thread(self._verify_sync, password_hash, password)

    def _verify_sync(self, password_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash or self._dummy_hash, password) and password_hash is not None
        except (VerifyMismatchError, VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, password_hash: str) -> bool:
        return self._hasher.check_needs_rehash(password_hash)


@dataclass(frozen=True, slots=True)
class AccessClaims:
    user_id: uuid.UUID
    # The sign-in (refresh-token family) the token was issued for, and the account's token version then:
    # the request is refused once either has moved on (sign-out, disabling, a role change).
    sign_in_id: uuid.UUID
    version: int
    jti: str
    expires_at: datetime


class InvalidTokenError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class AccessTokens:
    """Short-lived JWTs naming the user, the sign-in and the account's token version. The role they carry is
    informational: requests are authorised with the account's current role (see ``core.auth``)."""

    def __init__(self, settings: AuthSettings) -> None:
        self._settings = settings
        self.lifetime = timedelta(minutes=settings.access_token_minutes)
        # A token's signature and claims never change, so each is verified once per process; only its
        # expiry is checked again on every use. Whether its sign-in still holds is ``core.auth``'s check.
        self._verified = functools.lru_cache(maxsize=VERIFIED_TOKENS_KEPT)(self._verify)

    def issue(
        self, user_id: uuid.UUID, role: str, family_id: uuid.UUID, version: int, now: datetime | None = None
    ) -> tuple[str, datetime]:
        """Issue a token; ``family_id`` names the sign-in (refresh-token family) it belongs to."""
        issued_at = (now or datetime.now(UTC)).replace(microsecond=0)
        expires_at = issued_at + self.lifetime
        payload = {
            "sub": str(user_id),
            "role": role,
            "iss": self._settings.issuer,
            "aud": self._settings.audience,
            "iat": issued_at,
            "exp": expires_at,
            "jti": uuid.uuid4().hex,
            "fid": str(family_id),
            "ver": version,
        }
        return jwt.encode(payload, self._settings.secret_key, algorithm=JWT_ALGORITHM), expires_at

    def decode(self, token: str) -> AccessClaims:
        claims = self._verified(token)
        if claims.expires_at <= datetime.now(UTC):
            raise InvalidTokenError("Access token expired")
        return claims

    def _verify(self, token: str) -> AccessClaims:
        try:
            payload = jwt.decode(
                token,
                self._settings.secret_key,
                algorithms=[JWT_ALGORITHM],
                audience=self._settings.audience,
                issuer=self._settings.issuer,
                options={"require": ["exp", "iat", "iss", "aud", "sub", "jti"]},
            )
            version = payload["ver"]
            if not isinstance(version, int) or isinstance(version, bool):
                raise ValueError("token version must be an integer")
            return AccessClaims(
                user_id=uuid.UUID(payload["sub"]),
                sign_in_id=uuid.UUID(payload["fid"]),
                version=version,
                jti=str(payload["jti"]),
                expires_at=datetime.fromtimestamp(payload["exp"], UTC),
            )
        except jwt.ExpiredSignatureError as exc:
            raise InvalidTokenError("Access token expired") from exc
        except (jwt.InvalidTokenError, KeyError, ValueError) as exc:
            raise InvalidTokenError("Invalid access token") from exc

    def family_of(self, token: str) -> uuid.UUID | None:
        """The sign-in a token belongs to, from a genuine token even if it has expired (used by sign-out)."""
        try:
            payload = jwt.decode(
                token,
                self._settings.secret_key,
                algorithms=[JWT_ALGORITHM],
                audience=self._settings.audience,
                issuer=self._settings.issuer,
                options={"verify_exp": False},
            )
            return uuid.UUID(payload["fid"])
        except (jwt.InvalidTokenError, KeyError, ValueError):
            return None


def new_refresh_token() -> str:
    return secrets.token_urlsafe(REFRESH_TOKEN_BYTES)


def hash_refresh_token(token: str) -> str:
    """Refresh tokens are 256 random bits, so a plain SHA-256 is enough to store them irreversibly."""
    return hashlib.sha256(token.encode()).hexdigest()
