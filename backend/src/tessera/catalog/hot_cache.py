"""Repeated catalog searches answered from this process's memory, before the framework's middleware.

The public catalog list (``GET /api/v1/events``) is the same for every anonymous caller with the same
query string, and the most requested page of a sale. Its responses are already cached in the shared
store (Redis) for ``TESSERA_CATALOG_CACHE_SECONDS``; on top of that each process keeps the final
response bytes of recent searches, tagged with the catalog's version. A hit costs a dictionary lookup:
no routing, authentication, CSRF, dependency injection, database session or Redis round trip.

Freshness: a listing change bumps the catalog version after its commit. The process that made it sees
the bump at once; the others re-read the version at most every ``VERSION_MAX_AGE`` seconds, so another
process may answer from the previous version for up to that long. Requests carrying credentials are
never served from here, and stored responses keep no Set-Cookie header.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass

from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import Counter

from tessera.catalog.services import CATALOG_NAMESPACE
from tessera.core.cache import VersionedCache

PATH = "/api/v1/events"
VERSION_MAX_AGE = 1.0
MAX_ENTRIES = 4096
HITS = Counter("tessera_catalog_hot_cache_hits_total", "Catalog searches answered from process memory")


@dataclass(frozen=True, slots=True)
class _Entry:
    version: str
    expires: float
    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes


def _anonymous(scope: Scope) -> bool:
    """No credentials: no Authorization header, and no cookies other than the CSRF token's."""
    for name, value in scope["headers"]:
        if name == b"authorization":
            return False
        if name == b"cookie" and any(
            not part.strip().startswith(b"csrftoken=") for part in value.split(b";") if part.strip()
        ):
            return False
    return True


class HotCatalogResponses:
    def __init__(self, app: ASGIApp, cache: VersionedCache, ttl_seconds: float) -> None:
        self.app = app
        self.cache = cache
        self.ttl = ttl_seconds
        self.entries: OrderedDict[bytes, _Entry] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            self.ttl <= 0
            or scope["type"] != ScopeType.HTTP
            or scope["path"] != PATH
            or scope.get("method") != "GET"
            or not _anonymous(scope)
        ):
            await self.app(scope, receive, send)
            return
        version = await self.cache.recent_version(CATALOG_NAMESPACE, VERSION_MAX_AGE)
        key = scope["query_string"]
        entry = self.entries.get(key)
        if entry is not None and entry.version == version and entry.expires > time.monotonic():
            HITS.inc()
            await send({"type": "http.response.start", "status": 200, "headers": list(entry.headers)})
            await send({"type": "http.response.body", "body": entry.body, "more_body": False})
            return

        status = 0
        headers: tuple[tuple[bytes, bytes], ...] = ()
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status = message["status"]
                headers = tuple((bytes(k), bytes(v)) for k, v in message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if status == 200:
            # Without Set-Cookie: the one cookie an anonymous GET gets is a fresh CSRF token, which a hit
            # need not hand out (the web app reads the catalog server-side; browsers get the token from
            # the API calls they make themselves).
            kept = tuple((name, value) for name, value in headers if name != b"set-cookie")
            self.entries[key] = _Entry(version, time.monotonic() + self.ttl, kept, b"".join(chunks))
            self.entries.move_to_end(key)
            while len(self.entries) > MAX_ENTRIES:
                self.entries.popitem(last=False)
