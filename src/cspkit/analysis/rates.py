"""Rates per 1,000 with exact Poisson intervals (METHODS.md §1.1)."""

from __future__ import annotations

import math
from dataclasses import dataclass


def poisson_interval(count: int, level: float = 0.95) -> tuple[float, float]:
    """Exact (Garwood) interval for a Poisson count: [χ²(α/2; 2O)/2, χ²(1−α/2; 2O+2)/2]."""
    from scipy.stats import chi2

    if count < 0:
        raise ValueError(f"a count cannot be negative ({count})")
    alpha = 1 - level
    lower = 0.0 if count == 0 else float(chi2.ppf(alpha / 2, 2 * count)) / 2
    upper = float(chi2.ppf(1 - alpha / 2, 2 * count + 2)) / 2
    return lower, upper


def byar_interval(count: int, level: float = 0.95) -> tuple[float, float]:
    """Byar's approximation to the exact interval, as PHE Fingertips uses it."""
    from scipy.stats import norm

    z = float(norm.ppf(1 - (1 - level) / 2))
    lower = 0.0 if count == 0 else count * (1 - 1 / (9 * count) - z / (3 * math.sqrt(count))) ** 3
    upper_count = count + 1
    upper = upper_count * (1 - 1 / (9 * upper_count) + z / (3 * math.sqrt(upper_count))) ** 3
    return lower, upper


@dataclass(frozen=True)
class Rate:
    """A count over a denominator, per `per`, with its exact interval."""

    count: int
    denominator: float
    per: float
    value: float
    lower: float
    upper: float


def rate(count: int, denominator: float, per: float = 1000.0, level: float = 0.95) -> Rate:
    """`per × count / denominator` and the exact Poisson interval scaled the same way."""
    if denominator <= 0:
        raise ValueError(f"a rate needs a positive denominator ({denominator})")
    lower, upper = poisson_interval(count, level)
    scale = per / denominator
    return Rate(count, denominator, per, count * scale, lower * scale, upper * scale)
