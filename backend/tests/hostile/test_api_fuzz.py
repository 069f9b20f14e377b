"""Every operation of the served OpenAPI document, fuzzed by schemathesis against a real ``tessera serve``
process, as each kind of caller: no server error, every status code documented, every JSON body as documented.

Real ids of the seeded listing, booking and accounts are mixed into the generated path parameters and bodies,
so requests also get past the "not found" answers into the code behind them. The run is bounded in examples
per operation and seeded per role, so a run is repeatable; SCHEMATHESIS_MAX_EXAMPLES and SCHEMATHESIS_SEED make
longer or different local runs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .live_api import LiveAPI, live_api

IDENTITIES = ("anonymous", "participant", "organizer", "admin")
MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "25"))
MAX_SECONDS = int(os.environ.get("SCHEMATHESIS_TIMEOUT", "300"))
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance"
# Seeded ids offered for these parameters (the rest of the time schemathesis makes up its own values).
ID_PARAMETERS = {
    "path.event_id": "event_id",
    "path.session_id": "session_id",
    "path.ticket_type_id": "ticket_type_id",
    "path.booking_id": "booking_id",
    "path.payment_id": "payment_id",
    "path.user_id": "spare_id",
    "query.booking_id": "booking_id",
    "query.organizer_id": "organizer_id",
    "body.event_id": "event_id",
    "body.session_id": "session_id",
    "body.booking_id": "booking_id",
    "body.items[*].ticket_type_id": "ticket_type_id",
    "path.route_id": "route_id",
    "path.departure_id": "departure_id",
    "path.aircraft_id": "aircraft_id",
    "path.fare_id": "fare_id",
    "path.order_id": "order_id",
    "body.aircraft_id": "aircraft_id",
    "body.legs[*].departure_id": "departure_id",
    "body.legs[*].fare_id": "fare_id",
    "body.changes[*].passenger_id": "passenger_id",
}


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveAPI]:
    with live_api(tmp_path_factory.mktemp("fuzzed-api")) as running:
        yield running


def _config(api: LiveAPI, identity: str) -> str:
    lines = [
        "[generation]",
        # Only the bearer token authenticates; a made-up access_token cookie would just trip CSRF.
        "with-security-parameters = false",
        "",
    ]
    if identity in api.credentials:
        # A bearer token from POST /auth/token, fetched again whenever a request answers 401 (a fuzzed
        # POST /auth/logout ends the sign-in at once).
        email, password = api.credentials[identity]
        lines += [
            "[auth.dynamic.openapi.bearer]",
            'path = "/api/v1/auth/token"',
            f"payload = {{ email = {json.dumps(email)}, password = {json.dumps(password)} }}",
            'extract_selector = "/access_token"',
            "",
        ]
    for name in sorted(set(ID_PARAMETERS.values())):
        lines += [f"[dictionaries.{name}]", f"values = [{json.dumps(api.ids[name])}]", ""]
    lines.append("[parameters]")
    lines += [f'"{key}" = {{ dictionary = "{name}", probability = 0.6 }}' for key, name in ID_PARAMETERS.items()]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("identity", IDENTITIES)
def test_every_operation_survives_fuzzing_as_documented(api: LiveAPI, identity: str, tmp_path: Path) -> None:
    config = tmp_path / "schemathesis.toml"
    config.write_text(_config(api, identity))
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(config),
        "--no-color",
        "run",
        api.schema_url,
        "--checks",
        CHECKS,
        "--phases",
        "examples,coverage,fuzzing",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        os.environ.get("SCHEMATHESIS_SEED", str(sum(map(ord, identity)))),
        # One worker: CPython 3.11's ast.parse is not thread-safe, and hypothesis parses lambdas' source with it
        # ("SystemError: AST constructor recursion depth mismatch" under two workers).
        "--workers",
        "1",
        "--request-timeout",
        "30",
    ]
    # Run in the test's own directory: schemathesis keeps its example database and crash cache in the cwd.
    run = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=MAX_SECONDS, check=False)
    output = run.stdout + run.stderr
    print(output[max(output.find("WARNINGS"), 0) :])  # noqa: T201 - coverage warnings and summary, shown with -s
    assert run.returncode == 0, f"schemathesis found problems as {identity}:\n{output[-25000:]}"
    assert "generated" in output  # it really ran cases
    log = api.server_log()
    assert "unhandled_exception" not in log, log[-10000:]
