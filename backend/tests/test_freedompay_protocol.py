"""The FreedomPay signature rules, proven by the protocol document's test vectors."""

from __future__ import annotations

from tessera.payments.freedompay import (
    flatten,
    parse_xml,
    script_name,
    sign,
    signature_string,
    signed_xml_response,
    verify,
)

SECRET = "SeCrEt123"


def test_docs_example_vector() -> None:
    params = {
        "pg_order_id": "23",
        "pg_merchant_id": "123456",
        "pg_amount": "25",
        "pg_description": "test",
        "pg_salt": "molbulak",
    }
    expected = "init_payment.php;25;test;123456;23;molbulak;SeCrEt123"
    assert signature_string("init_payment.php", params, SECRET) == expected
    assert sign("init_payment.php", params, SECRET) == "5e00d8024c20e2b58e4b9e878e503477"


def test_nested_receipt_vector() -> None:
    params = {
        "pg_merchant_id": "123456",
        "pg_order_id": "7",
        "pg_amount": "300",
        "pg_description": "Cart",
        "pg_salt": "xyz",
        "pg_receipt_positions": [
            {"count": 2, "name": "Mouse pad", "tax_type": 0, "price": 100},
            {"count": 1, "name": "Cable", "tax_type": 0, "price": 100},
        ],
    }
    assert (
        signature_string("init_payment.php", params, SECRET)
        == "init_payment.php;300;Cart;123456;7;2;Mouse pad;100;0;1;Cable;100;0;xyz;SeCrEt123"
    )
    assert sign("init_payment.php", params, SECRET) == "4c436c19b6ab306209bad17fc239d3ca"


def test_merchant_reply_vector() -> None:
    reply = {"pg_status": "ok", "pg_description": "Order paid", "pg_salt": "k3J9mW1q"}
    script = script_name("https://shop.example/fp/result")
    assert script == "result"
    assert signature_string(script, reply, SECRET) == "result;Order paid;k3J9mW1q;ok;SeCrEt123"
    assert sign(script, reply, SECRET) == "fe6c3416ea969aa994f11001688b4e63"


def test_ruby_gem_vector() -> None:
    params = {
        "akey": "value1",
        "bkey": "value2",
        "pg_salt": "9imM909TH820jwk387",
        "qkey": "value3",
        "subkeys": {"first": "subvalue1", "second": "subvalue2"},
    }
    assert (
        signature_string("script.php", params, "mypasskey")
        == "script.php;value1;value2;9imM909TH820jwk387;value3;subvalue1;subvalue2;mypasskey"
    )
    assert sign("script.php", params, "mypasskey") == "a8a4d5a9188f24038a14a4d65c387bf7"


def test_php_flattening_quirks() -> None:
    flat = flatten({"b": "2", "a": "1", "list": [str(i) for i in range(11)], "empty": None, "yes": True})
    assert flat["b001"] == "2"
    assert flat["a002"] == "1"
    assert flat["empty004"] == ""
    assert flat["yes005"] == "1"
    # Positions of ten and more sort as strings, as PHP's ksort does: 0, 10, 1, 2, ...
    names = sorted((n for n in flat if n.startswith("list")), key=str.encode)
    assert [flat[n] for n in names][:3] == ["0", "10", "1"]
    assert signature_string("x", {"a": "", "b": "v"}, "s") == "x;;v;s"  # empty values still count


def test_signatures_cover_every_field_and_use_utf8() -> None:
    params = {"pg_amount": "25.00", "pg_description": "Билет на концерт", "custom": "kept", "pg_salt": "s"}
    signature = sign("result", params, SECRET)
    assert verify("result", {**params, "pg_sig": signature}, SECRET)
    assert not verify("result", {**params, "pg_amount": "25", "pg_sig": signature}, SECRET)  # exact strings
    assert not verify("result", {**params, "custom": "changed", "pg_sig": signature}, SECRET)
    assert not verify("check", {**params, "pg_sig": signature}, SECRET)  # bound to the script name
    assert not verify("result", params, SECRET)  # no signature at all


def test_signed_xml_round_trip() -> None:
    text = signed_xml_response("result", {"pg_status": "ok", "pg_description": "Paid <&>"}, SECRET)
    parsed = parse_xml(text)
    assert parsed["pg_status"] == "ok"
    assert parsed["pg_description"] == "Paid <&>"
    assert verify("result", parsed, SECRET)
    assert script_name("https://api.example/api/v1/payments/freedompay/check?x=1") == "check"


async def test_client_refuses_answers_signed_with_another_key() -> None:
    import httpx
    import pytest

    from tessera.payments.freedompay import FreedomPayClient, SignatureMismatchError

    def tampered(request: httpx.Request) -> httpx.Response:  # a man in the middle without our secret
        body = signed_xml_response("get_status3.php", {"pg_status": "ok", "pg_payment_status": "success"}, "other")
        return httpx.Response(200, text=body)

    http = httpx.AsyncClient(transport=httpx.MockTransport(tampered))
    client = FreedomPayClient(
        base_url="https://gateway.test", merchant_id="1", secret_key=SECRET, testing_mode=True, http=http
    )
    with pytest.raises(SignatureMismatchError):
        await client.get_status(payment_id="5")
    await http.aclose()
