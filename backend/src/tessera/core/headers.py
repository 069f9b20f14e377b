"""Security headers on every response of the API, error and 404 responses included."""

from __future__ import annotations

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
        common = [
            (b"x-content-type-options", b"nosniff"),
            (b"x-frame-options", b"DENY"),
            (b"referrer-policy", b"no-referrer"),
            *([(b"strict-transport-security", HSTS.encode())] if hsts else []),
        ]
        # Encoded once: this runs on every response, the hot paths included.
        self._api = [*common, (b"content-security-policy", API_POLICY.encode())]
        self._pages = [*common, (b"content-security-policy", PAGE_POLICY.encode())]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP:
            await self.app(scope, receive, send)
            return
        extra = self._pages if scope["path"].startswith(_HTML_PREFIXES) else self._api

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
