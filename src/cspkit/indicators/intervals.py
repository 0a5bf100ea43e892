"""95 % intervals for evaluated rows, vectorised: exact Poisson for counts and rates,
Clopper–Pearson for percentages (docs/methods.md)."""

from __future__ import annotations

from typing import Any


def fill_intervals(rows: list[dict[str, Any]]) -> None:
    import numpy as np
    from scipy.stats import beta, chi2

    todo = [r for r in rows if r["value"] is not None]
    if not todo:
        return
    counts = np.array([r["numerator"] for r in todo], dtype=float)
    lower = np.where(counts > 0, chi2.ppf(0.025, 2 * counts) / 2, 0.0)
    upper = chi2.ppf(0.975, 2 * counts + 2) / 2
    for i, row in enumerate(todo):
        unit = row["unit"]
        if unit == "count":
            row["lower_95"], row["upper_95"] = float(lower[i]), float(upper[i])
        elif unit.startswith("per_1000"):
            scale = 1000.0 / row["denominator"]
            row["lower_95"], row["upper_95"] = float(lower[i] * scale), float(upper[i] * scale)
        elif unit == "percent":
            n, k = row["denominator"], row["numerator"]
            low = 0.0 if k == 0 else float(beta.ppf(0.025, k, n - k + 1))
            high = 1.0 if k == n else float(beta.ppf(0.975, k + 1, n - k))
            row["lower_95"], row["upper_95"] = 100 * low, 100 * high
