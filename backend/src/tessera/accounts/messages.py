"""What the accounts module tells people, in English and Russian."""

from __future__ import annotations

from tessera.core.messages import Copy

ACCOUNT_MESSAGES: dict[str, Copy] = {
    "welcome": {
        "en": ("Welcome to Tessera", ["Your account is ready. Find something worth going to in the catalog."]),
        "ru": ("Добро пожаловать в Tessera", ["Аккаунт создан. Найдите в каталоге, куда пойти."]),
    },
}
