"""Settings: read once from ``TESSERA_*`` environment variables and validated at start.

Every process (API, worker, scheduler, CLI) builds its settings with :func:`load_settings`;
tests build them explicitly. Nothing else in the code base reads the environment.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

Environment = Literal["development", "production"]

# Only used in development; production refuses to start with it.
DEVELOPMENT_SECRET_KEY = "tessera-development-secret-key-do-not-use-in-production"  # noqa: S105
MIN_SECRET_KEY_LENGTH = 32


class SettingsError(Exception):
    """The environment does not describe a runnable configuration."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Invalid Tessera settings:\n" + "\n".join(f"  - {p}" for p in problems))


@dataclass(frozen=True, slots=True)
class DatabaseSettings:
    url: str
    pool_size: int = 10
    max_overflow: int = 10
    echo: bool = False

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def is_postgres(self) -> bool:
        return self.url.startswith("postgresql")


@dataclass(frozen=True, slots=True)
class AuthSettings:
    secret_key: str
    access_token_minutes: int = 15
    refresh_token_days: int = 30
    # A refresh token used again this soon after its rotation (two tabs refreshing at once) gets a sibling
    # token instead of signing the user out; after it, reuse revokes the whole sign-in.
    refresh_grace_seconds: int = 10
    issuer: str = "tessera"
    audience: str = "tessera-api"
    cookie_secure: bool = False
    # argon2id cost; lowering it is only sensible for test suites that create many users.
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65536
    argon2_parallelism: int = 4
    # Unverified accounts may browse and book but not pay or publish; false only for load tests and development.
    require_email_verification: bool = True
    # Lifetimes of an e-mail verification link and of a password reset link.
    email_token_hours: int = 48
    password_reset_minutes: int = 30
    # Accounts of these roles must enrol in two-factor sign-in before they may act in their role.
    require_two_factor_roles: frozenset[str] = frozenset()
    # Audit log entries are deleted this many days after they were written.
    audit_retention_days: int = 730


@dataclass(frozen=True, slots=True)
class RateLimitSettings:
    enabled: bool = True
    # "N/period" strings understood by the ``limits`` library.
    login_per_ip: str = "30/minute"
    login_per_email: str = "10/minute"
    # After this many failed sign-ins for one (e-mail, client address) pair, that pair waits before trying
    # again: a minute, doubling with each further failure, up to ``lockout_minutes``. Other addresses are
    # not affected, so an attacker cannot lock the owner out.
    lockout_failures: int = 5
    lockout_minutes: int = 15
    booking_per_account: str = "30/minute"
    booking_per_ip: str = "300/minute"
    payment_per_account: str = "20/minute"
    payment_per_ip: str = "120/minute"


@dataclass(frozen=True, slots=True)
class BookingSettings:
    hold_minutes: int = 15
    # Seats one account may hold or own on one session; load tests raise it.
    max_tickets_per_user: int = 10
    catalog_cache_seconds: int = 300
    # A seated session's live map is answered from each process's memory for this long (0: never), so open
    # seat pickers polling it during a sale do not take the bookings' CPU; organizers always read it fresh.
    seat_map_cache_ms: int = 1000
    # Flags from this many people send an approved review back to moderation.
    review_flag_threshold: int = 3
    # Customers cancelling get a full refund until this many hours before the session, nothing after.
    # (An organizer cancelling always refunds in full.)
    refund_cutoff_hours: int = 24
    # Check-in at the door opens this long before a session starts and closes when it ends.
    checkin_opens_minutes: int = 240
    # A waiting-list offer holds its seats this long for the person offered them.
    waitlist_offer_minutes: int = 60
    # Secrets that sign ticket codes: the first signs, any verifies (rotation keeps issued tickets valid).
    ticket_keys: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PiiSettings:
    # (key id, 32-byte key): the first seals, every one opens.
    keys: tuple[tuple[int, bytes], ...]
    # Never rotated: fingerprints back unique indexes.
    fingerprint_key: bytes


@dataclass(frozen=True, slots=True)
class FlightSettings:
    # A departure's sales close this long before it leaves.
    sales_close_minutes: int = 60
    # A round trip's return leaves at least this long after the outbound lands.
    min_turnaround_minutes: int = 60
    # Passport documents are erased this many days after the trip's last flight lands.
    document_retention_days: int = 30
    # The carrier may see full documents from this long before departure until a day after arrival.
    manifest_window_hours: int = 72


