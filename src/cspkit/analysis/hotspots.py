"""Hotspots on a square grid: quartic kernel density and Getis-Ord Gi* (METHODS.md §6).

The defaults are sfhotspot's, so an analyst can check a map against the R package:

- cell size = the shorter side of the points' bounding box / 50, rounded down to a
  multiple of 100 when that is at least 100 (units are BNG metres);
- bandwidth = MASS::bandwidth.nrd of the x coordinates (sfhotspot means to average the x
  and y bandwidths, but R's `mean(x, y)` reads y as `trim`, so x alone is used);
- grid = cells meeting the points' convex hull buffered by half a cell, or, when an area
  is given, cells meeting the area's polygon;
- KDE = unscaled quartic kernel Σ (1 − (d/h)²)² at each cell centre over points within h;
- Gi* = counts per cell with binary queen weights including the cell itself (cells of the
  grid only), the Ord & Getis (1995) closed form that spdep::localG and
  esda.G_Local(transform='B', star=True) compute; p two-sided from the normal.

Gi* is computed with 3×3 window sums on the grid's array, so it is linear in the number of
cells; the KDE lists only the (cell, point) pairs within the bandwidth with a k-d tree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from cspkit.errors import UsageError

MAX_CELLS = 2_000_000


@dataclass(frozen=True)
class Grid:
    """Square cells: the lower-left corner of the array, the size, and which cells are used."""

    x0: float
    y0: float
    cell_size: float
    mask: np.ndarray  # bool [rows, cols]; row 0 is the southernmost

    @property
    def cells(self) -> int:
        return int(self.mask.sum())

    def used(self) -> tuple[np.ndarray, np.ndarray]:
        """Row and column of each used cell, in row-major order."""
        rows, cols = np.nonzero(self.mask)
        return rows, cols

    def centres(self) -> np.ndarray:
        rows, cols = self.used()
        return np.column_stack([self.x0 + (cols + 0.5) * self.cell_size, self.y0 + (rows + 0.5) * self.cell_size])


@dataclass(frozen=True)
class HotspotResult:
    grid: Grid
    bandwidth: float
    points: int
    count: np.ndarray  # per used cell, row-major
    kde: np.ndarray
    gistar_z: np.ndarray
    gistar_p: np.ndarray
    p_adjust: str  # "none" or "fdr_bh"


def default_cell_size(xy: np.ndarray) -> float:
    """sfhotspot's rule: shorter side of the bounding box / 50, down to a multiple of 100."""
    if len(xy) < 2:
        raise UsageError("hotspots need at least two points to choose a cell size; give --cell-size")
    side = float(min(np.ptp(xy[:, 0]), np.ptp(xy[:, 1])))
    if side <= 0:
        raise UsageError("the points lie on a line, so no cell size follows from them; give --cell-size")
    hundreds = math.floor(side / 50 / 100)
    return float(hundreds * 100) if hundreds > 0 else side / 50


def bandwidth_nrd(values: np.ndarray) -> float:
    """MASS::bandwidth.nrd: 4 · 1.06 · min(sd, IQR / 1.34) · n^(−1/5) (R's type-7 quantiles)."""
    n = len(values)
    q1, q3 = np.quantile(values, [0.25, 0.75])
    spread = min(float(np.std(values, ddof=1)), float(q3 - q1) / 1.34)
    return float(4 * 1.06 * spread * n ** (-1 / 5))


def default_bandwidth(xy: np.ndarray) -> float:
    """sfhotspot's bandwidth as it behaves: the x coordinates' bandwidth.nrd (module doc)."""
    if len(xy) < 2:
        raise UsageError("hotspots need at least two points to choose a bandwidth; give --bandwidth")
    found = bandwidth_nrd(xy[:, 0])
    if found <= 0:
        raise UsageError("the points' spread gives a zero bandwidth; give --bandwidth")
    return found


def grid_over(shape: Any, cell_size: float) -> Grid:
    """Cells of a grid anchored at the shape's lower-left bounds that meet the shape."""
    import shapely

    xmin, ymin, xmax, ymax = shape.bounds
    cols = max(1, math.ceil((xmax - xmin) / cell_size - 1e-9))
    rows = max(1, math.ceil((ymax - ymin) / cell_size - 1e-9))
    if rows * cols > MAX_CELLS:
        raise UsageError(
            f"a {cell_size:g} m grid over this area has {rows * cols:,} cells (limit {MAX_CELLS:,}): "
            "choose a larger --cell-size"
        )
    col_index, row_index = np.meshgrid(np.arange(cols), np.arange(rows))
    left = xmin + col_index.ravel() * cell_size
    bottom = ymin + row_index.ravel() * cell_size
    boxes = shapely.box(left, bottom, left + cell_size, bottom + cell_size)
    shapely.prepare(shape)
    mask = shapely.intersects(shape, boxes).reshape(rows, cols)
    return Grid(float(xmin), float(ymin), float(cell_size), mask)


