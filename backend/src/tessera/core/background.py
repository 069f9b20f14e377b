"""Work that must happen only once a transaction has committed (talking to the payment gateway, delivering
notifications), started right after the commit without delaying the response.

The work is also durable without this: every job acts on rows the transaction wrote, and periodic sweeps
pick up rows a job never reached (a crash between commit and job). This only makes the happy path immediate.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import structlog
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

Job = Callable[[], Awaitable[Any]]
# Session.info key of the callable that queues delivery of new notification ids (set by the runtime).
DISPATCH_KEY = "tessera_dispatch_notifications"
_KEY = "tessera_after_commit"
_running: set[asyncio.Task[Any]] = set()
logger = structlog.get_logger("tessera.background")


def after_commit(session: AsyncSession, job: Job) -> None:
    """Run ``job`` once the session's current transaction commits; forget it if it rolls back."""
    session.sync_session.info.setdefault(_KEY, []).append(job)


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
    for job in session.info.pop(_KEY, []):
        spawn(job)


@event.listens_for(Session, "after_rollback")
def _drop_jobs(session: Session) -> None:
    session.info.pop(_KEY, None)
