from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated

import msgspec

Comment = Annotated[str, msgspec.Meta(max_length=2000)]


class ReviewCreate(msgspec.Struct, forbid_unknown_fields=True):
    event_id: uuid.UUID
    rating: Annotated[int, msgspec.Meta(ge=1, le=5)]
    comment: Comment = ""


class ReviewFlagCreate(msgspec.Struct, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(max_length=300)] = ""


class ReviewReject(msgspec.Struct, forbid_unknown_fields=True):
    reason: Annotated[str, msgspec.Meta(min_length=1, max_length=500)]


class ReviewReply(msgspec.Struct, forbid_unknown_fields=True):
    text: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]


class ReviewRead(msgspec.Struct):
    id: uuid.UUID
    event_id: uuid.UUID
    status: str
    rating: int
    comment: str
    author_name: str
    helpful: int
    reply: str | None
    replied_at: datetime | None
    created_at: datetime
    updated_at: datetime
    rejection_reason: str | None = None


class ReviewPage(msgspec.Struct):
    items: list[ReviewRead]
    total: int
    limit: int
    offset: int
