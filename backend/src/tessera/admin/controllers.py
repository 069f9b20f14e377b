"""Administration of accounts (moderation, audit and backups join here as they are built)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

import msgspec
from litestar import Controller, get, patch
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter

from tessera.accounts.schemas import UserRead, UserUpdate, to_user_read
from tessera.accounts.services import AuthService, UserService
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
