"""Entry point of ``tessera worker`` and ``tessera scheduler``: the broker and schedule of this process,
built from the environment."""

from __future__ import annotations

from taskiq import TaskiqEvents, TaskiqState

from tessera.config import load_settings
from tessera.core.logging import configure_logging
from tessera.core.runtime import Runtime
from tessera.jobs import build_broker, build_scheduler

settings = load_settings()
configure_logging(settings.log_level, settings.log_format)
runtime = Runtime.build(settings)
broker = build_broker(runtime)
scheduler = build_scheduler(broker)


@broker.on_event(TaskiqEvents.WORKER_SHUTDOWN)
async def _close_runtime(_: TaskiqState) -> None:
    await runtime.close()
