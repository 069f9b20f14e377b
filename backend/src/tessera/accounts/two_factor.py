"""Two-factor sign-in with TOTP (RFC 6238: 30-second steps, 6 digits, SHA-1) and ten single-use recovery codes.

The secret is sealed with the personal-data keys. A code is accepted once per account: the accepted time step is
stored, and only a later step is accepted after it (one conditional update, so two requests with the same code
cannot both pass). One step of clock drift is tolerated either way. Recovery codes are stored as hashes and each
works once ever.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal

import pyotp
import segno
from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.access import AccountAccessReader, record_revocation
from tessera.accounts.models import RecoveryCode, User
from tessera.accounts.services import AuthService, Device, IssuedTokens
from tessera.accounts.tokens import AccountTokens, TokenPurpose
from tessera.core.audit import audit
from tessera.core.errors import AppError, ConflictError
from tessera.core.pii import PiiError, PiiVault
from tessera.core.ratelimit import ActionThrottle
from tessera.core.security import Passwords

ISSUER = "Tessera"
RECOVERY_CODES = 10
# Codes as people type them: spaces and dashes are ignored, recovery codes in any case.
_TYPED = str.maketrans("", "", " -")

SignInMethod = Literal["password+totp", "recovery_code"]


class InvalidCodeError(AppError):
    status_code = 400
    code = "invalid_code"


class WrongPasswordError(AppError):
    status_code = 403
    code = "invalid_credentials"


@dataclass(frozen=True, slots=True)
class Enrolment:
    secret: str
    otpauth_uri: str
    qr_svg: str


def _hash_recovery_code(code: str) -> str:
    return hashlib.sha256(code.translate(_TYPED).upper().encode()).hexdigest()


def _new_recovery_code() -> str:
    raw = base64.b32encode(secrets.token_bytes(10)).decode()  # 16 characters, 80 bits
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


class TwoFactor:
    def __init__(
        self,
        session: AsyncSession,
        vault: PiiVault,
        passwords: Passwords,
        access: AccountAccessReader,
        secret_checks: ActionThrottle,
    ) -> None:
        self.session = session
        self.vault = vault
        self.passwords = passwords
        self.access = access
        self.secret_checks = secret_checks

    def _aad(self, user_id: uuid.UUID) -> bytes:
        return b"totp:" + user_id.bytes

    def _secret(self, user: User) -> str | None:
        if user.totp_secret is None:
            return None
        try:
            return self.vault.open(base64.b64decode(user.totp_secret), self._aad(user.id)).decode()
        except (PiiError, ValueError):
            return None

    async def rotate_secrets(self) -> int:
        """Re-seal the secrets sealed with an older TESSERA_PII_KEYS key under the first one; returns how many.
        (Accounts with a second factor are few: one pass.)"""
        resealed = 0
        for user in await self.session.scalars(select(User).where(User.totp_secret.is_not(None))):
            blob = base64.b64decode(user.totp_secret or "")
            if self.vault.key_id(blob) != self.vault.current_key_id:
                sealed = self.vault.seal(self.vault.open(blob, self._aad(user.id)), self._aad(user.id))
                user.totp_secret = base64.b64encode(sealed).decode()
                resealed += 1
        await self.session.flush()
        return resealed

    async def setup(self, user: User) -> Enrolment:
        """A new secret for the account to scan; nothing is enforced until a code from it confirms it."""
        if user.totp_enabled_at is not None:
            raise ConflictError("Two-factor sign-in is already on; turn it off first to set up a new device")
        secret = pyotp.random_base32()
        user.totp_secret = base64.b64encode(self.vault.seal(secret.encode(), self._aad(user.id))).decode()
        user.totp_last_step = None
        await self.session.flush()
        uri = pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)
        qr_svg = segno.make(uri, error="m").svg_inline(scale=4, border=2)
        return Enrolment(secret=secret, otpauth_uri=uri, qr_svg=qr_svg)

    async def enable(self, user: User, code: str, client_ip: str) -> list[str]:
        """Confirm the set-up secret with a code from it; returns the recovery codes, shown this once."""
        await self.secret_checks.check(user.id, client_ip)
        if user.totp_enabled_at is not None:
            raise ConflictError("Two-factor sign-in is already on")
        if not await self._accept_totp(user, code):
            raise InvalidCodeError("That code does not match: check the device's clock and try the next one")
        user.totp_enabled_at = datetime.now(UTC)
        codes = [_new_recovery_code() for _ in range(RECOVERY_CODES)]
        await self.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
        self.session.add_all(RecoveryCode(user_id=user.id, code_hash=_hash_recovery_code(c)) for c in codes)
        await self.session.flush()
        audit(self.session, "account.2fa_enabled", user.id, {"two_factor_enabled": [False, True]})
        await self._changed(user)
        return codes

    async def disable(self, user: User, password: str, code: str, client_ip: str) -> None:
        await self.secret_checks.check(user.id, client_ip)
        if not await self.passwords.verify(user.password_hash, password):
            raise WrongPasswordError("The password is wrong")
        if user.totp_enabled_at is None:
            return
        if await self.check(user, code) is None:
            raise InvalidCodeError("That code does not match")
        await self.turn_off(user)
        audit(self.session, "account.2fa_disabled", user.id, {"two_factor_enabled": [True, False]})

    async def turn_off(self, user: User) -> None:
        user.totp_secret = user.totp_enabled_at = user.totp_last_step = None
        await self.session.execute(delete(RecoveryCode).where(RecoveryCode.user_id == user.id))
        await self.session.flush()
        await self._changed(user)

    async def _changed(self, user: User) -> None:
        """Every process reads the account again (TESSERA_REQUIRE_2FA_ROLES looks at whether 2FA is on)."""
        await record_revocation(self.session, user.id)
        self.access.forget(user.id)

    async def check(self, user: User, code: str) -> SignInMethod | None:
        """Accept a TOTP code or a recovery code once; the sign-in method it stands for, or None."""
        typed = code.translate(_TYPED)
        if typed.isdigit() and len(typed) == 6:
            return "password+totp" if await self._accept_totp(user, typed) else None
        used = await self.session.execute(
            update(RecoveryCode)
            .where(
                RecoveryCode.user_id == user.id,
                RecoveryCode.code_hash == _hash_recovery_code(typed),
                RecoveryCode.used_at.is_(None),
            )
            .values(used_at=datetime.now(UTC))
            .execution_options(synchronize_session=False)
        )
        return "recovery_code" if used.rowcount == 1 else None  # type: ignore[attr-defined]

    async def _accept_totp(self, user: User, code: str) -> bool:
        secret = self._secret(user)
        typed = code.translate(_TYPED)
        if secret is None or not (typed.isdigit() and len(typed) == 6):
            return False
        totp = pyotp.TOTP(secret)
        now = time.time()
        current = totp.timecode(datetime.fromtimestamp(now, UTC))
        for offset in (0, -1, 1):
            if hmac.compare_digest(totp.at(now, counter_offset=offset), typed):
                step = current + offset
                claimed = await self.session.execute(
                    update(User)
                    .where(User.id == user.id, or_(User.totp_last_step.is_(None), User.totp_last_step < step))
                    .values(totp_last_step=step)
                    .execution_options(synchronize_session=False)
                )
                if claimed.rowcount == 1:  # type: ignore[attr-defined]
                    user.totp_last_step = step
                    return True
                return False
        return False


async def reset_two_factor(auth: AuthService, two_factor: TwoFactor, user_id: uuid.UUID) -> None:
    """An admin turns an account's second factor off (a lost device); its sign-ins end."""
    user = await auth.users.get_user(user_id)
    was_on = user.totp_enabled_at is not None
    await two_factor.turn_off(user)
    await auth.revoke_user_sessions(user)
    audit(auth.session, "account.2fa_reset", user.id, {"two_factor_enabled": [was_on, False]})


