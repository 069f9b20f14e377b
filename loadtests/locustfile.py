"""Realistic Tessera traffic for Locust.

    make loadtest LOADTEST_HOST=http://127.0.0.1:8000 USERS=200 DURATION=2m

Users:
- ``Browser`` (most of the crowd): the catalog, searches, filters, event pages and live availability;
- ``Buyer``: signs in with cookies and sends the CSRF header like the web app, books one or two tickets,
  pays on the FreedomPay sandbox page, waits for the confirmation, sometimes cancels;
- ``Organizer``: creates a listing with a session and a ticket type and publishes it.

Every signed-in user takes its own account from a pool seeded when the test starts (``loadtest-<role>-N``),
never a shared list, so per-account limits and locks behave as with real people. URLs are grouped with
``name=`` so the report has one line per endpoint. The run fails (exit code 1) when the share of failed
requests exceeds ``TESSERA_LOADTEST_MAX_FAIL_RATIO`` (default 1%).

The stack under test should run with ``TESSERA_RATE_LIMIT_ENABLED=false`` (all simulated users share one IP
address) and ``TESSERA_REQUIRE_EMAIL_VERIFICATION=false`` (the accounts sign up and pay without opening an
e-mail). A flash sale on one session is in ``flash_sale.py``.
"""

from __future__ import annotations

import itertools
import os
import random
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from locust import HttpUser, between, events, task
from locust.env import Environment

PASSWORD = "loadtest-password-1"
APPROVED_CARD = "4716047261941981"
POOL_SIZE = {"buyer": int(os.environ.get("TESSERA_LOADTEST_BUYERS", "200")), "organizer": 20}
ROLES = {"buyer": "participant", "organizer": "organizer"}
MAX_FAIL_RATIO = float(os.environ.get("TESSERA_LOADTEST_MAX_FAIL_RATIO", "0.01"))
SEARCHES = ["jazz", "festival", "tech", "improv", "opera", "night", "summit"]
CITIES = ["Almaty", "Astana", "Shymkent", "Bishkek", "Tashkent"]

_pool = {role: itertools.count() for role in POOL_SIZE}


def pool_account(role: str) -> str:
    """The next account of the seeded pool (wraps around when there are more users than accounts)."""
    return f"loadtest-{role}-{next(_pool[role]) % POOL_SIZE[role]}@tessera.test"


@events.test_start.add_listener
def seed_accounts(environment: Environment, **_: Any) -> None:
    """Create the account pool through the API (an existing account answers 409 and is reused)."""
    import requests

    host = environment.host or "http://127.0.0.1:8000"
    with requests.Session() as http:
        for role, size in POOL_SIZE.items():
            for i in range(size):
                email = f"loadtest-{role}-{i}@tessera.test"
                response = http.post(
                    f"{host}/api/v1/auth/register",
                    json={"email": email, "password": PASSWORD, "name": f"Load {role} {i}", "role": ROLES[role]},
                    timeout=30,
                )
                if response.status_code not in (201, 409):
                    print(f"could not seed {email}: {response.status_code} {response.text[:200]}")
                    environment.process_exit_code = 1
                    if environment.runner is not None:
                        environment.runner.quit()
                    return


@events.quitting.add_listener
def fail_ratio_gate(environment: Environment, **_: Any) -> None:
    stats = environment.stats.total
    if stats.num_requests == 0:
        environment.process_exit_code = 1
        print("loadtest gate: no requests were made")
    elif stats.fail_ratio > MAX_FAIL_RATIO:
        environment.process_exit_code = 1
        print(f"loadtest gate: {stats.fail_ratio:.2%} of requests failed (limit {MAX_FAIL_RATIO:.2%})")


class TesseraUser(HttpUser):
    abstract = True

    def browse_events(self, **params: Any) -> list[dict[str, Any]]:
        with self.client.get("/api/v1/events", params=params, name="/api/v1/events", catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"catalog answered {r.status_code}")
                return []
            items: list[dict[str, Any]] = r.json()["items"]
            return items

    def event(self, event_id: str) -> dict[str, Any] | None:
        response = self.client.get(f"/api/v1/events/{event_id}", name="/api/v1/events/[id]")
        return response.json() if response.status_code == 200 else None

    def sign_in(self, role: str) -> None:
        self.email = pool_account(role)
        self.client.post(
            "/api/v1/auth/login", json={"email": self.email, "password": PASSWORD}, name="/api/v1/auth/login"
        )
        self.client.get("/api/v1/auth/me", name="/api/v1/auth/me")  # also hands out the CSRF cookie

    def unsafe(self, method: str, url: str, name: str, **kwargs: Any) -> Any:
        """A state-changing call as the web app makes it: session cookie plus the CSRF header."""
        headers = {"x-csrftoken": self.client.cookies.get("csrftoken", "")}
        return self.client.request(method, url, name=name, headers=headers, **kwargs)


