"""Every setting cspkit reads from the environment, in one place (a test checks the docs)."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Setting:
    name: str
    default: str | None
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "CSPKIT_HOME",
        None,
        "The workspace: record store, configuration and uploads. Default: the per-user data "
        "directory (e.g. ~/.local/share/cspkit). `--workspace DIR` before the command wins.",
    ),
    Setting(
        "CSPKIT_LOCK_TIMEOUT",
        "0",
        "Seconds an ingest waits for another ingest to finish with the store before failing; 0 fails at once.",
    ),
    Setting(
        "CSPKIT_ANALYTICS_URL",
        None,
        "Where indicators are evaluated: unset (or `duckdb`) reads the workspace's Parquet store; a "
        "postgresql:// URL reads the tables `cspkit store mirror` copied there. `--engine` wins.",
    ),
    Setting(
        "CSPKIT_FAULT",
        None,
        "Tests only: POINT:ACTION stops an ingest at a named point (parse, assign, write, "
        "catalogue, swap) by kill, interrupt or pause, to prove the store survives.",
    ),
    Setting(
        "CSPKIT_FAULT_RELEASE",
        None,
        "Tests only: with CSPKIT_FAULT=POINT:pause, the file whose appearance lets the ingest go on.",
    ),
    Setting(
        "CSPKIT_ENV",
        "development",
        "`production` turns on the deployment settings: HTTPS only, secure cookies, HSTS; the web app then "
        "refuses to start without CSPKIT_SECRET_KEY or while demo users exist.",
    ),
    Setting(
        "CSPKIT_SECRET_KEY",
        None,
        "The web app's signing key (sessions, CSRF, password resets). Required in production; in development "
        "a key is generated once and kept in the workspace (web/secret-key, mode 0600).",
    ),
    Setting(
        "CSPKIT_CASE_KEYS",
        None,
        "Keys that encrypt special-category case fields and case documents at rest: one or more Fernet keys, "
        "comma-separated, newest first (`cspkit manage case_key` prints one). Required in production; in "
        "development a key is generated once and kept in the workspace (web/case-keys, mode 0600).",
    ),
    Setting(
        "DATABASE_URL",
        None,
        "The web app's database: unset means SQLite (WAL) at $CSPKIT_HOME/web/cspkit.sqlite3; "
        "postgresql://user@host:5432/name for a multi-user deployment.",
    ),
    Setting(
        "CSPKIT_ALLOWED_HOSTS",
        "localhost,127.0.0.1,[::1]",
        "Comma-separated host names the web app answers to.",
    ),
    Setting(
        "CSPKIT_SESSION_MINUTES",
        "30",
        "Minutes of inactivity after which a signed-in session ends.",
    ),
    Setting(
        "CSPKIT_LOGIN_ATTEMPTS",
        "5",
        "Failed sign-ins allowed per account and per address in 15 minutes before sign-in is refused for 15 minutes.",
    ),
    Setting(
        "CSPKIT_UPLOAD_MAX_MB",
        "200",
        "The largest file the data hub accepts from a browser, in megabytes.",
    ),
    Setting(
        "CSPKIT_WORKER_POLL",
        "2",
        "Seconds the worker waits between looks for new uploads.",
    ),
    Setting(
        "CSPKIT_SMTP_URL",
        None,
        "Where the web app sends e-mail (vote confirmations, notifications): smtp://user:password@host:587 "
        "(STARTTLS) or smtps://...:465. Unset: each message is written to $CSPKIT_HOME/web/outbox/ instead.",
    ),
    Setting(
        "CSPKIT_SITE_URL",
        "http://localhost:8000",
        "The site's own address, for links in e-mails the worker sends outside a web request (reminders).",
    ),
    Setting(
        "CSPKIT_EMAIL_FROM",
        "cspkit <no-reply@localhost>",
        "The From address of the web app's e-mails.",
    ),
    Setting(
        "CSPKIT_TEST_DATABASE_URL",
        None,
        "Tests only: a PostgreSQL server where each test session creates and drops its own database. Set by .ci/run.",
    ),
)


def setting(name: str) -> str | None:
    """The value of a documented setting, or its default."""
    for item in SETTINGS:
        if item.name == name:
            return os.environ.get(name, item.default)
    raise KeyError(f"{name} is not a documented setting")