def grid_for_points(xy: np.ndarray, cell_size: float) -> Grid:
    """sfhotspot's grid: cells meeting the points' convex hull buffered by half a cell."""
    import shapely

    hull = shapely.convex_hull(shapely.multipoints(xy)).buffer(cell_size / 2)
    return grid_over(hull, cell_size)


def cell_counts(grid: Grid, xy: np.ndarray, weights: np.ndarray | None = None) -> tuple[np.ndarray, int]:
    """Points (or their weights) per used cell, and how many points fell outside the grid."""
    rows_n, cols_n = grid.mask.shape
    col = np.floor((xy[:, 0] - grid.x0) / grid.cell_size).astype(np.int64)
    row = np.floor((xy[:, 1] - grid.y0) / grid.cell_size).astype(np.int64)
    inside = (row >= 0) & (row < rows_n) & (col >= 0) & (col < cols_n)
    inside[inside] = grid.mask[row[inside], col[inside]]
    flat = np.zeros(rows_n * cols_n)
    values = np.ones(len(xy)) if weights is None else weights
    np.add.at(flat, row[inside] * cols_n + col[inside], values[inside])
    return flat.reshape(rows_n, cols_n)[grid.mask], int((~inside).sum())


def quartic_kde(centres: np.ndarray, xy: np.ndarray, bandwidth: float) -> np.ndarray:
    """Σ (1 − (d/h)²)² over points within h of each centre (SpatialKDE, scaled=FALSE)."""
    from scipy.spatial import cKDTree

    if len(xy) == 0 or len(centres) == 0:
        return np.zeros(len(centres))
    # Police data repeats locations (snap points), so each distinct point is weighted once.
    unique, weight = np.unique(xy, axis=0, return_counts=True)
    # "ndarray" output keeps pairs at distance 0 (a point at a cell centre), which the
    # sparse-matrix outputs may drop as structural zeros.
    pairs = cKDTree(centres).sparse_distance_matrix(cKDTree(unique), bandwidth, p=2.0, output_type="ndarray")
    kernel = (1 - (pairs["v"] / bandwidth) ** 2) ** 2 * weight[pairs["j"]]
    return np.bincount(pairs["i"], weights=kernel, minlength=len(centres))


def _window_sum(array: np.ndarray) -> np.ndarray:
    """Sum over each cell's 3×3 neighbourhood (queen contiguity plus the cell itself)."""
    padded = np.pad(array, 1)
    rows, cols = array.shape
    total = np.zeros_like(array, dtype=float)
    for dr in (0, 1, 2):
        for dc in (0, 1, 2):
            total += padded[dr : dr + rows, dc : dc + cols]
    return total


def gistar(grid: Grid, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Gi* z-scores and two-sided p-values per used cell (binary queen weights with self)."""
    from scipy.stats import norm

    n = counts.size
    if n < 2:
        raise UsageError("Gi* needs a grid of at least two cells")
    values = np.zeros(grid.mask.shape)
    values[grid.mask] = counts
    weight_sum = _window_sum(grid.mask.astype(float))[grid.mask]  # W_i = S1_i for binary weights
    local = _window_sum(values)[grid.mask]
    mean = counts.mean()
    spread = math.sqrt(max(float((counts**2).mean() - mean**2), 0.0))
    if spread == 0:
        raise UsageError("every cell has the same count, so Gi* is undefined")
    z = (local - weight_sum * mean) / (spread * np.sqrt((n * weight_sum - weight_sum**2) / (n - 1)))
    return z, 2 * norm.sf(np.abs(z))


def hotspots(
    xy: np.ndarray,
    *,
    cell_size: float | None = None,
    bandwidth: float | None = None,
    area: Any = None,
    fdr: bool = False,
) -> HotspotResult:
    """Counts, KDE and Gi* on a grid over the points (or over `area`, a BNG polygon)."""
    from scipy.stats import false_discovery_control

    xy = np.asarray(xy, dtype=float).reshape(-1, 2)
    if len(xy) == 0:
        raise UsageError("no points with coordinates to map")
    size = cell_size if cell_size is not None else default_cell_size(xy)
    if size <= 0:
        raise UsageError("--cell-size must be positive")
    grid = grid_over(area, size) if area is not None else grid_for_points(xy, size)
    counts, _outside = cell_counts(grid, xy)
    h = bandwidth if bandwidth is not None else default_bandwidth(xy)
    if h <= 0:
        raise UsageError("--bandwidth must be positive")
    kde = quartic_kde(grid.centres(), xy, h)
    z, p = gistar(grid, counts)
    if fdr:
        p = false_discovery_control(p, method="bh")
    return HotspotResult(grid, h, len(xy), counts, kde, z, p, "fdr_bh" if fdr else "none")
