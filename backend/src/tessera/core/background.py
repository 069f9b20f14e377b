"""Work that must happen only once a transaction has committed. Services never commit: the request or the job
that owns the transaction does, and then runs what the services asked for:

- :func:`on_commit`: awaited by the owner right after the commit, before it answers (dropping cached catalog
  responses, so the answer and every later read see the change);
- :func:`after_commit`: started right after the commit without delaying the answer (talking to the payment
  gateway, handing notifications to the queue). This work is also durable without the hook: every job acts on
  rows the transaction wrote, and periodic sweeps pick up rows a job never reached (a crash between commit and
  job). The hook only makes the happy path immediate.

A rollback forgets both.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import structlog
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session

Job = Callable[[], Awaitable[Any]]
# Session.info key of the callable that queues delivery of new notification ids (set by the composition root).
DISPATCH_KEY = "tessera_dispatch_notifications"
_KEY = "tessera_after_commit"
_ON_COMMIT = "tessera_on_commit"
_COMMITTED = "tessera_committed"
_running: set[asyncio.Task[Any]] = set()
logger = structlog.get_logger("tessera.background")


def after_commit(session: AsyncSession, job: Job) -> None:
    """Run ``job`` once the session's current transaction commits; forget it if it rolls back."""
    session.sync_session.info.setdefault(_KEY, []).append(job)


def on_commit(session: AsyncSession, job: Job) -> None:
    """Have the transaction's owner await ``job`` once the session's current transaction commits."""
    session.sync_session.info.setdefault(_ON_COMMIT, []).append(job)


async def run_commit_hooks(session: AsyncSession) -> None:
    """Await the :func:`on_commit` jobs of transactions this session has committed (the owner calls this)."""
    for job in session.sync_session.info.pop(_COMMITTED, []):
        await job()


@asynccontextmanager
async def transaction(sessions: async_sessionmaker[AsyncSession]) -> AsyncIterator[AsyncSession]:
    """One transaction owned by a job (not a request): committed when the block ends, then its hooks run."""
    async with sessions() as session:
        async with session.begin():
            yield session
        await run_commit_hooks(session)


def spawn(job: Job) -> None:
    task = asyncio.get_running_loop().create_task(_guarded(job))
    _running.add(task)
    task.add_done_callback(_running.discard)


async def _guarded(job: Job) -> None:
    try:
        await job()
    except Exception:
        logger.exception("background_job_failed", job=getattr(job, "__qualname__", repr(job)))


async def drain() -> None:
    """Wait (up to ten seconds) for jobs still running: process shutdown, tests."""
    if _running:
        await asyncio.wait(list(_running), timeout=10)


@event.listens_for(Session, "after_commit")
def _start_jobs(session: Session) -> None:
    session.info.setdefault(_COMMITTED, []).extend(session.info.pop(_ON_COMMIT, []))
    for job in session.info.pop(_KEY, []):
        spawn(job)


@event.listens_for(Session, "after_rollback")
def _drop_jobs(session: Session) -> None:
    session.info.pop(_KEY, None)
    session.info.pop(_ON_COMMIT, None)
