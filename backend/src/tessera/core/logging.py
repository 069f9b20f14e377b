"""Structured (JSON) logs for every process, and a request id on every request's log lines."""

from __future__ import annotations

import logging
import os
import re
import sys
import time
from typing import TextIO

import msgspec
import structlog
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "x-request-id"
_REQUEST_ID_KEY = REQUEST_ID_HEADER.encode()
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class _NamedPrintLogger(structlog.PrintLogger):
    """Writes rendered lines straight to the output; named, so each line says which logger made it."""

    def __init__(self, name: str, file: TextIO) -> None:
        super().__init__(file)
        self.name = name


def _json(event: structlog.types.EventDict, **_: object) -> str:
    return _ENCODER.encode(event).decode()


_ENCODER = msgspec.json.Encoder(enc_hook=str)  # anything without a JSON form is written as its str()


def configure_logging(level: str = "INFO", fmt: str = "json") -> None:
    """One line per event, JSON (or console) rendered, for every process.

    Tessera's own loggers (structlog) take the short path: a level check where the call is made, then the
    processors and a write, with no standard-library record in between (the access log writes a line per
    request, so its cost shows in every request's time). The standard library's loggers (uvicorn,
    sqlalchemy, taskiq) go through a formatter that renders the same way."""
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.StackInfoRenderer(),
    ]
    renderer: structlog.types.Processor = (
        structlog.dev.ConsoleRenderer() if fmt == "console" else structlog.processors.JSONRenderer(serializer=_json)
    )
    output = sys.stdout
    structlog.configure(
        processors=[*shared, structlog.processors.format_exc_info, renderer],
        logger_factory=lambda *args: _NamedPrintLogger(str(args[0]) if args else "", output),
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelNamesMapping()[level.upper()]),
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            structlog.processors.format_exc_info,
            renderer,
        ],
    )
    handler = logging.StreamHandler(output)
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # uvicorn's own access log duplicates ours (which carries the request id).
    logging.getLogger("uvicorn.access").disabled = True
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True


access_logger = structlog.get_logger("tessera.access")


class RequestContextMiddleware:
    """Gives each request an id (the caller's ``X-Request-ID`` if sane), binds it to every log line made
    while serving it, returns it in the response, and writes one access-log line."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        incoming = next((v for k, v in scope["headers"] if k == _REQUEST_ID_KEY), b"").decode("latin-1")
        request_id = incoming if _VALID_REQUEST_ID.match(incoming) else os.urandom(16).hex()
        started = time.perf_counter()
        status_code = 500

        async def send_with_request_id(message: Message) -> None:
            nonlocal status_code
            if message["type"] == "http.response.start":
                status_code = message["status"]
                message["headers"] = [*message.get("headers", ()), (_REQUEST_ID_KEY, request_id.encode())]
            await send(message)

        # Bound and reset by hand: the context manager cost as much again on the cheapest answers.
        bound = structlog.contextvars.bind_contextvars(request_id=request_id)
        try:
            try:
                await self.app(scope, receive, send_with_request_id)
            finally:
                access_logger.info(
                    "request",
                    method=scope["method"],
                    path=scope["path"],
                    status=status_code,
                    duration_ms=round((time.perf_counter() - started) * 1000, 2),
                )
        finally:
            structlog.contextvars.reset_contextvars(**bound)
