"""What the accounts module tells people, in English and Russian."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from tessera.accounts.models import AccountToken
from tessera.accounts.tokens import TokenSigner
from tessera.core.messages import Composed, Copy, Recipient, fill, language_of, local_time

ACCOUNT_MESSAGES: dict[str, Copy] = {
    "welcome": {
        "en": ("Welcome to Tessera", ["Your account is ready. Find something worth going to in the catalog."]),
        "ru": ("Добро пожаловать в Tessera", ["Аккаунт создан. Найдите в каталоге, куда пойти."]),
    },
    "verify_email": {
        "en": (
            "Confirm your e-mail address",
            [
                "Open the link below to confirm that this address is yours. Until you do, you can browse and book, "
                "but not pay or publish.",
                "The link works once, for {{ hours }} hours. If you did not ask for it, ignore this message.",
            ],
        ),
        "ru": (
            "Подтвердите адрес электронной почты",
            [
                "Откройте ссылку ниже, чтобы подтвердить, что это ваш адрес. До этого можно смотреть и бронировать, "
                "но не платить и не публиковать.",
                "Ссылка работает один раз в течение {{ hours }} ч. Если вы её не запрашивали, просто не обращайте "
                "внимания на это письмо.",
            ],
        ),
    },
    "password_reset": {
        "en": (
            "Reset your password",
            [
                "Someone (we hope you) asked to reset the password of your Tessera account. Open the link below "
                "to choose a new one; it works once, for {{ minutes }} minutes.",
                "If it was not you, ignore this message: your password stays as it is.",
            ],
        ),
        "ru": (
            "Сброс пароля",
            [
                "Кто-то (надеемся, вы) попросил сбросить пароль аккаунта Tessera. Откройте ссылку ниже, чтобы "
                "задать новый; она работает один раз в течение {{ minutes }} мин.",
                "Если это были не вы, ничего не делайте: пароль останется прежним.",
            ],
        ),
    },
    "password_changed": {
        "en": (
            "Your password was changed",
            [
                "{% if how == 'reset' %}Your password was reset with a link sent to this address, and every "
                "sign-in of your account was ended.{% else %}Your password was changed, and every other sign-in "
                "of your account was ended.{% endif %}",
                "If it was not you, reset your password now and check your sign-ins in your account settings.",
            ],
        ),
        "ru": (
            "Пароль изменён",
            [
                "{% if how == 'reset' %}Пароль сброшен по ссылке, отправленной на этот адрес, и все входы в "
                "аккаунт завершены.{% else %}Пароль изменён, и все другие входы в аккаунт завершены.{% endif %}",
                "Если это были не вы, сбросьте пароль и проверьте входы в настройках аккаунта.",
            ],
        ),
    },
    "email_change_requested": {
        "en": (
            "A new address was asked for your account",
            [
                "Someone signed in to your Tessera account asked to move it to another e-mail address. It changes "
                "only when the link sent to that address is opened.",
                "If it was not you, change your password and end the sign-ins you do not know in your account "
                "settings.",
            ],
        ),
        "ru": (
            "Для аккаунта запрошен новый адрес",
            [
                "Кто-то, вошедший в ваш аккаунт Tessera, попросил перенести его на другой адрес. Адрес сменится, "
                "только когда откроют ссылку, отправленную на него.",
                "Если это были не вы, смените пароль и завершите незнакомые входы в настройках аккаунта.",
            ],
        ),
    },
    "new_sign_in": {
        "en": (
            "New sign-in to your account",
            [
                "Your account was signed in to at {{ at }} from {{ ip }}, with {{ user_agent }}, which it had not "
                "been signed in from before.",
                "If it was not you, end that sign-in in your account settings and change your password.",
            ],
        ),
        "ru": (
            "Новый вход в аккаунт",
            [
                "В ваш аккаунт вошли {{ at }} с адреса {{ ip }}, с помощью {{ user_agent }}; отсюда раньше не входили.",
                "Если это были не вы, завершите этот вход в настройках аккаунта и смените пароль.",
            ],
        ),
    },
}


class AccountMessages:
    """Account messages; a link's token is recomputed from its row (the outbox holds only the row's id)."""

    def __init__(self, public_url: str, signer: TokenSigner, email_token_hours: int, reset_minutes: int) -> None:
        self.public_url = public_url
        self.signer = signer
        self.email_token_hours = email_token_hours
        self.reset_minutes = reset_minutes

    async def compose(
        self, session: AsyncSession, kind: str, payload: Mapping[str, Any], recipient: Recipient
    ) -> Composed:
        language = language_of(recipient)
        context: dict[str, Any] = {
            "name": recipient.name,
            "hours": self.email_token_hours,
            "minutes": self.reset_minutes,
            "how": payload.get("how", ""),
            "ip": payload.get("ip", ""),
            "user_agent": payload.get("user_agent", ""),
            "at": local_time(datetime.fromisoformat(payload["at"]), None, language) if "at" in payload else "",
        }
        subject, paragraphs = fill(ACCOUNT_MESSAGES[kind], language, context)
        link, to_address = f"{self.public_url}/", None
        if kind in ("verify_email", "password_reset"):
            page = "verify-email" if kind == "verify_email" else "reset-password"
            token = await session.get(AccountToken, uuid.UUID(payload["token_id"]))
            if token is not None:  # (gone with its account: the message is never read)
                link = f"{self.public_url}/{page}?token={self.signer.token(token.id, token.purpose)}"
                to_address = token.email if kind == "verify_email" else None
        elif kind == "email_change_requested":
            to_address = payload["old_email"]
        elif kind in ("password_changed", "new_sign_in"):
            link = f"{self.public_url}/account"
        return Composed(subject, paragraphs, link=link, to_address=to_address)
