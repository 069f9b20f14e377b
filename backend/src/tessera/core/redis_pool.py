"""The Redis connection pool every Redis client of a process uses."""

from __future__ import annotations

from redis.asyncio import BlockingConnectionPool

# Connections per pool. A burst of requests beyond them waits (up to POOL_TIMEOUT seconds) for one to come
# free, instead of failing at once as redis-py's default pool does ("Too many connections").
MAX_CONNECTIONS = 100
POOL_TIMEOUT = 10.0


def blocking_pool(url: str) -> BlockingConnectionPool:
    return BlockingConnectionPool.from_url(url, max_connections=MAX_CONNECTIONS, timeout=POOL_TIMEOUT)
