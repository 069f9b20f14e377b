"""Personal data sealed at rest: bound to its row, opened by every configured key, masked on the way out."""

from __future__ import annotations

import pytest

from tessera.core.pii import PiiError, PiiVault, mask_number, mask_series

OLD, NEW = (1, b"o" * 32), (2, b"n" * 32)
ROW_A, ROW_B = b"passenger:a", b"passenger:b"


def test_a_sealed_value_opens_only_on_its_own_row() -> None:
    vault = PiiVault([NEW], b"f" * 32)
    sealed = vault.seal(b"N12345678", ROW_A)
    assert b"N12345678" not in sealed
    assert vault.open(sealed, ROW_A) == b"N12345678"
    assert vault.seal(b"N12345678", ROW_A) != sealed  # a fresh nonce each time
    with pytest.raises(PiiError):
        vault.open(sealed, ROW_B)  # copied to another row
    tampered = bytearray(sealed)
    tampered[-1] ^= 1
    with pytest.raises(PiiError):
        vault.open(bytes(tampered), ROW_A)
    with pytest.raises(PiiError):
        vault.open(b"\x01\x02short", ROW_A)


def test_keys_rotate_old_values_still_open() -> None:
    before = PiiVault([OLD], b"f" * 32)
    sealed = before.seal(b"4502 123456", ROW_A)
    after = PiiVault([NEW, OLD], b"f" * 32)
    assert after.key_id(sealed) == 1 != after.current_key_id
    assert after.open(sealed, ROW_A) == b"4502 123456"
    assert after.key_id(after.seal(b"x", ROW_A)) == 2
    with pytest.raises(PiiError, match="not configured"):
        PiiVault([NEW], b"f" * 32).open(sealed, ROW_A)
    with pytest.raises(ValueError, match="32 bytes"):
        PiiVault([(1, b"short")], b"f" * 32)


def test_fingerprints_are_keyed_and_stable() -> None:
    one, same, other = PiiVault([OLD], b"f" * 32), PiiVault([NEW], b"f" * 32), PiiVault([OLD], b"g" * 32)
    text = "passport|KZ||N12345678"
    assert one.fingerprint(text) == same.fingerprint(text)  # the sealing key does not matter
    assert one.fingerprint(text) != other.fingerprint(text)
    assert len(one.fingerprint(text)) == 64


def test_masks_hide_all_but_a_little() -> None:
    assert mask_number("N12345678") == "*******78"
    assert mask_number("1234") == "***34"
    assert mask_series("4502") == "45**"
    assert mask_series(None) is None
    assert mask_series("") is None
