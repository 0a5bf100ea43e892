"""Django settings, read only from `CSPKIT_*` and `DATABASE_URL` (DESIGN.md "Web runtime")."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from cspkit.settings import setting
from cspkit.workspace import Workspace

WEB = Path(__file__).resolve().parent
WORKSPACE = Workspace.resolve()
HOME = WORKSPACE.root
STATE = HOME / "web"
PRODUCTION = setting("CSPKIT_ENV") == "production"
TESTING = os.environ.get("CSPKIT_WEB_TESTING") == "1"


def _secret_key() -> str:
    """From the environment; in development, one generated once per workspace and kept private."""
    key = setting("CSPKIT_SECRET_KEY")
    if key:
        return key
    if PRODUCTION:
        raise ImproperlyConfigured("CSPKIT_ENV=production needs CSPKIT_SECRET_KEY (a long random string).")
    path = STATE / "secret-key"
    if not path.exists():
        STATE.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


def _database() -> dict[str, object]:
    url = setting("DATABASE_URL")
    if url:
        import dj_database_url

        config: dict[str, object] = dict(dj_database_url.parse(url, conn_max_age=60))
        # Each test session creates and drops a database of its own (pytest-django adds the prefix).
        config["TEST"] = {"NAME": f"test_cspkit_{os.getpid()}"}
        return config
    STATE.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(STATE / "cspkit.sqlite3"),
        # WAL lets the worker write while web workers read; immediate transactions and a busy
        # timeout make concurrent writers wait instead of failing with "database is locked".
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
        "TEST": {"NAME": str(STATE / f"test-{os.getpid()}.sqlite3")} if TESTING else {},
    }


SECRET_KEY = _secret_key()


def _case_keys() -> str:
    """Fernet keys for special-category case fields (`CSPKIT_CASE_KEYS`, comma-separated, newest
    first); in development, one generated once per workspace and kept private, like the secret key."""
    keys = setting("CSPKIT_CASE_KEYS")
    if keys:
        return keys
    if PRODUCTION:
        raise ImproperlyConfigured(
            "CSPKIT_ENV=production needs CSPKIT_CASE_KEYS (make one with `cspkit manage case_key`)."
        )
    from cspkit.privacy.field_crypto import FieldCipher

    path = STATE / "case-keys"
    if not path.exists():
        STATE.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(FieldCipher.new_key())
    return path.read_text().strip()


CASE_KEYS = _case_keys()
DEBUG = False
ALLOWED_HOSTS = [host.strip() for host in (setting("CSPKIT_ALLOWED_HOSTS") or "").split(",") if host.strip()]
if TESTING:
    ALLOWED_HOSTS += ["testserver", "localhost", "127.0.0.1"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "cspkit.web.accounts",
    "cspkit.web.datahub",
    "cspkit.web.partnership",
    "cspkit.web.dashboard",
    "cspkit.web.public",
    "cspkit.web.engage",
    "cspkit.web.cases",
    "cspkit.web.pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cspkit.web.accounts.idle_timeout.IdleTimeoutMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "cspkit.web.accounts.audit.AuditBatchMiddleware",
    "cspkit.web.accounts.middleware.PermissionMatrixMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "cspkit.web.urls"
WSGI_APPLICATION = "cspkit.web.wsgi.application"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [WEB / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cspkit.web.pages.context.navigation",
            ],
        },
    }
]

DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]


def _email() -> dict[str, object]:
    """SMTP from CSPKIT_SMTP_URL; without it, messages land as files in the workspace's outbox,
    so the demo's vote confirmations can be read without a mail server."""
    from urllib.parse import unquote, urlsplit

    url = setting("CSPKIT_SMTP_URL")
    if not url:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
            "EMAIL_FILE_PATH": str(HOME / "web" / "outbox"),
        }
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ImproperlyConfigured("CSPKIT_SMTP_URL must look like smtp://user:password@host:587")
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": parts.hostname,
        "EMAIL_PORT": parts.port or (465 if parts.scheme == "smtps" else 587),
        "EMAIL_HOST_USER": unquote(parts.username or ""),
        "EMAIL_HOST_PASSWORD": unquote(parts.password or ""),
        "EMAIL_USE_TLS": parts.scheme == "smtp",
        "EMAIL_USE_SSL": parts.scheme == "smtps",
    }


globals().update(_email())
DEFAULT_FROM_EMAIL = setting("CSPKIT_EMAIL_FROM")

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "pages:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# One cache every web worker and the worker share: login throttling and rate limits must
# count across processes, so it lives in the database, not in each process's memory.
CACHES = {
    # Shared by every worker process: login throttling and rate limits.
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "cspkit_cache"},
    # Each process's own: the workspace pages' rendered tables and tiles, keyed by the data version
    # they show (store generation, configuration, kept assessment), so a page is rendered once per
    # version and language and never served stale.
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "cspkit-fragments",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

SESSION_COOKIE_AGE = int(setting("CSPKIT_SESSION_MINUTES") or "30") * 60
# The timeout counts from the last request (an idle timeout): IdleTimeoutMiddleware renews the
# expiry at most once a minute instead of writing the session on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [WEB / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Europe/London"

STATIC_URL = "/static/"
STATIC_ROOT = STATE / "static"
STATICFILES_DIRS = [WEB / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
if TESTING:
    STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True

UPLOAD_MAX_BYTES = int(setting("CSPKIT_UPLOAD_MAX_MB") or "200") * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o600
OTP_TOTP_ISSUER = "cspkit"

# Application logs carry request paths and status codes, never bodies, names or addresses;
# who did what to person-level data is in the audit table, not the logs.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"cspkit": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
