"""What the benchmarks share: starting and stopping servers, a fresh database, and the load generators.

- ``wrk`` (C, HTTP/1.1 keep-alive, Lua scripts in ``wrk/``) drives HTTP; ``make bench`` installs it.
- ``pgbench`` (C, ships with the PostgreSQL server) drives SQL directly: the database's own ceiling.
- ``drive`` is a light asyncio GET client kept for the catalog benchmark (one request shape, many paths).
"""

from __future__ import annotations

import asyncio
import glob
import json
import multiprocessing
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WRK_DIR = Path(__file__).resolve().parent / "wrk"
CPUS = os.cpu_count() or 1


# -- servers and databases --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{url}: the server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not come up")


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


async def fresh_database(admin_dsn: str, name: str) -> None:
    connection = await asyncpg.connect(admin_dsn)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{name}"')
    finally:
        await connection.close()


# -- C load generators --------------------------------------------------------------------------------------


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


WRK_THREADS = 2


def wrk(
    url: str,
    script: str,
    *,
    connections: int,
    seconds: float,
    env: dict[str, str] | None = None,
    threads: int = WRK_THREADS,
) -> dict[str, Any]:
    """Run wrk with one of ``wrk/*.lua`` and return what it measured (2xx answers per second, latency
    percentiles of every answer, and the share of the machine's CPU wrk itself used)."""
    binary = shutil.which("wrk")
    if binary is None:
        raise SystemExit("wrk is not installed: `make bench` installs it (apt-get install wrk)")
    cpu = _children_cpu()
    done = subprocess.run(
        [
            binary,
            f"-t{threads}",
            f"-c{connections}",
            f"-d{max(1, round(seconds))}s",
            "--timeout",
            "10s",
            "-s",
            str(WRK_DIR / script),
            url,
        ],
        env={**os.environ, "BENCH_WRK_DIR": str(WRK_DIR), **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    used = _children_cpu() - cpu
    line = next((x for x in done.stdout.splitlines() if x.startswith("WRK_JSON ")), None)
    if line is None:
        raise SystemExit(f"wrk printed no summary:\n{done.stdout}\n{done.stderr}")
    data = json.loads(line.removeprefix("WRK_JSON "))
    measured = data["duration_us"] / 1e6
    ok = data["requests"] - data["non_2xx"]
    return {
        "generator": "wrk",
        "connections": connections,
        "seconds": round(measured, 2),
        "requests": data["requests"],
        "per_second": round(ok / measured, 1),
        "errors": data["non_2xx"] + data["socket_errors"],
        "late": data.get("late", 0),
        "p50_ms": round(data["p50_us"] / 1000, 2),
        "p95_ms": round(data["p95_us"] / 1000, 2),
        "p99_ms": round(data["p99_us"] / 1000, 2),
        "load_cpu_share": round(used / (measured * CPUS), 3),
    }


def pgbench_binary() -> str:
    found = shutil.which("pgbench") or next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/pgbench"))), None)
    if found is None:
        raise SystemExit("pgbench is not installed (it ships with the PostgreSQL server package)")
    return found


def pgbench(dsn: str, script: str, *, clients: int, seconds: float, threads: int = 2) -> dict[str, Any]:
    """Run pgbench with a custom script (one transaction per run of it) and return transactions per second,
    latency percentiles from its per-transaction log, and its own CPU share."""
    url = urlsplit(dsn)
    with tempfile.TemporaryDirectory(prefix="pgbench-") as logs:
        script_file = Path(logs) / "script.sql"
        script_file.write_text(script)
        cpu = _children_cpu()
        done = subprocess.run(
            [
                pgbench_binary(),
                "--no-vacuum",
                f"--client={clients}",
                f"--jobs={threads}",
                f"--time={max(1, round(seconds))}",
                f"--file={script_file}",
                "--log",
                f"--log-prefix={logs}/tx",
                f"--host={url.hostname or '127.0.0.1'}",
                f"--port={url.port or 5432}",
                f"--username={url.username or 'postgres'}",
                url.path.lstrip("/"),
            ],
            capture_output=True,
            text=True,
            check=True,
            cwd=logs,
        )
        used = _children_cpu() - cpu
        tps = re.search(r"tps = ([\d.]+) \(without initial connection time\)", done.stdout)
        failed = re.search(r"number of failed transactions: (\d+)", done.stdout)
        if tps is None:
            raise SystemExit(f"pgbench printed no rate:\n{done.stdout}\n{done.stderr}")
        latencies = sorted(
            int(line.split()[2]) for log in Path(logs).glob("tx.*") for line in log.read_text().splitlines() if line
        )
    return {
        "generator": "pgbench",
        "connections": clients,
        "seconds": seconds,
        "requests": len(latencies),
        "per_second": round(float(tps[1]), 1),
        "errors": int(failed[1]) if failed else 0,
        "p50_ms": round(percentile(latencies, 0.50) / 1000, 2),
        "p95_ms": round(percentile(latencies, 0.95) / 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) / 1000, 2),
        "load_cpu_share": round(used / (seconds * CPUS), 3),
    }


def percentile(values: list[float] | list[int], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(share * len(ordered)))])


# -- an asyncio GET client (the catalog benchmark) ----------------------------------------------------------


@dataclass(frozen=True)
class Load:
    """What each simulated client asks for: GET ``path`` on ``port``."""

    port: int
    path: str


@dataclass
class Outcome:
    completed: int = 0
    statuses: Counter[int] = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("server closed the connection")
    length = 0
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b""):
            break
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    return int(status_line[9:12]), await reader.readexactly(length)


async def _http_client(load: Load, start: float, stop: float, out: Outcome) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", load.port)
    writer.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    await asyncio.sleep(max(0.0, start - time.time()))
    while (now := time.perf_counter()) < stop:
        writer.write(f"GET {load.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        status, _ = await _read_response(reader)
        done = time.perf_counter()
        if done <= stop:
            out.completed += 1
            out.statuses[status] += 1
            out.latencies.append(done - now)
    writer.close()


def _load_process(load: Load, clients: int, start: float, seconds: float) -> Outcome:
    out = Outcome()
    cpu = time.process_time()

    async def main() -> None:
        # Every process starts on the same wall-clock instant; the window is measured on its own clock.
        stop = time.perf_counter() + max(0.0, start - time.time()) + seconds
        await asyncio.gather(*(_http_client(load, start, stop, out) for _ in range(clients)))

    asyncio.run(main())
    out.cpu_seconds = time.process_time() - cpu
    return out


def drive(load: Load, clients: int, seconds: float, processes: int) -> dict[str, Any]:
    """Run ``clients`` concurrent keep-alive clients for ``seconds`` and summarise what they saw."""
    start = time.time() + 1.0
    shares = [len(range(p, clients, processes)) for p in range(processes)]
    with multiprocessing.get_context("fork").Pool(processes) as pool:
        outcomes = pool.starmap(_load_process, [(load, share, start, seconds) for share in shares if share])
    statuses: Counter[int] = Counter()
    latencies: list[float] = []
    for o in outcomes:
        statuses.update(o.statuses)
        latencies.extend(o.latencies)
    completed = sum(o.completed for o in outcomes)
    ok = statuses.get(200, 0)
    return {
        "clients": clients,
        "seconds": seconds,
        "requests": completed,
        "ok": ok,
        "per_second": round(ok / seconds, 1),
        "errors": completed - ok,
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
        "client_cpu_share": round(sum(o.cpu_seconds for o in outcomes) / (seconds * CPUS), 3),
    }
