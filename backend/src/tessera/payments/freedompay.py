"""FreedomPay (ex-PayBox.money) Merchant API: signatures, signed XML, and an HTTP client.

Signature (``pg_sig``): md5 over ``script;values...;secret_key`` where the values are taken in the byte order of
their flattened names. Flattening follows the gateway's PHP reference (``PG_Signature::makeFlatParamsArray``):
every key, nested or not, is renamed ``parent + key + %03d(position)``; nested arrays recurse.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import re
import secrets
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element, SubElement, tostring

import httpx
import structlog
from defusedxml import ElementTree as SafeElementTree
from litestar import Request

logger = structlog.get_logger("tessera.payments.freedompay")

ParamValue = str | int | bool | None | Mapping[str, Any] | Sequence[Any]
_SALT_ALPHABET = string.ascii_letters + string.digits
# Never written to logs.
_SECRET_FIELDS = {"pg_sig", "pg_card_token", "pg_card_id", "pg_card_owner", "pg_user_phone", "pg_user_contact_email"}


def _php_string(value: Any) -> str:
    if value is True:
        return "1"
    if value is False or value is None:
        return ""
    return str(value)


def flatten(params: Mapping[str, Any] | Sequence[Any], parent: str = "") -> dict[str, str]:
    """PHP ``makeFlatParamsArray``: names ``parent + key + %03d(position)``, nested values recursed."""
    flat: dict[str, str] = {}
    items = params.items() if isinstance(params, Mapping) else enumerate(params)
    for position, (key, value) in enumerate(items, start=1):
        name = f"{parent}{key}{position:03d}"
        if isinstance(value, Mapping) or (isinstance(value, Sequence) and not isinstance(value, str | bytes)):
            flat.update(flatten(value, name))
        else:
            flat.setdefault(name, _php_string(value))
    return flat


def signature_string(script: str, params: Mapping[str, Any], secret_key: str) -> str:
    flat = flatten({k: v for k, v in params.items() if k != "pg_sig"})
    ordered = [flat[name] for name in sorted(flat, key=lambda n: n.encode())]
    return ";".join([script, *ordered, secret_key])


def sign(script: str, params: Mapping[str, Any], secret_key: str) -> str:
    return hashlib.md5(signature_string(script, params, secret_key).encode(), usedforsecurity=False).hexdigest()


def verify(script: str, params: Mapping[str, Any], secret_key: str) -> bool:
    received = params.get("pg_sig")
    # compare_digest raises TypeError on non-ASCII text: such a signature is simply wrong.
    if not isinstance(received, str) or not received.isascii():
        return False
    return hmac.compare_digest(received.lower(), sign(script, params, secret_key))


def script_name(url: str) -> str:
    """The last path segment of a URL: what the gateway signs callbacks to that URL with."""
    return urlsplit(url).path.rsplit("/", 1)[-1]


def new_salt(length: int = 16) -> str:
    return "".join(secrets.choice(_SALT_ALPHABET) for _ in range(length))


def signed(script: str, params: Mapping[str, Any], secret_key: str) -> dict[str, Any]:
    """``params`` with a fresh ``pg_salt`` (unless given) and their ``pg_sig``."""
    body = {**params}
    body.setdefault("pg_salt", new_salt())
    body["pg_sig"] = sign(script, body, secret_key)
    return body


def _append(parent: Element, key: str, value: Any) -> None:
    child = SubElement(parent, key)
    if isinstance(value, Mapping):
        for sub_key, sub_value in value.items():
            _append(child, sub_key, sub_value)
    else:
        child.text = _php_string(value)


def xml_response(fields: Mapping[str, Any]) -> str:
    root = Element("response")
    for key, value in fields.items():
        _append(root, key, value)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + tostring(root, encoding="unicode")


def signed_xml_response(script: str, fields: Mapping[str, Any], secret_key: str) -> str:
    return xml_response(signed(script, fields, secret_key))


def _element_value(element: Element) -> Any:
    children = list(element)
    if not children:
        return element.text or ""
    grouped: dict[str, Any] = {}
    for child in children:
        value = _element_value(child)
        if child.tag in grouped:  # repeated tags (lists of refunds) keep their order under numbered keys
            existing = grouped[child.tag]
            grouped[child.tag] = [*existing, value] if isinstance(existing, list) else [existing, value]
        else:
            grouped[child.tag] = value
    return grouped


def parse_xml(text: str) -> dict[str, Any]:
    root = SafeElementTree.fromstring(text.encode() if isinstance(text, str) else text)
    value = _element_value(root)
    return value if isinstance(value, dict) else {}


_BRACKETS = re.compile(r"\[([^\]]*)\]")
# Far deeper than the gateway nests (receipt positions: three levels); keeps flatten()'s recursion bounded.
MAX_NAME_DEPTH = 10


def fields_to_params(fields: Mapping[str, str]) -> dict[str, Any]:
    """Request fields as the gateway means them: the legacy single ``pg_xml`` field unpacked, and PHP bracket
    names (``a[0][name]``) nested, so signatures cover them as the sender computed them."""
    if "pg_xml" in fields:
        return parse_xml(fields["pg_xml"])
    nested: dict[str, Any] = {}
    for key, value in fields.items():
        head, _, rest = key.partition("[")
        parts = [head, *_BRACKETS.findall("[" + rest)] if rest else [head]
        if len(parts) > MAX_NAME_DEPTH:
            raise ValueError(f"The field name {key[:40]!r} nests too deeply")
        target = nested
        for part in parts[:-1]:
            target = target.setdefault(part, {})
        target[parts[-1]] = value
    return nested


class MalformedParamsError(ValueError):
    """Request fields that cannot be read as the gateway's parameters (bad XML, clashing bracket names)."""


