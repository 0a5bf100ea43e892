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
import shutil
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from common import machine
from web import _wrk, demo_server

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
    assess = ["assess", "--period", "2023/24", "--out", "out", "--no-pdf", "--quiet"]
    with demo_server("cspkit-bench-workspace-", assess) as served:

        def visit(path: str) -> None:
            request = urllib.request.Request(served.base + path, headers={"Cookie": served.cookie})  # noqa: S310
            with urllib.request.urlopen(request, timeout=120) as answer:  # noqa: S310 - loopback
                answer.read()

        # Each page built once, as the first visitors after an ingest would: a few at a time,
        # so that both gunicorn workers have rendered it before it is measured.
        with ThreadPoolExecutor(max_workers=4) as pool:
            for path in URLS[1:]:
                list(pool.map(visit, [path] * 8))
        print(
            f"Partnership workspace under wrk ({connections} connections, {seconds} s per URL, signed in as the "
            f"analyst, 2 gunicorn workers, {served.database})"
        )
        print(f"on {machine()}")
        print(f"{'URL':<32} {'req/s':>8} {'p95 ms':>8} {'errors':>7} {'p95 / healthz':>14}")
        reference = None
        for path in URLS:
            rate, p95, errors = _wrk(served.base + path, served.cookie, connections, seconds, served.script)
            reference = reference or p95
            print(f"{path:<32} {rate:>8.0f} {p95:>8.1f} {errors:>7} {p95 / reference:>14.2f}")


if __name__ == "__main__":
    main()
