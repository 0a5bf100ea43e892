"""Gi* on a 100,000-cell grid against esda with lat2W queen weights, in the same run.

    python benchmarks/hotspots.py            # 250 x 400 cells; also the whole KDE + Gi* map
    python benchmarks/hotspots.py --smoke    # 50 x 80 cells (CI)

Counts: one point per cell on average, drawn from 40 clusters of unequal weight, so the
grid has hot and cold areas as crime maps do (synthetic: the statistic's cost does not
depend on where the counts come from). Both sides
get the same counts; esda's time includes building its weights (lat2W, rook=False), as a
person using it must. The z-scores are compared and their largest difference printed.
"""

from __future__ import annotations

import argparse
import time

import numpy as np
import shapely

from common import high_water_mib, machine


def counts(rows: int, cols: int, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.uniform([0, 0], [cols, rows], size=(40, 2))
    weights = rng.gamma(1.0, 1.0, size=40)
    pick = rng.choice(40, size=rows * cols, p=weights / weights.sum())
    xy = centres[pick] + rng.normal(0, max(rows, cols) / 30, size=(rows * cols, 2))
    col = np.clip(xy[:, 0].astype(int), 0, cols - 1)
    row = np.clip(xy[:, 1].astype(int), 0, rows - 1)
    grid = np.zeros((rows, cols))
    np.add.at(grid, (row, col), 1)
    return grid.ravel()


def run(rows: int, cols: int, repeats: int) -> None:
    import esda
    from libpysal.weights import lat2W

    from cspkit.analysis.hotspots import gistar, grid_over

    values = counts(rows, cols)
    grid = grid_over(shapely.box(0, 0, cols, rows), 1.0)
    gistar(grid, values)  # imports, not timed
    start = time.perf_counter()
    for _ in range(repeats):
        z, _p = gistar(grid, values)
    ours = (time.perf_counter() - start) / repeats
    start = time.perf_counter()
    w = lat2W(rows, cols, rook=False)
    reference = esda.G_Local(values, w, transform="B", star=True, permutations=0)
    theirs = time.perf_counter() - start
    difference = float(np.max(np.abs(reference.Zs - z)))
    print(f"grid {rows} x {cols} = {rows * cols:,} cells, {int(values.sum()):,} points")
    print(f"cspkit Gi*: {ours * 1000:8.1f} ms (mean of {repeats})")
    print(
        f"esda G_Local + lat2W: {theirs * 1000:8.1f} ms   ratio {theirs / ours:,.0f}x   max |z diff| {difference:.1e}"
    )


def whole_map() -> None:
    """The command's work at scale: a 150 m grid over the real outline of Bedfordshire's three
    authorities, 20,000 uniform points, KDE with a 1 km radius, Gi*."""
    from cspkit.analysis.hotspots import hotspots
    from cspkit.geography import load_geography

    geo = load_geography()
    outline = shapely.union_all(geo.lsoa21_shapes.geometries)
    rng = np.random.default_rng(2)
    xmin, ymin, xmax, ymax = outline.bounds
    xy = rng.uniform([xmin, ymin], [xmax, ymax], size=(20_000, 2))
    start = time.perf_counter()
    result = hotspots(xy, cell_size=150, bandwidth=1000, area=outline)
    took = time.perf_counter() - start
    print(f"whole map over Bedfordshire: {result.grid.cells:,} cells of 150 m, 20,000 points, h 1 km: {took:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="50 x 80 cells (CI)")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    if args.smoke:
        run(50, 80, 3)
    else:
        run(250, 400, 10)
        whole_map()
    print(f"peak memory: {high_water_mib():,.0f} MiB")


if __name__ == "__main__":
    main()
