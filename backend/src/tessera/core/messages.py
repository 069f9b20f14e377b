"""What a notification says. The module whose event it is composes the message (its words in English and
Russian, the details and codes to show, the files to attach); the notifications module only lays it out and
delivers it. Each module declares its message kinds, and the composition root hands them to delivery, so a
new domain adds message kinds in its own files only.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from jinja2 import Environment, StrictUndefined
from sqlalchemy.ext.asyncio import AsyncSession

from tessera.core.money import format_major

LANGUAGES = ("en", "ru")
# Words as people typed them, filled into plain strings; the layout escapes them for HTML.
_strings = Environment(autoescape=False, undefined=StrictUndefined)  # noqa: S701

# language -> (subject, paragraphs): Jinja2 strings over the message's context.
Copy = Mapping[str, tuple[str, list[str]]]


@dataclass(frozen=True, slots=True)
class Attachment:
    filename: str
    content: bytes
    maintype: str
    subtype: str
    content_id: str | None = None  # shown inline in the HTML part


@dataclass(frozen=True, slots=True)
class Code:
    """A code the reader shows somewhere (a ticket), with what it is and, optionally, its QR image."""

    value: str
    caption: str
    qr_content_id: str | None = None


@dataclass(frozen=True, slots=True)
class Recipient:
    name: str
    language: str


@dataclass(frozen=True, slots=True)
class Addressee:
    """Who a notification goes to, and where: the account's own address."""

    name: str
    email: str
    language: str


class AddressBook(Protocol):
    """Finds a notification's addressee (the accounts module answers)."""

    async def addressee(self, session: AsyncSession, user_id: uuid.UUID) -> Addressee: ...


@dataclass(frozen=True, slots=True)
class Composed:
    subject: str
    paragraphs: list[str]
    # Shown as a small table under the text: (label, value).
    details: list[tuple[str, str]] = field(default_factory=list)
    codes_label: str = ""
    codes: list[Code] = field(default_factory=list)
    link: str = ""  # the page the message is about, absolute
    attachments: list[Attachment] = field(default_factory=list)
    # Another address of the account's owner to send it to (a new address to verify, the old one to warn), or
    # the address the owner asked to reach (a ticket offered to someone): then ``to_name`` is who is greeted.
    to_address: str | None = None
    to_name: str | None = None


class MessageComposer(Protocol):
    async def compose(
        self, session: AsyncSession, kind: str, payload: Mapping[str, Any], recipient: Recipient
    ) -> Composed: ...


def language_of(recipient: Recipient) -> str:
    return recipient.language if recipient.language in LANGUAGES else "en"


def fill(copy: Copy, language: str, context: Mapping[str, Any]) -> tuple[str, list[str]]:
    """The subject and paragraphs of ``copy`` in ``language``, filled from ``context``."""
    subject, paragraphs = copy[language]
    return (
        _strings.from_string(subject).render(**context),
        [_strings.from_string(p).render(**context) for p in paragraphs],
    )


_EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def local_time(moment: datetime, timezone: str | None, language: str) -> str:
    local = moment.astimezone(ZoneInfo(timezone)) if timezone else moment
    zone = f" ({timezone})" if timezone else " UTC"
    if language == "ru":
        return local.strftime("%d.%m.%Y %H:%M") + zone
    return f"{local.day} {_EN_MONTHS[local.month - 1]} {local.year}, {local:%H:%M}{zone}"


def money(amount: int, currency: str) -> str:
    return f"{format_major(amount, currency)} {currency}"


class PlainMessages:
    """Messages that are their words alone, filled from the payload (``title``, ``reason``) and the
    recipient's name, with a link to the app."""

    def __init__(self, public_url: str, copy: Mapping[str, Copy]) -> None:
        self.public_url = public_url
        self.copy = copy

    async def compose(
        self, session: AsyncSession, kind: str, payload: Mapping[str, Any], recipient: Recipient
    ) -> Composed:
        context = {"name": recipient.name, "title": payload.get("title", ""), "reason": payload.get("reason", "")}
        subject, paragraphs = fill(self.copy[kind], language_of(recipient), context)
        return Composed(subject, paragraphs, link=f"{self.public_url}/")
