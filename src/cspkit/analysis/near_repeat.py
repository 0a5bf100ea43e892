"""Near repeats: the Knox test over spatial × temporal bands (METHODS.md §7).

All pairs of events are binned by distance (rows: same location, bands 1…N, beyond) and
by days apart (columns: bands 1…M, beyond). The null hypothesis — times independent of
places — is simulated by permuting the dates across events. Only pairs within the largest
finite distance are ever listed (a k-d tree finds them): the number of all pairs in each
temporal band does not change under permutation, so the "beyond" row is that total less
the rows above it, and no far pair is enumerated.

Same location is distance 0. Default bands are right-closed: distance band k is
((k−1)·D, k·D], beyond > N·D; days band 1 is [0, T], band k ((k−1)·T, k·T], beyond > M·T.

`nrc=True` reproduces the Near Repeat Calculator (v1.3) cell for cell. Its labels say
"201 to 400" and "8 to 14" but it counts left-closed bands [(k−1)·D, k·D) and
[(k−1)·T, k·T) (the labelling fault METHODS.md §7.3 describes), and it works in single
precision: distances come from coordinates held as 32-bit floats. Both reference tables in
shared/data/nearrepeat come out equal only with both of those.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

METRICS = ("euclidean", "manhattan")
_BATCH_PAIRS = 20_000_000  # pair-differences held at once across a batch of permutations


@dataclass(frozen=True)
class Bands:
    """Finite band edges (D, 2D, … or T, 2T, …), which side of an edge is closed, whether
    distance 0 has a row of its own (same location), and the labels."""

    edges: np.ndarray
    right_closed: bool
    same_location: bool
    labels: list[str]

    def index(self, values: np.ndarray) -> np.ndarray:
        side: Literal["left", "right"] = "left" if self.right_closed else "right"
        found = np.searchsorted(self.edges, values, side=side)
        if self.same_location:
            found = np.where(values == 0, 0, found + 1)
        return found

    @property
    def limit(self) -> float:
        """The largest finite edge: pairs beyond it are never enumerated."""
        return float(self.edges[-1])


def _number(value: float) -> str:
    return f"{value:g}"


def spatial_bands(bandwidth: float, count: int, nrc: bool = False) -> Bands:
    edges = np.array([bandwidth * k for k in range(1, count + 1)], dtype=float)
    if nrc:
        labels = [f"{_number(bandwidth * (k - 1) + 1)} to {_number(bandwidth * k)}" for k in range(1, count + 1)]
    else:
        labels = [f"{_number(bandwidth * (k - 1))} to {_number(bandwidth * k)}" for k in range(1, count + 1)]
    return Bands(edges, not nrc, True, ["Same location", *labels, f"More than {_number(bandwidth * count)}"])


def temporal_bands(bandwidth: float, count: int, nrc: bool = False) -> Bands:
    edges = np.array([bandwidth * k for k in range(1, count + 1)], dtype=float)
    labels = [
        f"{_number(0 if k == 1 else bandwidth * (k - 1) + (1 if nrc else 0))} to {_number(bandwidth * k)}"
        for k in range(1, count + 1)
    ]
    return Bands(edges, not nrc, False, [*labels, f"More than {_number(bandwidth * count)}"])


@dataclass(frozen=True)
class KnoxResult:
    events: int
    spatial_labels: list[str]
    temporal_labels: list[str]
    observed: np.ndarray  # rows: same location, bands, beyond; columns: bands, beyond
    expected: np.ndarray  # mean over permutations
    knox_ratio: np.ndarray  # observed / expected (nan where expected is 0)
    p_value: np.ndarray  # (1 + #{simulated >= observed}) / (permutations + 1)
    permutations: int
    close_pairs: int  # pairs within the largest finite distance
    metric: str
    nrc: bool

    def as_dict(self) -> dict[str, Any]:
        def table(values: np.ndarray, integer: bool = False) -> list[list[Any]]:
            rows = []
            for row in values.tolist():
                rows.append([int(v) if integer else (None if v != v else float(v)) for v in row])
            return rows

        return {
            "events": self.events,
            "metric": self.metric,
            "nrc": self.nrc,
            "permutations": self.permutations,
            "close_pairs": self.close_pairs,
            "spatial_bands": self.spatial_labels,
            "temporal_bands": self.temporal_labels,
            "observed": table(self.observed, integer=True),
            "expected": table(self.expected),
            "knox_ratio": table(self.knox_ratio),
            "p_value": table(self.p_value),
        }


def _close_pairs(xy: np.ndarray, limit: float, metric: str, single: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pairs (i < j) no further apart than `limit`, with their distances."""
    from scipy.spatial import cKDTree

    if single:
        xy = xy.astype(np.float32)
    tree = cKDTree(xy.astype(np.float64))
    slack = 1.0 if single else 0.0  # single-precision distances may differ from the tree's
    pairs = tree.query_pairs(limit + slack, p=1 if metric == "manhattan" else 2, output_type="ndarray")
    first, second = pairs[:, 0], pairs[:, 1]
    difference = np.abs(xy[first] - xy[second])
    distance = difference.sum(axis=1) if metric == "manhattan" else np.sqrt((difference**2).sum(axis=1))
    return first, second, distance.astype(np.float64)


