"""The booking fast path: concurrent booking requests of one process share one transaction.

When a sale opens, hundreds of requests for the same session arrive together. Booked one transaction
each, they queue on the session row's lock and each pays its own commit flush. Here they queue in memory
instead. One writer per process writes one transaction at a time: it takes everything that has arrived,
writes it with a handful of statements and a single commit (``Holds.create_batch``), answers, and goes
again with whatever arrived meanwhile. A request alone in the queue is written by the writer too, as a batch
of one, so spread-out arrivals never turn into a crowd of concurrent transactions on the hot row.

The batch answers the common refusals itself (sold out, not on sale, an invalid order) with the errors
``Holds.create`` would give. The few requests it cannot settle (a replayed key, the per-account limit,
seats that overdue holds may free) are booked by the same writer, one at a time, through ``Holds.create``,
the one reference for every rule. Nothing is acknowledged before its commit. Across processes, the session
row's lock is the only serialisation.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

import structlog
from prometheus_client import Counter, Histogram
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tessera.booking.holds import BookingRequest, CreatedBooking, Holds
from tessera.core.background import transaction
from tessera.core.errors import AppError

logger = structlog.get_logger("tessera.booking")

BATCH_SIZE = Histogram(
    "tessera_booking_batch_size",
    "Booking requests written per shared transaction",
    buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256),
)
BATCHES_FAILED = Counter(
    "tessera_booking_batches_failed", "Shared booking transactions that failed (their requests were booked alone)"
)


@dataclass(slots=True)
class _Waiting:
    request: BookingRequest
    answer: asyncio.Future[CreatedBooking] = field(default_factory=lambda: asyncio.get_running_loop().create_future())


class BookingBatcher:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        holds: Callable[[AsyncSession], Holds],
        *,
        max_batch: int = 256,
    ) -> None:
        # Each transaction is owned here, as a request owns its own.
        self.sessions = sessions
        self.holds = holds
        self.max_batch = max_batch
        self._queue: deque[_Waiting] = deque()
        self._writer: asyncio.Task[None] | None = None
        # Transactions open right now, and the most there ever were (one, by design).
        self.writing = 0
        self.most_writing = 0

    async def book(self, request: BookingRequest) -> CreatedBooking:
        waiting = _Waiting(request)
        self._queue.append(waiting)
        if self._writer is None or self._writer.done():
            self._writer = asyncio.get_running_loop().create_task(self._write_batches())
        return await asyncio.shield(waiting.answer)  # a client hanging up does not undo a booking mid-write

    async def close(self) -> None:
        """Finish what was accepted (process shutdown)."""
        if self._writer is not None:
            await self._writer

    async def _write_batches(self) -> None:
        while self._queue:
            batch = [self._queue.popleft() for _ in range(min(self.max_batch, len(self._queue)))]
            BATCH_SIZE.observe(len(batch))
            try:
                async with self._transaction() as holds:
                    results = await holds.create_batch([waiting.request for waiting in batch])
            except Exception:
                logger.exception("booking_batch_failed", size=len(batch))
                BATCHES_FAILED.inc()
                results = [None] * len(batch)  # rolled back: each request is booked on its own
            unsettled = []
            for waiting, result in zip(batch, results, strict=True):
                if isinstance(result, CreatedBooking):
                    waiting.answer.set_result(result)
                elif isinstance(result, AppError):
                    waiting.answer.set_exception(result)
                else:
                    unsettled.append(waiting)
            # The single-file lane: what arrives meanwhile waits for the next batch.
            for waiting in unsettled:
                await self._book_alone(waiting)

    async def _book_alone(self, waiting: _Waiting) -> None:
        request = waiting.request
        try:
            async with self._transaction() as holds:
                result = await holds.create(request.user, request.data, request.key)
        except BaseException as exc:  # the request is told even if this writer is being cancelled
            waiting.answer.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
        else:
            waiting.answer.set_result(result)

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[Holds]:
        self.writing += 1
        self.most_writing = max(self.most_writing, self.writing)
        try:
            async with transaction(self.sessions) as session:
                yield self.holds(session)
        finally:
            self.writing -= 1
