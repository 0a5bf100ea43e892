"""The partnership dashboard as data, for one place and one period.

Per indicator (a tile): the value with its exact interval and coverage, exactly as
`cspkit indicators --compare` gives it; the change from the same span a year earlier with
the E-test; 36 months of counts to the period's end (sparkline and SPC chart); and the
target RAG from the performance report where the plan sets a target for the same place.
Per indicator and ward or LSOA of the place: the value for the period (choropleth maps).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cspkit.analysis.spc import xmr
from cspkit.config.partnership import PartnershipConfig
from cspkit.errors import UsageError
from cspkit.geography.areas import AreaRef, parse_area
from cspkit.geography.tables import Geography
from cspkit.indicators.areas import TargetArea, target_area
from cspkit.indicators.compare import with_comparison
from cspkit.indicators.definitions import Indicator
from cspkit.indicators.engine import Engine
from cspkit.indicators.evaluate import evaluate
from cspkit.indicators.sets import IndicatorSets
from cspkit.periods import Period, add_months, month_label, parse_period

TREND_MONTHS = 36
MAP_FIELDS = ("area", "area_name", "numerator", "value", "note")


@dataclass(frozen=True)
class DashboardRequest:
    geo: Geography
    engine: Engine
    sets: IndicatorSets
    config: PartnershipConfig


def places(request: DashboardRequest) -> list[dict[str, Any]]:
    """The partnership's area, then its sub-areas as a tree (the area filter's choices)."""
    config, geo = request.config, request.geo
    names = geo.csp_name if config.area.area_type == "csp" else geo.authority_name
    found = [{"area": str(config.area), "title": names.get(config.area.code, config.area.code), "depth": 0}]

    def walk(node: Any, depth: int) -> None:
        found.append({"area": f"subarea:{node.name}", "title": node.title, "depth": depth})
        for child in node.children:
            walk(child, depth + 1)

    for top in config.subareas:
        walk(top, 1)
    return found


def latest_month(request: DashboardRequest) -> date:
    """The last month the store holds police.uk street records for every force of the area."""
    area = target_area(request.geo, request.config.area, request.config)
    latest = []
    for force in area.forces:
        months = [p.month for p in request.engine.catalogue.partitions if p.dataset == "street" and p.holder == force]
        if not months:
            raise UsageError(f"the store holds no police.uk street records for {force}: run `cspkit demo` or ingest")
        latest.append(max(months))
    return parse_period(min(latest)).end


def period_choices(latest: date) -> list[str]:
    """The periods offered: twelve months to each of the last twelve months, the financial
    year to date, and the latest month alone."""
    rolling = [f"12m-to-{month_label(add_months(latest, -i))}" for i in range(12)]
    return [rolling[0], f"fytd-{month_label(latest)}", month_label(latest), *rolling[1:]]


def chosen_indicators(request: DashboardRequest, when: date) -> list[Indicator]:
    """As `cspkit indicators` without --set: the configured sets' indicators in force."""
    names = request.config.indicator_sets or ("policeuk",)
    return [i for name in names for i in request.sets.in_force(name, when) if i.in_force(when, when)]


def _wards_of(geo: Geography, area: TargetArea) -> list[str]:
    if area.column == "ward":
        return sorted(area.codes)
    if area.column == "lsoa21":
        return sorted({geo.lsoa21_best_fit_ward[c] for c in area.codes if c in geo.lsoa21_best_fit_ward})
    return sorted(w for w, a in geo.ward_authority.items() if a in area.authorities)


def _lsoas_of(geo: Geography, area: TargetArea, wards: list[str]) -> list[str]:
    if area.column == "lsoa21":
        return sorted(area.codes)
    inside = set(wards)
    return sorted(c for c, w in geo.lsoa21_best_fit_ward.items() if w in inside)


def place_wards(geo: Geography, area: TargetArea) -> frozenset[str]:
    """A place as the wards (or LSOAs) it is made of, so a sub-area and a plan node with the
    same wards, or a CSP and a plan node holding all its wards, are the same place."""
    if area.column == "lsoa21":
        return frozenset(area.codes)
    return frozenset(_wards_of(geo, area))


def _issues(config: PartnershipConfig) -> dict[str, dict[str, str]]:
    """Indicator reference -> the candidate issue of the assessment that it measures."""
    found: dict[str, dict[str, str]] = {}
    for issue in config.assessment.issues:
        for reference in issue.indicators:
            found.setdefault(reference.split("@")[0], {"id": issue.id, "title": issue.title})
    return found


