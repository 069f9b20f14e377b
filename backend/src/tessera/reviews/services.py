"""Review rules: only attendees review, everything is moderated, ratings are kept on the listing."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal

from advanced_alchemy.exceptions import IntegrityError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError as SQLAlchemyIntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.services import UserService
from tessera.booking.attendance import Attendance
from tessera.catalog.models import ListingDomain
from tessera.catalog.services import CatalogService
from tessera.core.audit import audit
from tessera.core.auth import CurrentUser
from tessera.core.errors import AppError, NotFoundAppError, PermissionDeniedError
from tessera.core.outbox import Outgoing, enqueue
from tessera.reviews.models import Review, ReviewFlag, ReviewStatus, ReviewVote
from tessera.reviews.schemas import ReviewCreate, ReviewPage, ReviewRead


class NotAttendedError(AppError):
    status_code = 403
    code = "not_attended"


class UsePartyRatingsError(AppError):
    status_code = 409
    code = "use_party_ratings"


class AlreadyRepliedError(AppError):
    status_code = 409
    code = "already_replied"


class ReviewService:
    def __init__(
        self,
        session: AsyncSession,
        catalog: CatalogService,
        attendance: Attendance,
        flag_threshold: int,
    ) -> None:
        self.session = session
        self.catalog = catalog
        self.attendance = attendance
        self.flag_threshold = flag_threshold

    async def _review(self, review_id: uuid.UUID, *, lock: bool = False) -> Review:
        stmt = select(Review).where(Review.id == review_id).execution_options(populate_existing=True)
        review = await self.session.scalar(stmt.with_for_update() if lock else stmt)
        if review is None:
            raise NotFoundAppError("Review not found")
        return review

    async def submit(self, data: ReviewCreate, user: CurrentUser) -> Review:
        """Post or edit the user's review of a listing; either way it waits for moderation."""
        event = await self.catalog.visible_event(data.event_id, user)
        if event.managed_by == ListingDomain.PARTIES:
            # One rating system per domain: host and guests rate each other, double-blind.
            raise UsePartyRatingsError("Watch parties are rated by host and guests, on the party's page")
        if not await self.attendance.has_attended(user.id, event.id, datetime.now(UTC)):
            raise NotAttendedError("Only people who attended can review this listing")
        review = await self.session.scalar(
            select(Review).where(Review.event_id == event.id, Review.user_id == user.id).with_for_update()
        )
        was_public = review is not None and review.status == ReviewStatus.APPROVED
        if review is None:
            review = Review(event_id=event.id, user_id=user.id, rating=data.rating, comment=data.comment.strip())
            self.session.add(review)
        else:
            review.rating, review.comment = data.rating, data.comment.strip()
            review.status, review.rejection_reason, review.moderated_at = ReviewStatus.PENDING, None, None
        await self.session.flush()
        if was_public:  # an edit leaves the public rating until it is approved again
            await self._refresh_rating(event.id)
        return review

    async def public(
        self,
        event_id: uuid.UUID,
        viewer: CurrentUser | None,
        order: Literal["newest", "helpful"],
        limit: int,
        offset: int,
    ) -> ReviewPage:
        await self.catalog.visible_event(event_id, viewer)
        stmt = select(Review).where(Review.event_id == event_id, Review.status == ReviewStatus.APPROVED)
        total = await self.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        ordering = (
            [Review.helpful.desc(), Review.created_at.desc()] if order == "helpful" else [Review.created_at.desc()]
        )
        rows = list(await self.session.scalars(stmt.order_by(*ordering, Review.id).limit(limit).offset(offset)))
        return ReviewPage(items=await self.reads(rows), total=total, limit=limit, offset=offset)

    async def moderation_queue(self, status: str | None, limit: int, offset: int) -> ReviewPage:
        stmt = select(Review)
        if status is not None:
            stmt = stmt.where(Review.status == status)
        total = await self.session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        rows = list(await self.session.scalars(stmt.order_by(Review.created_at).limit(limit).offset(offset)))
        return ReviewPage(items=await self.reads(rows, moderator=True), total=total, limit=limit, offset=offset)

    async def approve(self, review_id: uuid.UUID) -> Review:
        review = await self._review(review_id, lock=True)
        if review.status != ReviewStatus.APPROVED:
            audit(self.session, "review.moderated", review.id, {"status": [review.status, ReviewStatus.APPROVED]})
            review.status, review.rejection_reason = ReviewStatus.APPROVED, None
            review.moderated_at = datetime.now(UTC)
            # Moderation has looked at the flags: count afresh, but keep who flagged, so the same people
            # cannot flag it straight back into moderation (one flag per account and review, ever).
            review.flags = 0
            await self.session.flush()
            await self._refresh_rating(review.event_id)
            await self._tell_author(review, "review_approved", {})
        return review

    async def reject(self, review_id: uuid.UUID, reason: str) -> Review:
        review = await self._review(review_id, lock=True)
        was_public = review.status == ReviewStatus.APPROVED
        audit(self.session, "review.moderated", review.id, {"status": [review.status, ReviewStatus.REJECTED]})
        review.status, review.rejection_reason = ReviewStatus.REJECTED, reason.strip()
        review.moderated_at = datetime.now(UTC)
        await self.session.flush()
        if was_public:
            await self._refresh_rating(review.event_id)
        await self._tell_author(review, "review_rejected", {"reason": review.rejection_reason})
        return review

    async def flag(self, review_id: uuid.UUID, user: CurrentUser, reason: str) -> Review:
        """Anyone signed in may flag a public review once; enough flags send it back to moderation."""
        review = await self._review(review_id, lock=True)
        if review.status != ReviewStatus.APPROVED:
            raise NotFoundAppError("Review not found")
        try:
            async with self.session.begin_nested():
                self.session.add(ReviewFlag(review_id=review.id, user_id=user.id, reason=reason.strip()))
        except (IntegrityError, SQLAlchemyIntegrityError):
            return review  # flagging twice counts once
        review.flags += 1
        if review.flags >= self.flag_threshold:
            review.status = ReviewStatus.PENDING
            await self.session.flush()
            await self._refresh_rating(review.event_id)
        await self.session.flush()
        return review

    async def vote_helpful(self, review_id: uuid.UUID, user: CurrentUser) -> Review:
        review = await self._review(review_id, lock=True)
        if review.status != ReviewStatus.APPROVED:
            raise NotFoundAppError("Review not found")
        try:
            async with self.session.begin_nested():
                self.session.add(ReviewVote(review_id=review.id, user_id=user.id))
        except (IntegrityError, SQLAlchemyIntegrityError):
            return review
        review.helpful += 1
        await self.session.flush()
        return review

    async def reply(self, review_id: uuid.UUID, text: str, user: CurrentUser) -> Review:
        """The listing's organizer answers an approved review, once, in public."""
        review = await self._review(review_id, lock=True)
        if review.status != ReviewStatus.APPROVED:
            raise NotFoundAppError("Review not found")
        event = await self.catalog.visible_event(review.event_id, user)
        if not (user.is_admin or event.organizer_id == user.id):
            raise PermissionDeniedError("Only the listing's organizer may reply")
        if review.reply is not None:
            raise AlreadyRepliedError("This review already has a reply")
        review.reply, review.replied_at = text.strip(), datetime.now(UTC)
        await self.session.flush()
        return review

    async def _refresh_rating(self, event_id: uuid.UUID) -> None:
        """Recompute the listing's average and count from its approved reviews (at moderation, not per request)."""
        average, count = (
            await self.session.execute(
                select(func.coalesce(func.avg(Review.rating), 0), func.count()).where(
                    Review.event_id == event_id, Review.status == ReviewStatus.APPROVED
                )
            )
        ).one()
        await self.catalog.set_rating(event_id, float(average), int(count))
        self.catalog.invalidate()

    async def _tell_author(self, review: Review, kind: str, extra: dict[str, str]) -> None:
        event = await self.catalog.visible_event(review.event_id, None)
        await enqueue(
            self.session,
            [
                Outgoing(
                    user_id=review.user_id,
                    kind=kind,
                    payload={"review_id": str(review.id), "title": event.title, **extra},
                    dedupe_key=f"review:{review.id}:{kind}:{review.updated_at.isoformat()}",
                )
            ],
        )

    async def reads(self, reviews: Sequence[Review], *, moderator: bool = False) -> list[ReviewRead]:
        names = await UserService(session=self.session).names([r.user_id for r in reviews])
        return [
            ReviewRead(
                id=r.id,
                event_id=r.event_id,
                status=r.status,
                rating=r.rating,
                comment=r.comment,
                author_name=names.get(r.user_id, ""),
                helpful=r.helpful,
                reply=r.reply,
                replied_at=r.replied_at,
                created_at=r.created_at,
                updated_at=r.updated_at,
                rejection_reason=r.rejection_reason if moderator else None,
            )
            for r in reviews
        ]

    async def read(self, review: Review, user: CurrentUser) -> ReviewRead:
        [result] = await self.reads([review], moderator=user.is_admin or user.id == review.user_id)
        return result
