"""The ``tessera`` command: serve, migrate, create-admin, seed-demo, backups and maintenance jobs."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import sys
from collections.abc import Awaitable, Callable, Coroutine
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tessera.config import Settings, SettingsError, load_settings

if TYPE_CHECKING:
    from tessera.server.container import Container


def _settings() -> Settings:
    try:
        return load_settings()
    except SettingsError as exc:
        raise click.ClickException(str(exc)) from exc


def _run(coroutine: Coroutine[Any, Any, Any]) -> Any:
    return asyncio.run(coroutine)


@click.group()
def main() -> None:
    """Tessera booking platform."""


@main.command()
@click.option("--host", default=None, help="Address to bind (default TESSERA_HOST).")
@click.option("--port", type=int, default=None, help="Port (default TESSERA_PORT).")
@click.option("--workers", type=int, default=None, help="Worker processes (default TESSERA_WORKERS).")
def serve(host: str | None, port: int | None, workers: int | None) -> None:
    """Serve the HTTP API."""
    import uvicorn

    settings = _settings()
    processes = workers or settings.workers
    if processes > 1:
        _share_metrics()
    uvicorn.run(
        "tessera.server.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=processes,
        proxy_headers=True,
        forwarded_allow_ips=settings.trusted_proxies,
        log_config=None,
        access_log=False,
        server_header=False,
    )


def _share_metrics() -> None:
    """Several worker processes answer ``/metrics`` as one: each writes its metrics to files in a directory of
    its own run (prometheus_client's multiprocess mode; the workers inherit the variable, which must be set
    before they import the client), and a scrape sums them all. The directory is new for each start and goes
    when the server stops; a directory given in ``PROMETHEUS_MULTIPROC_DIR`` is emptied at start instead."""
    import atexit
    import shutil
    import tempfile

    given = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if given:  # the operator's directory (e.g. a volume): what an earlier run left there is not this run's
        for stale in Path(given).glob("*.db"):
            stale.unlink()
        return
    directory = tempfile.mkdtemp(prefix="tessera-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = directory
    atexit.register(shutil.rmtree, directory, ignore_errors=True)


@main.command()
@click.option("--revision", default="head", show_default=True, help="Target revision.")
def migrate(revision: str) -> None:
    """Apply database migrations."""
    from tessera.core.db import migrate as run_migrations

    settings = _settings()
    _run(run_migrations(settings.database, revision))
    click.echo(f"Database migrated to {revision}.")


@main.command("make-migration")
@click.argument("message")
def make_migration(message: str) -> None:
    """Write a new migration from the difference between the models and the (migrated) database."""
    from tessera.core.db import write_revision

    _run(write_revision(_settings().database, message))


@main.command("create-admin")
@click.option("--email", required=True, help="The admin's e-mail.")
@click.option("--name", default="Administrator", show_default=True)
def create_admin(email: str, name: str) -> None:
    """Create an admin account, or make an existing account admin and reset its password.

    The password comes from TESSERA_ADMIN_PASSWORD, or is asked for.
    """
    from tessera.accounts.services import ensure_admin

    password = os.environ.get("TESSERA_ADMIN_PASSWORD") or click.prompt(
        "Password", hide_input=True, confirmation_prompt=True
    )
    if len(password) < 8:
        raise click.ClickException("The password must be at least 8 characters long.")
    created = _run(ensure_admin(_settings(), email=email, name=name, password=password))
    click.echo(f"{'Created' if created else 'Updated'} admin {email}.")


@main.command("seed-demo")
@click.option(
    "--password",
    envvar="TESSERA_DEMO_PASSWORD",
    default=None,
    help="Password of the demo accounts (default: a random one, printed once).",
)
def seed_demo(password: str | None) -> None:
    """Fill a development database with demo accounts and listings (safe to run again).

    Refused in production and on a database with accounts other than the demo ones.
    """
    from tessera.server.demo import DemoRefusedError, seed

    if password is not None and len(password) < 8:
        raise click.ClickException("The password must be at least 8 characters long.")
    try:
        lines = _run(seed(_settings(), password))
    except DemoRefusedError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in lines:
        click.echo(line)


def _audit_operation(settings: Settings, action: str, entity_id: str, changes: dict[str, list[Any]]) -> None:
    """An operator's command in the audit log (no actor: it ran on the server)."""
    from tessera.core.audit import audit
    from tessera.core.db import session_scope

    async def write() -> None:
        async with session_scope(settings.database) as session:
            audit(session, action, entity_id, changes)

    _run(write())