def _map_rows(
    request: DashboardRequest, chosen: list[Indicator], codes: list[str], kind: str, period: Period
) -> dict[str, list[dict[str, Any]]]:
    areas = [target_area(request.geo, AreaRef(kind, code)) for code in codes]
    rows = evaluate(request.engine, request.geo, chosen, areas, [period]) if areas else []
    by_indicator: dict[str, list[dict[str, Any]]] = {i.ref: [] for i in chosen}
    for row in rows:
        by_indicator[row["indicator"]].append({k: row[k] for k in MAP_FIELDS})
    return by_indicator


def _spc(counts: list[int | None], months: list[str], polarity: str) -> list[dict[str, Any]]:
    """XmR points over the unbroken run of held months that ends the series."""
    run: list[tuple[str, int]] = []
    for month, count in zip(months, counts, strict=True):
        run = [] if count is None else [*run, (month, count)]
    if len(run) < 12:
        return []
    chart = xmr([c for _, c in run], improvement="increase" if polarity == "higher-is-better" else "decrease")
    return [
        {
            "month": month,
            "count": count,
            "mean": point.mean,
            "upper": point.upper,
            "lower": point.lower,
            "point_type": point.point_type,
            "rule": point.rule,
        }
        for (month, count), point in zip(run, chart.points, strict=True)
    ]


def target_status(
    performance: dict[str, Any] | None, places_of_nodes: dict[str, frozenset[str]], here: frozenset[str]
) -> dict[str, dict[str, Any]]:
    """Indicator -> the performance report's row for this place, where the plan has one."""
    if performance is None:
        return {}
    found: dict[str, dict[str, Any]] = {}
    for priority in performance["priorities"]:
        for target in priority["targets"]:
            for row in target["rows"]:
                if places_of_nodes.get(row["node"]) == here:
                    found[target["indicator"].split("@")[0]] = {
                        "rag": row.get("rag"),
                        "period": performance["period"],
                        "node": row["node"],
                        "fytd_actual": row.get("fytd_actual"),
                        "fytd_target": row.get("fytd_target"),
                        "year_target": row.get("year_target"),
                        "percent_off": row.get("percent_off"),
                        "forecast": row.get("forecast"),
                        "priority": priority["title"],
                    }
    return found


def build_dashboard(
    request: DashboardRequest,
    area_text: str | None = None,
    period_label: str | None = None,
    targets: dict[str, dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Tiles, trends and map values for a place (default: the partnership's area) and a
    period (default: the twelve months to the latest month held)."""
    geo, config = request.geo, request.config
    latest = latest_month(request)
    period = parse_period(period_label or f"12m-to-{month_label(latest)}")
    if period.end > latest:
        raise UsageError(f"{period.label} runs past the latest month held ({month_label(latest)})")
    ref = parse_area(area_text) if area_text else config.area
    area = target_area(geo, ref, config)
    chosen = chosen_indicators(request, period.end)
    rows = with_comparison(evaluate(request.engine, geo, chosen, [area], [period, period.comparison()]), [period])
    first = add_months(period.end, -(TREND_MONTHS - 1))
    months = [month_label(add_months(first, i)) for i in range(TREND_MONTHS)]
    monthly = evaluate(request.engine, geo, chosen, [area], [parse_period(m) for m in months])
    counts = {(r["indicator"], r["period"]): (r["numerator"] if r["value"] is not None else None) for r in monthly}
    issues = _issues(config)
    kinds = {i.ref: i.numerator.kind for i in chosen}
    tiles = []
    for row in rows:
        series = [counts.get((row["indicator"], m)) for m in months]
        tiles.append(
            row
            | {
                "issue": issues.get(row["indicator"]),
                "partner_data": kinds[row["indicator"]] == "partner",
                "months": months,
                "monthly": series,
                "spc": _spc(series, months, row["polarity"]),
                "target": (targets or {}).get(row["indicator"]),
            }
        )
    wards = _wards_of(geo, area)
    lsoas = _lsoas_of(geo, area, wards)
    return {
        "area": str(ref),
        "area_type": area.area_type,
        "area_name": area.area_name,
        "period": period.label,
        "comparison_period": period.comparison().label,
        "latest_month": month_label(latest),
        "tiles": tiles,
        "maps": {
            "ward": _map_rows(request, chosen, wards, "ward", period),
            "lsoa": _map_rows(request, chosen, lsoas, "lsoa", period),
        },
    }
