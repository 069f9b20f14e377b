"""A flash sale: thousands of buyers press "book" on the same session within seconds.

    make loadtest LOCUSTFILE=loadtests/flash_sale.py TESSERA_LOADTEST_BUYERS=2000

When the test starts, an organizer from the pool publishes one session with ``TESSERA_FLASH_SEATS`` seats
(default 500). The shape below brings ``TESSERA_FLASH_USERS`` buyers (default 2000) in within a few
seconds; each books once (1 or 2 seats) with its own pooled account and then leaves. "Sold out" is the
expected answer for most of them and is not counted as a failure; anything else is. When the run ends the
session's availability is checked: the seats taken never exceed the seats that exist.
"""

from __future__ import annotations

import os
import random
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from locust import LoadTestShape, constant, events, task
from locust.env import Environment
from locust.exception import StopUser
from locustfile import PASSWORD, TesseraUser, fail_ratio_gate, seed_accounts  # noqa: F401 - registers listeners

SEATS = int(os.environ.get("TESSERA_FLASH_SEATS", "500"))
USERS = int(os.environ.get("TESSERA_FLASH_USERS", "2000"))
sale: dict[str, str] = {}


@events.test_start.add_listener
def open_the_sale(environment: Environment, **_: Any) -> None:
    host = environment.host or "http://127.0.0.1:8000"
    with requests.Session() as http:
        http.post(
            f"{host}/api/v1/auth/login", json={"email": "loadtest-organizer-0@tessera.test", "password": PASSWORD}
        )
        http.get(f"{host}/api/v1/auth/me")
        csrf = {"x-csrftoken": http.cookies.get("csrftoken", "")}
        event = http.post(
            f"{host}/api/v1/events",
            headers=csrf,
            json={
                "title": f"Flash sale {uuid.uuid4().hex[:6]}",
                "category": "concerts",
                "venue": {
                    "name": "Arena",
                    "address": "1 Main St",
                    "city": "Almaty",
                    "country": "KZ",
                    "timezone": "Asia/Almaty",
                },
            },
        ).json()
        starts = datetime.now(UTC) + timedelta(days=30)
        session = http.post(
            f"{host}/api/v1/events/{event['id']}/sessions",
            headers=csrf,
            json={
                "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(hours=3)).isoformat(),
                "capacity": SEATS,
            },
        ).json()
        ticket = http.post(
            f"{host}/api/v1/events/{event['id']}/ticket-types",
            headers=csrf,
            json={"name": "General admission", "price": 1500000, "currency": "KZT", "max_per_order": 2},
        ).json()
        http.post(f"{host}/api/v1/events/{event['id']}/publish", headers=csrf).raise_for_status()
    sale.update(session_id=session["id"], ticket_type_id=ticket["id"])


@events.quitting.add_listener
def check_no_oversell(environment: Environment, **_: Any) -> None:
    if not sale:
        return
    host = environment.host or "http://127.0.0.1:8000"
    seats = requests.get(f"{host}/api/v1/sessions/{sale['session_id']}/availability", timeout=30).json()
    taken = seats["sold"] + seats["held"]
    print(f"flash sale: {taken} of {seats['capacity']} seats taken")
    if taken > seats["capacity"]:
        environment.process_exit_code = 1
        print("flash sale: OVERSOLD")


class FlashBuyer(TesseraUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        self.sign_in("buyer")

    @task
    def book(self) -> None:
        with self.client.post(
            "/api/v1/bookings",
            json={
                "session_id": sale["session_id"],
                "items": [{"ticket_type_id": sale["ticket_type_id"], "quantity": random.choice([1, 2])}],
            },
            headers={"x-csrftoken": self.client.cookies.get("csrftoken", ""), "Idempotency-Key": uuid.uuid4().hex},
            name="/api/v1/bookings (flash sale)",
            catch_response=True,
        ) as response:
            if response.status_code == 201 or (
                response.status_code == 409 and response.json().get("code") == "sold_out"
            ):
                response.success()
            else:
                response.failure(f"{response.status_code}: {response.text[:200]}")
        raise StopUser  # one attempt per person, as at a real sale


class FlashSaleShape(LoadTestShape):
    """Everyone arrives within about five seconds, then the sale runs for a minute."""

    def tick(self) -> tuple[int, float] | None:
        if self.get_run_time() > 65:
            return None
        return USERS, max(USERS / 5, 1)
