"""The built wheel carries the bundled data: installed in a fresh venv with no ../shared."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.report_checks import NO_PDF_HERE

pytestmark = pytest.mark.slow


def test_wheel_installs_and_runs_the_demo_anywhere(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)], check=True, capture_output=True
    )
    wheel = next(dist.glob("cspkit-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    assert {"cspkit/data/NOTICE", "cspkit/data/MANIFEST.json", "cspkit/data/forces.csv"} <= names
    assert {"cspkit/reports/fonts/NotoSans-Regular.ttf", "cspkit/reports/fonts/OFL.txt"} <= names
    # The web app's templates, stylesheet, Welsh catalogue, migrations and the demo's extracts.
    assert {
        "cspkit/web/templates/base.html",
        "cspkit/web/static/cspkit/cspkit.css",
        "cspkit/web/locale/cy/LC_MESSAGES/django.mo",
        "cspkit/web/accounts/migrations/0002_audit_rows_cannot_change.py",
        "cspkit/data/examples/partner/fire-deliberate-fires.csv",
    } <= names
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], capture_output=True, text=True
    )
    assert pip.returncode == 0, pip.stderr
    elsewhere = tmp_path / "elsewhere"  # no ../shared beside it, no checkout
    elsewhere.mkdir()
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "CSPKIT_HOME")}
    env["CSPKIT_HOME"] = str(tmp_path / "workspace")
    cspkit = str(venv / "bin" / "cspkit")
    demo = subprocess.run([cspkit, "demo", "--no-serve"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert demo.returncode == 0, demo.stderr
    assert "182,113" in demo.stdout
    assert "150,417" in demo.stdout
    assert "11,810" in demo.stdout
    assert "Open Government Licence" in demo.stdout
    status = subprocess.run(
        [cspkit, "status", "--format", "json"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    rows = {name: info["rows"] for name, info in json.loads(status.stdout)["datasets"].items()}
    assert rows == {"street": 182_113, "outcomes": 150_417, "stop-and-search": 11_810, "survey": 18}
    # The assessment's templates, styles and chart renderer come with the wheel.
    # The three board documents, as the README's first command makes them.
    for command in (["assess", "--period", "2023/24"], ["plan"], ["performance"]):
        done = subprocess.run(
            [cspkit, *command, "--out", "out", "--quiet", *NO_PDF_HERE],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
    page = (elsewhere / "out" / "strategic-assessment.html").read_text(encoding="utf-8")
    assert "Central Bedfordshire" in page
    assert "<svg" in page
    assert '@font-face { font-family: "Noto Sans"' in page
    written = {p.name for p in (elsewhere / "out").iterdir()}
    for stem in ("strategic-assessment", "partnership-plan", "performance-report"):
        assert {f"{stem}.json", f"{stem}.html"} <= written
        assert f"{stem}.pdf" in written or NO_PDF_HERE
    assert {"partnership-plan.xlsx", "performance-report.xlsx"} <= written
    # The web platform from the wheel: the demo's accounts, then a real server answering.
    web = subprocess.run(
        [cspkit, "demo", "--no-serve", "--web", "--quiet"], cwd=elsewhere, env=env, capture_output=True, text=True
    )
    assert web.returncode == 0, web.stderr
    assert "demo-manager" in web.stdout
    port = _free_port()
    server = subprocess.Popen(
        [cspkit, "serve", "--port", str(port), "--workers", "1"],
        cwd=elsewhere,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        health = _get(f"http://127.0.0.1:{port}/healthz")
        # police.uk's last month (the worker's MARAC export may already have added later months of its own)
        assert json.loads(health)["store"]["last_month_by_dataset"]["street"] == "2024-04"
        login = _get(f"http://127.0.0.1:{port}/accounts/login/")
        stylesheet = login.split('rel="stylesheet" href="')[1].split('"')[0]
        assert ":root" in _get(f"http://127.0.0.1:{port}{stylesheet}")
    finally:
        server.terminate()
        server.wait(timeout=30)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> str:
    for _ in range(120):
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:  # noqa: S310 - loopback
                return str(answer.read().decode())
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} did not answer")
