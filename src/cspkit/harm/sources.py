"""Counts to weigh: police.uk categories from the store, or ONS offence groups (bundled)."""

from __future__ import annotations

from pathlib import Path

from cspkit.counts import count_records
from cspkit.errors import UsageError
from cspkit.harm.weights import ons_group_weights
from cspkit.indicators.areas import TargetArea
from cspkit.periods import Period
from cspkit.recorded_crime import YEARS, ons_recorded_crime

# The `cspkit counts` field that filters on each store area column.
COUNT_FIELD_OF_COLUMN = {"lsoa21": "lsoa", "ward": "ward", "authority": "authority", "csp": "csp", "force": "force"}


def policeuk_counts(root: Path, area: TargetArea, period: Period) -> tuple[dict[str, int], list[str]]:
    """Street records by category in the area and period, and the months the store lacks."""
    field = COUNT_FIELD_OF_COLUMN[area.column]
    result = count_records(root, "street", ["category"], {field: list(area.codes)}, period)
    counts = {str(row["category"]): int(row["count"]) for row in result.rows}
    return counts, [f"{holder} {month}" for holder, month in result.missing]


def ons_counts(area: TargetArea, year_ending: str) -> tuple[dict[str, int], int | None, str]:
    """Counts by ONS offence group (leaf groups only, so none is counted twice) and the
    population ONS published with them."""
    if year_ending not in YEARS:
        raise UsageError(f"no ONS tables for the year ending {year_ending}: choose {' or '.join(YEARS)}")
    if area.area_type not in ("csp", "force"):
        raise UsageError("ONS tables are by CSP and force: use --area csp:CODE or force:SLUG")
    rows = ons_recorded_crime(year_ending, f"{area.area_type}:{area.area}", None, None)
    groups = ons_group_weights().days
    counts = {
        r["offence_group"]: int(r["count"]) for r in rows if r["offence_group"] in groups and r["count"] is not None
    }
    if not counts:
        raise UsageError(f"no ONS counts for {area.area_type}:{area.area} in the year ending {year_ending}")
    population = next((r["denominator"] for r in rows if r["denominator"]), None)
    source = next((r["denominator_source"] for r in rows if r["denominator"]), "")
    return counts, population, source or ""
