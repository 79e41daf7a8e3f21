"""Configuration classes; every setting can come from the environment (or a `.env` file)."""

import os
from datetime import timedelta
from pathlib import Path

from dotenv import load_dotenv

BASE_DIR = Path(__file__).resolve().parent
load_dotenv(BASE_DIR / ".env")

DEV_SECRET_KEY = "dev-only-insecure-secret-key"


def _bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class Config:
    """Settings shared by every environment."""

    SECRET_KEY = os.environ.get("SECRET_KEY", DEV_SECRET_KEY)
    # None means "the SQLite file in the instance folder", resolved in create_app().
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL")
    SQLALCHEMY_ENGINE_OPTIONS = {
        "pool_pre_ping": True,
    }
    # PostgreSQL connections kept per process (README, "Deploying"): a sync gunicorn worker
    # uses one at a time, so workers x hosts x (size + overflow) must stay under the server's
    # max_connections. Recycled after DB_POOL_RECYCLE seconds; checked before use.
    DB_POOL_SIZE = int(os.environ.get("DB_POOL_SIZE", 5))
    DB_MAX_OVERFLOW = int(os.environ.get("DB_MAX_OVERFLOW", 10))
    DB_POOL_RECYCLE = int(os.environ.get("DB_POOL_RECYCLE", 1800))
    # Seconds a request waits for SQLite's write lock (below gunicorn's 30 s timeout).
    SQLITE_BUSY_TIMEOUT = float(os.environ.get("SQLITE_BUSY_TIMEOUT", 20))
    REDIS_URL = os.environ.get("REDIS_URL")

    # Login throttling: Redis when REDIS_URL is set, process memory otherwise.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI") or REDIS_URL or "memory://"
    RATELIMIT_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    # Redis down: count in this process's memory (and log it) rather than refuse sign-ins.
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute; 50 per hour")
    LOGIN_ACCOUNT_RATE_LIMIT = os.environ.get("LOGIN_ACCOUNT_RATE_LIMIT", "5 per minute")

    # Mail: SMTP when MAIL_SERVER is set, otherwise .eml files under instance/mail.
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USE_TLS = _bool("MAIL_USE_TLS", True)
    MAIL_USE_SSL = _bool("MAIL_USE_SSL", False)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "consultations@localhost")
    MAIL_FILE_DIR = os.environ.get("MAIL_FILE_DIR")  # default: <instance>/mail

    # Where links in e-mails point when there is no request (CLI commands, jobs).
    SERVER_NAME_FOR_MAIL = os.environ.get("BASE_URL", "http://127.0.0.1:5000")

    DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "mastery-demo")

    # POST /bench/insert, the bare endpoint of bench/load.py; never turn it on in production.
    BENCH_ENDPOINTS = _bool("BENCH_ENDPOINTS", False)

    # Exports: seconds a conversion may take; inline runs jobs in the request (tests).
    EXPORT_TIMEOUT = int(os.environ.get("EXPORT_TIMEOUT", 60))
    EXPORT_INLINE = False
    # RQ export workers beat every EXPORT_HEARTBEAT_INTERVAL seconds while converting; a job
    # whose worker's last beat is older than EXPORT_HEARTBEAT_TTL (or whose worker is gone)
    # is failed with "Try again" on the next look at its page. Worker and app clocks must
    # agree (NTP) to well within TTL - INTERVAL.
    EXPORT_HEARTBEAT_INTERVAL = int(os.environ.get("EXPORT_HEARTBEAT_INTERVAL", 2))
    EXPORT_HEARTBEAT_TTL = int(os.environ.get("EXPORT_HEARTBEAT_TTL", 12))
    # Least time participants get between being told of an earlier deadline and the deadline
    DEADLINE_MIN_NOTICE_HOURS = int(os.environ.get("DEADLINE_MIN_NOTICE_HOURS", 48))

    # Personal data: days a consultation keeps personal data after its last round closes
    # (each consultation may set its own), and hours a "download my data" ZIP is offered.
    PRIVACY_RETENTION_DAYS = int(os.environ.get("PRIVACY_RETENTION_DAYS", 365))
    PRIVACY_DOWNLOAD_HOURS = int(os.environ.get("PRIVACY_DOWNLOAD_HOURS", 72))

    PASSWORD_HASH_METHOD = "scrypt"
    PASSWORD_RESET_MAX_AGE = int(os.environ.get("PASSWORD_RESET_MAX_AGE", 3600))
    INVITATION_MAX_AGE = int(os.environ.get("INVITATION_MAX_AGE", 14 * 24 * 3600))

    BABEL_DEFAULT_LOCALE = "en"
    BABEL_DEFAULT_TIMEZONE = "UTC"
    LANGUAGES = {
        "en": "English",
        "it": "Italiano",
        "es": "Español",
        "fi": "Suomi",
        "bg": "Български",
        "fr": "Français",
        "nl": "Nederlands",
        "de": "Deutsch",
    }

    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", 5 * 1024 * 1024))
    PER_PAGE = 25

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", False)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    # "Keep me signed in" lasts at most 30 days; a session without it ends after a day.
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    SIGNED_IN_MAX_AGE = timedelta(hours=24)
    PROXY_FIX_COUNT = int(os.environ.get("PROXY_FIX_COUNT", 0))

    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the session


class DevelopmentConfig(Config):
    """Local development on the embedded SQLite database."""

    DEBUG = True


class TestingConfig(Config):
    """The test suite: TEST_DATABASE_URL or DATABASE_URL, otherwise a temporary SQLite file."""

    TESTING = True
    SECRET_KEY = "testing-secret-key"
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL") or os.environ.get(
        "DATABASE_URL"
    )
    RATELIMIT_STORAGE_URI = "memory://"
    RATELIMIT_ENABLED = False
    WTF_CSRF_ENABLED = False
    MAIL_SERVER = None
    SERVER_NAME_FOR_MAIL = "http://localhost"
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast hashes keep the suite quick
    EXPORT_INLINE = True
    REDIS_URL = None
    BENCH_ENDPOINTS = False


class ProductionConfig(Config):
    """Behind gunicorn, on PostgreSQL; refuses to start with the development secret."""

    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE
    PREFERRED_URL_SCHEME = "https"


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}
