"""A real ``tessera serve`` process in embedded mode (SQLite in a temporary data directory), migrated, with an
admin made by ``tessera create-admin``, a published listing, a booking, and a bearer token per role."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from tests.conftest import PASSWORD, free_port

ADMIN_EMAIL = "fuzz-admin@example.com"
ADMIN_PASSWORD = "fuzz-admin-password"


@dataclass
class LiveAPI:
    base_url: str
    log_path: Path
    tokens: dict[str, str] = field(default_factory=dict)
    # (e-mail, password) of each role's account: the fuzzer signs in again when a fuzzed request ended its sign-in.
    credentials: dict[str, tuple[str, str]] = field(default_factory=dict)
    # Real resource ids, so fuzzed requests also reach the code behind a found resource.
    ids: dict[str, str] = field(default_factory=dict)

    @property
    def schema_url(self) -> str:
        return f"{self.base_url}/schema/openapi.json"

    def server_log(self) -> str:
        return self.log_path.read_text(errors="replace")


def _environment(data_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TESSERA_")}
    env.update(
        {
            "TESSERA_DATA_DIR": str(data_dir),
            "TESSERA_PORT": str(port),
            "TESSERA_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "TESSERA_LOG_LEVEL": "WARNING",
            # The fuzzer signs in and registers far more often than any person would.
            "TESSERA_RATE_LIMIT_ENABLED": "false",
            # Its accounts sign up, publish and pay at once, without opening a verification e-mail.
            "TESSERA_REQUIRE_EMAIL_VERIFICATION": "false",
            "TESSERA_ARGON2_TIME_COST": "1",
            "TESSERA_ARGON2_MEMORY_KIB": "64",
            "TESSERA_ARGON2_PARALLELISM": "1",
            "TESSERA_SCHEDULER_IN_PROCESS": "false",
            "TESSERA_ACCESS_TOKEN_MINUTES": "120",
            "TESSERA_SANDBOX_DELAY_MS": "100",
            "TESSERA_SANDBOX_RETRY_MS": "100",
        }
    )
    return env


def _tessera(*args: str, env: dict[str, str]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tessera", *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, f"tessera {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"


def _ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, f"{response.request.method} {response.request.url}: {response.text}"
    return response.json() if response.content else None


def _token(client: httpx.Client, email: str, password: str) -> str:
    token: str = _ok(client.post("/api/v1/auth/token", json={"email": email, "password": password}))["access_token"]
    return token


def _seed(api: LiveAPI) -> None:
    with httpx.Client(base_url=api.base_url, timeout=30) as client:
        for role in ("participant", "organizer"):
            email = f"fuzz-{role}@example.com"
            body = {"email": email, "password": PASSWORD, "name": f"Fuzz {role}", "role": role}
            api.ids[f"{role}_id"] = _ok(client.post("/api/v1/auth/register", json=body), 201)["id"]
            api.tokens[role] = _token(client, email, PASSWORD)
            api.credentials[role] = (email, PASSWORD)
        # An account only the admin's fuzzing may change (role, deactivation) without locking the others out.
        spare = {"email": "fuzz-spare@example.com", "password": PASSWORD, "name": "Spare"}
        api.ids["spare_id"] = _ok(client.post("/api/v1/auth/register", json=spare), 201)["id"]
        api.tokens["admin"] = _token(client, ADMIN_EMAIL, ADMIN_PASSWORD)
        api.credentials["admin"] = (ADMIN_EMAIL, ADMIN_PASSWORD)

        organizer = {"Authorization": f"Bearer {api.tokens['organizer']}"}
        participant = {"Authorization": f"Bearer {api.tokens['participant']}"}
        event = _ok(
            client.post(
                "/api/v1/events",
                headers=organizer,
                json={
                    "kind": "event",
                    "title": "Fuzz Night",
                    "description": "A listing the fuzzer may poke at",
                    "category": "concerts",
                    "tags": ["live"],
                    "venue": {
                        "name": "Fuzz Hall",
                        "address": "1 Main St",
                        "city": "Almaty",
                        "country": "KZ",
                        "timezone": "Asia/Almaty",
                    },
                },
            ),
            201,
        )
        api.ids["event_id"] = event["id"]
        starts = time.time() + 10 * 86400
        session = _ok(
            client.post(
                f"/api/v1/events/{event['id']}/sessions",
                headers=organizer,
                json={
                    "starts_at": _iso(starts),
                    "ends_at": _iso(starts + 3 * 3600),
                    "capacity": 50,
                },
            ),
            201,
        )
        api.ids["session_id"] = session["id"]
        ticket_type = _ok(
            client.post(
                f"/api/v1/events/{event['id']}/ticket-types",
                headers=organizer,
                json={"name": "Standard", "price": 500_000, "currency": "KZT", "max_per_order": 10},
            ),
            201,
        )
        api.ids["ticket_type_id"] = ticket_type["id"]
        _ok(client.post(f"/api/v1/events/{event['id']}/publish", headers=organizer))
        booking = _ok(
            client.post(
                "/api/v1/bookings",
                headers=participant,
                json={"session_id": session["id"], "items": [{"ticket_type_id": ticket_type["id"], "quantity": 2}]},
            ),
            201,
        )
        api.ids["booking_id"] = booking["id"]
        payment = _ok(client.post("/api/v1/payments", headers=participant, json={"booking_id": booking["id"]}), 201)
        api.ids["payment_id"] = payment["id"]
        _seed_flights(api, client, organizer, participant, starts)


def _seed_flights(
    api: LiveAPI, client: httpx.Client, organizer: dict[str, str], participant: dict[str, str], starts: float
) -> None:
    """An aircraft, a published route ALA→NQZ with a departure, and a participant's order on it."""
    aircraft = _ok(
        client.post(
            "/api/v1/flights/aircraft",
            headers=organizer,
            json={
                "model": "Fuzz Jet",
                "cabins": [{"cabin": "economy", "first_row": 1, "last_row": 20, "layout": "ABC-DEF"}],
            },
        ),
        201,
    )
    api.ids["aircraft_id"] = aircraft["id"]
    route = _ok(
        client.post(
            "/api/v1/flights/routes",
            headers=organizer,
            json={
                "flight_number": "FZ101",
                "origin": "ALA",
                "destination": "NQZ",
                "aircraft_id": aircraft["id"],
                "fares": [{"name": "Fuzz Fare", "cabin": "economy", "price": 2_500_000, "currency": "KZT"}],
            },
        ),
        201,
    )
    api.ids["route_id"] = route["id"]
    api.ids["fare_id"] = route["fares"][0]["id"]
    departures = _ok(
        client.post(
            f"/api/v1/flights/routes/{route['id']}/departures",
            headers=organizer,
            json={"departs_at": _iso(starts), "arrives_at": _iso(starts + 100 * 60)},
        ),
        201,
    )
    api.ids["departure_id"] = departures["items"][0]["id"]
    _ok(client.post(f"/api/v1/flights/routes/{route['id']}/publish", headers=organizer))
    order = _ok(
        client.post(
            "/api/v1/flights/orders",
            headers=participant,
            json={
                "legs": [{"departure_id": api.ids["departure_id"], "fare_id": api.ids["fare_id"]}],
                "passengers": [
                    {
                        "type": "adult",
                        "given_name": "Fuzz",
                        "family_name": "Traveller",
                        "birth_date": "1990-01-01",
                        "nationality": "KZ",
                        "document": {"number": "FZ1234567", "expires_on": "2035-01-01", "issuing_country": "KZ"},
                    }
                ],
            },
        ),
        201,
    )
    api.ids["order_id"] = order["id"]
    api.ids["passenger_id"] = order["passengers"][0]["id"]


def _iso(epoch: float) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


@contextmanager
def live_api(data_dir: Path) -> Iterator[LiveAPI]:
    port = free_port()
    env = _environment(data_dir, port)
    _tessera("migrate", env=env)
    _tessera("create-admin", "--email", ADMIN_EMAIL, env={**env, "TESSERA_ADMIN_PASSWORD": ADMIN_PASSWORD})
    _tessera("import-airports", "--countries", "KZ", env=env)
    api = LiveAPI(base_url=f"http://127.0.0.1:{port}", log_path=data_dir / "server.log")
    with api.log_path.open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "tessera", "serve"], env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + 30
            while True:
                assert server.poll() is None, f"tessera serve exited:\n{api.server_log()}"
                try:
                    if httpx.get(f"{api.base_url}/health/live", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, f"tessera serve did not start:\n{api.server_log()}"
                time.sleep(0.2)
            _seed(api)
            yield api
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
