"""Evidence that needs more than the indicator engine: the similar-group position (ONS
CSP tables), the share of the area's harm (CCHI), the hotspot grid and near repeats."""

from __future__ import annotations

from datetime import date
from typing import Any

from cspkit.assessment.context import Context
from cspkit.assessment.figures import bundle_source, figure, versioned
from cspkit.assessment.provenance import dataset_batches
from cspkit.errors import UsageError
from cspkit.indicators.definitions import Indicator
from cspkit.periods import Period
from cspkit.recorded_crime import YEARS

ONS_TABLES = bundle_source("recorded_crime/ons_csp_force.parquet")
CCHI_WEIGHTS = bundle_source("harm/cchi_policeuk_category.csv")


def peer_year(period: Period) -> Period | None:
    """The 12 months to the last December inside the period, if the ONS tables have it."""
    year = period.end.year if period.end.month == 12 else period.end.year - 1
    if date(year, 12, 1) < period.start or f"{year}-12" not in YEARS:
        return None
    return Period(f"12m-to-{year}-12", "rolling-12-months", date(year, 1, 1), date(year, 12, 1))


def similar_group(ctx: Context, indicator: Indicator) -> dict[str, Any]:
    """Rate against the similar-group mean, from one source (ONS) for the area and its peers."""
    from cspkit.comparison.peer_comparison import compare_with_peers

    if ctx.area.area_type != "csp":
        return {"available": False, "reason": "similar groups are formed of CSPs; this area is not a CSP"}
    if not indicator.ons_group:
        return {"available": False, "reason": f"{indicator.ref} has no ONS offence group to compare on"}
    year = peer_year(ctx.period)
    if year is None:
        return {
            "available": False,
            "reason": f"the ONS CSP tables ({', '.join(YEARS)}) hold no December inside {ctx.period.label}",
        }
    config = ctx.config
    peers = [p.code for p in config.peers] if config and config.peers and config.area.code == ctx.area.area else None
    try:
        result = compare_with_peers(ctx.area.area, indicator, year, peers, "configuration" if peers else "auto")
    except UsageError as error:
        return {"available": False, "reason": str(error)}
    focal, group = result.members[0], result.summary
    sources = [ONS_TABLES]
    ref = versioned(indicator)
    return {
        "available": True,
        "year": result.period,
        "year_ending": f"{year.end:%Y-%m}",
        "group": result.label,
        "peer_method": result.peer_method,
        "ons_group": result.ons_group,
        "area_rate": figure(
            focal.rate_per_1000,
            "per_1000",
            sources,
            indicator=ref,
            period=year.label,
            count=focal.count,
            population=focal.population,
        ),
        "group_mean": figure(group.group_average_per_1000, "per_1000", sources, indicator=ref, period=year.label),
        "rank": figure(focal.rank, "rank", sources, indicator=ref, of=group.members, order="1 = lowest rate"),
        "members": figure(group.members, "count", sources, indicator=ref),
        "above_mean": focal.rate_per_1000 > group.group_average_per_1000,
        "verdict": result.verdict,
        "funnel_position": _funnel_words(focal.at_95, focal.at_998),
        "funnel_method": group.method,
        "peers": [{"area": f"csp:{m.code}", "name": m.name} for m in result.members[1:]],
    }


def _funnel_words(at_95: str, at_998: str) -> str:
    """Where the area sits on the funnel plot, in words (the limits are the outer and inner)."""
    if at_998 != "within":
        return f"significantly {at_998} the group: beyond the outer funnel limit"
    if at_95 != "within":
        return f"{at_95} the group: beyond the inner funnel limit but within the outer"
    return "within the funnel limits: not significantly different from the group"


def _matching_categories(indicator: Indicator, categories: list[tuple[str, str]]) -> list[str] | None:
    """police.uk category labels an indicator counts, or None when it does not count by category."""
    count = indicator.numerator
    if count.kind != "street" or indicator.denominator is not None:
        return None
    fields = set(count.where) | set(count.where_not)
    if not fields <= {"category", "category_slug"}:
        return None
    picked = []
    for slug, label in categories:
        value = {"category_slug": slug, "category": label}
        if all(value[f] in v for f, v in count.where.items()) and not any(
            value[f] in v for f, v in count.where_not.items()
        ):
            picked.append(label)
    return picked


def street_categories(ctx: Context) -> dict[tuple[str, str], int]:
    """(slug, label) -> street records in the area and period."""
    from cspkit.counts import count_records
    from cspkit.harm.sources import COUNT_FIELD_OF_COLUMN

    field = COUNT_FIELD_OF_COLUMN[ctx.area.column]
    result = count_records(ctx.root, "street", ["category_slug", "category"], {field: list(ctx.area.codes)}, ctx.period)
    return {(str(r["category_slug"]), str(r["category"])): int(r["count"]) for r in result.rows}