class Browser(TesseraUser):
    weight = 6
    wait_time = between(1, 4)

    @task(4)
    def catalog(self) -> None:
        self.browse_events(limit=20, offset=random.choice([0, 0, 0, 20]))

    @task(3)
    def search(self) -> None:
        self.browse_events(q=random.choice(SEARCHES), limit=20)

    @task(2)
    def filter_by_city(self) -> None:
        self.browse_events(city=random.choice(CITIES), kind=random.choice(["event", "flight", "party"]))

    @task(4)
    def event_page(self) -> None:
        listings = self.browse_events(limit=20)
        if not listings:
            return
        detail = self.event(random.choice(listings)["id"])
        if detail and detail["sessions"]:
            session = random.choice(detail["sessions"])
            self.client.get(f"/api/v1/sessions/{session['id']}/availability", name="/api/v1/sessions/[id]/availability")
            self.client.get(f"/api/v1/events/{detail['id']}/reviews", name="/api/v1/events/[id]/reviews")


class Buyer(TesseraUser):
    weight = 3
    wait_time = between(2, 6)

    def on_start(self) -> None:
        self.sign_in("buyer")

    @task
    def book_and_pay(self) -> None:
        # Flights and watch parties are booked through their own pages; the generic endpoint refuses them.
        listings = [
            e
            for e in self.browse_events(limit=20, offset=random.choice([0, 20]))
            if not e["sold_out"] and e.get("managed_by") is None
        ]
        if not listings:
            return
        detail = self.event(random.choice(listings)["id"])
        if not detail or not detail["sessions"] or not detail["ticket_types"]:
            return
        session = random.choice([s for s in detail["sessions"] if s["status"] == "scheduled"] or detail["sessions"])
        body = {
            "session_id": session["id"],
            "items": [{"ticket_type_id": detail["ticket_types"][0]["id"], "quantity": random.choice([1, 1, 2])}],
        }
        with self.client.post(
            "/api/v1/bookings",
            json=body,
            headers={"x-csrftoken": self.client.cookies.get("csrftoken", ""), "Idempotency-Key": uuid.uuid4().hex},
            name="/api/v1/bookings",
            catch_response=True,
        ) as response:
            if response.status_code == 409 and response.json().get("code") in ("sold_out", "ticket_limit_reached"):
                response.success()  # a real answer to a real situation, not a failure of the system
                return
            if response.status_code != 201:
                response.failure(f"booking answered {response.status_code}: {response.text[:200]}")
                return
            booking = response.json()
        if booking["status"] == "pending_payment":
            self.pay(booking["id"])
        if random.random() < 0.1:
            self.unsafe("POST", f"/api/v1/bookings/{booking['id']}/cancel", "/api/v1/bookings/[id]/cancel", json={})

    def pay(self, booking_id: str) -> None:
        started = self.unsafe("POST", "/api/v1/payments", "/api/v1/payments", json={"booking_id": booking_id})
        if started.status_code != 201 or not started.json().get("redirect_url"):
            return
        page = started.json()["redirect_url"]
        # The customer's browser on the gateway's own page (the sandbox emulator).
        with self.client.post(
            page,
            data={"card_number": APPROVED_CARD, "expiry": "12/30", "cvc": "123"},
            name="sandbox: pay page",
            allow_redirects=False,  # it sends the browser back to the web app, which is not under test here
            catch_response=True,
        ) as paid:
            if paid.status_code not in (302, 303):
                paid.failure(f"the payment page answered {paid.status_code}")
                return
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            status = self.client.get(f"/api/v1/bookings/{booking_id}", name="/api/v1/bookings/[id]").json()["status"]
            if status != "pending_payment":
                return
            time.sleep(1)


class Organizer(TesseraUser):
    weight = 1
    wait_time = between(5, 15)

    def on_start(self) -> None:
        self.sign_in("organizer")

    @task
    def create_and_publish(self) -> None:
        suffix = uuid.uuid4().hex[:6]
        created = self.unsafe(
            "POST",
            "/api/v1/events",
            "/api/v1/events (create)",
            json={
                "title": f"Load test evening {suffix}",
                "description": "Made by the load test",
                "category": "concerts",
                "venue": {
                    "name": "Load Hall",
                    "address": "1 Main St",
                    "city": random.choice(CITIES),
                    "country": "KZ",
                    "timezone": "Asia/Almaty",
                },
            },
        )
        if created.status_code != 201:
            return
        event_id = created.json()["id"]
        starts = datetime.now(UTC) + timedelta(days=random.randint(10, 90))
        self.unsafe(
            "POST",
            f"/api/v1/events/{event_id}/sessions",
            "/api/v1/events/[id]/sessions",
            json={
                "starts_at": starts.isoformat(),
                "ends_at": (starts + timedelta(hours=3)).isoformat(),
                "capacity": 200,
            },
        )
        self.unsafe(
            "POST",
            f"/api/v1/events/{event_id}/ticket-types",
            "/api/v1/events/[id]/ticket-types",
            json={"name": "Standard", "price": random.choice([0, 250000, 500000]), "currency": "KZT"},
        )
        self.unsafe("POST", f"/api/v1/events/{event_id}/publish", "/api/v1/events/[id]/publish")
