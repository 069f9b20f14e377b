from __future__ import annotations

import uuid
from typing import Literal

from litestar import Controller, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from tessera.core.auth import CurrentUser, requires_admin, requires_organizer
from tessera.core.pagination import LimitOffset, provide_limit_offset
from tessera.reviews.models import ReviewStatus
from tessera.reviews.schemas import ReviewCreate, ReviewFlagCreate, ReviewPage, ReviewRead, ReviewReject, ReviewReply
from tessera.reviews.services import ReviewService

DEPENDENCIES = {
    "page": Provide(provide_limit_offset, sync_to_thread=False),
}


class ReviewController(Controller):
    path = "/reviews"
    tags = ["reviews"]
    dependencies = DEPENDENCIES

    @post(
        "/",
        operation_id="submitReview",
        status_code=HTTP_201_CREATED,
        summary="Review a listing you attended (posting again edits it); reviews are moderated",
    )
    async def submit(
        self,
        data: JSONBody[ReviewCreate],
        reviews: NamedDependency[ReviewService],
        current_user: NamedDependency[CurrentUser],
    ) -> ReviewRead:
        return await reviews.read(await reviews.submit(data, current_user), current_user)

    @post("/{review_id:uuid}/flag", operation_id="flagReview", status_code=HTTP_200_OK)
    async def flag(
        self,
        review_id: FromPath[uuid.UUID],
        reviews: NamedDependency[ReviewService],
        current_user: NamedDependency[CurrentUser],
        data: JSONBody[ReviewFlagCreate | None] = None,
    ) -> ReviewRead:
        review = await reviews.flag(review_id, current_user, data.reason if data else "")
        return await reviews.read(review, current_user)

    @post("/{review_id:uuid}/helpful", operation_id="voteReviewHelpful", status_code=HTTP_200_OK)
    async def helpful(
        self,
        review_id: FromPath[uuid.UUID],
        reviews: NamedDependency[ReviewService],
        current_user: NamedDependency[CurrentUser],
    ) -> ReviewRead:
        return await reviews.read(await reviews.vote_helpful(review_id, current_user), current_user)

    @post(
        "/{review_id:uuid}/reply",
        operation_id="replyToReview",
        status_code=HTTP_200_OK,
        guards=[requires_organizer],
        summary="The organizer's one public reply",
    )
    async def reply(
        self,
        review_id: FromPath[uuid.UUID],
        data: JSONBody[ReviewReply],
        reviews: NamedDependency[ReviewService],
        current_user: NamedDependency[CurrentUser],
    ) -> ReviewRead:
        return await reviews.read(await reviews.reply(review_id, data.text, current_user), current_user)


class EventReviewsController(Controller):
    path = "/events"
    tags = ["reviews"]
    dependencies = DEPENDENCIES

    @get("/{event_id:uuid}/reviews", operation_id="listEventReviews", summary="Approved reviews of a listing")
    async def list_reviews(
        self,
        event_id: FromPath[uuid.UUID],
        reviews: NamedDependency[ReviewService],
        page: NamedDependency[LimitOffset],
        viewer: NamedDependency[CurrentUser | None],
        sort: FromQuery[Literal["newest", "helpful"]] = "newest",
    ) -> ReviewPage:
        return await reviews.public(event_id, viewer, sort, page.limit, page.offset)


class AdminReviewController(Controller):
    path = "/admin/reviews"
    tags = ["admin"]
    guards = [requires_admin]
    dependencies = DEPENDENCIES

    @get("/", operation_id="adminListReviews", summary="The moderation queue, e.g. ?status=pending")
    async def queue(
        self,
        reviews: NamedDependency[ReviewService],
        page: NamedDependency[LimitOffset],
        status: FromQuery[ReviewStatus | None] = None,
    ) -> ReviewPage:
        return await reviews.moderation_queue(status, page.limit, page.offset)

    @post("/{review_id:uuid}/approve", operation_id="adminApproveReview", status_code=HTTP_200_OK)
    async def approve(
        self,
        review_id: FromPath[uuid.UUID],
        reviews: NamedDependency[ReviewService],
        current_user: NamedDependency[CurrentUser],
    ) -> ReviewRead:
        return await reviews.read(await reviews.approve(review_id), current_user)

    @post("/{review_id:uuid}/reject", operation_id="adminRejectReview", status_code=HTTP_200_OK)
    async def reject(
        self,
        review_id: FromPath[uuid.UUID],
        data: JSONBody[ReviewReject],
        reviews: NamedDependency[ReviewService],
        current_user: NamedDependency[CurrentUser],
    ) -> ReviewRead:
        return await reviews.read(await reviews.reject(review_id, data.reason), current_user)
