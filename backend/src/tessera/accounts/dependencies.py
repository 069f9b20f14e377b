"""What the accounts module hands to request handlers (its own and the admin's)."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar.datastructures import State
from litestar.di import NamedDependency
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.access import AccountAccessReader
from tessera.accounts.schemas import UserRead
from tessera.accounts.services import AuthService, UserService
from tessera.core.runtime import Runtime

ACCOUNT_ACCESS_STATE_KEY = "account_access"


def provide_account_access(state: State) -> AccountAccessReader:
    reader: AccountAccessReader = state[ACCOUNT_ACCESS_STATE_KEY]
    return reader


def provide_auth_service(
    db_session: NamedDependency[AsyncSession],
    runtime: NamedDependency[Runtime],
    account_access: NamedDependency[AccountAccessReader],
) -> AuthService:
    return AuthService(
        db_session,
        runtime.settings.auth,
        runtime.passwords,
        runtime.access_tokens,
        runtime.login_throttle,
        account_access,
    )


def provide_user_service(db_session: NamedDependency[AsyncSession]) -> UserService:
    return UserService(session=db_session)


def to_user_read(user: Any) -> UserRead:
    return msgspec.convert(user, UserRead, from_attributes=True)
