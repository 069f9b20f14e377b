"""What the reviews module tells people, in English and Russian."""

from __future__ import annotations

from tessera.core.messages import Copy

REVIEW_MESSAGES: dict[str, Copy] = {
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
}
