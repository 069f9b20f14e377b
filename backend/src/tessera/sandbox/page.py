"""The emulator's hosted payment page: the HTML a customer sees, and the checks on the card they type."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import UTC, datetime


def payment_form(
    *, form_action: str, amount: str, description: str, error: str | None, cards: Mapping[str, str]
) -> str:
    """The card form, with the test cards listed under it."""
    rows = "".join(
        f"<tr><td><code>{n[:4]} {n[4:8]} {n[8:12]} {n[12:]}</code></td><td>{html.escape(what)}</td></tr>"
        for n, what in cards.items()
    )
    alert = f'<p role="alert" class="error">{html.escape(error)}</p>' if error else ""
    return f"""
<p class="amount">{html.escape(amount)}</p>
<p>{html.escape(description)}</p>
{alert}
<form method="post" action="{html.escape(form_action)}">
  <label for="card_number">Card number</label>
  <input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required>
  <label for="expiry">Expiry (MM/YY)</label>
  <input id="expiry" name="expiry" placeholder="12/30" autocomplete="cc-exp" required>
  <label for="cvc">CVC</label>
  <input id="cvc" name="cvc" inputmode="numeric" autocomplete="cc-csc" required>
  <button type="submit">Pay {html.escape(amount)}</button>
</form>
<h2>Test cards</h2>
<table><thead><tr><th>Number</th><th>Outcome</th></tr></thead><tbody>{rows}</tbody></table>"""


def card_problem(number: str, expiry: str, cvc: str) -> str | None:
    if not 13 <= len(number) <= 19 or not luhn(number):
        return "The card number is not valid"
    match = re.fullmatch(r"(\d{2})\s*/\s*(\d{2})", expiry)
    if match is None or not 1 <= int(match.group(1)) <= 12:
        return "Enter the expiry as MM/YY"
    month, year = int(match.group(1)), 2000 + int(match.group(2))
    now = datetime.now(UTC)
    if (year, month) < (now.year, now.month):
        return "The card has expired"
    if not re.fullmatch(r"\d{3,4}", cvc):
        return "The CVC is three digits on the back of the card"
    return None


def luhn(number: str) -> bool:
    digits = [int(d) for d in number]
    checksum = sum(digits[-1::-2]) + sum(sum(divmod(2 * d, 10)) for d in digits[-2::-2])
    return checksum % 10 == 0


def html_page(title: str, body: str) -> str:
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>
body{{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}
label{{display:block;margin-top:.75rem;font-weight:600}} input{{width:100%;padding:.5rem;font-size:1rem}}
button{{margin-top:1rem;padding:.6rem 1rem;font-size:1rem;width:100%}} .amount{{font-size:1.6rem;font-weight:700}}
.error{{color:#b00020}} table{{border-collapse:collapse;margin-top:.5rem}} td,th{{padding:.25rem .5rem;text-align:left}}
</style></head>
<body><header><p><strong>FreedomPay</strong> · test payment page</p></header>
<main><h1>{html.escape(title)}</h1>{body}</main>
</body></html>"""
