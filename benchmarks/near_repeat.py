"""Near repeats: the Knox test on about 11,700 events, 999 permutations, against a
full-pair numpy implementation run for 19 permutations and extrapolated (printed as such).

    python benchmarks/near_repeat.py            # 11,700 events; then 100,000 events
    python benchmarks/near_repeat.py --smoke    # 2,000 events, 99 permutations (CI)

Events: the real Chicago burglary locations of the Near Repeat Calculator's test file
(tests/fixtures/nearrepeat), resampled with a 2,000 ft jitter and spread over a year, so
the density is that of a city's year of burglary. Bands: 200 ft x 3 (and x 1), 7 days x 3,
Manhattan.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

from common import high_water_mib, machine

ROOT = Path(__file__).resolve().parent.parent


def events(n: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    from cspkit.sources.events import read_events

    real = read_events(ROOT / "tests/fixtures/nearrepeat/chicago_be_month1.csv", "1", "2", "3", header=False)
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, len(real.days), n)
    xy = real.xy[pick] + rng.normal(0, 2000, (n, 2))
    days = rng.integers(0, 365, n).astype(float)
    return xy, days


def full_pairs(xy: np.ndarray, days: np.ndarray, permutations: int, seed: int) -> float:
    """Every pair's distance and, per permutation, every pair's gap: the naive way."""
    i, j = np.triu_indices(len(days), 1)
    distance = np.abs(xy[i] - xy[j]).sum(axis=1)
    rows = np.minimum(np.searchsorted([0, 200, 400, 600], distance, side="right"), 4)
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    for _ in range(permutations):
        shuffled = rng.permutation(days)
        gaps = np.abs(shuffled[i] - shuffled[j])
        columns = np.minimum(np.searchsorted([7, 14, 21], gaps, side="right"), 3)
        np.bincount(rows * 4 + columns, minlength=20)
    return time.perf_counter() - start


def run(n: int, permutations: int, bandwidth: float, bands: int) -> None:
    from cspkit.analysis.near_repeat import knox_test, spatial_bands, temporal_bands

    xy, days = events(n)
    spatial, temporal = spatial_bands(bandwidth, bands, False), temporal_bands(7, 3, False)
    knox_test(xy[:100], days[:100], spatial, temporal, permutations=1, seed=1)  # imports, not timed
    start = time.perf_counter()
    knox_test(xy, days, spatial, temporal, permutations=0, seed=1)
    setup = time.perf_counter() - start
    start = time.perf_counter()
    result = knox_test(xy, days, spatial, temporal, permutations=permutations, seed=1)
    total = time.perf_counter() - start
    print(
        f"events: {n:,}; bands {bandwidth:g} ft x {bands}, 7 days x 3; close pairs within "
        f"{bandwidth * bands:,.0f} ft: {result.close_pairs:,}; permutations: {permutations}"
    )
    print(f"cspkit: whole test {total:6.2f} s; permutations {total - setup:6.2f} s (pairs and table {setup:.2f} s)")
    if n <= 20_000 and bands == 3:
        naive = full_pairs(xy, days, 19, 1)
        print(
            f"full-pair numpy: 19 permutations {naive:6.2f} s -> {permutations} extrapolated "
            f"{naive / 19 * permutations:7.1f} s (ratio {naive / 19 * permutations / (total - setup):.0f}x)"
        )


def whole_command(n: int, permutations: int) -> None:
    """The command a person runs, in a fresh process: reading a CSV, the test, the table."""
    import os
    import subprocess
    import sys
    import tempfile
    from datetime import date

    xy, days = events(n)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "events.csv"
        lines = ["x,y,date"] + [
            f"{x:.1f},{y:.1f},{date.fromordinal(738_000 + int(d)).isoformat()}"
            for (x, y), d in zip(xy, days, strict=True)
        ]
        path.write_text("\n".join(lines) + "\n")
        command = [
            sys.executable,
            "-m",
            "cspkit",
            "--workspace",
            folder,
            "analyse",
            "near-repeat",
            str(path),
            "--x",
            "x",
            "--y",
            "y",
            "--date",
            "date",
            "--spatial-bandwidth",
            "200",
            "--spatial-bands",
            "3",
            "--temporal-bandwidth",
            "7",
            "--temporal-bands",
            "3",
            "--permutations",
            str(permutations),
            "--seed",
            "1",
        ]
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env={**os.environ, "CSPKIT_HOME": folder})
        took = time.perf_counter() - start
    print(f"whole command (fresh process, CSV of {n:,} events, 200 ft x 3, {permutations} permutations): {took:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="2,000 events, 99 permutations (CI)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    if args.smoke:
        run(2_000, 99, 200, 3)
        whole_command(2_000, 99)
    else:
        run(11_700, 999, 200, 3)
        whole_command(11_700, 999)
        run(11_700, 999, 200, 1)
        run(100_000, 999, 200, 1)
    print(f"peak memory: {high_water_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
