"""The public pages under load: `cspkit serve` on the demo workspace, not signed in (a
resident), with wrk.

    python benchmarks/public_pages.py            # 50 connections, 20 s per URL
    python benchmarks/public_pages.py --smoke    # 10 connections, 3 s per URL (CI)
    DATABASE_URL=postgresql://... python benchmarks/public_pages.py   # the web database on PostgreSQL

`/healthz` (one database query and the store's catalogue) is the reference in the same run.
Each page is opened a few times first, so what wrk sees is the page as every visitor after the
first gets it (neighbourhood figures are materialised per store version; the worker builds
them after each ingest). Prints requests per second, p95 latency, errors and the p95 ratio to
/healthz. Goal (issue 10): a neighbourhood page's p95 under 150 ms, no errors, at 50
connections for 20 s.
"""

from __future__ import annotations

import argparse
import json
import shutil
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from common import machine
from web import _wrk, demo_server

AMPTHILL = "E05014394"
URLS = [
    "/healthz",
    f"/neighbourhoods/{AMPTHILL}/",
    "/neighbourhoods/",
    "/meetings/",
    f"/api/bedfordshire/{AMPTHILL}/priorities",
    f"/api/cspkit/v1/crime-counts?area=ward:{AMPTHILL}&period=12m-to-2024-04",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="short and light (CI)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("benchmarks/public_pages.py: wrk is not installed (apt-get install wrk); skipped")
        return
    connections, seconds = (10, 3) if args.smoke else (50, 20)
    with demo_server("cspkit-bench-public-") as served:

        def visit(path: str) -> None:
            with urllib.request.urlopen(served.base + path, timeout=120) as answer:  # noqa: S310 - loopback
                answer.read()

        # Every neighbourhood once (as the worker does after an ingest, so it is not still
        # building them while wrk runs), then each measured page a few times at once, so that
        # both gunicorn workers have it.
        with urllib.request.urlopen(served.base + "/api/bedfordshire/neighbourhoods", timeout=120) as answer:  # noqa: S310
            wards = [ward["id"] for ward in json.load(answer)]
        for ward in wards[:3] if args.smoke else wards:
            visit(f"/neighbourhoods/{ward}/")
        with ThreadPoolExecutor(max_workers=4) as pool:
            for path in URLS[1:]:
                list(pool.map(visit, [path] * 8))
        print(
            f"Public pages under wrk ({connections} connections, {seconds} s per URL, not signed in, "
            f"2 gunicorn workers, {served.database})"
        )
        print(f"on {machine()}")
        print(f"{'URL':<44} {'req/s':>8} {'p95 ms':>8} {'errors':>7} {'p95 / healthz':>14}")
        reference = None
        for path in URLS:
            rate, p95, errors = _wrk(served.base + path, None, connections, seconds, served.script)
            reference = reference or p95
            print(f"{path[:44]:<44} {rate:>8.0f} {p95:>8.1f} {errors:>7} {p95 / reference:>14.2f}")


if __name__ == "__main__":
    main()
