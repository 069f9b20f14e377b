"""Administration of accounts (moderation, audit and backups join here as they are built)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec
from litestar import Controller, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_204_NO_CONTENT
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.schemas import UserRead, UserUpdate, to_user_read
from tessera.accounts.services import AuthService, UserService
from tessera.accounts.two_factor import TwoFactor, reset_two_factor
from tessera.core.audit import AuditFilter, search_audit
from tessera.core.auth import CurrentUser, Role, requires_admin
from tessera.core.pagination import LimitOffset, OffsetPagination, provide_limit_offset


class AdminUserController(Controller):
    path = "/admin/users"
    tags = ["admin"]
    guards = [requires_admin]
    dependencies = {"page": Provide(provide_limit_offset, sync_to_thread=False)}

    @get("/", operation_id="adminListUsers", summary="List accounts")
    async def list_users(
        self,
        user_service: NamedDependency[UserService],
        page: NamedDependency[LimitOffset],
        q: Annotated[str | None, QueryParameter(max_length=200, description="Part of e-mail or name")] = None,
        role: FromQuery[Literal["admin", "organizer", "participant"] | None] = None,
    ) -> OffsetPagination[UserRead]:
        users, total = await user_service.search(page, q=q, role=Role(role) if role else None)
        return OffsetPagination(
            items=[to_user_read(u) for u in users], total=total, limit=page.limit, offset=page.offset
        )

    @get("/{user_id:uuid}", operation_id="adminGetUser", summary="One account")
    async def get_user(self, user_id: FromPath[uuid.UUID], user_service: NamedDependency[UserService]) -> UserRead:
        return to_user_read(await user_service.get_user(user_id))

    @post(
        "/{user_id:uuid}/2fa/reset",
        operation_id="adminResetTwoFactor",
        status_code=HTTP_204_NO_CONTENT,
        summary="Turn an account's two-factor sign-in off (a lost device); its sign-ins end",
    )
    async def reset_two_factor(
        self,
        user_id: FromPath[uuid.UUID],
        auth_service: NamedDependency[AuthService],
        two_factor: NamedDependency[TwoFactor],
    ) -> None:
        await reset_two_factor(auth_service, two_factor, user_id)

    @patch("/{user_id:uuid}", operation_id="adminUpdateUser", summary="Change role, active flag or name")
    async def update_user(
        self,
        user_id: FromPath[uuid.UUID],
        data: JSONBody[UserUpdate],
        auth_service: NamedDependency[AuthService],
        current_user: NamedDependency[CurrentUser],
    ) -> UserRead:
        user = await auth_service.change_account(
            user_id,
            acting_admin_id=current_user.id,
            role=Role(data.role) if data.role is not msgspec.UNSET else msgspec.UNSET,
            is_active=data.is_active,
            name=data.name,
        )
        return to_user_read(user)


class AuditEntryRead(msgspec.Struct):
    id: uuid.UUID
    at: datetime
    actor_id: uuid.UUID | None
    action: str
    entity_type: str
    entity_id: str
    ip: str | None
    # field -> [before, after]; secrets and personal values appear as "[redacted]"
    changes: dict[str, list[Any]]


class AdminAuditController(Controller):
    path = "/admin/audit"
    tags = ["admin"]
    guards = [requires_admin]
    dependencies = {"page": Provide(provide_limit_offset, sync_to_thread=False)}

    @get("/", operation_id="adminListAudit", summary="Who changed what and when, newest first")
    async def list_audit(
        self,
        db_session: NamedDependency[AsyncSession],
        page: NamedDependency[LimitOffset],
        actor_id: FromQuery[uuid.UUID | None] = None,
        entity_type: Annotated[str | None, QueryParameter(max_length=30, description="account, listing, ...")] = None,
        entity_id: Annotated[str | None, QueryParameter(max_length=64)] = None,
        action: Annotated[str | None, QueryParameter(max_length=60, description="e.g. booking.cancelled")] = None,
        since: FromQuery[datetime | None] = None,
        until: FromQuery[datetime | None] = None,
    ) -> OffsetPagination[AuditEntryRead]:
        where = AuditFilter(actor_id, entity_type, entity_id, action, since, until)
        entries, total = await search_audit(db_session, where, page.limit, page.offset)
        return OffsetPagination(
            items=[msgspec.convert(e, AuditEntryRead, from_attributes=True) for e in entries],
            total=total,
            limit=page.limit,
            offset=page.offset,
        )
