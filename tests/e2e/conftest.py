"""The web app as a person meets it: `cspkit demo` then `cspkit serve` (gunicorn and the worker)
in real processes, driven by Debian's Chromium through Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from base64 import b32decode
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import cli

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@dataclass
class Account:
    role: str
    username: str
    password: str
    key: str | None


@dataclass
class Site:
    url: str
    home: Path
    accounts: dict[str, Account]


def next_month_file(site: Site, folder: Path) -> tuple[str, Path]:
    """A month the site's store does not hold yet, right after its latest (no gap): the April
    2024 fixture re-dated. Each test that uploads takes the next, whatever ran before it."""
    from cspkit.periods import add_months, month_label, parse_month
    from cspkit.store.catalogue import Catalogue
    from tests.helpers import POLICEUK

    catalogue = Catalogue.read(site.home / "store" / "catalogue.json")
    latest = max(p.month for p in catalogue.partitions if p.dataset == "street")
    month = month_label(add_months(parse_month(latest), 1))
    text = (POLICEUK / "2024-04" / "2024-04-bedfordshire-street.csv").read_text(encoding="utf-8")
    target = folder / f"{month}-bedfordshire-street.csv"
    target.write_text(text.replace(",2024-04,", f",{month},"), encoding="utf-8")
    return month, target


def read_accounts(path: Path) -> dict[str, Account]:
    accounts: dict[str, Account] = {}
    last: Account | None = None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(" ") and last is not None:
            last.key = line.split(":")[-1].strip()
            continue
        role, username, password = line.split()[:3]
        # A second account in a role (the council's officer) is known by its username.
        last = accounts[role if role not in accounts else username] = Account(role, username, password, None)
    return accounts


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (bash scripts/test installs it where it can)")
    home = tmp_path_factory.mktemp("site") / "workspace"
    made = cli(home, "demo", "--no-serve", "--web", "--quiet")  # its own: the tests add to its store
    assert made.code == 0, made.stderr
    port = _free_port()
    environment = {**os.environ, "CSPKIT_HOME": str(home), "CSPKIT_WORKER_POLL": "0.5"}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.pop("DATABASE_URL", None)
    log = open(home / "serve.log", "w")  # noqa: SIM115 - open for the server's lifetime
    server = subprocess.Popen(
        [sys.executable, "-m", "cspkit", "serve", "--port", str(port), "--workers", "2"],
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2) as answer:  # noqa: S310 - loopback
                    if answer.status == 200:
                        break
            except OSError:
                time.sleep(0.5)
        else:
            raise AssertionError("cspkit serve did not answer: " + (home / "serve.log").read_text())
        yield Site(url, home, read_accounts(home / "demo-users.txt"))
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium for one test module. Not longer: Playwright's sync driver keeps an event
    loop running in this thread, and Django refuses database calls while one runs, so the web
    tests that may follow in the same process (pytest-xdist) must find it stopped."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (bash scripts/test installs it where it can)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


_used_steps: dict[str, int] = {}


def code_for(key: str) -> str:
    """The authenticator's code. django-otp refuses a time step already used, and accepts one
    step ahead, so a second sign-in within 30 seconds uses the next step's code, and a third
    waits for the next step and uses the one after it."""
    from django_otp.oath import totp

    step = int(time.time()) // 30
    while _used_steps.get(key, -1) > step:  # the next step's code is spent too: wait for a step
        time.sleep(30 - time.time() % 30 + 0.5)
        step = int(time.time()) // 30
    # After the wait the step may be the one just spent ahead of time: then go one ahead again.
    drift = 1 if _used_steps.get(key, -1) >= step else 0
    _used_steps[key] = step + drift
    return f"{totp(b32decode(key + '=' * (-len(key) % 8)), drift=drift):06d}"


def sign_in(page: Any, site: Site, role: str, second_factor: bool = True) -> None:
    account = site.accounts[role]
    page.goto(f"{site.url}/accounts/login/")
    page.fill("#id_username", account.username)
    page.fill("#id_password", account.password)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "/accounts/login/" not in page.url, page.locator("main").inner_text()
    if account.key and second_factor:
        assert "/accounts/two-factor/" in page.url
        page.fill("#id_code", code_for(account.key))
        with page.expect_navigation():
            page.click("main button[type=submit]")
        assert "/accounts/two-factor/" not in page.url, page.locator("main").inner_text()


@pytest.fixture(scope="module")
def sessions(site: Site, browser: Any) -> dict[str, Any]:
    """Each role's signed-in browser state, made once (sign-ins are throttled and codes single-use)."""
    states: dict[str, Any] = {}
    for role in site.accounts:
        context = browser.new_context()
        page = context.new_page()
        sign_in(page, site, role)
        states[role] = context.storage_state()
        context.close()
    return states
