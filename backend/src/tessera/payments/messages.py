"""What the payments module tells people, in English and Russian. Each message is about a booking, so the
booking module's composer lays out the booking's summary under these words."""

from __future__ import annotations

from tessera.core.messages import Copy

PAYMENT_MESSAGES: dict[str, Copy] = {
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
}
