"""Personal data at rest: identity documents (flights) and private addresses (parties) are sealed with
AES-256-GCM, bound to their row by the associated data, so a ciphertext copied to another row does not open.

Envelope: format byte ``0x01`` | key id (1 byte) | 12-byte random nonce | ciphertext with its 16-byte tag.
The first key of ``TESSERA_PII_KEYS`` seals; every listed key opens (rotation re-seals old rows in the
background). Fingerprints are keyed HMACs with a separate key that never rotates: they back unique indexes
("one passport, one seat per departure"), which a new key would silently break.

Only masks ever leave the server; this module makes them too.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Sequence
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import ColumnElement, func
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

FORMAT = 1
NONCE_BYTES = 12
KEY_BYTES = 32


class PiiError(Exception):
    """A sealed value cannot be opened: unknown key, another row's value, or tampering. Never carries data."""


class PiiVault:
    def __init__(self, keys: Sequence[tuple[int, bytes]], fingerprint_key: bytes) -> None:
        if not keys:
            raise ValueError("at least one key is needed")
        for key_id, key in keys:
            if not 0 <= key_id <= 255 or len(key) != KEY_BYTES:
                raise ValueError("keys are 32 bytes with an id from 0 to 255")
        self._current = keys[0][0]
        self._ciphers = {key_id: AESGCM(key) for key_id, key in keys}
        self._fingerprint_key = fingerprint_key

    @property
    def current_key_id(self) -> int:
        return self._current

    def seal(self, value: bytes, aad: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        return bytes((FORMAT, self._current)) + nonce + self._ciphers[self._current].encrypt(nonce, value, aad)

    def open(self, blob: bytes, aad: bytes) -> bytes:
        if len(blob) < 2 + NONCE_BYTES + 16 or blob[0] != FORMAT:
            raise PiiError("not a sealed value")
        cipher = self._ciphers.get(blob[1])
        if cipher is None:
            raise PiiError(f"sealed with key {blob[1]}, which is not configured")
        nonce = blob[2 : 2 + NONCE_BYTES]
        try:
            return cipher.decrypt(nonce, blob[2 + NONCE_BYTES :], aad)
        except InvalidTag as exc:
            raise PiiError("the value does not open with this row's binding") from exc

    def key_id(self, blob: bytes) -> int:
        return blob[1]

    def fingerprint(self, text: str) -> str:
        return hmac.new(self._fingerprint_key, text.encode(), hashlib.sha256).hexdigest()


def sealed_with_old_key(
    session: AsyncSession, blob: ColumnElement[bytes | None] | InstrumentedAttribute[Any], vault: PiiVault
) -> ColumnElement[bool]:
    """SQL: the sealed value in ``blob`` was sealed with another key than the vault's first (its second byte)."""
    current = vault.current_key_id
    if session.get_bind().dialect.name == "postgresql":
        return func.get_byte(blob, 1) != current
    return func.hex(func.substr(blob, 2, 1)) != f"{current:02X}"


def mask_number(number: str) -> str:
    """All but the last two characters hidden, at least three stars: ``N12345678`` → ``*******78``."""
    return "*" * max(3, len(number) - 2) + number[-2:]


def mask_series(series: str | None) -> str | None:
    """The first two characters kept: ``4502`` → ``45**``."""
    if not series:
        return None
    return series[:2] + "*" * max(1, len(series) - 2)