DEVELOPMENT_FREEDOMPAY_MERCHANT_ID = "552210"
DEVELOPMENT_FREEDOMPAY_SECRET_KEY = "tessera-sandbox-secret-key"  # noqa: S105 - the emulator's, never the gateway's
# Only used in development; production requires TESSERA_TICKET_KEYS.
DEVELOPMENT_TICKET_KEY = "tessera-development-ticket-key-do-not-use-in-production"


@dataclass(frozen=True, slots=True)
class PaymentSettings:
    merchant_id: str
    secret_key: str
    # Where the Merchant API lives: FreedomPay's address, or the built-in emulator.
    base_url: str
    # The built-in emulator is mounted and used (development, or production with an explicit opt-in).
    sandbox: bool
    testing_mode: bool
    # Where the gateway reaches our callbacks (``{callback_base_url}/api/v1/payments/freedompay/...``).
    callback_base_url: str
    # Attempts still pending after this long are asked about with get_status3.php (lost callbacks).
    stale_minutes: int = 10
    # Emulator behaviour: the delayed test card's delay, and the pause between callback retries.
    sandbox_delay_seconds: float = 5.0
    sandbox_retry_seconds: float = 30.0


@dataclass(frozen=True, slots=True)
class MailSettings:
    # smtp://user:pass@host:587?starttls=1, smtps://host:465; None writes .eml files into ``maildir``.
    smtp_url: str | None
    maildir: Path
    sender: str
    # Delivery attempts before a notification is marked failed, and the first retry delay (doubling).
    max_attempts: int = 6
    retry_base_seconds: int = 30


@dataclass(frozen=True, slots=True)
class PartySettings:
    # Host and guests may rate each other for this long after a showing ends.
    rating_window_days: int = 14
    # A request the host has not answered expires after this long (sooner if booking closes first).
    request_ttl_hours: int = 48
    # No-shows may be marked from this long after the start...
    no_show_grace_minutes: int = 15
    # ...until this long after the end.
    no_show_window_hours: int = 48

    @property
    def rating_window(self) -> timedelta:
        return timedelta(days=self.rating_window_days)

    @property
    def request_ttl(self) -> timedelta:
        return timedelta(hours=self.request_ttl_hours)

    @property
    def no_show_grace(self) -> timedelta:
        return timedelta(minutes=self.no_show_grace_minutes)

    @property
    def no_show_window(self) -> timedelta:
        return timedelta(hours=self.no_show_window_hours)


@dataclass(frozen=True, slots=True)
class Settings:
    env: Environment
    data_dir: Path
    database: DatabaseSettings
    auth: AuthSettings
    rate_limit: RateLimitSettings
    booking: BookingSettings
    payments: PaymentSettings
    mail: MailSettings
    pii: PiiSettings = PiiSettings(keys=(), fingerprint_key=b"")
    flights: FlightSettings = FlightSettings()
    parties: PartySettings = PartySettings()
    redis_url: str | None = None
    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = 1
    public_url: str = "http://localhost:3000"
    log_level: str = "INFO"
    log_format: Literal["json", "console"] = "json"
    # Run the periodic jobs inside the API process (embedded mode); production runs ``tessera scheduler``.
    scheduler_in_process: bool = True
    # Proxies whose X-Forwarded-For is trusted for the client address (the web app's server).
    trusted_proxies: str = "127.0.0.1"

    @property
    def is_production(self) -> bool:
        return self.env == "production"


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


