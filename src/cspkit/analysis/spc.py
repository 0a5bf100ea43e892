"""Statistical process control: XmR charts with the Making Data Count rules (METHODS.md §2).

Limits and rules follow NHSRplotthedots: mean and average moving range over the fixed
points, optional screening of moving ranges ≥ 3.267 × AMR (the MDC Excel tool does not
screen), limits mean ± 2.66 AMR, and special causes in priority order: outside the limits,
a trend of 7, two of three near the limits, a shift of 7. c, u and Laney u′ charts are
options for counts and rates.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

SHORT_GROUP = 13  # fewer points than this: limits are trial limits
DIRECTIONS = ("increase", "decrease", "neutral")


@dataclass(frozen=True)
class SpcPoint:
    value: float
    mean: float
    upper: float
    lower: float
    rule: str  # "outside", "trend", "two_of_three", "shift" or ""
    side: str  # "high", "low" or "" (which way the special cause points)
    point_type: str  # improvement, concern, neutral_high, neutral_low, common_cause


@dataclass(frozen=True)
class SpcChart:
    kind: str  # "xmr", "c", "u", "u-prime"
    mean: float
    points: list[SpcPoint]
    amr: float | None
    screened: bool
    short_group_warning: bool
    improvement: str


def moving_ranges(values: Sequence[float]) -> list[float]:
    return [abs(values[i] - values[i - 1]) for i in range(1, len(values))]


def run_of_trend(values: Sequence[float], length: int = 7) -> list[int]:
    """1 where the point completes `length` points each strictly above (or below) the one
    before; 0 elsewhere. A tie breaks the run."""
    ends = [0] * len(values)
    up = down = 1
    for i in range(1, len(values)):
        up = up + 1 if values[i] > values[i - 1] else 1
        down = down + 1 if values[i] < values[i - 1] else 1
        if up >= length:
            ends[i] = 1
        elif down >= length:
            ends[i] = -1
    return ends


def run_on_one_side(relative: Sequence[int], length: int = 7) -> list[int]:
    """1 (or −1) where the point completes `length` points on the same side of the mean;
    a point on the mean (0) breaks the run."""
    ends = [0] * len(relative)
    count, side = 0, 0
    for i, value in enumerate(relative):
        if value != 0 and value == side:
            count += 1
        else:
            side, count = value, 1 if value != 0 else 0
        if count >= length:
            ends[i] = side
    return ends


def _spread(ends: Sequence[int], length: int) -> list[int]:
    """Flag every point of each completed run, not just its last."""
    flags = [0] * len(ends)
    for i, end in enumerate(ends):
        if end:
            for j in range(i - length + 1, i + 1):
                flags[j] = end
    return flags


def _classify(
    values: Sequence[float],
    means: Sequence[float],
    uppers: Sequence[float],
    lowers: Sequence[float],
    improvement: str,
    trend_length: int,
    shift_length: int,
) -> list[SpcPoint]:
    n = len(values)
    relative = [(v > m) - (v < m) for v, m in zip(values, means, strict=True)]
    outside = [v > u or v < lo for v, u, lo in zip(values, uppers, lowers, strict=True)]
    near = []
    for v, m, u, lo, out in zip(values, means, uppers, lowers, outside, strict=True):
        near_upper, near_lower = m + (u - m) * 2 / 3, m - (m - lo) * 2 / 3
        near.append(not out and (v > near_upper or v < near_lower))
    trend = _spread(run_of_trend(values, trend_length), trend_length)
    shift = _spread(run_on_one_side(relative, shift_length), shift_length)
    two_of_three = [False] * n
    for i in range(n - 2):
        window = range(i, i + 3)
        sides = {relative[j] for j in window}
        if len(sides) == 1 and 0 not in sides and sum(near[j] for j in window) >= 2:
            for j in window:
                two_of_three[j] = two_of_three[j] or near[j]
    points = []
    for i in range(n):
        if outside[i]:
            rule, side = "outside", "high" if values[i] > uppers[i] else "low"
        elif trend[i]:
            rule, side = "trend", "high" if trend[i] > 0 else "low"
        elif two_of_three[i]:
            rule, side = "two_of_three", "high" if relative[i] > 0 else "low"
        elif shift[i]:
            rule, side = "shift", "high" if shift[i] > 0 else "low"
        else:
            rule, side = "", ""
        points.append(SpcPoint(values[i], means[i], uppers[i], lowers[i], rule, side, _point_type(side, improvement)))
    return points


def _point_type(side: str, improvement: str) -> str:
    if not side:
        return "common_cause"
    if improvement == "neutral":
        return f"neutral_{side}"
    good = "high" if improvement == "increase" else "low"
    return "improvement" if side == good else "concern"


def _check(values: Sequence[float], improvement: str) -> None:
    if improvement not in DIRECTIONS:
        raise ValueError(f"improvement must be one of {', '.join(DIRECTIONS)}")
    if len(values) < 2:
        raise ValueError("an SPC chart needs at least two points")
    if any(math.isnan(v) for v in values):
        raise ValueError("an SPC chart cannot have missing points: name the missing months instead")


def xmr(
    values: Sequence[float],
    *,
    improvement: str = "decrease",
    screen_outliers: bool = True,
    fix_after: int | None = None,
    trend_length: int = 7,
    shift_length: int = 7,
) -> SpcChart:
    """An XmR chart: limits from the first `fix_after` points (all by default)."""
    _check(values, improvement)
    base = list(values[: fix_after or len(values)])
    mean = sum(base) / len(base)
    ranges = moving_ranges(base)
    amr = sum(ranges) / len(ranges) if ranges else 0.0
    if screen_outliers and ranges:
        kept = [r for r in ranges if r < 3.267 * amr]
        amr = sum(kept) / len(kept) if kept else amr
    upper, lower = mean + 2.66 * amr, mean - 2.66 * amr
    n = len(values)
    points = _classify(values, [mean] * n, [upper] * n, [lower] * n, improvement, trend_length, shift_length)
    return SpcChart("xmr", mean, points, amr, screen_outliers, len(base) < SHORT_GROUP, improvement)


def c_chart(counts: Sequence[int], *, improvement: str = "decrease") -> SpcChart:
    """Counts with constant exposure: c̄ ± 3√c̄ (lower limit not below 0)."""
    _check([float(c) for c in counts], improvement)
    mean = sum(counts) / len(counts)
    upper, lower = mean + 3 * math.sqrt(mean), max(0.0, mean - 3 * math.sqrt(mean))
    n = len(counts)
    points = _classify([float(c) for c in counts], [mean] * n, [upper] * n, [lower] * n, improvement, 7, 7)
    return SpcChart("c", mean, points, None, False, n < SHORT_GROUP, improvement)


def _u_limits(
    counts: Sequence[int], exposures: Sequence[float], laney: bool
) -> tuple[float, list[float], list[float], list[float]]:
    if len(counts) != len(exposures) or any(e <= 0 for e in exposures):
        raise ValueError("a u chart needs one positive exposure per count")
    mean = sum(counts) / sum(exposures)
    rates = [c / e for c, e in zip(counts, exposures, strict=True)]
    sigmas = [math.sqrt(mean / e) for e in exposures]
    if laney:
        z = [(r - mean) / s for r, s in zip(rates, sigmas, strict=True)]
        sigma_z = sum(abs(z[i] - z[i - 1]) for i in range(1, len(z))) / (len(z) - 1) / 1.128
        sigmas = [s * sigma_z for s in sigmas]
    uppers = [mean + 3 * s for s in sigmas]
    lowers = [max(0.0, mean - 3 * s) for s in sigmas]
    return mean, rates, uppers, lowers


def u_chart(counts: Sequence[int], exposures: Sequence[float], *, improvement: str = "decrease") -> SpcChart:
    """Rates with varying exposure: ū ± 3√(ū/nᵢ), ū = Σc/Σn."""
    _check([float(c) for c in counts], improvement)
    mean, rates, uppers, lowers = _u_limits(counts, exposures, laney=False)
    points = _classify(rates, [mean] * len(rates), uppers, lowers, improvement, 7, 7)
    return SpcChart("u", mean, points, None, False, len(rates) < SHORT_GROUP, improvement)


def u_prime_chart(counts: Sequence[int], exposures: Sequence[float], *, improvement: str = "decrease") -> SpcChart:
    """Laney u′: the u chart's limits widened by the spread of its z-scores, for the large
    denominators (whole populations) that make plain u limits far too narrow."""
    _check([float(c) for c in counts], improvement)
    mean, rates, uppers, lowers = _u_limits(counts, exposures, laney=True)
    points = _classify(rates, [mean] * len(rates), uppers, lowers, improvement, 7, 7)
    return SpcChart("u-prime", mean, points, None, False, len(rates) < SHORT_GROUP, improvement)
