"""Short links: created once per creator and target (a second request returns the same link), followed with
a redirect that counts people, not link-preview fetchers."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Protocol

import structlog
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.codes import REFERENCE_ALPHABET
from tessera.core.auth import CurrentUser
from tessera.core.background import on_commit
from tessera.core.errors import AppError, NotFoundAppError
from tessera.links.models import ShortLink
from tessera.links.schemas import ShortLinkCreate, ShortLinkRead

logger = structlog.get_logger("tessera.links")
CODE_LENGTH = 7
_DRAWS = 3
# Link previews in chats fetch a link without a person following it.
PREVIEW_AGENTS = ("facebookexternalhit", "telegrambot", "whatsapp", "slackbot", "twitterbot", "discordbot")


class TargetNotFoundError(AppError):
    status_code = 404
    code = "target_not_found"


class Targets(Protocol):
    """Where a target lives in the web app, if the user may share it (the composition root answers, from the
    modules that own the targets)."""

    async def path(
        self, session: AsyncSession, target_type: str, target_id: uuid.UUID, user: CurrentUser | None
    ) -> str | None: ...


def _new_code() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(CODE_LENGTH))


def _logged(code: str, target_type: str, target_id: uuid.UUID) -> Callable[[], Awaitable[None]]:
    """The log event of a new link, written once its transaction commits."""

    async def log() -> None:
        logger.info("short_link.created", code=code, target_type=target_type, target_id=str(target_id))

    return log


def is_preview(user_agent: str) -> bool:
    agent = user_agent.lower()
    return any(bot in agent for bot in PREVIEW_AGENTS)


class ShortLinks:
    def __init__(self, session: AsyncSession, targets: Targets, public_url: str) -> None:
        self.session = session
        self.targets = targets
        self.public_url = public_url

    async def create(self, data: ShortLinkCreate, user: CurrentUser) -> tuple[bool, ShortLinkRead]:
        """(created, link): a target the user already shares gets its existing link."""
        path = await self.targets.path(self.session, data.target_type, data.target_id, user)
        if path is None:
            raise TargetNotFoundError("Nothing to share there")
        existing = await self._owned_by(user.id, data.target_type, data.target_id)
        if existing is not None:
            return False, self._read(existing, path)
        for _ in range(_DRAWS):
            link = ShortLink(
                code=_new_code(), target_type=data.target_type, target_id=data.target_id, created_by=user.id
            )
            try:
                async with self.session.begin_nested():
                    self.session.add(link)
            except IntegrityError:
                # The same creator and target at once (then return theirs), or a code drawn twice (draw again).
                existing = await self._owned_by(user.id, data.target_type, data.target_id)
                if existing is not None:
                    return False, self._read(existing, path)
                continue
            on_commit(self.session, _logged(link.code, link.target_type, link.target_id))
            return True, self._read(link, path)
        raise AppError("Could not draw a unique code")  # pragma: no cover

    async def _owned_by(self, user_id: uuid.UUID, target_type: str, target_id: uuid.UUID) -> ShortLink | None:
        link: ShortLink | None = await self.session.scalar(
            select(ShortLink).where(
                ShortLink.created_by == user_id,
                ShortLink.target_type == target_type,
                ShortLink.target_id == target_id,
                ShortLink.disabled_at.is_(None),
            )
        )
        return link

    async def follow(self, code: str, *, count: bool) -> str:
        """The absolute address a code leads to; counted as a click unless ``count`` is false."""
        now = datetime.now(UTC)
        live = (ShortLink.code == code.strip().upper(), ShortLink.disabled_at.is_(None))
        if count:
            row = (
                await self.session.execute(
                    update(ShortLink)
                    .where(*live)
                    .values(clicks=ShortLink.clicks + 1, last_clicked_at=now)
                    .returning(ShortLink.target_type, ShortLink.target_id)
                )
            ).first()
        else:
            row = (await self.session.execute(select(ShortLink.target_type, ShortLink.target_id).where(*live))).first()
        path = await self.targets.path(self.session, row[0], row[1], None) if row else None
        if path is None:
            raise NotFoundAppError("No such link")
        return f"{self.public_url}{path}"

    async def _link(self, code: str, user: CurrentUser) -> ShortLink:
        link = await self.session.scalar(
            select(ShortLink).where(ShortLink.code == code.strip().upper(), ShortLink.disabled_at.is_(None))
        )
        if link is None or not (user.is_admin or link.created_by == user.id):
            raise NotFoundAppError("No such link")
        return link

    async def get(self, code: str, user: CurrentUser) -> ShortLinkRead:
        link = await self._link(code, user)
        return self._read(link, await self.targets.path(self.session, link.target_type, link.target_id, user) or "/")

    async def disable(self, code: str, user: CurrentUser) -> None:
        link = await self._link(code, user)
        link.disabled_at = datetime.now(UTC)
        await self.session.flush()

    async def mine(self, user: CurrentUser, limit: int, offset: int) -> tuple[list[ShortLinkRead], int]:
        query = select(ShortLink).where(ShortLink.created_by == user.id, ShortLink.disabled_at.is_(None))
        total = await self.session.scalar(select(func.count()).select_from(query.subquery()))
        rows = list(await self.session.scalars(query.order_by(ShortLink.created_at.desc()).limit(limit).offset(offset)))
        reads = []
        for link in rows:
            path = await self.targets.path(self.session, link.target_type, link.target_id, user) or "/"
            reads.append(self._read(link, path))
        return reads, total or 0

    def _read(self, link: ShortLink, path: str) -> ShortLinkRead:
        return ShortLinkRead(
            code=link.code,
            url=f"{self.public_url}/s/{link.code}",
            target_type=link.target_type,
            target_id=link.target_id,
            target_url=f"{self.public_url}{path}",
            clicks=link.clicks or 0,
            last_clicked_at=link.last_clicked_at,
            created_at=link.created_at,
        )
