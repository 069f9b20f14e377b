"""What the waiting list tells people, composed with the booking holding their offer (its summary and the time
the offer runs out)."""

from __future__ import annotations

from tessera.core.messages import Copy

WAITLIST_MESSAGES: dict[str, Copy] = {
    "waitlist_offer": {
        "en": (
            "Seats for {{ booking.event_title }} are yours to take",
            [
                "Seats came back and you were next in line. They are held for you until {{ expires }}: take them "
                "from your waiting list, or they pass to the next person."
            ],
        ),
        "ru": (
            "Места на {{ booking.event_title }} ждут вас",
            [
                "Освободились места, и вы были следующим в очереди. Они закреплены за вами до {{ expires }}: "
                "заберите их в листе ожидания, иначе они перейдут следующему."
            ],
        ),
    },
}