def _with_container(job: Callable[[Container], Awaitable[int]]) -> int:
    from tessera.server.container import Container

    async def run() -> int:
        container = Container.build(_settings())
        try:
            return await job(container)
        finally:
            await container.close()

    result: int = _run(run())
    return result


@main.command("import-airports")
@click.option("--countries", default=None, help="Only these countries (ISO codes, comma-separated), e.g. KZ,KG,UZ.")
@click.option("--dry-run", is_flag=True, help="Count what would change, change nothing.")
def import_airports(countries: str | None, dry_run: bool) -> None:
    """Add and update airports from the airportsdata package (safe to run again); airports whose code is
    gone are deactivated, never deleted."""
    import airportsdata

    from tessera.flights.airports import import_airports as run_import
    from tessera.flights.airports import records_from_airportsdata

    wanted = {c.strip().upper() for c in countries.split(",") if c.strip()} if countries else None
    records = records_from_airportsdata(airportsdata.load("IATA"))
    source = f"airportsdata {airportsdata.__version__}"

    async def job(container: Container) -> int:
        async with container.sessions() as session:
            counts = await run_import(session, records, source=source, countries=wanted)
            if dry_run:
                await session.rollback()
            else:
                await session.commit()
        click.echo(
            f"{'Dry run, nothing written: ' if dry_run else ''}added {counts.added}, updated {counts.updated}, "
            f"deactivated {counts.deactivated}, unchanged {counts.unchanged}, skipped {counts.skipped} airport(s)."
        )
        return counts.added + counts.updated + counts.deactivated

    _with_container(job)


@main.command("expire-holds")
def expire_holds() -> None:
    """Release seats of holds whose payment time ran out (the scheduler does this every 30 seconds)."""
    from tessera.server.jobs import expire_holds as job

    click.echo(f"Expired {_with_container(job)} hold(s).")


@main.command("rotate-pii-keys")
def rotate_pii_keys() -> None:
    """Re-seal passport documents and two-factor secrets sealed with an older TESSERA_PII_KEYS key under the
    first one."""
    from tessera.server.jobs import rotate_pii_keys as job

    click.echo(f"Re-sealed {_with_container(job)} document(s) and two-factor secret(s).")


@main.command("purge-documents")
def purge_documents() -> None:
    """Erase passport documents of trips that are over (the scheduler does this every hour)."""
    from tessera.server.jobs import purge_travel_documents as job

    click.echo(f"Erased the documents of {_with_container(job)} passenger(s).")


@main.command("check-payments")
def check_payments() -> None:
    """Ask the gateway about payments whose callback never came, and resend pending refunds."""
    from tessera.server.jobs import reconcile_payments, retry_refunds

    click.echo(f"Settled {_with_container(reconcile_payments)} payment(s).")
    click.echo(f"Resent {_with_container(retry_refunds)} refund(s).")


@main.command()
@click.option(
    "--output-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where archives go (default $TESSERA_DATA_DIR/backups).",
)
@click.option("--keep", type=click.IntRange(min=1), default=14, show_default=True, help="Newest archives to keep.")
def backup(output_dir: Path | None, keep: int) -> None:
    """Snapshot the database (pg_dump custom format, or a SQLite copy) and prune old archives."""
    from tessera.admin.backups import BackupError, create_backup

    settings = _settings()
    try:
        made = create_backup(settings.database, output_dir or settings.data_dir / "backups", keep=keep)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    _audit_operation(settings, "backup.created", made.path.name, {"size": [None, made.size]})
    click.echo(f"Backup written: {made.path} ({made.size} bytes)")


