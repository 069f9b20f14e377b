"""What the booking module tells people: its message kinds in English and Russian, and how each is composed
from the booking (its summary, and the ticket codes with their QR images for the messages that carry them).

What belongs to the event itself (a reason, a refund, a new start time) travels in the notification's
payload, written when it happened; the booking's summary and codes are read when the message is composed.
A message about a booking group (``payload["booking_group_id"]``) summarises the group's bookings.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.groups import BookingGroups
from tessera.booking.reads import BookingReads
from tessera.booking.schemas import BookingGroupRead
from tessera.catalog.inventory import SeatInventory
from tessera.core.attachments import qr_png, session_ics
from tessera.core.messages import (
    Attachment,
    Code,
    Composed,
    Copy,
    Recipient,
    fill,
    language_of,
    local_time,
    money,
)

BOOKING_MESSAGES: dict[str, Copy] = {
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
    "group_expired": {
        "en": (
            "Order {{ booking.reference }} expired",
            ["The time to pay ran out and the seats of every booking in the order were released."],
        ),
        "ru": (
            "Заказ {{ booking.reference }} истёк",
            ["Время на оплату вышло, места всех броней заказа освобождены."],
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
    "seat_moved": {
        "en": (
            "A new seat for {{ booking.event_title }}",
            [
                "The organizer moved your ticket from seat {{ previous_seat }} to seat {{ seat }}. Your ticket code stays the same."
            ],
        ),
        "ru": (
            "Новое место: {{ booking.event_title }}",
            ["Организатор пересадил вас с места {{ previous_seat }} на место {{ seat }}. Код билета прежний."],
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
        "order": "Order",
        "event": "Event",
        "when": "When",
        "where": "Where",
        "tickets": "Tickets",
    },
    "ru": {
        "booking": "Бронь",
        "order": "Заказ",
        "event": "Событие",
        "when": "Когда",
        "where": "Где",
        "tickets": "Билеты",
    },
}
# The messages that carry the tickets themselves.
WITH_CODES = {"booking_confirmed", "reminder"}


class BookingMessages:
    """Composes messages about one booking (``payload["booking_id"]``) or one booking group
    (``payload["booking_group_id"]``) from ``copy``; other modules whose messages are about a booking
    (payments) compose theirs with their own copy."""

    def __init__(self, public_url: str, copy: Mapping[str, Copy] = BOOKING_MESSAGES) -> None:
        self.public_url = public_url
        self.copy = copy

    async def compose(
        self, session: AsyncSession, kind: str, payload: Mapping[str, Any], recipient: Recipient
    ) -> Composed:
        language = language_of(recipient)
        reads = BookingReads(session, SeatInventory(session))
        context: dict[str, Any] = {
            "name": recipient.name,
            "booking": None,
            "reason": payload.get("reason", ""),
            "refund": money(payload["refund"], payload["currency"]) if payload.get("refund") else "",
            "amount": money(payload["amount"], payload["currency"]) if payload.get("amount") else "",
            "expires": "",
            "seat": payload.get("seat", ""),
            "previous_seat": payload.get("previous_seat", ""),
        }
        if "booking_group_id" in payload:
            group = await BookingGroups(session, reads).view(uuid.UUID(payload["booking_group_id"]))
            return self._about_group(kind, payload, group, language, context)
        booking = await reads.view(uuid.UUID(payload["booking_id"]))
        if booking is None:  # gone since (a backup restored without it): say what the payload says
            subject, paragraphs = fill(
                self.copy[kind],
                language,
                {**context, "booking": {"reference": payload.get("reference", ""), "event_title": "", "when": ""}},
            )
            return Composed(subject, paragraphs, link=f"{self.public_url}/")
        when = local_time(booking.session_starts_at, booking.timezone, language)
        context["booking"] = {"reference": booking.reference, "event_title": booking.event_title, "when": when}
        if booking.expires_at:
            context["expires"] = local_time(booking.expires_at, booking.timezone, language)
        subject, paragraphs = fill(self.copy[kind], language, context)
        labels = LABELS[language]
        details = [
            (labels["booking"], booking.reference),
            (labels["event"], booking.event_title),
            (labels["when"], when),
        ]
        if booking.venue_name:
            details.append((labels["where"], booking.venue_name))
        link = f"{self.public_url}/bookings/{booking.id}"
        codes: list[Code] = []
        attachments: list[Attachment] = []
        if kind in WITH_CODES:
            for index, ticket in enumerate(t for t in booking.tickets if t.status == "valid"):
                content_id = f"ticket-{index + 1}@tessera"
                caption = ticket.ticket_type_name + (f" ({ticket.attendee_name})" if ticket.attendee_name else "")
                if ticket.seat:
                    caption += f" · {ticket.seat}"
                codes.append(Code(ticket.code, caption, content_id))
                attachments.append(
                    Attachment(f"ticket-{ticket.code}.png", qr_png(ticket.code), "image", "png", content_id)
                )
        if kind == "booking_confirmed":
            attachments.append(
                Attachment(
                    "event.ics",
                    session_ics(
                        uid=f"{booking.id}@tessera",
                        title=booking.event_title,
                        starts_at=booking.session_starts_at,
                        ends_at=booking.session_ends_at,
                        location=booking.venue_name,
                        description=f"Booking {booking.reference}",
                        url=link,
                    ),
                    "text",
                    "calendar",
                )
            )
        return Composed(
            subject,
            paragraphs,
            details=details,
            codes_label=labels["tickets"] if codes else "",
            codes=codes,
            link=link,
            attachments=attachments,
        )

    def _about_group(
        self,
        kind: str,
        payload: Mapping[str, Any],
        group: BookingGroupRead | None,
        language: str,
        context: dict[str, Any],
    ) -> Composed:
        """A group's message: its reference, then each booking's listing and time."""
        if group is None or not group.bookings:  # gone since: say what the payload says
            context["booking"] = {"reference": payload.get("reference", ""), "event_title": "", "when": ""}
            subject, paragraphs = fill(self.copy[kind], language, context)
            return Composed(subject, paragraphs, link=f"{self.public_url}/")
        first = group.bookings[0]
        context["booking"] = {
            "reference": group.reference,
            "event_title": first.event_title,
            "when": local_time(first.session_starts_at, first.timezone, language),
        }
        if group.expires_at:
            context["expires"] = local_time(group.expires_at, first.timezone, language)
        subject, paragraphs = fill(self.copy[kind], language, context)
        labels = LABELS[language]
        details = [(labels["order"], group.reference)]
        for booking in group.bookings:
            when = local_time(booking.session_starts_at, booking.timezone, language)
            details.append((booking.event_title, f"{when} ({labels['booking']} {booking.reference})"))
        return Composed(subject, paragraphs, details=details, link=f"{self.public_url}/bookings")