class _Reader:
    """Reads typed values from a mapping, collecting every problem instead of stopping at the first."""

    def __init__(self, environ: Mapping[str, str]) -> None:
        self.environ = environ
        self.problems: list[str] = []

    def text(self, name: str, default: str) -> str:
        value = self.environ.get(name)
        return default if value is None or value == "" else value

    def optional_text(self, name: str) -> str | None:
        return self.environ.get(name) or None

    def integer(self, name: str, default: int, minimum: int = 0, maximum: int | None = None) -> int:
        raw = self.environ.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            self.problems.append(f"{name} must be an integer, got {raw!r}")
            return default
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f">= {minimum}" if maximum is None else f"between {minimum} and {maximum}"
            self.problems.append(f"{name} must be {bounds}, got {value}")
        return value

    def boolean(self, name: str, default: bool) -> bool:
        raw = self.environ.get(name)
        if raw is None or raw == "":
            return default
        if raw.lower() in _TRUE:
            return True
        if raw.lower() in _FALSE:
            return False
        self.problems.append(f"{name} must be true or false, got {raw!r}")
        return default

    def choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.text(name, default)
        if value not in choices:
            self.problems.append(f"{name} must be one of {', '.join(choices)}, got {value!r}")
            return default
        return value

    def rate(self, name: str, default: str) -> str:
        value = self.text(name, default)
        count, _, period = value.partition("/")
        if not count.isdigit() or period not in {"second", "minute", "hour", "day"}:
            self.problems.append(f"{name} must look like '10/minute' (second, minute, hour or day), got {value!r}")
            return default
        return value


def _roles(r: _Reader, name: str) -> frozenset[str]:
    roles = frozenset(role.strip() for role in r.text(name, "").split(",") if role.strip())
    # The roles whose endpoints are guarded by role: participants' endpoints are every signed-in user's.
    if unknown := roles - {"organizer", "admin"}:
        listed = ", ".join(sorted(unknown))
        r.problems.append(f"{name} may list organizer and admin, not {listed}")
    return roles


def _ticket_keys(r: _Reader, production: bool) -> tuple[str, ...]:
    raw = r.optional_text("TESSERA_TICKET_KEYS")
    if raw is None:
        if production:
            r.problems.append("TESSERA_TICKET_KEYS must be set in production (comma-separated; the first signs)")
        return (DEVELOPMENT_TICKET_KEY,)
    keys = tuple(key.strip() for key in raw.split(",") if key.strip())
    if not keys or any(len(key) < MIN_SECRET_KEY_LENGTH for key in keys):
        r.problems.append(f"TESSERA_TICKET_KEYS must list keys of at least {MIN_SECRET_KEY_LENGTH} characters each")
    if production and DEVELOPMENT_TICKET_KEY in keys:
        r.problems.append("TESSERA_TICKET_KEYS must not contain the development key")
    return keys or (DEVELOPMENT_TICKET_KEY,)


def derive_key(secret_key: str, purpose: str) -> bytes:
    """A 32-byte key for one purpose derived from a secret (HKDF-SHA256): keys for different purposes are
    independent. The personal-data keys are derived this way in development only."""
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose.encode())
    return hkdf.derive(secret_key.encode())


