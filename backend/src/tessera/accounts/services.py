"""Accounts: users, sign-up, sign-in, token issue and rotation."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import msgspec
from advanced_alchemy.exceptions import IntegrityError
from advanced_alchemy.filters import LimitOffset, StatementFilter
from advanced_alchemy.repository import SQLAlchemyAsyncRepository
from advanced_alchemy.service import SQLAlchemyAsyncRepositoryService
from sqlalchemy import ColumnElement, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.access import AccountAccessReader, record_revocation
from tessera.accounts.models import RefreshToken, SignIn, User
from tessera.config import AuthSettings, Settings
from tessera.core.audit import audit
from tessera.core.auth import Role
from tessera.core.db import session_scope
from tessera.core.errors import (
    AppError,
    EmailTakenError,
    InvalidCredentialsError,
    InvalidRefreshTokenError,
    NotFoundAppError,
    is_constraint_violation,
)
from tessera.core.messages import Addressee
from tessera.core.outbox import Outgoing, enqueue
from tessera.core.ratelimit import LoginThrottle
from tessera.core.security import AccessTokens, Passwords, hash_refresh_token, new_refresh_token


class AccountDisabledError(AppError):
    status_code = 403
    code = "account_disabled"


class OwnAccountChangeError(AppError):
    status_code = 409
    code = "own_account_change"


def normalize_email(email: str) -> str:
    return email.strip().lower()


class UserRepository(SQLAlchemyAsyncRepository[User]):
    model_type = User


class UserService(SQLAlchemyAsyncRepositoryService[User, UserRepository]):
    repository_type = UserRepository

    async def get_by_email(self, email: str) -> User | None:
        return await self.repository.get_one_or_none(func.lower(User.email) == normalize_email(email))

    async def search(self, page: LimitOffset, *, q: str | None, role: Role | None) -> tuple[list[User], int]:
        """Accounts whose e-mail or name contains ``q`` (any case), newest first."""
        filters: list[StatementFilter | ColumnElement[bool]] = [page]
        if q:
            pattern = f"%{q.lower()}%"
            filters.append(or_(func.lower(User.email).like(pattern), func.lower(User.name).like(pattern)))
        if role is not None:
            filters.append(User.role == role.value)
        users, total = await self.get_many_and_count(*filters, order_by=[User.created_at.desc()])
        return list(users), total

    async def names(self, user_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, str]:
        """Display names for other modules (organizer names on listings, attendee names for organizers)."""
        if not user_ids:
            return {}
        rows = await self.repository.session.execute(select(User.id, User.name).where(User.id.in_(set(user_ids))))
        return dict(rows.tuples().all())

    async def get_user(self, user_id: uuid.UUID) -> User:
        user = await self.repository.get_one_or_none(User.id == user_id)
        if user is None:
            raise NotFoundAppError("User not found")
        return user

    async def create_user(
        self,
        *,
        email: str,
        password_hash: str,
        name: str,
        role: Role = Role.PARTICIPANT,
        language: str = "en",
        email_verified: bool = False,
    ) -> User:
        email = normalize_email(email)
        if await self.get_by_email(email) is not None:
            raise EmailTakenError("An account with this e-mail already exists")
        try:
            return await self.repository.add(
                User(
                    email=email,
                    name=name.strip(),
                    password_hash=password_hash,
                    role=role.value,
                    language=language,
                    email_verified_at=datetime.now(UTC) if email_verified else None,
                )
            )
        except IntegrityError as exc:
            if is_constraint_violation(exc):  # a concurrent sign-up with the same e-mail won the race
                raise EmailTakenError("An account with this e-mail already exists") from exc
            raise

    async def update_profile(
        self,
        user_id: uuid.UUID,
        *,
        name: str | msgspec.UnsetType = msgspec.UNSET,
        language: str | msgspec.UnsetType = msgspec.UNSET,
    ) -> User:
        user = await self.get_user(user_id)
        if name is not msgspec.UNSET:
            user.name = name.strip()
        if language is not msgspec.UNSET:
            user.language = language
        return user


@dataclass(frozen=True, slots=True)
class Device:
    """Where a sign-in comes from, as the request showed it."""

    ip: str
    user_agent: str


@dataclass(frozen=True, slots=True)
class IssuedTokens:
    access_token: str
    access_expires_at: datetime
    refresh_token: str
    refresh_expires_at: datetime


class AuthService:
    """Sign-up, sign-in and the refresh-token family rules.

    A refresh token may be used once. Using it again means it leaked (or a client raced itself): the whole
    family, i.e. every token descended from the same sign-in, is revoked and the user must sign in again.
    The one exception is a reuse within ``refresh_grace_seconds`` of the rotation (two tabs refreshing at the
    same moment), which gets a sibling token of the same sign-in.
    """

    def __init__(
        self,
        session: AsyncSession,
        settings: AuthSettings,
        passwords: Passwords,
        tokens: AccessTokens,
        throttle: LoginThrottle,
        access: AccountAccessReader,
    ) -> None:
        self.session = session
        self.settings = settings
        self.passwords = passwords
        self.tokens = tokens
        self.throttle = throttle
        self.access = access
        self.users = UserService(session=session)

    async def register(
        self, *, email: str, password: str, name: str, role: Role, language: str, device: Device
    ) -> tuple[User, IssuedTokens]:
        await self.throttle.check_ip(device.ip)
        user = await self.users.create_user(
            email=email, password_hash=await self.passwords.hash(password), name=name, role=role, language=language
        )
        await enqueue(
            self.session, [Outgoing(user_id=user.id, kind="welcome", payload={}, dedupe_key=f"user:{user.id}:welcome")]
        )
        audit(self.session, "account.created", user.id, {"role": [None, user.role]}, actor_id=user.id)
        return user, await self.issue_tokens(user, device=device)

    async def authenticate(self, *, email: str, password: str, client_ip: str) -> User:
        email = normalize_email(email)
        await self.throttle.check_ip(client_ip)
        await self.throttle.check_email(email, client_ip)
        user = await self.users.get_by_email(email)
        # Unknown e-mails are checked against a dummy hash: same answer, same time.
        if not await self.passwords.verify(user.password_hash if user else None, password) or user is None:
            await self.throttle.record_failure(email, client_ip)
            raise InvalidCredentialsError("Wrong e-mail or password")
        if not user.is_active:
            raise AccountDisabledError("This account is disabled")
        await self.throttle.record_success(email, client_ip)
        if self.passwords.needs_rehash(user.password_hash):
            user.password_hash = await self.passwords.hash(password)
        user.last_login_at = datetime.now(UTC)
        return user

    async def issue_tokens(
        self,
        user: User,
        family_id: uuid.UUID | None = None,
        *,
        device: Device | None = None,
        method: str = "password",
    ) -> IssuedTokens:
        """Tokens for a new sign-in (from ``device``), or (``family_id``) new tokens of an existing one."""
        now = datetime.now(UTC)
        refresh_token = new_refresh_token()
        refresh_expires_at = now + timedelta(days=self.settings.refresh_token_days)
        if family_id is None:
            if device is not None:
                await self._tell_if_new_device(user, device)
            family_id = await start_sign_in(self.session, user.id, device=device, method=method)
        self.session.add(
            RefreshToken(
                user_id=user.id,
                family_id=family_id,
                token_hash=hash_refresh_token(refresh_token),
                expires_at=refresh_expires_at,
            )
        )
        await self.session.flush()
        access_token, access_expires_at = self.tokens.issue(user.id, user.role, family_id, user.token_version, now=now)
        return IssuedTokens(access_token, access_expires_at, refresh_token, refresh_expires_at)

    async def _tell_if_new_device(self, user: User, device: Device) -> None:
        """A sign-in from a browser or program this account has not signed in from before is e-mailed to it
        (not the first sign-in, at sign-up)."""
        seen = await self.session.scalar(
            select(func.count()).select_from(SignIn).where(SignIn.user_id == user.id, SignIn.user_agent.is_not(None))
        )
        if not seen:
            return
        known = await self.session.scalar(
            select(SignIn.id).where(SignIn.user_id == user.id, SignIn.user_agent == device.user_agent[:300]).limit(1)
        )
        if known is None:
            now = datetime.now(UTC)
            await enqueue(
                self.session,
                [
                    Outgoing(
                        user.id,
                        "new_sign_in",
                        {"ip": device.ip, "user_agent": device.user_agent[:300], "at": now.isoformat()},
                        dedupe_key=f"user:{user.id}:sign-in:{now.isoformat()}",
                    )
                ],
            )

    async def rotate(self, refresh_token: str) -> tuple[User, IssuedTokens]:
        now = datetime.now(UTC)
        record = await self.session.scalar(
            select(RefreshToken).where(RefreshToken.token_hash == hash_refresh_token(refresh_token))
        )
        if record is None or record.revoked_at is not None or record.expires_at <= now:
            raise InvalidRefreshTokenError("Refresh token is invalid or expired; sign in again")
        # Claim the token with one conditional update, so two concurrent uses cannot both succeed.
        claimed = await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.id == record.id, RefreshToken.used_at.is_(None), RefreshToken.revoked_at.is_(None))
            .values(used_at=now)
        )
        if claimed.rowcount != 1 and not await self._within_grace(record.id, now):  # type: ignore[attr-defined]
            await self.revoke_family(record.family_id, record.user_id)
            raise InvalidRefreshTokenError(
                "Refresh token was already used; every session from it is signed out", keeps_changes=True
            )
        user = await self.session.get(User, record.user_id)
        signed_in = await self.session.scalar(
            select(SignIn.id).where(SignIn.id == record.family_id, SignIn.revoked_at.is_(None))
        )
        if signed_in is None:
            raise InvalidRefreshTokenError("This sign-in has ended; sign in again")
        await self.session.execute(update(SignIn).where(SignIn.id == record.family_id).values(last_used_at=now))
        if user is None or not user.is_active:
            await self.revoke_family(record.family_id, record.user_id)
            raise InvalidRefreshTokenError("This account can no longer sign in", keeps_changes=True)
        return user, await self.issue_tokens(user, family_id=record.family_id)

    async def _within_grace(self, token_id: uuid.UUID, now: datetime) -> bool:
        """Was this (already used) token rotated moments ago, so that this is a twin request, not a replay?
        (A twin that started before the winner claimed the token sees a negative age: still a twin.)"""
        if self.settings.refresh_grace_seconds == 0:
            return False
        used_at = await self.session.scalar(
            select(RefreshToken.used_at).where(RefreshToken.id == token_id, RefreshToken.revoked_at.is_(None))
        )
        return used_at is not None and now - used_at <= timedelta(seconds=self.settings.refresh_grace_seconds)

    async def revoke_family(self, family_id: uuid.UUID, user_id: uuid.UUID) -> None:
        """End one sign-in: its refresh tokens and (through the sign-in row) its access tokens."""
        now = datetime.now(UTC)
        await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        await self.session.execute(
            update(SignIn).where(SignIn.id == family_id, SignIn.revoked_at.is_(None)).values(revoked_at=now)
        )
        await record_revocation(self.session, user_id)
        self.access.forget(user_id)

    async def sign_out(self, *, access_token: str | None, refresh_token: str | None) -> None:
        """Revoke the sign-in named by either token (an expired access token still names it); unknown or
        forged tokens are ignored."""
        family_ids: set[uuid.UUID] = set()
        if access_token and (family_id := self.tokens.family_of(access_token)) is not None:
            family_ids.add(family_id)
        if refresh_token:
            family_id = await self.session.scalar(
                select(RefreshToken.family_id).where(RefreshToken.token_hash == hash_refresh_token(refresh_token))
            )
            if family_id is not None:
                family_ids.add(family_id)
        for family_id in family_ids:
            user_id = await self.session.scalar(select(SignIn.user_id).where(SignIn.id == family_id))
            if user_id is not None:
                await self.revoke_family(family_id, user_id)

    async def end_other_sign_ins(self, user_id: uuid.UUID, keep: uuid.UUID | None) -> None:
        """End every sign-in of the account but ``keep`` (the one asking)."""
        now = datetime.now(UTC)
        others = select(SignIn.id).where(SignIn.user_id == user_id, SignIn.id != keep, SignIn.revoked_at.is_(None))
        await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.family_id.in_(others), RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        await self.session.execute(
            update(SignIn)
            .where(SignIn.user_id == user_id, SignIn.id != keep, SignIn.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        await record_revocation(self.session, user_id)
        self.access.forget(user_id)

    async def revoke_user_sessions(self, user: User) -> None:
        """End every sign-in of the account, and every access token issued so far (the token version moves)."""
        now = datetime.now(UTC)
        await self.session.execute(
            update(RefreshToken)
            .where(RefreshToken.user_id == user.id, RefreshToken.revoked_at.is_(None))
            .values(revoked_at=now)
        )
        await self.session.execute(
            update(SignIn).where(SignIn.user_id == user.id, SignIn.revoked_at.is_(None)).values(revoked_at=now)
        )
        user.token_version += 1
        await record_revocation(self.session, user.id)
        self.access.forget(user.id)

    async def change_account(
        self,
        user_id: uuid.UUID,
        *,
        acting_admin_id: uuid.UUID,
        role: Role | msgspec.UnsetType = msgspec.UNSET,
        is_active: bool | msgspec.UnsetType = msgspec.UNSET,
        name: str | msgspec.UnsetType = msgspec.UNSET,
    ) -> User:
        """An admin changes an account. Disabling it (or changing its role) signs it out everywhere."""
        user = await self.users.get_user(user_id)
        if user_id == acting_admin_id and (is_active is False or (role is not msgspec.UNSET and role != Role.ADMIN)):
            raise OwnAccountChangeError("Admins cannot disable or demote their own account")
        changed_access = False
        if role is not msgspec.UNSET and role.value != user.role:
            audit(self.session, "account.role_changed", user.id, {"role": [user.role, role.value]})
            user.role = role.value
            changed_access = True
        if is_active is not msgspec.UNSET and is_active != user.is_active:
            verb = "enabled" if is_active else "disabled"
            audit(self.session, f"account.{verb}", user.id, {"is_active": [user.is_active, is_active]})
            user.is_active = is_active
            changed_access = True
        if name is not msgspec.UNSET and name.strip() != user.name:
            audit(self.session, "account.renamed", user.id)  # the names themselves stay out of the log
            user.name = name.strip()
        if changed_access:
            await self.revoke_user_sessions(user)
        await self.session.flush()
        return user


async def start_sign_in(
    session: AsyncSession, user_id: uuid.UUID, *, device: Device | None = None, method: str = "password"
) -> uuid.UUID:
    """Record a new sign-in; its id is the family of the refresh tokens and access tokens issued for it."""
    sign_in = SignIn(
        user_id=user_id,
        ip=device.ip[:64] if device else None,
        user_agent=device.user_agent[:300] if device else None,
        method=method,
    )
    session.add(sign_in)
    await session.flush()
    return sign_in.id


async def ensure_admin(settings: Settings, *, email: str, name: str, password: str) -> bool:
    """Create the admin account, or promote and re-password an existing one. Returns True if created."""
    passwords = Passwords(settings.auth)
    async with session_scope(settings.database) as session:
        users = UserService(session=session)
        password_hash = await passwords.hash(password)
        user = await users.get_by_email(email)
        if user is None:
            await users.create_user(
                email=email, password_hash=password_hash, name=name, role=Role.ADMIN, email_verified=True
            )
            return True
        user.role = Role.ADMIN.value
        user.email_verified_at = user.email_verified_at or datetime.now(UTC)
        user.password_hash = password_hash
        user.is_active = True
        return False


class AccountAddressBook:
    """Where notifications go: the account's name, address and language (core.messages.AddressBook)."""

    async def addressee(self, session: AsyncSession, user_id: uuid.UUID) -> Addressee:
        user = await UserService(session=session).get_user(user_id)
        return Addressee(user.name, user.email, user.language)