async def request_params(request: Request[Any, Any, Any]) -> dict[str, Any]:
    """Gateway-style parameters from a query string or a form body."""
    try:
        fields: dict[str, str] = dict(request.query_params)
        if request.method == "POST":
            form = await request.form()
            fields.update({k: str(v) for k, v in form.items()})
        return fields_to_params(fields)
    except Exception as exc:  # whatever the parser trips over, it is the sender's mistake
        raise MalformedParamsError("The request's fields cannot be read") from exc


def redact(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: ("***" if k in _SECRET_FIELDS else v) for k, v in params.items()}


class FreedomPayError(Exception):
    """The gateway refused a call (``pg_status=error``) or could not be reached.

    ``outcome_unknown`` means the request may have reached the gateway and been carried out, but no
    trustworthy answer came back: such a call must not be repeated before asking the gateway what happened.
    """

    def __init__(
        self, message: str, *, code: str | None = None, retryable: bool = False, outcome_unknown: bool = False
    ) -> None:
        super().__init__(message)
        self.code = code
        self.retryable = retryable
        self.outcome_unknown = outcome_unknown


class SignatureMismatchError(FreedomPayError):
    pass


@dataclass(frozen=True, slots=True)
class InitResult:
    payment_id: str
    redirect_url: str


@dataclass(frozen=True, slots=True)
class StatusResult:
    payment_id: str
    order_id: str
    payment_status: str  # new | waiting | processing | success | error (as the gateway says)
    amount: str
    currency: str
    card_pan: str | None
    card_brand: str | None
    failure_description: str | None
    revoked_amount: str


