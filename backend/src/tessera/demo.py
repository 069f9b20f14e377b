"""Demo data for ``make run`` and manual testing. Idempotent: running it again changes nothing."""

from __future__ import annotations

from tessera.accounts.services import UserService
from tessera.config import Settings
from tessera.core.auth import Role
from tessera.core.db import session_scope
from tessera.core.security import Passwords

DEMO_PASSWORD = "tessera-demo"  # noqa: S105 - printed by seed-demo; never seeded in production
DEMO_ACCOUNTS = (
    ("admin@demo.tessera.test", "Demo Admin", Role.ADMIN),
    ("organizer@demo.tessera.test", "Aigerim Organizer", Role.ORGANIZER),
    ("participant@demo.tessera.test", "Daniyar Participant", Role.PARTICIPANT),
)


async def seed(settings: Settings) -> list[str]:
    passwords = Passwords(settings.auth)
    report: list[str] = []
    async with session_scope(settings.database) as session:
        users = UserService(session=session)
        for email, name, role in DEMO_ACCOUNTS:
            if await users.get_by_email(email) is None:
                await users.create_user(
                    email=email, password_hash=await passwords.hash(DEMO_PASSWORD), name=name, role=role
                )
                report.append(f"created {role.value} {email}")
    report.append(f"Demo accounts ({', '.join(e for e, _, _ in DEMO_ACCOUNTS)}) use the password {DEMO_PASSWORD!r}.")
    return report