def _base64_key(raw: str) -> bytes | None:
    try:
        key = base64.b64decode(raw.strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    return key if len(key) == 32 else None


def _pii(r: _Reader, production: bool, secret_key: str) -> PiiSettings:
    """TESSERA_PII_KEYS ("2:<base64 32 bytes>,1:<base64 32 bytes>", the first seals) and
    TESSERA_PII_FINGERPRINT_KEY (base64, 32 bytes): required in production."""
    raw_keys = r.optional_text("TESSERA_PII_KEYS")
    raw_fingerprint = r.optional_text("TESSERA_PII_FINGERPRINT_KEY")
    keys: list[tuple[int, bytes]] = []
    if raw_keys is None:
        if production:
            r.problems.append("TESSERA_PII_KEYS must be set in production (e.g. 1:<base64 of 32 random bytes>)")
        keys = [(1, derive_key(secret_key, "tessera-pii-v1"))]
    else:
        for entry in raw_keys.split(","):
            key_id, _, encoded = entry.strip().partition(":")
            key = _base64_key(encoded)
            if not key_id.isdigit() or int(key_id) > 255 or key is None:
                r.problems.append("TESSERA_PII_KEYS must list id:key pairs, ids 0-255, keys base64 of 32 bytes")
                keys = [(1, derive_key(secret_key, "tessera-pii-v1"))]
                break
            keys.append((int(key_id), key))
        if len({key_id for key_id, _ in keys}) != len(keys):
            r.problems.append("TESSERA_PII_KEYS must not repeat a key id")
    if raw_fingerprint is None:
        if production:
            r.problems.append("TESSERA_PII_FINGERPRINT_KEY must be set in production (base64 of 32 random bytes)")
        fingerprint_key = derive_key(secret_key, "tessera-pii-fingerprint-v1")
    else:
        fingerprint_key = _base64_key(raw_fingerprint) or b""
        if not fingerprint_key:
            r.problems.append("TESSERA_PII_FINGERPRINT_KEY must be base64 of 32 bytes")
    return PiiSettings(keys=tuple(keys), fingerprint_key=fingerprint_key)


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    """Build and validate settings from the environment (``os.environ`` by default).

    Raises :class:`SettingsError` listing every problem at once.
    """
    env_map = os.environ if environ is None else environ
    r = _Reader(env_map)

    env = r.choice("TESSERA_ENV", "development", ("development", "production"))
    production = env == "production"
    data_dir = Path(r.text("TESSERA_DATA_DIR", "./var")).expanduser()
    database_url = r.text("TESSERA_DATABASE_URL", f"sqlite+aiosqlite:///{data_dir / 'tessera.db'}")
    if not database_url.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
        r.problems.append(
            "TESSERA_DATABASE_URL must start with sqlite+aiosqlite:// or postgresql+asyncpg://, "
            f"got scheme {urlsplit(database_url).scheme!r}"
        )
    redis_url = r.optional_text("TESSERA_REDIS_URL")
    if redis_url is not None and urlsplit(redis_url).scheme not in {"redis", "rediss"}:
        r.problems.append("TESSERA_REDIS_URL must start with redis:// or rediss://")

    secret_key = r.text("TESSERA_SECRET_KEY", DEVELOPMENT_SECRET_KEY)
    if production and secret_key == DEVELOPMENT_SECRET_KEY:
        r.problems.append("TESSERA_SECRET_KEY must be set in production (the development key is public)")
    elif len(secret_key) < MIN_SECRET_KEY_LENGTH:
        r.problems.append(f"TESSERA_SECRET_KEY must be at least {MIN_SECRET_KEY_LENGTH} characters long")

    public_url = r.text("TESSERA_PUBLIC_URL", "http://localhost:3000").rstrip("/")
    if urlsplit(public_url).scheme not in {"http", "https"}:
        r.problems.append(f"TESSERA_PUBLIC_URL must be an http(s) address, got {public_url!r}")

    host = r.text("TESSERA_HOST", "0.0.0.0" if production else "127.0.0.1")  # noqa: S104 - in a container
    port = r.integer("TESSERA_PORT", 8000, minimum=1, maximum=65535)
    own_address = f"http://{'127.0.0.1' if host in {'0.0.0.0', '::'} else host}:{port}"  # noqa: S104
    gateway_url = r.optional_text("TESSERA_FREEDOMPAY_BASE_URL")
    # Production never takes payments through the emulator unless the operator says so (staging only).
    emulator = r.boolean("TESSERA_FREEDOMPAY_EMULATOR", not production) and gateway_url is None
    if gateway_url is not None and urlsplit(gateway_url).scheme not in {"http", "https"}:
        r.problems.append("TESSERA_FREEDOMPAY_BASE_URL must be an http(s) address")
    if emulator or not production:
        # Development talks to an emulator (this one, or ``tessera sandbox-freedompay``) with its public keys.
        merchant_id = r.text("TESSERA_FREEDOMPAY_MERCHANT_ID", DEVELOPMENT_FREEDOMPAY_MERCHANT_ID)
        gateway_secret = r.text("TESSERA_FREEDOMPAY_SECRET_KEY", DEVELOPMENT_FREEDOMPAY_SECRET_KEY)
    else:
        merchant_id = r.text("TESSERA_FREEDOMPAY_MERCHANT_ID", "")
        gateway_secret = r.text("TESSERA_FREEDOMPAY_SECRET_KEY", "")
    if not emulator:
        missing = [
            name
            for name, value in (
                ("TESSERA_FREEDOMPAY_BASE_URL", gateway_url),
                ("TESSERA_FREEDOMPAY_MERCHANT_ID", merchant_id),
                ("TESSERA_FREEDOMPAY_SECRET_KEY", gateway_secret),
            )
            if not value
        ]
        if missing:
            r.problems.append(
                f"{', '.join(missing)} must be set: without TESSERA_FREEDOMPAY_EMULATOR=true (staging only) "
                "payments go to the real gateway"
            )
    if production and gateway_secret == DEVELOPMENT_FREEDOMPAY_SECRET_KEY:
        # Callbacks signed with the public key would confirm bookings, even on a staging site's emulator.
        r.problems.append("TESSERA_FREEDOMPAY_SECRET_KEY must be set (not the public development key)")
    payments = PaymentSettings(
        merchant_id=merchant_id,
        secret_key=gateway_secret,
        base_url=(gateway_url or f"{own_address}/sandbox/freedompay").rstrip("/"),
        sandbox=emulator,
        testing_mode=r.boolean("TESSERA_FREEDOMPAY_TESTING_MODE", not production),
        # The emulator calls this process directly; the real gateway reaches us through the public site.
        callback_base_url=r.text(
            "TESSERA_FREEDOMPAY_CALLBACK_BASE_URL", own_address if emulator else public_url
        ).rstrip("/"),
        stale_minutes=r.integer("TESSERA_PAYMENT_STALE_MINUTES", 10, minimum=0),
        sandbox_delay_seconds=r.integer("TESSERA_SANDBOX_DELAY_MS", 5000, minimum=0) / 1000,
        sandbox_retry_seconds=r.integer("TESSERA_SANDBOX_RETRY_MS", 30000, minimum=0) / 1000,
    )

    smtp_url = r.optional_text("TESSERA_SMTP_URL")
    if smtp_url is not None and urlsplit(smtp_url).scheme not in {"smtp", "smtps"}:
        r.problems.append("TESSERA_SMTP_URL must look like smtp://user:password@host:587?starttls=1 or smtps://host")
    mail = MailSettings(
        smtp_url=smtp_url,
        maildir=data_dir / "mail",
        sender=r.text("TESSERA_MAIL_FROM", "Tessera <no-reply@tessera.localhost>"),
        max_attempts=r.integer("TESSERA_NOTIFICATION_MAX_ATTEMPTS", 6, minimum=1),
        retry_base_seconds=r.integer("TESSERA_NOTIFICATION_RETRY_SECONDS", 30, minimum=0),
    )

    settings = Settings(
        env="production" if production else "development",
        data_dir=data_dir,
        database=DatabaseSettings(
            url=database_url,
            pool_size=r.integer("TESSERA_DATABASE_POOL_SIZE", 10, minimum=1),
            max_overflow=r.integer("TESSERA_DATABASE_MAX_OVERFLOW", 10, minimum=0),
            echo=r.boolean("TESSERA_DATABASE_ECHO", False),
        ),
        auth=AuthSettings(
            secret_key=secret_key,
            access_token_minutes=r.integer("TESSERA_ACCESS_TOKEN_MINUTES", 15, minimum=1, maximum=24 * 60),
            refresh_token_days=r.integer("TESSERA_REFRESH_TOKEN_DAYS", 30, minimum=1, maximum=365),
            refresh_grace_seconds=r.integer("TESSERA_REFRESH_GRACE_SECONDS", 10, minimum=0, maximum=120),
            cookie_secure=r.boolean("TESSERA_COOKIE_SECURE", production),
            argon2_time_cost=r.integer("TESSERA_ARGON2_TIME_COST", 3, minimum=1),
            argon2_memory_kib=r.integer("TESSERA_ARGON2_MEMORY_KIB", 65536, minimum=8),
            argon2_parallelism=r.integer("TESSERA_ARGON2_PARALLELISM", 4, minimum=1),
            require_email_verification=r.boolean("TESSERA_REQUIRE_EMAIL_VERIFICATION", True),
            email_token_hours=r.integer("TESSERA_EMAIL_TOKEN_HOURS", 48, minimum=1, maximum=24 * 30),
            password_reset_minutes=r.integer("TESSERA_PASSWORD_RESET_MINUTES", 30, minimum=5, maximum=24 * 60),
            require_two_factor_roles=_roles(r, "TESSERA_REQUIRE_2FA_ROLES"),
            audit_retention_days=r.integer("TESSERA_AUDIT_RETENTION_DAYS", 730, minimum=30, maximum=3650),
        ),
        rate_limit=RateLimitSettings(
            enabled=r.boolean("TESSERA_RATE_LIMIT_ENABLED", True),
            login_per_ip=r.rate("TESSERA_LOGIN_RATE_PER_IP", "30/minute"),
            login_per_email=r.rate("TESSERA_LOGIN_RATE_PER_EMAIL", "10/minute"),
            lockout_failures=r.integer("TESSERA_LOGIN_LOCKOUT_FAILURES", 5, minimum=1),
            lockout_minutes=r.integer("TESSERA_LOGIN_LOCKOUT_MINUTES", 15, minimum=1),
            booking_per_account=r.rate("TESSERA_BOOKING_RATE_PER_ACCOUNT", "30/minute"),
            booking_per_ip=r.rate("TESSERA_BOOKING_RATE_PER_IP", "300/minute"),
            payment_per_account=r.rate("TESSERA_PAYMENT_RATE_PER_ACCOUNT", "20/minute"),
            payment_per_ip=r.rate("TESSERA_PAYMENT_RATE_PER_IP", "120/minute"),
        ),
        booking=BookingSettings(
            hold_minutes=r.integer("TESSERA_HOLD_MINUTES", 15, minimum=1, maximum=24 * 60),
            waitlist_offer_minutes=r.integer("TESSERA_WAITLIST_OFFER_MINUTES", 60, minimum=5, maximum=7 * 24 * 60),
            max_tickets_per_user=r.integer("TESSERA_MAX_TICKETS_PER_USER", 10, minimum=1),
            catalog_cache_seconds=r.integer("TESSERA_CATALOG_CACHE_SECONDS", 300, minimum=0),
            seat_map_cache_ms=r.integer("TESSERA_SEAT_MAP_CACHE_MS", 1000, minimum=0, maximum=10_000),
            refund_cutoff_hours=r.integer("TESSERA_REFUND_CUTOFF_HOURS", 24, minimum=0),
            review_flag_threshold=r.integer("TESSERA_REVIEW_FLAG_THRESHOLD", 3, minimum=1),
            checkin_opens_minutes=r.integer("TESSERA_CHECKIN_OPENS_MINUTES", 240, minimum=0, maximum=7 * 24 * 60),
            ticket_keys=_ticket_keys(r, production),
        ),
        payments=payments,
        mail=mail,
        pii=_pii(r, production, secret_key),
        flights=FlightSettings(
            sales_close_minutes=r.integer("TESSERA_FLIGHT_SALES_CLOSE_MINUTES", 60, minimum=0, maximum=7 * 24 * 60),
            min_turnaround_minutes=r.integer("TESSERA_FLIGHT_MIN_TURNAROUND_MINUTES", 60, minimum=0, maximum=24 * 60),
            document_retention_days=r.integer("TESSERA_FLIGHT_DOCUMENT_RETENTION_DAYS", 30, minimum=0, maximum=3650),
            manifest_window_hours=r.integer("TESSERA_FLIGHT_MANIFEST_WINDOW_HOURS", 72, minimum=1, maximum=24 * 14),
        ),
        parties=PartySettings(
            rating_window_days=r.integer("TESSERA_PARTY_RATING_WINDOW_DAYS", 14, minimum=1, maximum=90),
            request_ttl_hours=r.integer("TESSERA_PARTY_REQUEST_TTL_HOURS", 48, minimum=1, maximum=24 * 30),
            no_show_grace_minutes=r.integer("TESSERA_PARTY_NO_SHOW_GRACE_MINUTES", 15, minimum=0, maximum=24 * 60),
            no_show_window_hours=r.integer("TESSERA_PARTY_NO_SHOW_WINDOW_HOURS", 48, minimum=1, maximum=24 * 14),
        ),
        redis_url=redis_url,
        host=host,
        port=port,
        workers=r.integer("TESSERA_WORKERS", 1, minimum=1),
        public_url=public_url,
        log_level=r.choice("TESSERA_LOG_LEVEL", "INFO", ("DEBUG", "INFO", "WARNING", "ERROR")),
        log_format="console" if r.choice("TESSERA_LOG_FORMAT", "json", ("json", "console")) == "console" else "json",
        trusted_proxies=r.text("TESSERA_TRUSTED_PROXIES", "127.0.0.1"),
        scheduler_in_process=r.boolean("TESSERA_SCHEDULER_IN_PROCESS", redis_url is None),
    )
    if settings.workers > 1 and redis_url is None:
        r.problems.append(
            "TESSERA_WORKERS above 1 needs TESSERA_REDIS_URL: caches and rate limits must be shared by the workers"
        )
    if r.problems:
        raise SettingsError(r.problems)
    return settings
