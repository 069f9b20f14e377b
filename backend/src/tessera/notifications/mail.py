"""Sending e-mail: SMTP in production, a local Maildir in embedded mode.

The envelope recipient is always passed explicitly (the account's own address), never read back from the
message's headers, so no text in a header can add a recipient.
"""

from __future__ import annotations

import asyncio
import mailbox
from email.message import EmailMessage
from email.utils import parseaddr
from pathlib import Path
from typing import Protocol
from urllib.parse import parse_qs, unquote, urlsplit

import aiosmtplib
import structlog

from tessera.config import MailSettings

logger = structlog.get_logger("tessera.mail")


class Mailer(Protocol):
    async def send(self, message: EmailMessage, recipient: str) -> None: ...


class SmtpMailer:
    def __init__(self, url: str, sender: str) -> None:
        self.envelope_sender = parseaddr(sender)[1]
        parts = urlsplit(url)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        self.hostname = parts.hostname or "localhost"
        self.port = parts.port or (465 if parts.scheme == "smtps" else 25)
        self.username = unquote(parts.username) if parts.username else None
        self.password = unquote(parts.password) if parts.password else None
        self.use_tls = parts.scheme == "smtps"
        self.start_tls = query.get("starttls") in {"1", "true", "yes"}
        self.timeout = float(query.get("timeout", "30"))

    async def send(self, message: EmailMessage, recipient: str) -> None:
        await aiosmtplib.send(
            message,
            sender=self.envelope_sender,
            recipients=[recipient],
            hostname=self.hostname,
            port=self.port,
            username=self.username,
            password=self.password,
            use_tls=self.use_tls,
            start_tls=self.start_tls or None,
            timeout=self.timeout,
        )
        logger.info("mail_sent", to=recipient, subject=message["Subject"], host=self.hostname)


class MaildirMailer:
    """Embedded mode: each message becomes an .eml file in a Maildir that any mail client can open."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def send(self, message: EmailMessage, recipient: str) -> None:
        path = await asyncio.to_thread(self._store, message)
        logger.info("mail_written", to=recipient, subject=message["Subject"], path=str(path))

    def _store(self, message: EmailMessage) -> Path:
        # Maildir(create=True) makes the mailbox but not its parents: a data directory not made yet would fail.
        self.directory.parent.mkdir(parents=True, exist_ok=True)
        box = mailbox.Maildir(self.directory, create=True)
        key = box.add(message)
        return self.directory / "new" / key


def build_mailer(settings: MailSettings) -> Mailer:
    return SmtpMailer(settings.smtp_url, settings.sender) if settings.smtp_url else MaildirMailer(settings.maildir)
