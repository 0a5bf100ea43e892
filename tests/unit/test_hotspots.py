"""Hotspots: grid, quartic KDE and Gi* against brute force, esda and the sfhotspot rules."""

from __future__ import annotations

import math

import numpy as np
import pytest
import shapely

from cspkit.analysis.hotspots import (
    bandwidth_nrd,
    cell_counts,
    default_bandwidth,
    default_cell_size,
    gistar,
    grid_for_points,
    grid_over,
    hotspots,
    quartic_kde,
)
from cspkit.errors import UsageError
from cspkit.geography import load_geography


def _esda_z(grid_rows: np.ndarray, grid_cols: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """esda's Gi* with binary queen weights among the used cells (the oracle)."""
    import esda
    from libpysal.weights import W

    index = {(int(r), int(c)): i for i, (r, c) in enumerate(zip(grid_rows, grid_cols, strict=True))}
    neighbours = {
        i: [
            index[(r + dr, c + dc)]
            for dr in (-1, 0, 1)
            for dc in (-1, 0, 1)
            if (dr, dc) != (0, 0) and (r + dr, c + dc) in index
        ]
        for (r, c), i in index.items()
    }
    g = esda.G_Local(counts, W(neighbours, silence_warnings=True), transform="B", star=True, permutations=0)
    return np.asarray(g.Zs), 2 * np.asarray(g.p_norm)


def _bedfordshire_points(n: int, seed: int) -> tuple[np.ndarray, object]:
    """Points inside Central Bedfordshire's real outline, clustered around two centres."""
    geo = load_geography()
    shapes = geo.lsoa21_shapes
    outline = shapely.union_all(
        [g for a, g in zip(shapes.authorities, shapes.geometries, strict=True) if a == "E06000056"]
    )
    rng = np.random.default_rng(seed)
    xmin, ymin, xmax, ymax = outline.bounds
    centres = rng.uniform([xmin, ymin], [xmax, ymax], size=(2, 2))
    xy = np.vstack([centres[i] + rng.normal(scale=1500, size=(n // 2, 2)) for i in range(2)])
    inside = shapely.contains_xy(outline, xy[:, 0], xy[:, 1])
    return xy[inside], outline


def test_gistar_equals_esda_on_a_real_area_grid() -> None:
    xy, outline = _bedfordshire_points(3000, seed=4)
    result = hotspots(xy, cell_size=500, area=outline)
    rows, cols = result.grid.used()
    z, p = _esda_z(rows, cols, result.count)
    assert result.grid.cells > 1000
    assert np.max(np.abs(result.gistar_z - z)) < 1e-9
    assert np.max(np.abs(result.gistar_p - p)) < 1e-9


def test_gistar_equals_esda_on_a_rectangle_with_lat2w() -> None:
    import esda
    from libpysal.weights import lat2W

    rng = np.random.default_rng(7)
    rows, cols = 30, 40
    counts = rng.poisson(rng.gamma(1.0, 2.0, size=rows * cols)).astype(float)
    grid = grid_over(shapely.box(0, 0, cols * 100, rows * 100), 100)
    assert grid.cells == rows * cols
    z, _p = gistar(grid, counts)
    expected = esda.G_Local(counts, lat2W(rows, cols, rook=False), transform="B", star=True, permutations=0).Zs
    assert np.max(np.abs(z - expected)) < 1e-9


def test_kde_is_the_quartic_sum_within_the_bandwidth() -> None:
    rng = np.random.default_rng(3)
    xy = np.round(rng.normal(scale=800, size=(400, 2)), -1)  # repeated snap points
    centres = rng.uniform(-2000, 2000, size=(300, 2))
    centres[0] = xy[0]  # a point exactly at a centre counts fully
    h = 650.0
    found = quartic_kde(centres, xy, h)
    d = np.hypot(centres[:, None, 0] - xy[None, :, 0], centres[:, None, 1] - xy[None, :, 1])
    brute = np.where(d <= h, (1 - (d / h) ** 2) ** 2, 0.0).sum(axis=1)
    assert np.max(np.abs(found - brute)) < 1e-9
    assert found[0] >= 1.0


def test_counts_sum_to_the_points_inside_the_grid() -> None:
    xy, outline = _bedfordshire_points(2000, seed=9)
    grid = grid_over(outline, 1000)
    counts, outside = cell_counts(grid, xy)
    assert counts.sum() + outside == len(xy)
    assert outside == 0  # every point is inside the outline, so inside a cell meeting it


def test_sfhotspot_cell_size_rule() -> None:
    # shorter side 12,345 m: 12,345 / 50 = 246.9, rounded down to 200
    xy = np.array([[0.0, 0.0], [20_000.0, 12_345.0]])
    assert default_cell_size(xy) == 200.0
    # shorter side 4,000 m: 80 m, under 100, so kept as it is
    assert default_cell_size(np.array([[0.0, 0.0], [9_000.0, 4_000.0]])) == 80.0
    with pytest.raises(UsageError):
        default_cell_size(np.array([[0.0, 0.0], [5.0, 0.0]]))


def test_bandwidth_is_mass_bandwidth_nrd_of_x() -> None:
    x = np.array([1.0, 2.0, 3.0, 4.0, 10.0, 12.0, 13.0, 20.0])
    sd = float(np.std(x, ddof=1))
    q1, q3 = np.quantile(x, [0.25, 0.75])  # R's default type 7
    assert bandwidth_nrd(x) == pytest.approx(4 * 1.06 * min(sd, (q3 - q1) / 1.34) * len(x) ** -0.2)
    xy = np.column_stack([x, x * 100])
    assert default_bandwidth(xy) == bandwidth_nrd(x)  # y is ignored, as sfhotspot does


def test_points_grid_covers_the_buffered_hull() -> None:
    xy = np.array([[0.0, 0.0], [1000.0, 0.0], [0.0, 1000.0]])
    grid = grid_for_points(xy, 100)
    hull = shapely.convex_hull(shapely.multipoints(xy)).buffer(50)
    centres = grid.centres()
    # a triangle's grid leaves out the far corner of its bounding box
    assert grid.cells < grid.mask.size
    assert all(hull.intersects(shapely.box(x - 50, y - 50, x + 50, y + 50)) for x, y in centres)


def test_fdr_adjusts_as_statsmodels_benjamini_hochberg() -> None:
    from statsmodels.stats.multitest import multipletests

    xy, _outline = _bedfordshire_points(1500, seed=2)
    raw = hotspots(xy, cell_size=800)
    adjusted = hotspots(xy, cell_size=800, fdr=True)
    expected = multipletests(raw.gistar_p, method="fdr_bh")[1]
    assert np.max(np.abs(adjusted.gistar_p - expected)) < 1e-12
    assert adjusted.p_adjust == "fdr_bh"


def test_uniform_counts_have_no_gistar() -> None:
    grid = grid_over(shapely.box(0, 0, 300, 300), 100)
    with pytest.raises(UsageError, match="same count"):
        gistar(grid, np.ones(9))


def test_a_cluster_is_a_significant_hotspot() -> None:
    rng = np.random.default_rng(11)
    background = rng.uniform(0, 5000, size=(500, 2))
    cluster = rng.normal(loc=2500, scale=60, size=(200, 2))
    result = hotspots(np.vstack([background, cluster]), cell_size=250)
    hottest = int(np.argmax(result.gistar_z))
    x, y = result.grid.centres()[hottest]
    assert math.hypot(x - 2500, y - 2500) < 400
    assert result.gistar_p[hottest] < 1e-6