def _pairs_per_band(times: np.ndarray, bands: Bands) -> np.ndarray:
    """How many of all n(n−1)/2 pairs fall in each temporal band (invariant under permutation)."""
    ordered = np.sort(times)
    n = ordered.size
    side: Literal["left", "right"] = "right" if bands.right_closed else "left"
    below = [0]
    for edge in bands.edges:
        # For each event, the later events less than (or no more than) `edge` after it.
        reach = np.searchsorted(ordered, ordered + edge, side=side)
        below.append(int((reach - np.arange(n) - 1).sum()))
    below.append(n * (n - 1) // 2)
    return np.diff(np.array(below, dtype=np.int64))


def _column_function(days: np.ndarray, temporal: Bands) -> Any:
    """gaps -> temporal band index; plain integer arithmetic when bands are whole days."""
    width = float(temporal.edges[0])
    count = len(temporal.edges)
    equal = np.allclose(temporal.edges, width * np.arange(1, count + 1))
    if days.dtype.kind == "i" and width == int(width) and width >= 1 and equal:
        step = int(width)

        def whole_days(gaps: np.ndarray) -> np.ndarray:
            if temporal.right_closed:  # [0, T], (T, 2T], ...
                index = gaps - 1
                index //= step
                np.maximum(index, 0, out=index)
            else:  # [0, T), [T, 2T), ...
                index = gaps // step
            np.minimum(index, count, out=index)
            return index

        return whole_days
    return temporal.index


def knox_test(
    xy: np.ndarray,
    days: np.ndarray,
    spatial: Bands,
    temporal: Bands,
    *,
    metric: str = "manhattan",
    permutations: int = 999,
    seed: int | None = None,
    nrc: bool = False,
) -> KnoxResult:
    """The Knox table, its expectation under permuted dates, Knox ratios and p-values."""
    if metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)}")
    if len(xy) < 2:
        raise ValueError("a near-repeat test needs at least two events")
    days = np.asarray(days, dtype=float)
    if np.all(days == np.round(days)) and np.abs(days).max() < 2**31:
        days = days.astype(np.int64)  # whole days: integer arithmetic is faster and exact
    rows, columns = len(spatial.labels), len(temporal.labels)
    first, second, distance = _close_pairs(np.asarray(xy, dtype=float), spatial.limit, metric, single=nrc)
    all_rows = spatial.index(distance)
    keep = all_rows < rows - 1  # not beyond the last band
    first, second, row = first[keep], second[keep], all_rows[keep]
    totals = _pairs_per_band(days, temporal)

    def table(times: np.ndarray) -> np.ndarray:
        column = temporal.index(np.abs(times[first] - times[second]))
        near = np.bincount(row * columns + column, minlength=(rows - 1) * columns).reshape(rows - 1, columns)
        return np.vstack([near, totals - near.sum(axis=0)])

    observed = table(days)
    columns_of = _column_function(days, temporal)
    row_offset = (row * columns).astype(np.int64)
    near_cells = (rows - 1) * columns
    rng = np.random.default_rng(seed)
    batch = max(1, min(permutations, _BATCH_PAIRS // max(1, first.size)))

    def simulate(shuffled: np.ndarray) -> np.ndarray:
        """size × rows × columns tables for a batch of permuted dates."""
        size = shuffled.shape[0]
        gaps = np.abs(shuffled[:, first] - shuffled[:, second])
        cell = columns_of(gaps)
        cell += row_offset
        cell += (np.arange(size, dtype=np.int64) * near_cells)[:, np.newaxis]
        near = np.bincount(cell.ravel(), minlength=size * near_cells).reshape(size, rows - 1, columns)
        return np.concatenate([near, (totals - near.sum(axis=1))[:, np.newaxis, :]], axis=1)

    permuted = days
    if days.dtype.kind == "i" and int(days.max() - days.min()) < 2**15 and columns < 128:
        # Whole days within 89 years: permute 16-bit day numbers, read each gap's band from a
        # table indexed by the gap (8-bit), and count each distance row's bands by comparison.
        # Pairs are sorted by row once, so each row is one slice. Moving 1- and 2-byte values
        # instead of 8-byte ones is most of the speed.
        permuted = (days - days.min()).astype(np.int16)
        band_of_gap = temporal.index(np.arange(int(permuted.max()) + 1)).astype(np.int8)
        order = np.argsort(row, kind="stable")
        first, second = first[order], second[order]
        bounds = np.searchsorted(row[order], np.arange(rows))

        def simulate_narrow(shuffled: np.ndarray) -> np.ndarray:
            size = shuffled.shape[0]
            band = band_of_gap[np.abs(shuffled[:, first] - shuffled[:, second])]
            tables = np.zeros((size, rows, columns), dtype=np.int64)
            for r in range(rows - 1):
                part = band[:, bounds[r] : bounds[r + 1]]
                for k in range(columns - 1):
                    tables[:, r, k] = np.count_nonzero(part == k, axis=1)
                tables[:, r, columns - 1] = part.shape[1] - tables[:, r, : columns - 1].sum(axis=1)
            tables[:, rows - 1, :] = totals - tables[:, : rows - 1, :].sum(axis=1)
            return tables

        simulate = simulate_narrow

    # Dates are permuted in order from one generator (the same seed gives the same answer);
    # the batches are counted on two threads, numpy releasing the GIL in the heavy parts.
    batches = []
    done = 0
    while done < permutations:
        size = min(batch, permutations - done)
        batches.append(np.stack([rng.permutation(permuted) for _ in range(size)]))
        done += size
    total = np.zeros(observed.shape, dtype=np.float64)
    at_least = np.zeros(observed.shape, dtype=np.int64)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=2) as pool:
        for simulated in pool.map(simulate, batches):
            total += simulated.sum(axis=0)
            at_least += (simulated >= observed[np.newaxis]).sum(axis=0)
    expected = total / permutations if permutations else np.full(observed.shape, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(expected > 0, observed / expected, np.nan)
    p_value = (1 + at_least) / (permutations + 1)
    return KnoxResult(
        events=len(days),
        spatial_labels=spatial.labels,
        temporal_labels=temporal.labels,
        observed=observed,
        expected=expected,
        knox_ratio=ratio,
        p_value=p_value,
        permutations=permutations,
        close_pairs=int(first.size),
        metric=metric,
        nrc=nrc,
    )
