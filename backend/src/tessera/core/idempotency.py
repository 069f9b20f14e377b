"""``Idempotency-Key`` support: a retry with the same key and body returns the first response.

The key is claimed by inserting its row at the start of the business transaction. A concurrent request with
the same key waits on the unique index until the first commits, then finds the stored response. A request
that fails rolls back, key included, so a retry after a failure runs afresh.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from typing import Any

import msgspec
from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID, JsonB
from sqlalchemy import Integer, String, UniqueConstraint, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from tessera.core.errors import AppError

MAX_KEY_LENGTH = 200


class IdempotencyKeyReusedError(AppError):
    status_code = 422
    code = "idempotency_key_reused"


class InvalidIdempotencyKeyError(AppError):
    status_code = 400
    code = "invalid_idempotency_key"


class IdempotencyKey(UUIDv7AuditBase):
    __tablename__ = "idempotency_keys"
    __table_args__ = (UniqueConstraint("user_id", "scope", "key"),)

    user_id: Mapped[uuid.UUID] = mapped_column(GUID)
    scope: Mapped[str] = mapped_column(String(40))
    key: Mapped[str] = mapped_column(String(MAX_KEY_LENGTH))
    request_hash: Mapped[str] = mapped_column(String(64))
    response_status: Mapped[int | None] = mapped_column(Integer, default=None)
    response_body: Mapped[dict[str, Any] | None] = mapped_column(JsonB, default=None)


@dataclass(frozen=True, slots=True)
class StoredResponse:
    status_code: int
    body: dict[str, Any]


def request_fingerprint(body: object) -> str:
    return hashlib.sha256(msgspec.json.encode(body)).hexdigest()


def validate_key(key: str | None) -> str | None:
    if key is None:
        return None
    key = key.strip()
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise InvalidIdempotencyKeyError(f"Idempotency-Key must be 1 to {MAX_KEY_LENGTH} printable characters")
    return key


class IdempotencyService:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def claim(
        self, *, user_id: uuid.UUID, scope: str, key: str, request_hash: str
    ) -> tuple[IdempotencyKey | None, StoredResponse | None]:
        """Claim ``key`` for this request. Returns (claim, None) to proceed, or (None, stored) to replay."""
        existing = await self._find(user_id, scope, key)
        if existing is None:
            claim = IdempotencyKey(user_id=user_id, scope=scope, key=key, request_hash=request_hash)
            try:
                async with self.session.begin_nested():
                    self.session.add(claim)
                    await self.session.flush()
                return claim, None
            except IntegrityError:
                existing = await self._find(user_id, scope, key)  # a concurrent twin committed first
                if existing is None:  # pragma: no cover - the twin rolled back between our two reads
                    raise
        if existing.request_hash != request_hash:
            raise IdempotencyKeyReusedError("This Idempotency-Key was used with a different request body")
        if existing.response_status is None or existing.response_body is None:  # pragma: no cover
            raise IdempotencyKeyReusedError("A request with this Idempotency-Key is still being processed")
        return None, StoredResponse(existing.response_status, existing.response_body)

    async def complete(self, claim: IdempotencyKey, status_code: int, body: object) -> None:
        await self.session.execute(
            update(IdempotencyKey)
            .where(IdempotencyKey.id == claim.id)
            .values(response_status=status_code, response_body=msgspec.to_builtins(body))
        )

    async def _find(self, user_id: uuid.UUID, scope: str, key: str) -> IdempotencyKey | None:
        found: IdempotencyKey | None = await self.session.scalar(
            select(IdempotencyKey)
            .where(IdempotencyKey.user_id == user_id, IdempotencyKey.scope == scope, IdempotencyKey.key == key)
            .execution_options(populate_existing=True)
        )
        return found
