"""Aggregated police.uk crime counts by category for the public API: the partnership's area
or one of its wards, for any period the store covers (default: the latest month)."""

from __future__ import annotations

from typing import Any

from cspkit.assessment.dashboard import DashboardRequest
from cspkit.errors import UsageError
from cspkit.geography.areas import parse_area
from cspkit.indicators.areas import target_area
from cspkit.indicators.evaluate import evaluate
from cspkit.neighbourhoods.profile import SET, TOTALS, latest_street_month, neighbourhood_wards
from cspkit.periods import month_label, parse_period

SOURCE = "police.uk street-level crime and anti-social behaviour, as published"
LICENCE = "Contains public sector information licensed under the Open Government Licence v3.0"


class NotHeld(UsageError):
    """A well-formed area or period the partnership does not publish (an API's 404, not a 400)."""


def _first_street_month(request: DashboardRequest, forces: tuple[str, ...]) -> str:
    months = [p.month for p in request.engine.catalogue.partitions if p.dataset == "street" and p.holder in set(forces)]
    return min(months) if months else ""


def crime_counts(request: DashboardRequest, area_text: str | None, period_text: str | None) -> dict[str, Any]:
    """Counts per police.uk category (and police.uk's all-crime total); UsageError names a bad
    area or period."""
    config, geo = request.config, request.geo
    ref = parse_area(area_text) if area_text else config.area
    if ref.area_type == "ward":
        if ref.code not in dict(neighbourhood_wards(request)):
            raise NotHeld(f"{ref} is not one of {config.name}'s wards")
    elif ref != config.area:
        raise NotHeld(f"area must be {config.area} or one of its wards (ward:CODE), not {ref}")
    area = target_area(geo, ref, config)
    latest = latest_street_month(request, area.forces)
    period = parse_period(period_text or month_label(latest))
    if period.end > latest:
        raise NotHeld(f"{period.label} runs past the latest month held ({month_label(latest)})")
    first = _first_street_month(request, area.forces)
    if month_label(period.start) < first:
        raise NotHeld(f"{period.label} starts before the first month held ({first})")
    chosen = [
        i
        for i in request.sets.in_force(SET, period.end)
        if i.in_force(period.end, period.end)
        and i.numerator.dataset == "street"
        and (i.id not in TOTALS or i.id == "all-crime")
    ]
    rows = evaluate(request.engine, geo, chosen, [area], [period])
    counts = [
        {"category": row["indicator"].split("/", 1)[1].split("@")[0], "name": row["title"], "count": row["numerator"]}
        for row in rows
    ]
    missing = sorted({m for row in rows for m in row["missing_months"] or []})
    return {
        "area": str(ref),
        "area_name": area.area_name,
        "period": period.label,
        "first_month": month_label(period.start),
        "last_month": month_label(period.end),
        "missing_months": missing,
        "source": SOURCE,
        "licence": LICENCE,
        "counts": counts,
    }
