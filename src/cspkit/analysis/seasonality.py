"""Seasonality of monthly counts (METHODS.md §4): month factors in a Poisson log-linear model.

Model M1: log μ(y, m) = log days(y, m) + a(y) + b(m) against M0 without b: each year has
its own level (so a trend between years is not mistaken for a season) and counts scale
with the days in the month. The likelihood-ratio statistic G² on 11 degrees of freedom
tests whether calendar months differ; exp(b) scaled to mean 1 are the seasonal indices
(1.10 = a tenth above an average month of the same length). Both models are fitted by
iterative proportional fitting, which is exact for this two-way table.
"""

from __future__ import annotations

import calendar
import math
from dataclasses import dataclass

MONTHS_IN_YEAR = 12


@dataclass(frozen=True)
class Seasonality:
    years: int
    indices: list[float]  # by calendar month, January first; mean 1
    g2: float
    df: int
    p_value: float
    peak_month: int  # 1..12
    low_month: int


def month_factors(table: list[list[int]], days: list[list[int]], iterations: int = 200) -> list[float]:
    """b(m) of the fitted M1 (not normalised), by column of `table`."""
    years = len(table)
    a = [1.0] * years
    b = [1.0] * MONTHS_IN_YEAR
    row_totals = [sum(row) for row in table]
    col_totals = [sum(table[y][m] for y in range(years)) for m in range(MONTHS_IN_YEAR)]
    for _ in range(iterations):
        a = [row_totals[y] / sum(days[y][m] * b[m] for m in range(MONTHS_IN_YEAR)) for y in range(years)]
        b = [col_totals[m] / sum(days[y][m] * a[y] for y in range(years)) for m in range(MONTHS_IN_YEAR)]
    return b


def seasonality(counts: list[int], first_month: int, first_year: int) -> Seasonality:
    """`counts`: whole years of consecutive months (any starting month), oldest first."""
    from scipy.stats import chi2

    if len(counts) % MONTHS_IN_YEAR or len(counts) < 2 * MONTHS_IN_YEAR:
        raise ValueError("seasonality needs two or more whole years of months")
    if sum(counts) == 0:
        raise ValueError("seasonality needs at least one event")
    years = len(counts) // MONTHS_IN_YEAR
    table = [[0] * MONTHS_IN_YEAR for _ in range(years)]
    days = [[0] * MONTHS_IN_YEAR for _ in range(years)]
    for i, count in enumerate(counts):
        month0 = (first_month - 1 + i) % MONTHS_IN_YEAR
        year = first_year + (first_month - 1 + i) // MONTHS_IN_YEAR
        table[i // MONTHS_IN_YEAR][month0] = int(count)
        days[i // MONTHS_IN_YEAR][month0] = calendar.monthrange(year, month0 + 1)[1]
    b = month_factors(table, days)
    # M1 fitted values, and M0's (year level spread over days); both keep each year's total.
    g2 = 0.0
    for y in range(years):
        row_total = sum(table[y])
        fitted1 = [days[y][m] * b[m] for m in range(MONTHS_IN_YEAR)]
        scale1 = row_total / sum(fitted1) if sum(fitted1) else 0.0
        year_days = sum(days[y])
        for m in range(MONTHS_IN_YEAR):
            observed = table[y][m]
            if observed:
                mu1 = fitted1[m] * scale1
                mu0 = row_total * days[y][m] / year_days
                g2 += 2 * observed * math.log(mu1 / mu0)
    mean_b = sum(b) / MONTHS_IN_YEAR
    indices = [float(value / mean_b) for value in b]
    df = MONTHS_IN_YEAR - 1
    return Seasonality(
        years=years,
        indices=indices,
        g2=g2,
        df=df,
        p_value=float(chi2.sf(g2, df)),
        peak_month=indices.index(max(indices)) + 1,
        low_month=indices.index(min(indices)) + 1,
    )
