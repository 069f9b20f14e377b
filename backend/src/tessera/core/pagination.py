"""``?limit=&offset=`` pagination answered as ``{"items", "total", "limit", "offset"}``."""

from __future__ import annotations

from typing import Annotated

from advanced_alchemy.filters import LimitOffset
from advanced_alchemy.service import OffsetPagination
from litestar.params import QueryParameter

__all__ = ("DEFAULT_LIMIT", "MAX_LIMIT", "LimitOffset", "OffsetPagination", "provide_limit_offset")

DEFAULT_LIMIT = 20
MAX_LIMIT = 100


def provide_limit_offset(
    limit: Annotated[int, QueryParameter(ge=1, le=MAX_LIMIT, description="Page size")] = DEFAULT_LIMIT,
    offset: Annotated[int, QueryParameter(ge=0, description="Items to skip")] = 0,
) -> LimitOffset:
    return LimitOffset(limit=limit, offset=offset)
