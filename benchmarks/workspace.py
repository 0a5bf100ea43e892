"""The partnership workspace under load: five named pages of `cspkit serve` on the demo
workspace (with a strategic assessment kept, so the plan is measured), signed in, with wrk.

    python benchmarks/workspace.py            # 50 connections, 30 s per URL
    python benchmarks/workspace.py --smoke    # 10 connections, 3 s per URL (CI)
    DATABASE_URL=postgresql://... python benchmarks/workspace.py   # the web database on PostgreSQL

`/healthz` is measured first in the same run as the reference. Each page is opened once before
it is measured, so what wrk sees is the page as every later visitor gets it (dashboards are
materialised per store version). Prints requests per second, p95 latency, errors and the p95
ratio to /healthz. Goal (issue 9): p95 under 300 ms with no errors at 50 connections.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from common import machine
from web import REPORT, _free_port, _session_cookie, _wait, _wrk

URLS = [
    "/healthz",
    "/dashboard/",
    "/dashboard/policeuk/burglary/",
    "/partnership/plan/",
    "/partnership/performance/",
    "/partnership/assessment/",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="short and light (CI)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("benchmarks/workspace.py: wrk is not installed (apt-get install wrk); skipped")
        return
    connections, seconds = (10, 3) if args.smoke else (50, 30)
    workspace = Path(tempfile.mkdtemp(prefix="cspkit-bench-workspace-"))
    environment = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    environment["CSPKIT_HOME"] = str(workspace)
    server = None
    try:
        cspkit = [sys.executable, "-m", "cspkit"]
        for command in (
            ["demo", "--no-serve", "--web", "--quiet"],
            ["assess", "--period", "2023/24", "--out", str(workspace / "out"), "--no-pdf", "--quiet"],
        ):
            subprocess.run([*cspkit, *command], env=environment, check=True, capture_output=True)
        accounts = (workspace / "demo-users.txt").read_text(encoding="utf-8").splitlines()
        analyst = next(line.split() for line in accounts if line.startswith("analyst "))
        port = _free_port()
        server = subprocess.Popen(
            [*cspkit, "serve", "--port", str(port), "--workers", "2"],
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        base = f"http://127.0.0.1:{port}"
        _wait(f"{base}/healthz")
        cookie = _session_cookie(base, analyst[1], analyst[2])

        def visit(path: str) -> None:
            request = urllib.request.Request(base + path, headers={"Cookie": cookie})  # noqa: S310 - loopback
            with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310 - loopback
                answer.read()

        # Each page built once, as the first visitors after an ingest would: a few at a time,
        # so that both gunicorn workers have rendered it before it is measured.
        with ThreadPoolExecutor(max_workers=4) as pool:
            for path in URLS[1:]:
                list(pool.map(visit, [path] * 8))
        script = workspace / "report.lua"
        script.write_text(REPORT, encoding="utf-8")
        database = "PostgreSQL" if environment.get("DATABASE_URL") else "SQLite"
        print(
            f"Partnership workspace under wrk ({connections} connections, {seconds} s per URL, signed in as the "
            f"analyst, 2 gunicorn workers, {database})"
        )
        print(f"on {machine()}")
        print(f"{'URL':<32} {'req/s':>8} {'p95 ms':>8} {'errors':>7} {'p95 / healthz':>14}")
        reference = None
        for path in URLS:
            rate, p95, errors = _wrk(base + path, cookie, connections, seconds, script)
            reference = reference or p95
            print(f"{path:<32} {rate:>8.0f} {p95:>8.1f} {errors:>7} {p95 / reference:>14.2f}")
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
