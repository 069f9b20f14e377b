"""How a composed message becomes an e-mail: one layout (plain text and HTML) for every module's messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from tessera.core.messages import Attachment, Composed, Recipient, language_of
from tessera.core.text import display_name, single_line

_TEMPLATES = Path(__file__).parent / "templates"
_html = Environment(
    loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html"]), undefined=StrictUndefined
)
_text = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=False, undefined=StrictUndefined)  # noqa: S701

# The layout's own words.
LABELS = {
    "en": {"open": "Open in Tessera", "hello": "Hello, {name}!"},
    "ru": {"open": "Открыть в Tessera", "hello": "Здравствуйте, {name}!"},
}


@dataclass(frozen=True, slots=True)
class Rendered:
    subject: str
    text: str
    html: str


def render(composed: Composed, recipient: Recipient) -> Rendered:
    """The message laid out as plain text and HTML."""
    language = language_of(recipient)
    labels = LABELS[language]
    values = {
        "subject": composed.subject,
        "lines": composed.paragraphs,
        "details": composed.details,
        "codes_label": composed.codes_label,
        "codes": composed.codes,
        "link": composed.link,
        "labels": labels,
        "language": language,
        "greeting": labels["hello"].format(name=recipient.name),
    }
    return Rendered(
        subject=composed.subject,
        text=_text.get_template("email.txt").render(**values),
        html=_html.get_template("email.html").render(**values),
    )


def build_email(
    rendered: Rendered,
    *,
    sender: str,
    recipient_name: str,
    recipient_address: str,
    message_key: str,
    attachments: Sequence[Attachment],
) -> EmailMessage:
    """A multipart e-mail: plain text and HTML alternatives, inline QR images, other files attached.

    The Message-ID derives from the notification, so a receiving server can tell a resend from a new message.
    Text people typed (names, titles in the subject) is made single-line and the display name is encoded as
    one, so it can neither break a header nor add one.
    """
    message = EmailMessage()
    message["Subject"] = single_line(rendered.subject)
    message["From"] = sender
    message["To"] = Address(display_name=display_name(recipient_name), addr_spec=recipient_address)
    message["Message-ID"] = make_msgid(idstring=message_key.replace(":", ".")[:60], domain="tessera")
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    html_part = message.get_body(preferencelist=("html",))
    assert isinstance(html_part, EmailMessage)
    for item in attachments:
        if item.content_id:
            html_part.add_related(
                item.content, item.maintype, item.subtype, cid=f"<{item.content_id}>", filename=item.filename
            )
        else:
            message.add_attachment(item.content, maintype=item.maintype, subtype=item.subtype, filename=item.filename)
    return message
