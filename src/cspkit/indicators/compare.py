"""Each evaluated row beside the same span a year earlier: change, rate ratio and whether
the change is more than chance (docs/methods.md, `compare_counts`)."""

from __future__ import annotations

from typing import Any

from cspkit.analysis.change import compare_counts
from cspkit.periods import Period

COMPARISON_FIELDS = [
    "comparison_period",
    "comparison_numerator",
    "comparison_value",
    "change",
    "change_percent",
    "rate_ratio",
    "p_value",
    "significant",
]


def with_comparison(rows: list[dict[str, Any]], periods: list[Period], min_change: int = 0) -> list[dict[str, Any]]:
    """The rows of `periods` with COMPARISON_FIELDS filled from the rows of their comparison
    periods (which `rows` must also hold). E-test p; exposures are the denominators for
    rates, so a growing population is allowed for."""
    earlier = {p.label: p.comparison().label for p in periods}
    index = {(r["indicator"], r["area_type"], r["area"], r["period"]): r for r in rows}
    out = []
    for row in rows:
        if row["period"] not in earlier:
            continue
        before = index.get((row["indicator"], row["area_type"], row["area"], earlier[row["period"]]))
        row.update(dict.fromkeys(COMPARISON_FIELDS))
        row["comparison_period"] = earlier[row["period"]]
        if before is not None:
            row["comparison_numerator"] = before["numerator"]
            row["comparison_value"] = before["value"]
        if before is not None and row["value"] is not None and before["value"] is not None:
            rate = row["unit"].startswith("per_1000")
            change = compare_counts(
                row["numerator"],
                before["numerator"],
                float(row["denominator"]) if rate else 1.0,
                float(before["denominator"]) if rate else 1.0,
                min_change=min_change,
            )
            row["change"] = change.difference
            row["change_percent"] = change.percent
            row["rate_ratio"] = change.rate_ratio
            row["p_value"] = change.p_value
            row["significant"] = change.significant
        out.append(row)
    return out