class SecondStepFailedError(AppError):
    status_code = 401
    code = "invalid_code"


CHALLENGE_LIFETIME = timedelta(minutes=5)


class TwoFactorSignIn:
    """The two steps of signing in with a second factor: a right password earns a challenge (no session, no
    tokens); the challenge and a code then earn exactly what the password alone would have without 2FA."""

    def __init__(self, auth: AuthService, tokens: AccountTokens, two_factor: TwoFactor) -> None:
        self.auth = auth
        self.tokens = tokens
        self.two_factor = two_factor

    async def challenge(self, user: User, device: Device, *, for_cookies: bool) -> str:
        purpose = TokenPurpose.TWO_FACTOR_LOGIN if for_cookies else TokenPurpose.TWO_FACTOR_TOKEN
        _, token = await self.tokens.issue(
            user.id, purpose, CHALLENGE_LIFETIME, ip=device.ip, user_agent=device.user_agent
        )
        return token

    async def finish(self, challenge: str, code: str, client_ip: str) -> tuple[User, IssuedTokens, bool]:
        """The signed-in user, their tokens, and whether the challenge was for cookies (else bearer tokens)."""
        await self.auth.throttle.check_ip(client_ip)
        for purpose in (TokenPurpose.TWO_FACTOR_LOGIN, TokenPurpose.TWO_FACTOR_TOKEN):
            row = await self.tokens.live(challenge, purpose)
            if row is not None:
                break
        else:
            raise SecondStepFailedError("This sign-in attempt has expired; sign in again")
        user = await self.auth.users.get_user(row.user_id)
        if not user.is_active or user.totp_enabled_at is None:
            raise SecondStepFailedError("This sign-in attempt has expired; sign in again")
        method = await self.two_factor.check(user, code)
        if method is None:
            await self.tokens.count_failure(row)
            raise SecondStepFailedError("That code does not match", keeps_changes=True)
        if await self.tokens.use(challenge, purpose) is None:  # a concurrent attempt used the challenge
            raise SecondStepFailedError("This sign-in attempt has expired; sign in again")
        user.last_login_at = datetime.now(UTC)
        device = Device(ip=row.ip or client_ip, user_agent=row.user_agent or "")
        issued = await self.auth.issue_tokens(user, device=device, method=method)
        return user, issued, purpose == TokenPurpose.TWO_FACTOR_LOGIN
