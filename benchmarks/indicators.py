"""Indicator evaluation: every policeuk indicator for every LSOA and month, on DuckDB.

    python benchmarks/indicators.py            # 36 months x 417 LSOAs, best of 3
    python benchmarks/indicators.py --smoke    # 3 months, once (CI)

The store is the bundled data ingested into a temporary workspace (not timed). The
reference is DuckDB's own GROUP BY of the same rows by LSOA, month and category in the same
process: the counting any evaluator must do. cspkit adds the filters of each definition,
denominators, exact intervals and the missing-month check for every row. Goal: under 2 s.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from common import machine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="3 months, one run (CI)")
    args = parser.parse_args()
    count, runs = (3, 1) if args.smoke else (36, 3)
    from cspkit.bundle import POLICEUK_ARCHIVE, package_path
    from cspkit.geography import load_geography
    from cspkit.indicators import evaluate, load_indicator_sets, open_engine, resolve_areas
    from cspkit.ingest import ingest_policeuk
    from cspkit.periods import month_label, parse_period

    workspace = Path(tempfile.mkdtemp(prefix="cspkit-bench-indicators-"))
    try:
        ingest_policeuk(workspace, [package_path(POLICEUK_ARCHIVE)])
        geo = load_geography(workspace)
        chosen = load_indicator_sets().in_force("policeuk", date(2024, 4, 1))
        chosen = [i for i in chosen if i.in_force_to is None]
        bundled = parse_period("2021-05..2024-04").months
        periods = [parse_period(month_label(m)) for m in bundled[-count:]]
        areas = resolve_areas(geo, None, "lsoa", None, {"bedfordshire"})
        best_reference = best = float("inf")
        rows = []
        for _ in range(runs):
            engine = open_engine(workspace)  # a fresh connection: nothing cached between runs
            start = time.perf_counter()
            engine.backend.raw_sql(
                "SELECT lsoa21, month, category_slug, count(*) FROM street WHERE month BETWEEN ? AND ? GROUP BY ALL",
                parameters=[periods[0].start, periods[-1].end],
            ).fetchall()
            best_reference = min(best_reference, time.perf_counter() - start)
            engine = open_engine(workspace)
            start = time.perf_counter()
            rows = evaluate(engine, geo, chosen, areas, periods)
            best = min(best, time.perf_counter() - start)
        print(f"machine: {machine()}")
        print(
            f"input: {len(chosen)} policeuk indicators x {len(areas)} LSOAs x {len(periods)} months = "
            f"{len(rows):,} rows; best of {runs}"
        )
        print(f"duckdb GROUP BY lsoa, month, category: {best_reference:6.2f} s")
        print(f"cspkit indicators (DuckDB):            {best:6.2f} s  (goal under 2 s)")
        print(f"ratio cspkit/duckdb:                   {best / best_reference:6.1f}")
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


if __name__ == "__main__":
    main()
