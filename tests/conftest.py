"""Test session rules: a temporary workspace for every test, and CI's no-skip rule."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings

from tests.helpers import POLICEUK, cli

# Bounded, so CI time stays predictable; no deadline, because CI machines are shared.
hypothesis_settings.register_profile("bounded", max_examples=150, deadline=None)
hypothesis_settings.load_profile("bounded")

_REAL_DEFAULT: Path | None = None


def _real_default_state() -> tuple[bool, float]:
    assert _REAL_DEFAULT is not None
    if not _REAL_DEFAULT.exists():
        return (False, 0.0)
    return (True, _REAL_DEFAULT.stat().st_mtime)


def pytest_configure(config: pytest.Config) -> None:
    global _REAL_DEFAULT
    from cspkit.workspace import default_home

    _REAL_DEFAULT = default_home()
    # Every process a test starts inherits a workspace that is not the person's own.
    os.environ["CSPKIT_HOME"] = str(Path(config.rootpath) / ".pytest_cache" / "no-workspace-given")


@pytest.fixture(autouse=True)
def _guard_real_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fail any test that creates or changes the real default workspace."""
    before = _real_default_state()
    monkeypatch.setenv("CSPKIT_HOME", str(tmp_path / "workspace"))
    yield
    assert _real_default_state() == before, f"a test touched the real workspace {_REAL_DEFAULT}"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    return tmp_path / "workspace"


@pytest.fixture(scope="session")
def full_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace holding all 36 bundled months of the three datasets (ingested once)."""
    root = tmp_path_factory.mktemp("full") / "workspace"
    result = cli(root, "demo", "--no-serve", "--quiet")
    assert result.code == 0, result.stderr
    return root


@pytest.fixture(scope="session")
def web_demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace after `cspkit demo --no-serve --web`: the bundle, the demo partnership and its accounts."""
    root = tmp_path_factory.mktemp("webdemo") / "workspace"
    result = cli(root, "demo", "--no-serve", "--web", "--quiet")
    assert result.code == 0, result.stderr
    return root


@pytest.fixture
def month_copy(tmp_path: Path) -> Path:
    """A writable copy of the two fixture months, to damage for bad-input tests."""
    target = tmp_path / "policeuk"
    shutil.copytree(POLICEUK, target)
    return target


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("CI") == "true":
        return
    if not (Path(config.rootpath).parent / "shared" / "data").is_dir():
        skip = pytest.mark.skip(reason="../shared/data is not beside this checkout")
        for item in items:
            if "shared" in item.keywords:
                item.add_marker(skip)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI=true a skipped test is a failure, and so is a run that executed none."""
    if os.environ.get("CI") != "true":
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped:
        print(f"\nCI: {skipped} test(s) skipped; under CI=true every test must run")
        session.exitstatus = 1
    elif session.testscollected == 0:
        print("\nCI: no test was executed")
        session.exitstatus = 1


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A PostgreSQL database made for this test and dropped after it.

    CSPKIT_TEST_DATABASE_URL names a server database to connect to (`.ci/run` sets it);
    without it the database tests skip, which CI=true turns into a failure."""
    import uuid

    url = os.environ.get("CSPKIT_TEST_DATABASE_URL")
    if not url:
        pytest.skip(
            "PostgreSQL tests need CSPKIT_TEST_DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres)"
        )
    import psycopg
    from psycopg import sql

    name = f"cspkit_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    try:
        admin = psycopg.connect(url, autocommit=True)
    except psycopg.Error as error:
        pytest.fail(f"CSPKIT_TEST_DATABASE_URL is set but the server does not answer: {error}")
    with admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    from urllib.parse import urlsplit, urlunsplit

    yield urlunsplit(urlsplit(url)._replace(path="/" + name))
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
