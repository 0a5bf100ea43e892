"""Data coverage and quality, shown before any figure that depends on them (DESIGN.md)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from cspkit.assessment.context import Context, trend_periods
from cspkit.coverage import missing_in_period
from cspkit.periods import month_label

QUALITY = {
    "no_coordinates": "records without a map point",
    "no_lsoa": "records without an LSOA",
    "unassigned": "records placed in no area",
    "outside_force_area": "records the force published from outside its area",
}


def data_coverage(ctx: Context) -> dict[str, Any]:
    """police.uk coverage of the period, the comparison period and the trend months, by force,
    with the quality counts of the force's records in the period."""
    catalogue = ctx.engine.catalogue
    forces = [f for f in ctx.area.forces if any(p.holder == f and p.dataset == "street" for p in catalogue.partitions)]
    trend = trend_periods(ctx.period)
    months = [m for p in trend for m in p.months]
    wanted = {month_label(m) for m in ctx.period.months}
    by_force = []
    for force in forces or list(ctx.area.forces):
        quality: Counter[str] = Counter()
        rows = 0
        for part in catalogue.partitions:
            if part.dataset == "street" and part.holder == force and part.month in wanted:
                quality.update(part.quality)
                rows += part.rows
        by_force.append(
            {
                "force": force,
                "dataset": "street",
                "missing_in_period": missing_in_period(catalogue, "street", force, ctx.period.months),
                "missing_in_comparison_period": missing_in_period(catalogue, "street", force, ctx.comparison.months),
                "missing_in_trend_months": missing_in_period(catalogue, "street", force, months),
                "records_in_period": rows,
                "quality": {
                    key: {"count": quality.get(key, 0), "meaning": meaning} for key, meaning in QUALITY.items()
                },
            }
        )
    complete = all(not f["missing_in_period"] for f in by_force)
    return {
        "complete": complete,
        "forces": by_force,
        "notes": [
            "police.uk records are placed at anonymised snap points and carry a month, not a date.",
            "Quality counts are for all of the force's records in the period; records without an LSOA or map "
            "point cannot be counted in any area smaller than the force.",
            "Peer comparisons use ONS police recorded crime by CSP for the twelve months to December, "
            "a different source from police.uk: the two do not match exactly.",
        ],
    }
