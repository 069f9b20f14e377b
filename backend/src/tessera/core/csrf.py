"""Double-submit CSRF protection on top of Litestar's CSRF middleware.

Litestar signs and verifies the tokens; this subclass decides which requests need one and answers with our
error shape. A request needs a token when it is unsafe and could ride on the browser's ambient credentials:
it carries one of our session cookies and no bearer header. Bearer requests, requests with no session cookie
at all, and the sign-in endpoints (authenticated by the credentials in their body, not by a cookie) are
exempt; the sign-in endpoints accept only ``application/json``, which a cross-site form cannot send without a
CORS preflight, so a forged sign-in (login CSRF) is still impossible. The ``csrftoken`` cookie is issued on
any response that lacks it.
"""

from __future__ import annotations

from typing import Any

from litestar.config.csrf import CSRFConfig
from litestar.connection import ASGIConnection
from litestar.enums import ScopeType
from litestar.middleware.csrf import CSRFMiddleware, generate_csrf_token
from litestar.types import Receive, Scope, Send

from tessera.core.auth import ACCESS_COOKIE, CSRF_COOKIE, CSRF_HEADER, REFRESH_COOKIE, bearer_token
from tessera.core.errors import CSRFFailedError, UnsupportedMediaTypeError

# Route handlers with ``opt={EXCLUDE_FROM_CSRF: True}`` skip the check (server-to-server callbacks).
EXCLUDE_FROM_CSRF = "exclude_from_csrf"
# Route handlers with ``opt={CREDENTIALS_ENDPOINT: True}`` skip the check but must receive JSON.
CREDENTIALS_ENDPOINT = "credentials_endpoint"


def build_csrf_config(secret: str, secure: bool) -> CSRFConfig:
    return CSRFConfig(
        secret=secret,
        cookie_name=CSRF_COOKIE,
        header_name=CSRF_HEADER,
        cookie_secure=secure,
        cookie_httponly=False,  # the web app must read it to echo it in the header
        cookie_samesite="lax",
        exclude_from_csrf_key=EXCLUDE_FROM_CSRF,
    )


class TesseraCSRFMiddleware(CSRFMiddleware):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != ScopeType.HTTP or scope["method"] in self.config.safe_methods:
            await super().__call__(scope, receive, send)
            return
        opt = scope["route_handler"].opt if scope.get("route_handler") is not None else {}
        if opt.get(EXCLUDE_FROM_CSRF):
            await self.app(scope, receive, send)
            return

        connection: ASGIConnection[Any, Any, Any, Any] = ASGIConnection(scope)
        cookie_token = connection.cookies.get(self.config.cookie_name)
        if opt.get(CREDENTIALS_ENDPOINT):
            if connection.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
                raise UnsupportedMediaTypeError("Send the request body as application/json")
        elif bearer_token(connection) is None and (
            connection.cookies.get(ACCESS_COOKIE) or connection.cookies.get(REFRESH_COOKIE)
        ):
            header_token = connection.headers.get(self.config.header_name)
            if not header_token or not cookie_token or not self._csrf_tokens_match(header_token, cookie_token):
                raise CSRFFailedError(
                    "CSRF token missing or invalid: send the csrftoken cookie's value in the X-CSRFToken header"
                )
        if cookie_token is None:
            send = self.create_send_wrapper(send=send, token=generate_csrf_token(self.config.secret), csrf_cookie=None)
        await self.app(scope, receive, send)
