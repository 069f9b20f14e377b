"""The booking fast path: concurrent booking requests of one process share one transaction.

When a sale opens, hundreds of requests for the same session arrive together. Booked one transaction
each, they queue on the session row's lock and each pays its own commit flush. Here they queue in memory
instead: while one batch is being written, the next one gathers, and is then written with a handful of
statements and a single commit (see ``BookingService.create_batch``). A request the batch cannot settle
(an invalid order, a limit, a replayed key, no seats) is booked on its own by ``BookingService.create``,
which remains the one reference for every rule and error. Nothing is acknowledged before its commit.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

import structlog
from prometheus_client import Histogram
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from tessera.booking.holds import BookingRequest, CreatedBooking, Holds
from tessera.core.background import transaction

logger = structlog.get_logger("tessera.booking")

BATCH_SIZE = Histogram(
    "tessera_booking_batch_size",
    "Booking requests written per shared transaction",
    buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256),
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
        # Each batch is its own transaction, owned here as a request owns its own.
        self.sessions = sessions
        self.holds = holds
        self.max_batch = max_batch
        self._queue: deque[_Waiting] = deque()
        self._writer: asyncio.Task[None] | None = None
        self._alone: set[asyncio.Task[None]] = set()

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
        if self._alone:
            await asyncio.wait(list(self._alone))

    async def _write_batches(self) -> None:
        while self._queue:
            batch = [self._queue.popleft() for _ in range(min(self.max_batch, len(self._queue)))]
            try:
                results = await self._write(batch)
            except Exception:
                logger.exception("booking_batch_failed", size=len(batch))
                results = [None] * len(batch)  # rolled back: each request is booked on its own
            for waiting, result in zip(batch, results, strict=True):
                if result is not None:
                    waiting.answer.set_result(result)
                else:
                    task = asyncio.get_running_loop().create_task(self._book_alone(waiting))
                    self._alone.add(task)
                    task.add_done_callback(self._alone.discard)

    async def _write(self, batch: list[_Waiting]) -> list[CreatedBooking | None]:
        BATCH_SIZE.observe(len(batch))
        if len(batch) == 1:
            return [None]  # nothing to share: the ordinary path is as fast
        async with transaction(self.sessions) as session:
            return await self.holds(session).create_batch([w.request for w in batch])

    async def _book_alone(self, waiting: _Waiting) -> None:
        try:
            async with transaction(self.sessions) as session:
                result = await self.holds(session).create(
                    waiting.request.user, waiting.request.data, waiting.request.key
                )
        except BaseException as exc:
            waiting.answer.set_exception(exc)
            if not isinstance(exc, Exception):
                raise
        else:
            waiting.answer.set_result(result)