class FreedomPayClient:
    """The merchant side of the Merchant API. Signs requests, verifies signed answers, retries network
    failures (a call that reached the gateway is never repeated blindly), and logs every call without secrets."""

    def __init__(
        self,
        *,
        base_url: str,
        merchant_id: str,
        secret_key: str,
        testing_mode: bool,
        http: httpx.AsyncClient | None = None,
        attempts: int = 3,
        timeout: float = 15.0,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.merchant_id = merchant_id
        self.secret_key = secret_key
        self.testing_mode = testing_mode
        self.attempts = attempts
        # Idle connections are dropped well before a server's own keep-alive timeout (uvicorn's is 5 s, the
        # emulator's): a call sent on a connection the server is closing fails with a read error, and a
        # payment call must not be repeated blindly.
        self._http = http or httpx.AsyncClient(timeout=timeout, limits=httpx.Limits(keepalive_expiry=2.0))
        self._owns_http = http is None

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    async def call(self, script: str, params: Mapping[str, Any], *, idempotent: bool = False) -> dict[str, Any]:
        """POST a signed call. Connection failures are retried (the gateway never saw the request); other
        network failures only for ``idempotent`` calls such as status queries."""
        body = signed(script, {"pg_merchant_id": self.merchant_id, **params}, self.secret_key)
        url = f"{self.base_url}/{script}"
        log = logger.bind(script=script, params=redact(body))
        for attempt in range(1, self.attempts + 1):
            try:
                response = await self._http.post(url, data={k: _php_string(v) for k, v in body.items()})
                break
            except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
                # The request never reached the gateway, so repeating it cannot charge or refund twice.
                log.warning("freedompay_unreachable", attempt=attempt, error=type(exc).__name__)
                if attempt == self.attempts:
                    raise FreedomPayError("The payment gateway cannot be reached", retryable=True) from exc
                await asyncio.sleep(0.2 * 2**attempt)
            except httpx.HTTPError as exc:
                log.warning("freedompay_transport_error", attempt=attempt, error=type(exc).__name__)
                if not idempotent or attempt == self.attempts:
                    raise FreedomPayError(
                        "The payment gateway did not answer", retryable=True, outcome_unknown=not idempotent
                    ) from exc
                await asyncio.sleep(0.2 * 2**attempt)
        try:
            answer = parse_xml(response.text)
        except Exception:
            answer = {}
        if "pg_status" not in answer:
            # Not the gateway's answer at all (an HTML error page of a proxy, a cut-off body): the call may
            # still have been carried out.
            log.error("freedompay_unreadable_answer", http_status=response.status_code)
            raise FreedomPayError(
                "The payment gateway's answer could not be read", retryable=True, outcome_unknown=not idempotent
            )
        status = answer.get("pg_status")
        if "pg_sig" not in answer:
            # Errors for an unidentified merchant or a bad signature arrive unsigned.
            log.warning("freedompay_error", code=answer.get("pg_error_code"), http_status=response.status_code)
            raise FreedomPayError(
                str(answer.get("pg_error_description") or "The payment gateway refused the request"),
                code=str(answer.get("pg_error_code") or ""),
            )
        if not verify(script, answer, self.secret_key):
            log.error("freedompay_bad_signature", security_event=True)
            raise SignatureMismatchError(
                "The payment gateway's answer has a wrong signature", outcome_unknown=not idempotent
            )
        log.info("freedompay_call", status=status, http_status=response.status_code)
        if status != "ok":
            raise FreedomPayError(
                str(answer.get("pg_error_description") or answer.get("pg_description") or "Refused"),
                code=str(answer.get("pg_error_code") or ""),
            )
        return answer

    async def init_payment(
        self,
        *,
        order_id: str,
        amount: str,
        currency: str,
        description: str,
        check_url: str,
        result_url: str,
        success_url: str,
        failure_url: str,
        lifetime_seconds: int,
        user_email: str | None,
        language: str,
    ) -> InitResult:
        params: dict[str, Any] = {
            "pg_order_id": order_id,
            "pg_amount": amount,
            "pg_currency": currency,
            "pg_description": description,
            "pg_check_url": check_url,
            "pg_result_url": result_url,
            "pg_request_method": "POST",
            "pg_success_url": success_url,
            "pg_success_url_method": "GET",
            "pg_failure_url": failure_url,
            "pg_failure_url_method": "GET",
            "pg_lifetime": str(max(300, min(604800, lifetime_seconds))),
            "pg_testing_mode": "1" if self.testing_mode else "0",
            "pg_language": language,
            "pg_encoding": "UTF-8",
        }
        if user_email:
            params["pg_user_contact_email"] = user_email
        answer = await self.call("init_payment.php", params)
        return InitResult(payment_id=str(answer["pg_payment_id"]), redirect_url=str(answer["pg_redirect_url"]))

    async def get_status(self, *, payment_id: str | None = None, order_id: str | None = None) -> StatusResult:
        params = {"pg_payment_id": payment_id} if payment_id else {"pg_order_id": order_id}
        answer = await self.call("get_status3.php", params, idempotent=True)
        return StatusResult(
            payment_id=str(answer.get("pg_payment_id", "")),
            order_id=str(answer.get("pg_order_id", "")),
            payment_status=str(answer.get("pg_payment_status", "")),
            amount=str(answer.get("pg_amount", "")),
            currency=str(answer.get("pg_currency", "")),
            card_pan=answer.get("pg_card_pan") or None,
            card_brand=answer.get("pg_card_brand") or None,
            failure_description=answer.get("pg_failure_description") or None,
            revoked_amount=str(answer.get("pg_revoked_amount") or answer.get("pg_revoke_amount") or "0"),
        )

    async def revoke(self, *, payment_id: str, amount: str | None) -> str:
        """Refund a paid payment fully (``amount=None``) or partly. Returns the gateway's refund id."""
        params = {"pg_payment_id": payment_id}
        if amount is not None:
            params["pg_refund_amount"] = amount
        answer = await self.call("revoke.php", params)
        return str(answer.get("pg_revoke_payment_id") or answer.get("pg_payment_id") or "")

    async def cancel(self, *, payment_id: str) -> None:
        await self.call("cancel.php", {"pg_payment_id": payment_id})