def harm_share(ctx: Context, indicator: Indicator, counts: dict[tuple[str, str], int]) -> dict[str, Any]:
    """The issue's share of the area's crime harm (CCHI days; ASB has no weight)."""
    from cspkit.harm import default_weights
    from cspkit.harm.totals import ASB

    labels = _matching_categories(indicator, sorted(counts))
    if labels is None:
        return {
            "available": False,
            "reason": f"{indicator.ref} is not counted by police.uk category, which is what the harm weights are for",
        }
    weights = default_weights()
    total = sum(n * weights.days[label] for (_slug, label), n in counts.items() if label in weights.days)
    weighted = [label for label in labels if label in weights.days]
    if not weighted:
        why = (
            "anti-social behaviour is not a notifiable crime and has no harm weight"
            if ASB in labels
            else "none of its categories has a harm weight"
        )
        return {"available": False, "reason": why}
    harm = sum(n * weights.days[label] for (_slug, label), n in counts.items() if label in weighted)
    sources = [*dataset_batches(ctx.engine.catalogue, "street", ctx.area.forces, [ctx.period]), CCHI_WEIGHTS]
    ref = versioned(indicator)
    return {
        "available": True,
        "weights": weights.source,
        "harm_days": figure(harm, "days", sources, indicator=ref, period=ctx.period.label),
        "area_harm_days": figure(total, "days", sources, period=ctx.period.label),
        "share": figure(
            100.0 * harm / total if total else None, "percent", sources, indicator=ref, period=ctx.period.label
        ),
        "unweighted_categories": [label for label in labels if label not in weights.days],
    }


def hotspot_cells(ctx: Context, indicator: Indicator, counts: dict[tuple[str, str], int]) -> dict[str, Any]:
    """Gi* hot cells (z > 0, p < alpha) of the issue's points in the area over the period."""
    import numpy as np

    from cspkit.analysis.hotspots import hotspots
    from cspkit.spatial.area_shape import area_outline
    from cspkit.spatial.points import store_points

    labels = _matching_categories(indicator, sorted(counts))
    if labels is None:
        return {"available": False, "reason": f"{indicator.ref} is not a police.uk category with map points"}
    if not labels:
        return {"available": False, "reason": "no records in the period"}
    try:
        if ctx.area.area not in ctx.outlines:
            ctx.outlines[ctx.area.area] = area_outline(ctx.geo, ctx.area)
        outline = ctx.outlines[ctx.area.area]
    except UsageError as error:
        return {"available": False, "reason": str(error)}
    parts = [store_points(ctx.root, "street", label, ctx.area, ctx.period) for label in labels]
    xy = np.concatenate([p.xy for p in parts]) if parts else np.empty((0, 2))
    if len(xy) < 10:
        return {"available": False, "reason": "too few mapped records for a hotspot grid"}
    result = hotspots(xy, area=outline)
    hot = (result.gistar_z > 0) & (result.gistar_p < ctx.rules.alpha)
    sources = dataset_batches(ctx.engine.catalogue, "street", ctx.area.forces, [ctx.period])
    ref = versioned(indicator)
    in_hot = int(result.count[hot].sum())
    centres = result.grid.centres()
    return {
        "available": True,
        "method": "Getis-Ord Gi* on a grid (sfhotspot defaults), hot = z > 0 and p < alpha (docs/hotspots.md)",
        "points": "police.uk anonymised snap points",
        "cell_size_m": result.grid.cell_size,
        "mapped_records": figure(result.points, "count", sources, indicator=ref, period=ctx.period.label),
        "without_coordinates": sum(p.without_coordinates for p in parts),
        "hot_cells": figure(int(hot.sum()), "count", sources, indicator=ref, of=result.grid.cells),
        "records_in_hot_cells": figure(in_hot, "count", sources, indicator=ref),
        "share_in_hot_cells": figure(
            100.0 * in_hot / result.points if result.points else None, "percent", sources, indicator=ref
        ),
        "cells": [
            {"x": float(cx), "y": float(cy), "z": float(z), "count": int(n)}
            for (cx, cy), z, n, is_hot in zip(centres, result.gistar_z, result.count, hot, strict=True)
            if is_hot
        ],
        "_outline": outline,
    }


def near_repeats(indicator: Indicator) -> dict[str, Any]:
    """police.uk gives months and snap points, so near repeats are not computed from it."""
    from cspkit.spatial.partner_events import POLICEUK_WHY_NOT

    if indicator.numerator.kind in ("street", "outcomes", "stop-and-search", "recorded-crime"):
        return {
            "available": False,
            "reason": POLICEUK_WHY_NOT.replace("repeat locations or repeat victims", "near repeats"),
        }
    return {
        "available": False,
        "reason": "run `cspkit analyse near-repeat` on the partner's extract with exact "
        "dates and coordinates; the store keeps partner points but the test needs a study design "
        "(bands) chosen by the analyst",
    }
