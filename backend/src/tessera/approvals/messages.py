"""What approval-only sales tell people: the organizer that a request came in, the buyer what was decided."""

from __future__ import annotations

from tessera.core.messages import Copy

APPROVAL_MESSAGES: dict[str, Copy] = {
    "booking_request_received": {
        "en": ("A request for {{ title }}", ["Someone asked for tickets to {{ title }}: approve or decline it."]),
        "ru": ("Заявка на {{ title }}", ["Пришла заявка на билеты на {{ title }}: одобрите или отклоните её."]),
    },
    "booking_request_approved": {
        "en": (
            "Your request for {{ title }} is approved",
            ["The organizer approved your request. Your booking is made: pay for it if it has a price, in time."],
        ),
        "ru": (
            "Ваша заявка на {{ title }} одобрена",
            ["Организатор одобрил заявку. Бронь создана: если она платная, оплатите её вовремя."],
        ),
    },
    "booking_request_declined": {
        "en": (
            "Your request for {{ title }} was declined",
            ["The organizer declined your request{% if reason %}: {{ reason }}{% endif %}. Nothing is charged."],
        ),
        "ru": (
            "Ваша заявка на {{ title }} отклонена",
            ["Организатор отклонил заявку{% if reason %}: {{ reason }}{% endif %}. Оплата не списывается."],
        ),
    },
    "booking_request_expired": {
        "en": ("Your request for {{ title }} expired", ["The organizer did not answer in time. Nothing is charged."]),
        "ru": ("Заявка на {{ title }} истекла", ["Организатор не ответил вовремя. Оплата не списывается."]),
    },
}
