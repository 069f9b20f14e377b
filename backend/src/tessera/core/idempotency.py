"""``Idempotency-Key`` support: a retry with the same key and body returns the first response.

The key is claimed by inserting its row at the start of the business transaction. A concurrent request with
the same key waits on the unique index until the first commits, then finds the stored response. A request
that fails rolls back, key included, so a retry after a failure runs afresh.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, cast

import msgspec
from advanced_alchemy.base import UUIDv7AuditBase
from advanced_alchemy.types import GUID, JsonB
from litestar.params import HeaderParameter
from sqlalchemy import Integer, String, Table, UniqueConstraint, bindparam, delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column
from uuid_utils.compat import uuid7

from tessera.core.db import insert_ignoring_conflicts
from tessera.core.errors import AppError

MAX_KEY_LENGTH = 200

# The request header, as the endpoints that honour it declare it.
IdempotencyKeyHeader = Annotated[
    str | None,
    HeaderParameter(
        name="Idempotency-Key",
        description="Retrying with the same key and body returns the first response instead of doing it again",
    ),
]


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

    async def claim_many(self, scope: str, requests: Mapping[int, tuple[uuid.UUID, str, str]]) -> dict[int, uuid.UUID]:
        """Claim many (user, key, request hash) at once; returns the claim id of each request whose key was
        free. A key already used (or in use by a transaction still running, which this waits for) is left
        out: that request must go through ``claim`` to be replayed or refused."""
        if not requests:
            return {}
        ids: dict[int, uuid.UUID] = {}
        rows: list[dict[str, Any]] = []
        seen: set[tuple[uuid.UUID, str]] = set()
        for index, (user_id, key, request_hash) in requests.items():
            if (user_id, key) in seen:  # twins inside one batch: the first claims, the others replay later
                continue
            seen.add((user_id, key))
            ids[index] = uuid7()
            rows.append(
                {"id": ids[index], "user_id": user_id, "scope": scope, "key": key, "request_hash": request_hash}
            )
        table = cast(Table, IdempotencyKey.__table__)
        written = await (await self.session.connection()).execute(
            insert_ignoring_conflicts(self.session, table).returning(table.c.id),
            rows,
        )
        claimed = {claim_id for (claim_id,) in written}
        return {index: claim_id for index, claim_id in ids.items() if claim_id in claimed}

    async def settle_many(
        self, responses: Mapping[uuid.UUID, tuple[int, object]], *, abandoned: Sequence[uuid.UUID] = ()
    ) -> None:
        """Store the responses of claims that succeeded and drop the claims given up on."""
        if responses:
            table = cast(Table, IdempotencyKey.__table__)
            await (await self.session.connection()).execute(
                update(table)
                .where(table.c.id == bindparam("claim_id"))
                .values(response_status=bindparam("status"), response_body=bindparam("body")),
                [
                    {"claim_id": claim_id, "status": status, "body": msgspec.to_builtins(body)}
                    for claim_id, (status, body) in responses.items()
                ],
            )
        if abandoned:
            await self.session.execute(delete(IdempotencyKey).where(IdempotencyKey.id.in_(list(abandoned))))

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
