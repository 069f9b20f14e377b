"""Paying for bookings end to end over real HTTP: the backend runs on a local port with the FreedomPay
emulator mounted, the test plays the customer's browser on the emulator's payment page, and the emulator
calls the backend's signed callbacks, as the real gateway does."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from sqlalchemy import select, update

from tessera.booking.models import Booking
from tessera.catalog.models import ListingSession
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.db import session_scope
from tessera.core.outbox import Notification
from tessera.payments.freedompay import parse_xml, sign, signed, verify
from tessera.payments.models import Payment, Refund, RefundStatus
from tessera.sandbox.freedompay import (
    APPROVE,
    DECLINE,
    DELAYED,
    LOST_CALLBACK,
    LOST_REFUND_ANSWER,
)
from tessera.server.container import Container
from tessera.server.jobs import reconcile_payments, retry_refunds

from .conftest import PRODUCTION_ENV, SettingsFactory, free_port
from .helpers import book, make_listing
from .live import Live, LiveFactory, gateway, pay_on_gateway_page, wait_for

PRICE = 450_000  # 4,500.00 KZT


async def payment_status(client: httpx.AsyncClient, payment_id: str) -> str:
    status: str = (await client.get(f"/api/v1/payments/{payment_id}")).json()["status"]
    return status


async def seats(settings: Settings, session_id: str) -> tuple[int, int]:
    async with session_scope(settings.database) as session:
        row = await session.get(ListingSession, uuid.UUID(session_id))
        assert row is not None
        return row.held, row.sold


async def notifications(settings: Settings, kind: str) -> list[Notification]:
    async with session_scope(settings.database) as session:
        return list(await session.scalars(select(Notification).where(Notification.kind == kind)))


@dataclass
class Checkout:
    organizer: httpx.AsyncClient
    customer: httpx.AsyncClient
    event: dict[str, Any]
    booking: dict[str, Any]


async def checkout(live: Live, quantity: int = 2, capacity: int = 10) -> Checkout:
    organizer = await live.account(Role.ORGANIZER)
    customer = await live.account()
    event = await make_listing(organizer, capacity=capacity, prices=(PRICE,))
    response = await book(customer, event, quantity)
    assert response.status_code == 201, response.text
    return Checkout(organizer, customer, event, response.json())


async def start_payment(client: httpx.AsyncClient, booking_id: str, key: str | None = None) -> dict[str, Any]:
    headers = {"Idempotency-Key": key} if key else {}
    response = await client.post("/api/v1/payments", json={"booking_id": booking_id}, headers=headers)
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


async def test_approved_payment_confirms_the_booking(live: Live) -> None:
    flow = await checkout(live)
    payment = await start_payment(flow.customer, flow.booking["id"])
    assert payment["status"] == "pending"
    assert payment["redirect_url"].startswith(f"{live.base_url}/sandbox/freedompay/pay/")
    assert payment["amount"] == 2 * PRICE

    back = await pay_on_gateway_page(payment["redirect_url"], APPROVE)
    assert back.status_code == 303
    location = urlsplit(back.headers["location"])
    assert location.path == f"/bookings/{flow.booking['id']}/payment"
    returned = {k: v[0] for k, v in parse_qs(location.query).items()}
    assert returned["outcome"] == "success"
    signed_part = {k: v for k, v in returned.items() if k.startswith("pg_")}
    assert verify("payment", signed_part, live.settings.payments.secret_key)  # the gateway signs its fields

    paid = (await flow.customer.get(f"/api/v1/payments/{payment['id']}")).json()
    assert paid["status"] == "paid"
    assert paid["card_pan"] == "4716-04XX-XXXX-1981"
    assert paid["card_brand"] == "VI"
    booking = (await flow.customer.get(f"/api/v1/bookings/{flow.booking['id']}")).json()
    assert booking["status"] == "confirmed"
    assert {t["status"] for t in booking["tickets"]} == {"valid"}
    assert await seats(live.settings, flow.event["sessions"][0]["id"]) == (0, 2)
    assert len(await notifications(live.settings, "booking_confirmed")) == 1


async def test_declined_payment_leaves_the_hold_for_another_try(live: Live) -> None:
    flow = await checkout(live)
    first = await start_payment(flow.customer, flow.booking["id"])
    back = await pay_on_gateway_page(first["redirect_url"], DECLINE)
    assert back.status_code == 303
    assert "pg_error_code=10001" in back.headers["location"]
    failed = (await flow.customer.get(f"/api/v1/payments/{first['id']}")).json()
    assert failed["status"] == "failed"
    assert "issuing bank" in failed["failure_reason"]
    assert (await flow.customer.get(f"/api/v1/bookings/{flow.booking['id']}")).json()["status"] == "pending_payment"
    assert len(await notifications(live.settings, "payment_failed")) == 1

    second = await start_payment(flow.customer, flow.booking["id"])
    await pay_on_gateway_page(second["redirect_url"], APPROVE)
    assert await payment_status(flow.customer, second["id"]) == "paid"
    attempts = (await flow.customer.get("/api/v1/payments", params={"booking_id": flow.booking["id"]})).json()
    assert [a["status"] for a in attempts] == ["failed", "paid"]


async def test_returning_from_the_gateway_does_not_confirm_only_the_callback_does(live: Live) -> None:
    flow = await checkout(live)
    payment = await start_payment(flow.customer, flow.booking["id"])
    back = await pay_on_gateway_page(payment["redirect_url"], DELAYED)
    assert back.status_code == 303
    assert "outcome=success" in back.headers["location"]
    assert await payment_status(flow.customer, payment["id"]) == "pending"
    assert (await flow.customer.get(f"/api/v1/bookings/{flow.booking['id']}")).json()["status"] == "pending_payment"

    async def paid() -> bool:
        return await payment_status(flow.customer, payment["id"]) == "paid"

    await wait_for(paid)
    assert (await flow.customer.get(f"/api/v1/bookings/{flow.booking['id']}")).json()["status"] == "confirmed"


def result_callback(live: Live, payment: Payment, **fields: str) -> dict[str, str]:
    params = {
        "pg_order_id": str(payment.id),
        "pg_payment_id": payment.provider_payment_id or "",
        "pg_amount": "9000.00",
        "pg_currency": "KZT",
        "pg_result": "1",
        "pg_card_pan": "4716-04XX-XXXX-1981",
        "pg_card_brand": "VI",
        **fields,
    }
    return {k: str(v) for k, v in signed("result", params, live.settings.payments.secret_key).items()}


async def stored_payment(settings: Settings, payment_id: str) -> Payment:
    async with session_scope(settings.database) as session:
        payment = await session.get(Payment, uuid.UUID(payment_id))
        assert payment is not None
        return payment


async def test_duplicated_forged_and_mismatched_callbacks_change_nothing(live: Live) -> None:
    flow = await checkout(live)
    started = await start_payment(flow.customer, flow.booking["id"])
    await pay_on_gateway_page(started["redirect_url"], APPROVE)
    payment = await stored_payment(live.settings, started["id"])
    gateway = live.client()
    url = "/api/v1/payments/freedompay/result"
    secret = live.settings.payments.secret_key

    # Replays (also simultaneous ones) get the same signed "ok" and change nothing.
    replies = await asyncio.gather(*(gateway.post(url, data=result_callback(live, payment)) for _ in range(5)))
    for reply in replies:
        assert reply.status_code == 200
        answer = parse_xml(reply.text)
        assert answer["pg_status"] == "ok"
        assert verify("result", answer, secret)
    late_failure = await gateway.post(url, data=result_callback(live, payment, pg_result="0"))
    assert parse_xml(late_failure.text)["pg_status"] == "ok"
    assert await payment_status(flow.customer, started["id"]) == "paid"  # a success is never undone
    assert await seats(live.settings, flow.event["sessions"][0]["id"]) == (0, 2)
    assert len(await notifications(live.settings, "booking_confirmed")) == 1
    assert await notifications(live.settings, "payment_refunded") == []

    # A second, unpaid attempt for another booking is the target of hostile calls.
    other = await checkout(live)
    target_started = await start_payment(other.customer, other.booking["id"])
    target = await stored_payment(live.settings, target_started["id"])
    forged = result_callback(live, target)
    forged["pg_sig"] = "0" * 32
    wrong_amount = {
        k: str(v)
        for k, v in signed(
            "result", {**result_callback(live, target), "pg_amount": "1.00", "pg_sig": ""}, secret
        ).items()
    }
    wrong_currency = {
        k: str(v)
        for k, v in signed(
            "result", {**result_callback(live, target), "pg_currency": "USD", "pg_sig": ""}, secret
        ).items()
    }
    wrong_script = {**result_callback(live, target)}
    wrong_script["pg_sig"] = sign("check", wrong_script, secret)
    for hostile in (forged, wrong_amount, wrong_currency, wrong_script):
        reply = await gateway.post(url, data=hostile)
        assert reply.status_code == 200
        assert parse_xml(reply.text)["pg_status"] == "error"
    assert await payment_status(other.customer, target_started["id"]) == "pending"
    assert (await other.customer.get(f"/api/v1/bookings/{other.booking['id']}")).json()["status"] == "pending_payment"


async def test_check_callback_accepts_only_payable_bookings(live: Live) -> None:
    flow = await checkout(live)
    started = await start_payment(flow.customer, flow.booking["id"])
    payment = await stored_payment(live.settings, started["id"])
    gateway = live.client()
    secret = live.settings.payments.secret_key
    fields = {
        "pg_order_id": str(payment.id),
        "pg_payment_id": payment.provider_payment_id,
        "pg_amount": "9000.00",
        "pg_currency": "KZT",
    }
    ok = await gateway.post("/api/v1/payments/freedompay/check", data=signed("check", fields, secret))
    assert parse_xml(ok.text)["pg_status"] == "ok"
    by_get = await gateway.get("/api/v1/payments/freedompay/check", params=signed("check", fields, secret))
    assert parse_xml(by_get.text)["pg_status"] == "ok"

    async with session_scope(live.settings.database) as session:
        await session.execute(
            update(Booking)
            .where(Booking.id == uuid.UUID(flow.booking["id"]))
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    rejected = await gateway.post("/api/v1/payments/freedompay/check", data=signed("check", fields, secret))
    answer = parse_xml(rejected.text)
    assert answer["pg_status"] == "rejected"
    assert verify("check", answer, secret)
    # And the payment page refuses the charge: the gateway asks first.
    back = await pay_on_gateway_page(started["redirect_url"], APPROVE)
    assert "pg_status=error" in back.headers["location"]
    assert await payment_status(flow.customer, started["id"]) == "failed"


async def expire(settings: Settings, booking_id: str) -> None:
    from tessera.server.container import Container
    from tessera.server.jobs import expire_holds

    async with session_scope(settings.database) as session:
        await session.execute(
            update(Booking)
            .where(Booking.id == uuid.UUID(booking_id))
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    container = Container.build(settings)
    try:
        assert await expire_holds(container) == 1
    finally:
        await container.close()


async def test_late_payment_keeps_the_booking_while_seats_are_free(live: Live) -> None:
    flow = await checkout(live)
    started = await start_payment(flow.customer, flow.booking["id"])
    await pay_on_gateway_page(started["redirect_url"], LOST_CALLBACK)  # money taken, callback delayed
    await expire(live.settings, flow.booking["id"])
    assert await seats(live.settings, flow.event["sessions"][0]["id"]) == (0, 0)

    await gateway(live).deliver_result(int(started["redirect_url"].split("/pay/")[1].split("?")[0]))
    assert await payment_status(flow.customer, started["id"]) == "paid"
    booking = (await flow.customer.get(f"/api/v1/bookings/{flow.booking['id']}")).json()
    assert booking["status"] == "confirmed"
    assert {t["status"] for t in booking["tickets"]} == {"valid"}
    assert await seats(live.settings, flow.event["sessions"][0]["id"]) == (0, 2)


async def test_late_payment_is_refunded_when_the_seats_are_gone(live: Live) -> None:
    flow = await checkout(live, quantity=2, capacity=2)
    started = await start_payment(flow.customer, flow.booking["id"])
    await pay_on_gateway_page(started["redirect_url"], LOST_CALLBACK)
    await expire(live.settings, flow.booking["id"])
    rival = await live.account()
    assert (await book(rival, flow.event, 2)).status_code == 201  # the freed seats are sold again

    await gateway(live).deliver_result(int(started["redirect_url"].split("/pay/")[1].split("?")[0]))
    payment = (await flow.customer.get(f"/api/v1/payments/{started['id']}")).json()
    assert payment["status"] == "paid"
    assert (await flow.customer.get(f"/api/v1/bookings/{flow.booking['id']}")).json()["status"] == "expired"

    async def refunded() -> bool:
        refunds = (await flow.customer.get(f"/api/v1/payments/{started['id']}")).json()["refunds"]
        return len(refunds) == 1 and refunds[0]["status"] == "done"

    await wait_for(refunded)
    gateway_side = next(p for p in gateway(live).payments.values() if p.order_id == started["id"])
    assert gateway_side.status == "revoked"
    assert len(await notifications(live.settings, "payment_refunded")) == 1
    assert len(await notifications(live.settings, "refund_completed")) == 1
    assert await seats(live.settings, flow.event["sessions"][0]["id"]) == (2, 0)  # the rival's hold only


async def test_lost_callback_is_recovered_by_the_status_job(live_server: LiveFactory) -> None:
    live = await live_server(TESSERA_PAYMENT_STALE_MINUTES="0")
    flow = await checkout(live)
    started = await start_payment(flow.customer, flow.booking["id"])
    await pay_on_gateway_page(started["redirect_url"], LOST_CALLBACK)
    await asyncio.sleep(0.3)
    assert await payment_status(flow.customer, started["id"]) == "pending"

    from click.testing import CliRunner

    from tessera.server.cli import main
    from tessera.server.container import Container

    # What an operator (or the scheduler) runs: `tessera check-payments`, against the same database.
    env = {
        "TESSERA_DATABASE_URL": live.settings.database.url,
        "TESSERA_PORT": str(live.settings.port),
        "TESSERA_PAYMENT_STALE_MINUTES": "0",
        **({"TESSERA_REDIS_URL": live.settings.redis_url} if live.settings.redis_url else {}),
    }
    result = await asyncio.to_thread(CliRunner().invoke, main, ["check-payments"], env=env)
    assert result.exit_code == 0, result.output
    assert "Settled 1 payment(s)." in result.output
    container = Container.build(live.settings)
    try:
        assert await reconcile_payments(container) == 0  # settled once
    finally:
        await container.close()
    assert await payment_status(flow.customer, started["id"]) == "paid"
    assert (await flow.customer.get(f"/api/v1/bookings/{flow.booking['id']}")).json()["status"] == "confirmed"


async def test_cancellations_refund_by_policy(live_server: LiveFactory) -> None:
    live = await live_server()
    flow = await checkout(live, quantity=3)
    started = await start_payment(flow.customer, flow.booking["id"])
    await pay_on_gateway_page(started["redirect_url"], APPROVE)
    booking = (await flow.customer.get(f"/api/v1/bookings/{flow.booking['id']}")).json()

    partial = await flow.customer.post(
        f"/api/v1/bookings/{flow.booking['id']}/cancel", json={"ticket_ids": [booking["tickets"][0]["id"]]}
    )
    assert partial.status_code == 200, partial.text
    assert partial.json()["total"] == 2 * PRICE

    async def refunds_done(count: int) -> bool:
        refunds = (await flow.customer.get(f"/api/v1/payments/{started['id']}")).json()["refunds"]
        return len(refunds) == count and all(r["status"] == "done" for r in refunds)

    await wait_for(lambda: refunds_done(1))
    whole = await flow.customer.post(f"/api/v1/bookings/{flow.booking['id']}/cancel")
    assert whole.json()["status"] == "cancelled"
    await wait_for(lambda: refunds_done(2))
    refunds = (await flow.customer.get(f"/api/v1/payments/{started['id']}")).json()["refunds"]
    assert [r["amount"] for r in refunds] == [PRICE, 2 * PRICE]
    gateway_side = next(p for p in gateway(live).payments.values() if p.order_id == started["id"])
    assert gateway_side.status == "revoked"
    assert str(gateway_side.revoked) == "13500.00"

    # Past the cut-off, a customer's cancellation refunds nothing; an organizer's always refunds in full.
    strict = await live_server(TESSERA_REFUND_CUTOFF_HOURS="100000")
    late = await checkout(strict, quantity=1)
    late_payment = await start_payment(late.customer, late.booking["id"])
    await pay_on_gateway_page(late_payment["redirect_url"], APPROVE)
    assert (await late.customer.post(f"/api/v1/bookings/{late.booking['id']}/cancel")).status_code == 200
    await asyncio.sleep(0.3)
    assert (await late.customer.get(f"/api/v1/payments/{late_payment['id']}")).json()["refunds"] == []

    organizer_cancels = await checkout(strict, quantity=2)
    paid = await start_payment(organizer_cancels.customer, organizer_cancels.booking["id"])
    await pay_on_gateway_page(paid["redirect_url"], APPROVE)
    cancelled = await organizer_cancels.organizer.post(
        f"/api/v1/events/{organizer_cancels.event['id']}/cancel", json={"reason": "Venue flooded"}
    )
    assert cancelled.status_code == 200

    async def organizer_refund_done() -> bool:
        refunds = (await organizer_cancels.customer.get(f"/api/v1/payments/{paid['id']}")).json()["refunds"]
        return len(refunds) == 1 and refunds[0]["status"] == "done" and refunds[0]["amount"] == 2 * PRICE

    await wait_for(organizer_refund_done)


async def test_starting_a_payment_is_idempotent_and_guarded(live: Live) -> None:
    flow = await checkout(live)
    first = await flow.customer.post(
        "/api/v1/payments", json={"booking_id": flow.booking["id"]}, headers={"Idempotency-Key": "pay-1"}
    )
    again = await flow.customer.post(
        "/api/v1/payments", json={"booking_id": flow.booking["id"]}, headers={"Idempotency-Key": "pay-1"}
    )
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["idempotent-replayed"] == "true"
    assert len([p for p in gateway(live).payments.values() if p.order_id == first.json()["id"]]) == 1
    other_body = await flow.customer.post(
        "/api/v1/payments", json={"booking_id": str(uuid.uuid4())}, headers={"Idempotency-Key": "pay-1"}
    )
    assert other_body.status_code == 422

    stranger = await live.account()
    assert (await stranger.post("/api/v1/payments", json={"booking_id": flow.booking["id"]})).status_code == 404
    assert (await stranger.get(f"/api/v1/payments/{first.json()['id']}")).status_code == 404

    card_data = await flow.customer.post(
        "/api/v1/payments", json={"booking_id": flow.booking["id"], "card_number": APPROVE, "cvc": "123"}
    )
    assert card_data.status_code == 400  # card data is never accepted

    free = await make_listing(flow.organizer, prices=(0,), title="Free")
    confirmed = (await book(flow.customer, free)).json()
    not_payable = await flow.customer.post("/api/v1/payments", json={"booking_id": confirmed["id"]})
    assert not_payable.status_code == 409
    assert not_payable.json()["code"] == "booking_not_payable"


async def test_no_card_number_is_ever_stored(live: Live) -> None:
    flow = await checkout(live)
    started = await start_payment(flow.customer, flow.booking["id"])
    payment = await stored_payment(live.settings, started["id"])
    # A (misbehaving) gateway sending a full card number: it is not kept.
    reply = await live.client().post(
        "/api/v1/payments/freedompay/result",
        data=result_callback(live, payment, pg_card_pan=APPROVE, pg_card_exp="12/30", pg_card_owner="A B"),
    )
    assert parse_xml(reply.text)["pg_status"] == "ok"
    stored = await stored_payment(live.settings, started["id"])
    assert stored.status == "paid"
    assert stored.card_pan is None
    async with session_scope(live.settings.database) as session:
        for row in await session.scalars(select(Payment)):
            stored_text = " ".join(str(getattr(row, c.key, "")) for c in Payment.__table__.columns)
            assert APPROVE not in stored_text
            assert "12/30" not in stored_text
            assert row.card_pan is None or "X" in row.card_pan


async def test_gateway_down_is_a_clear_error(live_server: LiveFactory) -> None:
    live = await live_server(
        TESSERA_FREEDOMPAY_BASE_URL=f"http://127.0.0.1:{free_port()}",
        TESSERA_FREEDOMPAY_MERCHANT_ID="552210",
        TESSERA_FREEDOMPAY_SECRET_KEY="a-gateway-that-is-down",
    )
    flow = await checkout(live)
    response = await flow.customer.post("/api/v1/payments", json={"booking_id": flow.booking["id"]})
    assert response.status_code == 502
    assert response.json()["code"] == "payment_gateway_unavailable"
    attempts = (await flow.customer.get("/api/v1/payments", params={"booking_id": flow.booking["id"]})).json()
    assert [a["status"] for a in attempts] == ["failed"]


async def test_standalone_emulator_and_gateway_errors(tmp_path: Any) -> None:
    import os
    import sys

    from tessera.payments.freedompay import FreedomPayClient, FreedomPayError

    port = free_port()
    env = {
        **os.environ,
        "TESSERA_DATA_DIR": str(tmp_path),
        "TESSERA_FREEDOMPAY_MERCHANT_ID": "777",
        "TESSERA_FREEDOMPAY_SECRET_KEY": "emulator-secret",
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tessera",
        "sandbox-freedompay",
        "--port",
        str(port),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        client = FreedomPayClient(base_url=base, merchant_id="777", secret_key="emulator-secret", testing_mode=True)
        deadline = time.monotonic() + 20
        while True:
            try:
                started = await client.init_payment(
                    order_id="order-1",
                    amount="150.00",
                    currency="KZT",
                    description="Test",
                    check_url="http://127.0.0.1:1/check",
                    result_url="http://127.0.0.1:1/result",
                    success_url="http://127.0.0.1:1/ok",
                    failure_url="http://127.0.0.1:1/no",
                    lifetime_seconds=900,
                    user_email="a@example.com",
                    language="en",
                )
                break
            except FreedomPayError:
                assert time.monotonic() < deadline, "emulator did not start"
                await asyncio.sleep(0.2)
        assert started.redirect_url.startswith(f"{base}/pay/")
        status = await client.get_status(payment_id=started.payment_id)
        assert (status.payment_status, status.amount, status.order_id) == ("new", "150.00", "order-1")
        with pytest.raises(FreedomPayError, match=r"exceeds|completed"):
            await client.revoke(payment_id=started.payment_id, amount=None)
        await client.cancel(payment_id=started.payment_id)
        assert (await client.get_status(order_id="order-1")).payment_status == "error"
        await client.aclose()

        wrong_secret = FreedomPayClient(base_url=base, merchant_id="777", secret_key="guess", testing_mode=True)
        with pytest.raises(FreedomPayError) as bad_signature:
            await wrong_secret.get_status(payment_id=started.payment_id)
        assert bad_signature.value.code == "9998"
        await wrong_secret.aclose()
        wrong_merchant = FreedomPayClient(
            base_url=base, merchant_id="1", secret_key="emulator-secret", testing_mode=True
        )
        with pytest.raises(FreedomPayError) as unknown:
            await wrong_merchant.get_status(payment_id=started.payment_id)
        assert unknown.value.code == "9997"
        await wrong_merchant.aclose()
    finally:
        process.terminate()
        await process.wait()


async def test_a_callback_in_the_other_testing_mode_never_confirms(live_server: LiveFactory) -> None:
    live = await live_server(TESSERA_PAYMENT_STALE_MINUTES="0")  # the shop runs in test mode (development)
    flow = await checkout(live)
    started = await start_payment(flow.customer, flow.booking["id"])
    payment = await stored_payment(live.settings, started["id"])
    gateway_client = live.client()
    reply = await gateway_client.post(
        "/api/v1/payments/freedompay/result", data=result_callback(live, payment, pg_testing_mode="0")
    )
    assert reply.status_code == 200
    assert parse_xml(reply.text)["pg_status"] == "ok"  # recorded, so the gateway stops retrying
    assert await payment_status(flow.customer, started["id"]) == "pending"
    assert (await flow.customer.get(f"/api/v1/bookings/{flow.booking['id']}")).json()["status"] == "pending_payment"
    held = await stored_payment(live.settings, started["id"])
    assert held.review_reason is not None
    assert "live-mode payment" in held.review_reason
    # The status sweep leaves it for a person, even though the gateway would call it paid.
    gateway(live).payments[int(payment.provider_payment_id or 0)].status = "success"
    container = Container.build(live.settings)
    try:
        assert await reconcile_payments(container) == 0
    finally:
        await container.close()
    assert await payment_status(flow.customer, started["id"]) == "pending"
    # The same callback in the shop's own mode confirms as usual.
    matching = await gateway_client.post(
        "/api/v1/payments/freedompay/result", data=result_callback(live, payment, pg_testing_mode="1")
    )
    assert parse_xml(matching.text)["pg_status"] == "ok"
    assert await payment_status(flow.customer, started["id"]) == "paid"


async def test_a_refund_whose_answer_is_lost_is_settled_by_asking_never_paid_twice(
    live_server: LiveFactory,
) -> None:
    live = await live_server(TESSERA_PAYMENT_STALE_MINUTES="0")
    flow = await checkout(live, quantity=3)
    started = await start_payment(flow.customer, flow.booking["id"])
    await pay_on_gateway_page(started["redirect_url"], LOST_REFUND_ANSWER)
    assert await payment_status(flow.customer, started["id"]) == "paid"
    booking = (await flow.customer.get(f"/api/v1/bookings/{flow.booking['id']}")).json()
    partial = await flow.customer.post(
        f"/api/v1/bookings/{flow.booking['id']}/cancel", json={"ticket_ids": [booking["tickets"][0]["id"]]}
    )
    assert partial.status_code == 200, partial.text

    async def refund_status() -> str:
        refunds = (await flow.customer.get(f"/api/v1/payments/{started['id']}")).json()["refunds"]
        assert len(refunds) == 1
        status: str = refunds[0]["status"]
        return status

    await wait_for(lambda: _is(refund_status(), "unknown"))
    gateway_side = next(p for p in gateway(live).payments.values() if p.order_id == started["id"])
    assert len(gateway_side.refunds) == 1  # the gateway made it; the shop does not know yet

    container = Container.build(live.settings)
    try:
        for _ in range(3):  # the sweep, run again and again (as the scheduler does), asks instead of resending
            await retry_refunds(container)
    finally:
        await container.close()
    assert await refund_status() == "done"
    assert len(gateway_side.refunds) == 1
    assert gateway_side.revoked == Decimal("4500.00")
    assert len(await notifications(live.settings, "refund_completed")) == 1


async def _is(value: Awaitable[str], expected: str) -> bool:
    return await value == expected


@pytest.mark.parametrize(
    "body",
    [
        {"pg_xml": "<response><pg_order_id>"},  # cut off
        {"pg_xml": '<!DOCTYPE r [<!ENTITY a "aaaa">]><r>&a;</r>'},  # entities are refused, not expanded
        {"pg_order_id": "1", "pg_order_id[x]": "2"},  # a name used both as a value and as a list
    ],
)
async def test_a_malformed_callback_is_a_clear_4xx(live: Live, body: dict[str, str]) -> None:
    gateway_client = live.client()
    for script in ("check", "result"):
        reply = await gateway_client.post(f"/api/v1/payments/freedompay/{script}", data=body)
        assert reply.status_code == 400, reply.text
        assert reply.json()["code"] == "malformed_callback"


async def test_production_has_no_emulator_and_refuses_callbacks_signed_with_the_development_key(
    live_server: LiveFactory,
) -> None:
    from tessera.config import DEVELOPMENT_FREEDOMPAY_SECRET_KEY

    live = await live_server(**PRODUCTION_ENV, TESSERA_COOKIE_SECURE="false")
    assert live.sandbox is None
    anyone = live.client()
    assert (await anyone.get("/sandbox/freedompay/pay/1")).status_code == 404
    ready = (await anyone.get("/health/ready")).json()
    assert "payments" not in ready
    flow = await checkout(live)
    attempt = await flow.customer.post("/api/v1/payments", json={"booking_id": flow.booking["id"]})
    assert attempt.status_code == 502  # the configured gateway is down; no emulator steps in
    [payment] = (await flow.customer.get("/api/v1/payments", params={"booking_id": flow.booking["id"]})).json()
    forged = {
        k: str(v)
        for k, v in signed(
            "result",
            {"pg_order_id": payment["id"], "pg_amount": "9000.00", "pg_currency": "KZT", "pg_result": "1"},
            DEVELOPMENT_FREEDOMPAY_SECRET_KEY,
        ).items()
    }
    reply = await anyone.post("/api/v1/payments/freedompay/result", data=forged)
    assert parse_xml(reply.text)["pg_status"] == "error"
    assert (await flow.customer.get(f"/api/v1/bookings/{flow.booking['id']}")).json()["status"] == "pending_payment"


async def test_an_emulator_in_production_is_announced(live_server: LiveFactory) -> None:
    live = await live_server(
        TESSERA_ENV="production",
        TESSERA_SECRET_KEY="s" * 40,
        TESSERA_TICKET_KEYS="t" * 40,
        TESSERA_PII_KEYS=PRODUCTION_ENV["TESSERA_PII_KEYS"],
        TESSERA_PII_FINGERPRINT_KEY=PRODUCTION_ENV["TESSERA_PII_FINGERPRINT_KEY"],
        TESSERA_FREEDOMPAY_EMULATOR="true",
        TESSERA_FREEDOMPAY_SECRET_KEY="a-staging-only-key",
    )
    assert live.sandbox is not None
    ready = (await live.client().get("/health/ready")).json()
    assert ready["payments"] == "emulator"
    assert "no real money" in ready["warnings"][0]


async def test_an_unknown_refund_the_gateway_never_made_is_sent_once_and_an_unclear_one_waits(
    live_server: LiveFactory,
) -> None:
    live = await live_server(TESSERA_PAYMENT_STALE_MINUTES="0")
    flow = await checkout(live, quantity=2)
    started = await start_payment(flow.customer, flow.booking["id"])
    await pay_on_gateway_page(started["redirect_url"], APPROVE)
    payment = await stored_payment(live.settings, started["id"])
    gateway_side = next(p for p in gateway(live).payments.values() if p.order_id == started["id"])

    async def lost_refund(amount: int) -> uuid.UUID:
        """A refund sent whose answer never came (the request may or may not have reached the gateway)."""
        async with session_scope(live.settings.database) as session:
            refund = Refund(
                payment_id=payment.id,
                booking_id=payment.booking_id,
                amount=amount,
                currency="KZT",
                reason="Lost on the way",
                status=RefundStatus.UNKNOWN,
                attempts=1,
            )
            session.add(refund)
            await session.flush()
            return refund.id

    async def status_of(refund_id: uuid.UUID) -> str:
        async with session_scope(live.settings.database) as session:
            refund = await session.get(Refund, refund_id)
            assert refund is not None
            return refund.status

    container = Container.build(live.settings)
    try:
        # The gateway has refunded nothing: the refund surely did not happen, so it is sent, once.
        never_made = await lost_refund(PRICE)
        await retry_refunds(container)
        await retry_refunds(container)
        assert await status_of(never_made) == "done"
        assert [amount for _, amount in gateway_side.refunds] == [Decimal("4500.00")]
        # The gateway's total covers part of the next one only: nobody can tell, so a person decides.
        unclear = await lost_refund(PRICE)
        gateway_side.revoked += Decimal("1000.00")
        await retry_refunds(container)
        assert await status_of(unclear) == "unknown"
        assert len(gateway_side.refunds) == 1
    finally:
        await container.close()


async def test_every_process_says_at_start_that_the_emulator_runs_in_production(make_settings: SettingsFactory) -> None:
    from structlog.testing import capture_logs

    staging = make_settings(
        **{k: v for k, v in PRODUCTION_ENV.items() if not k.startswith("TESSERA_FREEDOMPAY_")},
        TESSERA_FREEDOMPAY_EMULATOR="true",
        TESSERA_FREEDOMPAY_SECRET_KEY="a-staging-only-key",
    )
    with capture_logs() as logs:
        container = Container.build(staging)  # what the API, the worker, the scheduler and the CLI each build
        await container.close()
        quiet = Container.build(make_settings(**PRODUCTION_ENV))
        await quiet.close()
    warnings = [entry for entry in logs if entry["event"] == "freedompay_emulator_in_production"]
    assert len(warnings) == 1
    assert warnings[0]["log_level"] == "warning"
