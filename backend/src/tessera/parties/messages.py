"""What the parties domain tells hosts and guests, in English and Russian. Payloads carry ids only; the exact
address is read (and unsealed) when the guest's confirmation is written, never stored in the outbox."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy.ext.asyncio import AsyncSession

from tessera.booking.reads import BookingReads
from tessera.core.attachments import qr_png, session_ics
from tessera.core.messages import Attachment, Code, Composed, Copy, Recipient, fill, language_of, local_time
from tessera.core.outbox import Channel, Outgoing
from tessera.parties.models import PartyDetail, PartyEncounter, PartySlot

if TYPE_CHECKING:  # parties.py sends these messages; this file only names its type
    from tessera.parties.parties import Parties

PARTY_MESSAGES: dict[str, Copy] = {
    "party_booking_confirmed": {
        "en": (
            "You're in: {{ title }}",
            [
                "{{ name }}, {{ 'the host approved your request and ' if approved else '' }}your places for "
                "{{ title }} on {{ when }} are booked.",
                "The address is below; show your code to the host at the door. The calendar file adds the evening "
                "to your calendar.",
            ],
        ),
        "ru": (
            "Вы идёте: {{ title }}",
            [
                "{{ name }}, {{ 'хозяин одобрил вашу заявку, и ' if approved else '' }}места на «{{ title }}» "
                "{{ when }} забронированы.",
                "Адрес ниже; покажите код хозяину у входа. Файл календаря добавит вечер в ваш календарь.",
            ],
        ),
    },
    "party_guest_joined": {
        "en": ("A guest is coming to {{ title }}", ["{{ counterpart }} booked places for {{ when }}."]),
        "ru": ("К вам идёт гость: {{ title }}", ["{{ counterpart }} забронировал(а) места на {{ when }}."]),
    },
    "party_booking_cancelled": {
        "en": (
            "A guest cancelled: {{ title }}",
            ["{{ counterpart }} will not come on {{ when }}; the places are free."],
        ),
        "ru": ("Гость отменил: {{ title }}", ["{{ counterpart }} не придёт {{ when }}; места снова свободны."]),
    },
    "party_request_received": {
        "en": (
            "{{ counterpart }} asks to join {{ title }}",
            ["A request for {{ when }}. Approve or decline it in your host dashboard before it expires."],
        ),
        "ru": (
            "{{ counterpart }} просится на «{{ title }}»",
            ["Заявка на {{ when }}. Одобрите или отклоните её в кабинете хозяина, пока она не истекла."],
        ),
    },
    "party_request_declined": {
        "en": (
            "Your request for {{ title }} was declined",
            ["The host could not take you on {{ when }}. {{ reason }}"],
        ),
        "ru": ("Заявка на «{{ title }}» отклонена", ["Хозяин не смог принять вас {{ when }}. {{ reason }}"]),
    },
    "party_request_expired": {
        "en": ("Your request for {{ title }} expired", ["The host did not answer in time for {{ when }}."]),
        "ru": ("Заявка на «{{ title }}» истекла", ["Хозяин не ответил вовремя на {{ when }}."]),
    },
    "party_rating_invitation": {
        "en": (
            "How was {{ title }}?",
            [
                "{{ name }}, rate your evening with {{ counterpart }}. Neither of you sees the other's rating until "
                "both have rated, or two weeks have passed."
            ],
        ),
        "ru": (
            "Как прошёл вечер «{{ title }}»?",
            [
                "{{ name }}, оцените вечер с {{ counterpart }}. Никто не увидит чужую оценку, пока не оценят оба "
                "или не пройдут две недели."
            ],
        ),
    },
    "party_rating_reminder": {
        "en": (
            "Two days left to rate {{ title }}",
            ["{{ name }}, you have not rated your evening with {{ counterpart }} yet; the window closes soon."],
        ),
        "ru": (
            "Осталось два дня, чтобы оценить «{{ title }}»",
            ["{{ name }}, вы ещё не оценили вечер с {{ counterpart }}; скоро оценку уже нельзя будет оставить."],
        ),
    },
    "party_place_changed": {
        "en": (
            "New place for {{ title }}",
            ["{{ name }}, the host changed where {{ title }} is shown on {{ when }}. The new address is below."],
        ),
        "ru": (
            "Новое место для «{{ title }}»",
            ["{{ name }}, хозяин изменил место показа «{{ title }}» {{ when }}. Новый адрес ниже."],
        ),
    },
    "party_rating_revealed": {
        "en": (
            "Ratings of {{ title }} are in",
            ["{{ name }}, you and {{ counterpart }} can now see each other's rating."],
        ),
        "ru": (
            "Оценки вечера «{{ title }}» открыты",
            ["{{ name }}, теперь вы и {{ counterpart }} видите оценки друг друга."],
        ),
    },
    "party_no_show_marked": {
        "en": (
            "The host marked you as not having come",
            ["For {{ title }} on {{ when }}. If you were there, you can dispute it within 7 days."],
        ),
        "ru": (
            "Хозяин отметил, что вы не пришли",
            ["На «{{ title }}» {{ when }}. Если вы были там, это можно оспорить в течение 7 дней."],
        ),
    },
    "party_dispute_resolved": {
        "en": (
            "Your dispute about {{ title }} was decided",
            [
                "{% if overturned %}We agree you were there: the no-show is removed.{% else %}The no-show stands."
                "{% endif %}"
            ],
        ),
        "ru": (
            "Решение по спору о «{{ title }}»",
            ["{% if overturned %}Мы согласны, что вы были: отметка снята.{% else %}Отметка остаётся.{% endif %}"],
        ),
    },
}


LABELS = {
    "en": {"film": "Film", "when": "When", "where": "Where", "address": "Address", "codes": "Places"},
    "ru": {"film": "Фильм", "when": "Когда", "where": "Где", "address": "Адрес", "codes": "Места"},
}


def party_notice(user_id: uuid.UUID, kind: str, dedupe: str, *, in_app: bool = False, **ids: Any) -> Outgoing:
    """An outbox row about a party: ids only."""
    return Outgoing(
        user_id=user_id,
        kind=kind,
        payload={name: str(value) if isinstance(value, uuid.UUID) else value for name, value in ids.items()},
        dedupe_key=dedupe,
        channel=Channel.IN_APP if in_app else Channel.EMAIL,
    )


class PartyMessages:
    def __init__(
        self,
        public_url: str,
        parties: Callable[[AsyncSession], Parties],
        bookings: Callable[[AsyncSession], BookingReads],
    ) -> None:
        self.public_url = public_url
        self.parties = parties
        self.bookings = bookings

    async def compose(
        self, session: AsyncSession, kind: str, payload: Mapping[str, Any], recipient: Recipient
    ) -> Composed:
        language = language_of(recipient)
        slot = await session.get(PartySlot, uuid.UUID(payload["slot_id"])) if "slot_id" in payload else None
        party = await session.get(PartyDetail, slot.party_id) if slot is not None else None
        context: dict[str, Any] = {
            "name": recipient.name,
            "title": party.movie_title if party else "",
            "when": "",
            "counterpart": "",
            "reason": payload.get("reason", ""),
            "approved": bool(payload.get("approved")),
            "overturned": payload.get("outcome") == "overturned",
        }
        if slot is None or party is None:  # gone since (a restored backup): say what the payload says
            subject, paragraphs = fill(PARTY_MESSAGES[kind], language, context)
            return Composed(subject, paragraphs, link=f"{self.public_url}/parties")
        service = self.parties(session)
        with_address = kind in ("party_booking_confirmed", "party_place_changed")
        place = await service.place(party, show_address=with_address)
        context["when"] = local_time(slot.starts_at, place.read.timezone, language)
        if "counterpart_id" in payload:
            names = await service.hosts.names([uuid.UUID(payload["counterpart_id"])])
            context["counterpart"] = names.get(uuid.UUID(payload["counterpart_id"]), "")
        subject, paragraphs = fill(PARTY_MESSAGES[kind], language, context)
        labels = LABELS[language]
        details = [
            (labels["film"], party.movie_title),
            (labels["when"], context["when"]),
            (labels["where"], f"{place.read.name}, {place.read.public_area}"),
        ]
        codes: list[Code] = []
        attachments: list[Attachment] = []
        link = f"{self.public_url}/parties/{party.id}"
        if with_address:
            details.append((labels["address"], place.read.address or ""))
        if kind == "party_booking_confirmed":
            encounter = await session.get(PartyEncounter, uuid.UUID(payload["encounter_id"]))
            booking = (
                (await self.bookings(session).views([encounter.booking_id])).get(encounter.booking_id)
                if encounter
                else None
            )
            if booking is not None:
                for index, ticket in enumerate(t for t in booking.tickets if t.status == "valid"):
                    content_id = f"place-{index + 1}@tessera"
                    codes.append(Code(ticket.code, f"{party.movie_title} · {index + 1}", content_id))
                    attachments.append(
                        Attachment(f"place-{ticket.code}.png", qr_png(ticket.code), "image", "png", content_id)
                    )
            attachments.append(
                Attachment(
                    "party.ics",
                    session_ics(
                        uid=f"{slot.id}@tessera",
                        title=party.movie_title,
                        starts_at=slot.starts_at,
                        ends_at=slot.ends_at,
                        location=place.read.address,
                        description=place.read.public_area,
                        url=link,
                    ),
                    "text",
                    "calendar",
                )
            )
            link = f"{self.public_url}/parties/bookings"
        elif kind.startswith("party_rating") or kind in ("party_no_show_marked", "party_dispute_resolved"):
            link = f"{self.public_url}/parties/ratings"
        elif kind in ("party_request_received", "party_guest_joined", "party_booking_cancelled"):
            link = f"{self.public_url}/parties/host"
        return Composed(
            subject,
            paragraphs,
            details=details,
            codes_label=labels["codes"] if codes else "",
            codes=codes,
            link=link,
            attachments=attachments,
        )
