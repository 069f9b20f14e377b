"""The framework's own ceiling: a bare Litestar endpoint, served the same way as Tessera (uvicorn, same
worker count), so the benchmark can say how much of the time is Tessera's and how much is the stack's."""

from __future__ import annotations

from litestar import Litestar, get


@get("/hello", sync_to_thread=False)
def hello() -> dict[str, str]:
    return {"hello": "world"}


def create_app() -> Litestar:
    return Litestar(route_handlers=[hello], openapi_config=None, logging_config=None)
