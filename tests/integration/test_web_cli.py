"""The web app from the command line: `cspkit demo` accounts, `cspkit manage`, `cspkit worker`,
and production's refusals (no secret key, demo accounts present)."""

from __future__ import annotations

import secrets
import sqlite3
import stat
from pathlib import Path

import pytest

from cspkit.privacy.field_crypto import FieldCipher
from cspkit.web.accounts.roles import ROLES
from tests.helpers import cli

PRODUCTION = {
    "CSPKIT_ENV": "production",
    "CSPKIT_SECRET_KEY": secrets.token_urlsafe(50),
    "CSPKIT_CASE_KEYS": FieldCipher.new_key(),
}


def test_the_demo_writes_one_private_account_per_role(web_demo: Path) -> None:
    path = web_demo / "demo-users.txt"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    text = path.read_text(encoding="utf-8")
    for role in ROLES:
        assert f"\n{role.key} " in text
    lines = text.splitlines()
    keyed = [lines[i - 1].split()[0] for i, line in enumerate(lines) if "second-factor key" in line]
    # Every role that needs a second factor has a key; so do the officers, because case work
    # (person-level records) always asks for one.
    assert sorted(set(keyed)) == sorted({role.key for role in ROLES if role.second_factor} | {"officer"})
    assert stat.S_IMODE((web_demo / "web" / "secret-key").stat().st_mode) == 0o600


def test_the_web_database_is_sqlite_in_wal_mode(web_demo: Path) -> None:
    with sqlite3.connect(web_demo / "web" / "cspkit.sqlite3") as database:
        assert database.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_production_refuses_to_start_without_a_secret_key(tmp_path: Path) -> None:
    result = cli(tmp_path / "ws", "manage", "check", env={**PRODUCTION, "CSPKIT_SECRET_KEY": ""})
    assert result.code == 2
    assert "CSPKIT_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_refuses_to_start_without_case_keys(tmp_path: Path) -> None:
    result = cli(tmp_path / "ws", "manage", "check", env={**PRODUCTION, "CSPKIT_CASE_KEYS": ""})
    assert result.code == 2
    assert "CSPKIT_CASE_KEYS" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_deploy_check_is_clean_on_a_new_workspace(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    assert cli(workspace, "manage", "migrate", "-v", "0", env=PRODUCTION).code == 0
    result = cli(workspace, "manage", "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.code == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_demo_accounts(web_demo: Path) -> None:
    check = cli(web_demo, "manage", "check", "--deploy", env=PRODUCTION)
    assert check.code != 0
    assert "cspkit.E001" in check.stderr
    serve = cli(web_demo, "serve", "--port", "1", env=PRODUCTION, timeout=120)
    assert serve.code == 2
    assert "refusing to start in production" in serve.stderr
    assert "demo accounts" in serve.stderr


def test_the_worker_drains_the_queue_once(tmp_path: Path) -> None:
    result = cli(tmp_path / "ws", "worker", "--once")
    assert result.code == 0, result.stderr
    assert "0 uploads handled" in result.stdout


@pytest.mark.parametrize("option", ["--workers", "--port"])
def test_serve_refuses_bad_options(tmp_path: Path, option: str) -> None:
    result = cli(tmp_path / "ws", "serve", option, "zero")
    assert result.code == 2
    assert option in result.stderr


def test_an_administrator_adds_an_agency_and_a_person(tmp_path: Path) -> None:
    workspace = tmp_path / "ws"
    assert cli(workspace, "manage", "migrate", "-v", "0").code == 0
    refused = cli(workspace, "manage", "add_person", "pat", "--role", "analyst", "--agency", "nowhere")
    assert refused.code != 0
    assert "no agency 'nowhere'" in refused.stderr
    added = cli(
        workspace, "manage", "add_agency", "bedfordshire-fire-rescue", "Bedfordshire Fire", "--kind", "fire_and_rescue"
    )
    assert added.code == 0, added.stderr
    person = cli(
        workspace, "manage", "add_person", "pat", "--role", "sharing_officer", "--agency", "bedfordshire-fire-rescue"
    )
    assert person.code == 0, person.stderr
    assert "Designated information-sharing officer" in person.stdout
    assert "one-off password: " in person.stdout


def test_the_wsgi_application_itself_refuses_demo_accounts_in_production(web_demo: Path) -> None:
    import os
    import subprocess
    import sys

    environment = {**os.environ, **PRODUCTION, "CSPKIT_HOME": str(web_demo)}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    done = subprocess.run(
        [sys.executable, "-c", "import cspkit.web.wsgi"], env=environment, capture_output=True, text=True
    )
    assert done.returncode != 0
    assert "demo accounts exist" in done.stderr


def test_cases_export_puts_the_demo_marac_into_ni32(web_demo: Path, tmp_path: Path) -> None:
    """`cspkit cases export` on (a copy of) the demo: the heard MARAC cases become the
    `cases-marac` batch, and `cspkit indicators` evaluates NI 32 from it."""
    import shutil
    from datetime import date

    workspace = tmp_path / "ws"
    shutil.copytree(web_demo, workspace, symlinks=True, ignore=shutil.ignore_patterns("materialised"))
    done = cli(workspace, "cases", "export")
    assert done.code == 0, done.stderr
    lines = dict(line.split(": ") for line in done.stdout.splitlines())
    assert lines["cases-marac"] == "rows exported 8, left out without an LSOA 0, batches added 1"  # the heard cases
    assert lines["cases-iom"].endswith("batches added 1")
    assert lines["cases-asb"].endswith("batches added 1")
    again = cli(workspace, "cases", "export").stdout
    assert again.count("batches added 0") == 3  # the same extracts: skipped
    month = f"{date.today():%Y-%m}"
    period = ("--period", f"12m-to-{month}", "--indicator", "ni-32", "--format", "json")
    result = cli(workspace, "indicators", *period)
    assert result.code == 0, result.stderr
    row = result.json()[0]
    assert row["denominator"] == 8
    assert row["numerator"] == 2
