from __future__ import annotations

import uuid

from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from tessera.approvals.schemas import RequestCreate, RequestDecline, RequestPage, RequestRead
from tessera.approvals.services import Approvals
from tessera.core.auth import CurrentUser, requires_organizer
from tessera.core.pagination import LimitOffset, provide_limit_offset

APPROVAL_DEPENDENCIES = {"page": Provide(provide_limit_offset, sync_to_thread=False)}


class SessionRequestController(Controller):
    path = "/sessions"
    tags = ["approvals"]
    dependencies = APPROVAL_DEPENDENCIES

    @post(
        "/{session_id:uuid}/requests",
        operation_id="requestTickets",
        status_code=HTTP_201_CREATED,
        summary="Ask for tickets sold on the organizer's approval",
    )
    async def request(
        self,
        session_id: FromPath[uuid.UUID],
        data: JSONBody[RequestCreate],
        approvals: NamedDependency[Approvals],
        current_user: NamedDependency[CurrentUser],
    ) -> RequestRead:
        return await approvals.request(session_id, data, current_user)

    @get(
        "/{session_id:uuid}/requests",
        operation_id="listSessionRequests",
        guards=[requires_organizer],
        tags=["organizer"],
        summary="Requests for your session, newest first",
    )
    async def of_session(
        self,
        session_id: FromPath[uuid.UUID],
        approvals: NamedDependency[Approvals],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
    ) -> RequestPage:
        return await approvals.of_session(session_id, current_user, page.limit, page.offset)


class RequestController(Controller):
    path = "/requests"
    tags = ["approvals"]
    dependencies = APPROVAL_DEPENDENCIES

    @get("/", operation_id="listMyRequests", summary="Your requests, newest first")
    async def mine(
        self,
        approvals: NamedDependency[Approvals],
        page: NamedDependency[LimitOffset],
        current_user: NamedDependency[CurrentUser],
    ) -> RequestPage:
        return await approvals.mine(current_user, page.limit, page.offset)

    @post("/{request_id:uuid}/withdraw", operation_id="withdrawRequest", status_code=HTTP_200_OK)
    async def withdraw(
        self,
        request_id: FromPath[uuid.UUID],
        approvals: NamedDependency[Approvals],
        current_user: NamedDependency[CurrentUser],
    ) -> RequestRead:
        return await approvals.withdraw(request_id, current_user)

    @post(
        "/{request_id:uuid}/approve",
        operation_id="approveRequest",
        guards=[requires_organizer],
        status_code=HTTP_200_OK,
        summary="Book what was asked (409 sold_out when no seats are left and none were held)",
    )
    async def approve(
        self,
        request_id: FromPath[uuid.UUID],
        approvals: NamedDependency[Approvals],
        current_user: NamedDependency[CurrentUser],
    ) -> RequestRead:
        return await approvals.approve(request_id, current_user)

    @post(
        "/{request_id:uuid}/decline",
        operation_id="declineRequest",
        guards=[requires_organizer],
        status_code=HTTP_200_OK,
    )
    async def decline(
        self,
        request_id: FromPath[uuid.UUID],
        data: JSONBody[RequestDecline],
        approvals: NamedDependency[Approvals],
        current_user: NamedDependency[CurrentUser],
    ) -> RequestRead:
        return await approvals.decline(request_id, data.reason, current_user)
