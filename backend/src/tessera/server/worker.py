"""Entry point of ``tessera worker`` and ``tessera scheduler``: the broker and schedule of this process,
built from the environment."""

from __future__ import annotations

from taskiq import TaskiqEvents, TaskiqState

from tessera.config import load_settings
from tessera.core.logging import configure_logging
from tessera.server.container import Container
from tessera.server.jobs import build_scheduler, register_jobs

settings = load_settings()
configure_logging(settings.log_level, settings.log_format)
container = Container.build(settings)
broker = register_jobs(container)
scheduler = build_scheduler(broker)


@broker.on_event(TaskiqEvents.WORKER_SHUTDOWN)
async def _close_container(_: TaskiqState) -> None:
    await container.close()
