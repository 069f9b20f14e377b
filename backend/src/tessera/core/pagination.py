"""``?limit=&offset=`` pagination answered as ``{"items", "total", "limit", "offset"}``."""

from __future__ import annotations

from typing import Annotated

from advanced_alchemy.filters import LimitOffset
from advanced_alchemy.service import OffsetPagination
from litestar.params import QueryParameter

__all__ = ("DEFAULT_LIMIT", "MAX_LIMIT", "MAX_OFFSET", "LimitOffset", "OffsetPagination", "provide_limit_offset")

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
# Bounded so no value reaches the database as an out-of-range integer (PostgreSQL's OFFSET is a bigint, SQLite's
# an int64); nobody pages this deep, and search narrows long lists far better.
MAX_OFFSET = 1_000_000


def provide_limit_offset(
    limit: Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT, description="Page size")] = DEFAULT_LIMIT,
    offset: Annotated[int, QueryParameter(ge=0, le=MAX_OFFSET, description="Items to skip")] = 0,
) -> LimitOffset:
    return LimitOffset(limit=limit, offset=offset)
