from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

import msgspec


class ShortLinkCreate(msgspec.Struct, forbid_unknown_fields=True):
    target_type: Literal["party", "slot", "host", "event"]
    target_id: uuid.UUID


class ShortLinkRead(msgspec.Struct):
    code: str
    url: str  # {PUBLIC_URL}/s/{code}
    target_type: str
    target_id: uuid.UUID
    target_url: str
    clicks: int
    last_clicked_at: datetime | None
    created_at: datetime
