"""A response cache with namespaces invalidated at once by a version bump.

Entries live in Redis when configured (shared by every replica) or in process memory. Each namespace has a
version token; keys embed it, so bumping the version makes every old entry unreachable immediately and
lets them age out.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from datetime import timedelta
from typing import TypeVar

import msgspec
from litestar.stores.base import Store
from litestar.stores.memory import MemoryStore

T = TypeVar("T")

_SWEEP_EVERY = 500  # memory store only: drop expired entries every N writes


class VersionedCache:
    def __init__(self, store: Store, ttl: timedelta) -> None:
        self.store = store
        self.ttl = ttl
        self._writes = 0
        self._seen: dict[str, tuple[str, float]] = {}  # namespace -> (version, when read)

    async def _version(self, namespace: str) -> str:
        version = await self.store.get(f"version:{namespace}")
        if version is None:
            return await self.bump(namespace)
        self._seen[namespace] = (version.decode(), time.monotonic())
        return version.decode()

    async def recent_version(self, namespace: str, max_age: float) -> str:
        """The namespace's version as read at most ``max_age`` seconds ago by this process (bumps made here
        are seen at once; bumps made by other processes within ``max_age``)."""
        seen = self._seen.get(namespace)
        if seen is not None and time.monotonic() - seen[1] < max_age:
            return seen[0]
        return await self._version(namespace)

    async def bump(self, namespace: str) -> str:
        version = uuid.uuid4().hex[:12]
        await self.store.set(f"version:{namespace}", version)
        self._seen[namespace] = (version, time.monotonic())
        return version

    async def key(self, namespace: str, *parts: object) -> str:
        digest = hashlib.sha256(msgspec.json.encode(parts)).hexdigest()[:32]
        return f"{namespace}:{await self._version(namespace)}:{digest}"

    @property
    def enabled(self) -> bool:
        return self.ttl.total_seconds() > 0  # TESSERA_CATALOG_CACHE_SECONDS=0 switches caching off

    async def get(self, key: str, type_: type[T]) -> T | None:
        if not self.enabled:
            return None
        raw = await self.store.get(key)
        return None if raw is None else msgspec.json.decode(raw, type=type_)

    async def set(self, key: str, value: object) -> None:
        if not self.enabled:
            return
        await self.store.set(key, msgspec.json.encode(value), expires_in=self.ttl)
        self._writes += 1
        if isinstance(self.store, MemoryStore) and self._writes % _SWEEP_EVERY == 0:
            await self.store.delete_expired()
