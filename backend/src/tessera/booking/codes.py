"""References people read out and ticket codes that prove themselves."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Sequence

# Unambiguous alphabet: no 0/O, 1/I/L.
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
REFERENCE_LENGTH = 6
TICKET_RANDOM_LENGTH = 10
TICKET_SIGNATURE_LENGTH = 6


class TicketCodes:
    """Ticket codes are random and carry an HMAC, so a forged code is refused before any lookup.

    They are signed with their own keys (``TESSERA_TICKET_KEYS``), not the session secret: the first key signs,
    every key verifies, so keys can be rotated without voiding tickets already in people's hands.
    """

    def __init__(self, keys: Sequence[str]) -> None:
        if not keys:
            raise ValueError("at least one ticket key is needed")
        self._keys = [hashlib.sha256(f"tessera-ticket-code:{key}".encode()).digest() for key in keys]

    @staticmethod
    def _signature(key: bytes, random_part: str) -> str:
        digest = hmac.new(key, random_part.encode(), hashlib.sha256).digest()
        return "".join(REFERENCE_ALPHABET[b % len(REFERENCE_ALPHABET)] for b in digest[:TICKET_SIGNATURE_LENGTH])

    def new(self) -> str:
        random_part = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(TICKET_RANDOM_LENGTH))
        return random_part + self._signature(self._keys[0], random_part)

    def is_genuine(self, code: str) -> bool:
        if len(code) != TICKET_RANDOM_LENGTH + TICKET_SIGNATURE_LENGTH:
            return False
        random_part, signature = code[:TICKET_RANDOM_LENGTH], code[TICKET_RANDOM_LENGTH:]
        # Every key is tried, so the time taken does not tell which one matched.
        matches = [hmac.compare_digest(signature, self._signature(key, random_part)) for key in self._keys]
        return any(matches)


def new_reference() -> str:
    return "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(REFERENCE_LENGTH))


def digest(parts: Sequence[str]) -> str:
    """A short, stable fingerprint of some ids (for dedupe keys)."""
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]
