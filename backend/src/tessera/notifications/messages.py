"""What each notification says, in English and Russian, and how it becomes an e-mail."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from tessera.core.money import format_major
from tessera.core.text import display_name, single_line

_TEMPLATES = Path(__file__).parent / "templates"
_html = Environment(
    loader=FileSystemLoader(_TEMPLATES), autoescape=select_autoescape(["html"]), undefined=StrictUndefined
)
_text = Environment(loader=FileSystemLoader(_TEMPLATES), autoescape=False, undefined=StrictUndefined)  # noqa: S701
_strings = Environment(autoescape=False, undefined=StrictUndefined)  # noqa: S701 - escaped by the layout

# kind -> language -> (subject, paragraphs); Jinja2 strings over the message context.
COPY: dict[str, dict[str, tuple[str, list[str]]]] = {
    "welcome": {
        "en": ("Welcome to Tessera", ["Your account is ready. Find something worth going to in the catalog."]),
        "ru": ("Добро пожаловать в Tessera", ["Аккаунт создан. Найдите в каталоге, куда пойти."]),
    },
    "booking_created": {
        "en": (
            "Booking {{ booking.reference }} is waiting for payment",
            ["Pay before {{ expires }} to keep the seats."],
        ),
        "ru": (
            "Бронь {{ booking.reference }} ждёт оплаты",
            ["Оплатите до {{ expires }}, чтобы места остались за вами."],
        ),
    },
    "booking_confirmed": {
        "en": (
            "Your tickets for {{ booking.event_title }}",
            [
                "Booking {{ booking.reference }} is confirmed. Show the QR codes at the entrance; the calendar file "
                "adds the date to your calendar."
            ],
        ),
        "ru": (
            "Ваши билеты: {{ booking.event_title }}",
            [
                "Бронь {{ booking.reference }} подтверждена. Покажите QR-коды на входе; файл календаря добавит дату "
                "в ваш календарь."
            ],
        ),
    },
    "payment_failed": {
        "en": (
            "Payment for {{ booking.reference }} did not go through",
            ["{{ reason }}. You can try again while the seats are held."],
        ),
        "ru": (
            "Оплата брони {{ booking.reference }} не прошла",
            ["{{ reason }}. Попробуйте ещё раз, пока места удерживаются."],
        ),
    },
    "hold_expired": {
        "en": ("Booking {{ booking.reference }} expired", ["The time to pay ran out and the seats were released."]),
        "ru": ("Бронь {{ booking.reference }} истекла", ["Время на оплату вышло, места освобождены."]),
    },
    "booking_cancelled": {
        "en": (
            "Booking {{ booking.reference }} is cancelled",
            ["{% if refund %}{{ refund }} will be returned to your card.{% else %}No payment is due back.{% endif %}"],
        ),
        "ru": (
            "Бронь {{ booking.reference }} отменена",
            ["{% if refund %}{{ refund }} вернутся на вашу карту.{% else %}Возврат не предусмотрен.{% endif %}"],
        ),
    },
    "tickets_cancelled": {
        "en": (
            "Tickets cancelled in booking {{ booking.reference }}",
            ["{% if refund %}{{ refund }} will be returned to your card.{% else %}No payment is due back.{% endif %}"],
        ),
        "ru": (
            "Часть билетов брони {{ booking.reference }} отменена",
            ["{% if refund %}{{ refund }} вернутся на вашу карту.{% else %}Возврат не предусмотрен.{% endif %}"],
        ),
    },
    "payment_refunded": {
        "en": (
            "Your payment for {{ booking.reference }} is being refunded",
            ["The payment arrived after the seats were no longer available, so the money is going back to your card."],
        ),
        "ru": (
            "Оплата брони {{ booking.reference }} возвращается",
            ["Оплата пришла, когда места уже были заняты, поэтому деньги возвращаются на карту."],
        ),
    },
    "refund_completed": {
        "en": (
            "Refund of {{ amount }} sent",
            ["The refund for booking {{ booking.reference }} was sent to your card; banks take a few days to show it."],
        ),
        "ru": (
            "Возврат {{ amount }} отправлен",
            [
                "Возврат по брони {{ booking.reference }} отправлен на карту; банк покажет его в течение нескольких дней."
            ],
        ),
    },
    "session_changed": {
        "en": (
            "New time for {{ booking.event_title }}",
            ["The organizer moved the session. It now starts {{ booking.when }}. Your tickets stay valid."],
        ),
        "ru": (
            "Новое время: {{ booking.event_title }}",
            ["Организатор перенёс сеанс. Теперь начало {{ booking.when }}. Билеты остаются в силе."],
        ),
    },
    "session_cancelled": {
        "en": (
            "{{ booking.event_title }} is cancelled",
            [
                "The organizer cancelled this session{% if reason %}: {{ reason }}{% endif %}. Anything you paid is refunded in full."
            ],
        ),
        "ru": (
            "{{ booking.event_title }} отменено",
            ["Организатор отменил сеанс{% if reason %}: {{ reason }}{% endif %}. Вся оплата будет возвращена."],
        ),
    },
    "event_cancelled": {
        "en": (
            "{{ booking.event_title }} is cancelled",
            [
                "The organizer cancelled this event{% if reason %}: {{ reason }}{% endif %}. Anything you paid is refunded in full."
            ],
        ),
        "ru": (
            "{{ booking.event_title }} отменено",
            ["Организатор отменил мероприятие{% if reason %}: {{ reason }}{% endif %}. Вся оплата будет возвращена."],
        ),
    },
    "reminder": {
        "en": (
            "Tomorrow: {{ booking.event_title }}",
            ["A reminder that it starts {{ booking.when }}. Have your QR codes ready."],
        ),
        "ru": ("Завтра: {{ booking.event_title }}", ["Напоминаем: начало {{ booking.when }}. Приготовьте QR-коды."]),
    },
    "review_approved": {
        "en": ("Your review is published", ["Thank you: your review of {{ title }} is now public."]),
        "ru": ("Ваш отзыв опубликован", ["Спасибо: ваш отзыв о «{{ title }}» теперь виден всем."]),
    },
    "review_rejected": {
        "en": (
            "Your review was not published",
            ["Your review of {{ title }} was not published: {{ reason }}. You can edit it and send it again."],
        ),
        "ru": (
            "Ваш отзыв не опубликован",
            ["Отзыв о «{{ title }}» не опубликован: {{ reason }}. Вы можете исправить его и отправить снова."],
        ),
    },
    "review_invitation": {
        "en": (
            "How was {{ booking.event_title }}?",
            ["Tell other people what it was like: your review helps them choose."],
        ),
        "ru": (
            "Как прошло {{ booking.event_title }}?",
            ["Расскажите другим, как всё прошло: ваш отзыв поможет им выбрать."],
        ),
    },
}

LABELS = {
    "en": {
        "booking": "Booking",
        "event": "Event",
        "when": "When",
        "where": "Where",
        "tickets": "Tickets",
        "open": "Open in Tessera",
        "hello": "Hello, {name}!",
    },
    "ru": {
        "booking": "Бронь",
        "event": "Событие",
        "when": "Когда",
        "where": "Где",
        "tickets": "Билеты",
        "open": "Открыть в Tessera",
        "hello": "Здравствуйте, {name}!",
    },
}
_EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def local_time(moment: datetime, timezone: str | None, language: str) -> str:
    local = moment.astimezone(ZoneInfo(timezone)) if timezone else moment
    zone = f" ({timezone})" if timezone else " UTC"
    if language == "ru":
        return local.strftime("%d.%m.%Y %H:%M") + zone
    return f"{local.day} {_EN_MONTHS[local.month - 1]} {local.year}, {local:%H:%M}{zone}"


def money(amount: int, currency: str) -> str:
    return f"{format_major(amount, currency)} {currency}"


@dataclass
class Attachment:
    filename: str
    content: bytes
    maintype: str
    subtype: str
    content_id: str | None = None  # shown inline in the HTML part


@dataclass
class Rendered:
    subject: str
    text: str
    html: str
    attachments: list[Attachment] = field(default_factory=list)


def render(kind: str, language: str, context: dict[str, Any]) -> Rendered:
    language = language if language in {"en", "ru"} else "en"
    subject_template, paragraphs = COPY[kind][language]
    subject = _strings.from_string(subject_template).render(**context)
    lines = [_strings.from_string(p).render(**context) for p in paragraphs]
    labels = LABELS[language]
    values = {
        **context,
        "subject": subject,
        "lines": lines,
        "labels": labels,
        "language": language,
        "greeting": labels["hello"].format(name=context.get("name", "")),
    }
    return Rendered(
        subject=subject,
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
    attachments: list[Attachment],
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
