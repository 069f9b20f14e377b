"""Security headers on every response of the API, error and 404 responses included."""

from __future__ import annotations

from litestar.datastructures import MutableScopeHeaders
from litestar.enums import ScopeType
from litestar.types import ASGIApp, Message, Receive, Scope, Send

# JSON answers need nothing from a browser: no scripts, no frames, no sniffing, no referrer.
API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
# The interactive documentation and the payment emulator's page are HTML with their own assets: they are
# only kept out of frames.
PAGE_POLICY = "frame-ancestors 'none'"
HSTS = "max-age=31536000; includeSubDomains"
_HTML_PREFIXES = ("/schema", "/sandbox")


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp, *, hsts: bool) -> None:
        self.app = app
        self.hsts = hsts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        policy = PAGE_POLICY if scope["path"].startswith(_HTML_PREFIXES) else API_POLICY

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders.from_message(message)
                for name, value in (
                    ("X-Content-Type-Options", "nosniff"),
                    ("X-Frame-Options", "DENY"),
                    ("Referrer-Policy", "no-referrer"),
                    ("Content-Security-Policy", policy),
                ):
                    if name not in headers:
                        headers[name] = value
                if self.hsts:
                    headers["Strict-Transport-Security"] = HSTS
            await send(message)

        await self.app(scope, receive, send_with_headers)
