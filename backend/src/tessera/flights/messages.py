"""What the flights domain tells travellers, in English and Russian: the itinerary once paid (each leg in its
airports' local times, passengers with masked documents, one boarding code with its QR per passenger per leg,
one calendar file per leg)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tessera.core.attachments import qr_png, session_ics
from tessera.core.messages import Attachment, Code, Composed, Copy, Recipient, fill, language_of, local_time, money
from tessera.flights.models import FlightOrder
from tessera.flights.order_reads import OrderReads

FLIGHT_MESSAGES: dict[str, Copy] = {
    "flight_order_created": {
        "en": (
            "Trip {{ reference }} is held for you",
            ["Your seats are held; pay {{ total }} before the hold ends to confirm every flight of the trip."],
        ),
        "ru": (
            "Поездка {{ reference }} забронирована",
            ["Места за вами; оплатите {{ total }} до конца брони, чтобы подтвердить все рейсы поездки."],
        ),
    },
    "flight_order_confirmed": {
        "en": (
            "Your trip {{ reference }} is confirmed",
            [
                "Thank you, {{ name }}: we received {{ total }} and every flight of your trip is confirmed.",
                "Each passenger's boarding code for each flight is below; show it at the gate. The calendar files "
                "add the flights to your calendar in local time.",
            ],
        ),
        "ru": (
            "Поездка {{ reference }} подтверждена",
            [
                "Спасибо, {{ name }}: мы получили {{ total }}, все рейсы поездки подтверждены.",
                "Ниже посадочные коды каждого пассажира на каждый рейс; покажите их у выхода на посадку. Файлы "
                "календаря добавят рейсы в ваш календарь по местному времени.",
            ],
        ),
    },
    "flight_order_cancelled": {
        "en": (
            "Trip {{ reference }}: {{ 'return flight' if partial else 'trip' }} cancelled",
            [
                "{{ name }}, as you asked, we cancelled {{ 'the return flight of' if partial else '' }} your trip "
                "{{ reference }}.",
                "{% if refund %}We refund {{ refund }}; it reaches your card within a few days.{% else %}"
                "Your fare is not refundable at this point, so nothing is refunded.{% endif %}",
            ],
        ),
        "ru": (
            "Поездка {{ reference }}: {{ 'обратный рейс отменён' if partial else 'отменена' }}",
            [
                "{{ name }}, по вашей просьбе мы отменили {{ 'обратный рейс поездки' if partial else 'поездку' }} "
                "{{ reference }}.",
                "{% if refund %}Мы вернём {{ refund }}; деньги поступят на карту в течение нескольких дней.{% else %}"
                "Тариф сейчас не возвратный, поэтому возврата нет.{% endif %}",
            ],
        ),
    },
    "flight_schedule_changed": {
        "en": (
            "Trip {{ reference }}: a flight changed",
            [
                "{{ name }}, the airline changed a flight of your trip {{ reference }}; the new times are below.",
                "Please open your trip to accept the change, or reject it and get a full refund of the trip.",
            ],
        ),
        "ru": (
            "Поездка {{ reference }}: рейс изменён",
            [
                "{{ name }}, авиакомпания изменила рейс вашей поездки {{ reference }}; новое время ниже.",
                "Откройте поездку, чтобы принять изменение или отказаться от него и получить полный возврат.",
            ],
        ),
    },
    "flight_cancelled": {
        "en": (
            "Trip {{ reference }}: a flight was cancelled",
            [
                "{{ name }}, the airline cancelled a flight of your trip {{ reference }}.",
                "{% if refund %}We refund {{ refund }} for it in full.{% else %}Nothing was paid for it, so "
                "there is nothing to refund.{% endif %} If another flight of the trip still stands, you may "
                "keep it or reject it on the trip's page for a full refund.",
            ],
        ),
        "ru": (
            "Поездка {{ reference }}: рейс отменён",
            [
                "{{ name }}, авиакомпания отменила рейс вашей поездки {{ reference }}.",
                "{% if refund %}Мы полностью вернём за него {{ refund }}.{% else %}Оплаты не было, возвращать "
                "нечего.{% endif %} Если другой рейс поездки остаётся, его можно сохранить или отказаться от него "
                "на странице поездки с полным возвратом.",
            ],
        ),
    },
}

# The messages that carry the boarding codes and calendar files.
WITH_CODES = {"flight_order_confirmed"}

LABELS = {
    "en": {"order": "Order", "passenger": "Passenger", "passport": "Passport", "seat": "seat", "codes": "Boarding"},
    "ru": {"order": "Заказ", "passenger": "Пассажир", "passport": "Паспорт", "seat": "место", "codes": "Посадка"},
}


class FlightMessages:
    def __init__(self, public_url: str, order_reads: Callable[[AsyncSession], OrderReads]) -> None:
        self.public_url = public_url
        self.order_reads = order_reads

    async def compose(
        self, session: AsyncSession, kind: str, payload: Mapping[str, Any], recipient: Recipient
    ) -> Composed:
        language = language_of(recipient)
        labels = LABELS[language]
        order_row = await session.get(FlightOrder, uuid.UUID(payload["order_id"]))
        refund = payload.get("refund") or 0
        context: dict[str, Any] = {
            "name": recipient.name,
            "reference": payload.get("reference", ""),
            "total": "",
            "refund": money(refund, payload["currency"]) if refund else "",
            "partial": payload.get("legs") == [2],
        }
        if order_row is None:  # gone since (a restored backup): say what the payload says
            subject, paragraphs = fill(FLIGHT_MESSAGES[kind], language, context)
            return Composed(subject, paragraphs, link=f"{self.public_url}/flights/orders")
        order = await self.order_reads(session).one(order_row)
        context["total"] = money(order.total, order.currency)
        subject, paragraphs = fill(FLIGHT_MESSAGES[kind], language, context)
        link = f"{self.public_url}/flights/orders/{order.id}"
        details = [(labels["order"], order.reference)]
        codes: list[Code] = []
        attachments: list[Attachment] = []
        for leg in order.legs:
            departs = local_time(leg.departs_at, leg.departure_timezone, language)
            arrives = local_time(leg.arrives_at, leg.arrival_timezone, language)
            details.append((f"{leg.flight_number} {leg.origin} → {leg.destination}", f"{departs} → {arrives}"))
            if kind not in WITH_CODES:
                continue
            attachments.append(
                Attachment(
                    f"flight-{leg.leg}-{leg.flight_number}.ics",
                    session_ics(
                        uid=f"{order.id}-{leg.leg}@tessera",
                        title=f"{leg.flight_number} {leg.origin} → {leg.destination}",
                        starts_at=leg.departs_at,
                        ends_at=leg.arrives_at,
                        location=leg.origin,
                        description=f"{labels['order']} {order.reference}",
                        url=link,
                    ),
                    "text",
                    "calendar",
                )
            )
        for passenger in order.passengers:
            document = passenger.document
            shown = " ".join(filter(None, [document.series_masked, document.number_masked]))
            details.append(
                (f"{labels['passenger']} {passenger.position}", f"{passenger.family_name}/{passenger.given_name}")
            )
            details.append((labels["passport"], shown))
            for seat in passenger.seats if kind in WITH_CODES else []:
                leg = order.legs[seat.leg - 1]
                content_id = f"boarding-{passenger.position}-{seat.leg}@tessera"
                caption = (
                    f"{leg.flight_number} {leg.origin} → {leg.destination} · "
                    f"{passenger.family_name}/{passenger.given_name} · {labels['seat']} {seat.seat}"
                )
                codes.append(Code(seat.ticket_code, caption, content_id))
                attachments.append(
                    Attachment(f"boarding-{seat.ticket_code}.png", qr_png(seat.ticket_code), "image", "png", content_id)
                )
        return Composed(
            subject,
            paragraphs,
            details=details,
            codes_label=labels["codes"] if codes else "",
            codes=codes,
            link=link,
            attachments=attachments,
        )