@main.command()
@click.argument("archive", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation (for jobs).")
def restore(archive: Path, yes: bool) -> None:
    """Replace the database's contents with ARCHIVE (made by `tessera backup`), all or nothing."""
    from tessera.admin.backups import BackupError, restore_backup

    settings = _settings()
    if not yes:
        click.confirm(f"Replace everything in the database with {archive.name}?", abort=True)
    try:
        restore_backup(settings.database, archive)
    except BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        _audit_operation(settings, "backup.restored", archive.name, {})
    except Exception:  # an archive from before the audit log: `tessera migrate` adds it
        click.echo("(Not written to the audit log: the restored database predates it.)")
    click.echo(f"Restored {archive.name}. Run `tessera migrate` if it was made by an older release.")


@main.command()
@click.option("--workers", type=int, default=1, show_default=True, help="Worker processes.")
def worker(workers: int) -> None:
    """Run the Taskiq worker: delivers notifications and runs scheduled jobs (production mode)."""
    from taskiq.acks import AcknowledgeType
    from taskiq.cli.common_args import LogLevel
    from taskiq.cli.worker.args import WorkerArgs
    from taskiq.cli.worker.run import run_worker

    settings = _settings()  # fail fast on bad settings, before forking
    # Acknowledge after running: a task whose worker dies is delivered again.
    status = run_worker(
        WorkerArgs(
            broker="tessera.server.worker:broker",
            modules=[],
            workers=workers,
            configure_logging=False,
            log_level=LogLevel[settings.log_level],  # taskiq sets its own loggers' level from this
            ack_type=AcknowledgeType.WHEN_EXECUTED,
        )
    )
    sys.exit(status or 0)


@main.command()
def scheduler() -> None:
    """Run the Taskiq scheduler: the periodic jobs. Run exactly one."""
    from taskiq.cli.common_args import LogLevel
    from taskiq.cli.scheduler.args import SchedulerArgs
    from taskiq.cli.scheduler.run import run_scheduler

    settings = _settings()
    args = SchedulerArgs(
        scheduler="tessera.server.worker:scheduler",
        modules=[],
        configure_logging=False,
        log_level=LogLevel[settings.log_level],
    )
    _run(run_scheduler(args))


@main.command()
def openapi() -> None:
    """Print the API's OpenAPI document (the web app's typed client is generated from it)."""
    import json

    from litestar.testing import TestClient

    from tessera.server.app import create_app

    settings = dataclasses.replace(_settings(), scheduler_in_process=False, log_level="ERROR")
    with TestClient(create_app(settings)) as client:
        click.echo(json.dumps(client.get("/schema/openapi.json").json(), indent=1, sort_keys=True))


@main.command("sandbox-freedompay")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8010, show_default=True)
@click.option("--public-url", default=None, help="Address browsers use to reach it (for its payment page links).")
def sandbox_freedompay(host: str, port: int, public_url: str | None) -> None:
    """Run the FreedomPay emulator on its own (docker-compose); merchant id and secret from settings."""
    import uvicorn

    from tessera.sandbox.freedompay import FreedomPaySandbox

    settings = _settings()
    sandbox = FreedomPaySandbox(
        merchant_id=settings.payments.merchant_id,
        secret_key=settings.payments.secret_key,
        public_url=public_url,
        delay_seconds=settings.payments.sandbox_delay_seconds,
        retry_seconds=settings.payments.sandbox_retry_seconds,
    )
    uvicorn.run(sandbox.app, host=host, port=port, log_config=None, server_header=False)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
