"""A backend served over real HTTP on a local port, with the FreedomPay emulator mounted: the test plays the
customer's browser on the emulator's payment page, and the emulator calls the backend's signed callbacks, as
the real gateway does. The ``live_server`` and ``live`` fixtures (conftest) start it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from tessera.config import Settings
from tessera.core.auth import Role
from tessera.sandbox.freedompay import FreedomPaySandbox

from .helpers import create_accounts


@dataclass
class Live:
    base_url: str
    settings: Settings
    sandbox: FreedomPaySandbox | None
    clients: list[httpx.AsyncClient]

    def client(self, token: str | None = None) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        client = httpx.AsyncClient(base_url=self.base_url, headers=headers, timeout=30)
        self.clients.append(client)
        return client

    async def account(self, role: Role = Role.PARTICIPANT) -> httpx.AsyncClient:
        [(_, _, token)] = await create_accounts(self.settings, 1, role, role.value)
        return self.client(token)


LiveFactory = Callable[..., Awaitable[Live]]


def gateway(live: Live) -> FreedomPaySandbox:
    assert live.sandbox is not None
    return live.sandbox


async def wait_for(check: Callable[[], Awaitable[bool]], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while not await check():
        assert time.monotonic() < deadline, "condition not reached in time"
        await asyncio.sleep(0.05)


async def pay_on_gateway_page(redirect_url: str, card: str) -> httpx.Response:
    """What a customer does in their browser on the gateway's page."""
    async with httpx.AsyncClient(timeout=30) as browser:
        page = await browser.get(redirect_url)
        assert page.status_code == 200
        assert "Card number" in page.text
        return await browser.post(redirect_url, data={"card_number": card, "expiry": "12/30", "cvc": "123"})
