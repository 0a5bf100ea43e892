"""Build the three-year partnership plan as a document: the assessment's priorities, each
with its targets per place in the plan's tree (the seed's "local targets" table), owning
agencies and action plan.

Baselines are counted from the store for the baseline financial year; each leaf's yearly
targets compound its annual % change (METHODS.md §5); a parent's baseline and targets are
the sums of its children's and its % changes are derived from those sums. Each target also
keeps the monthly profile (the baseline years' seasonal shape) the performance report
measures against. Figures are unrounded here; reports round half up on display.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cspkit.__about__ import __version__
from cspkit.analysis.targets import TargetNode, monthly_profile
from cspkit.assessment.plan_tree import leaf_areas, plan_tree
from cspkit.assessment.provenance import indicator_batches
from cspkit.config.partnership import PartnershipConfig
from cspkit.config.plan import PlanNode, PlanPriority, PlanTarget
from cspkit.errors import InputError, UsageError, Where
from cspkit.geography.tables import Geography
from cspkit.indicators.areas import TargetArea
from cspkit.indicators.definitions import Indicator
from cspkit.indicators.engine import Engine
from cspkit.indicators.evaluate import evaluate
from cspkit.indicators.sets import IndicatorSets
from cspkit.periods import Period, add_months, parse_period

PROFILE_YEARS = 3  # the baseline year and up to two before it, where the store holds them whole
COUNTABLE_UNITS = ("count", "per_1000_population")  # targets are set on the count, which sums


@dataclass
class PlanRequest:
    root: Path
    geo: Geography
    engine: Engine
    sets: IndicatorSets
    config: PartnershipConfig
    assessment: dict[str, Any]


def financial_year(start_year: int) -> Period:
    return parse_period(f"{start_year}/{(start_year + 1) % 100:02d}")


def _baseline(request: PlanRequest) -> Period:
    label = request.config.plan.baseline or str(request.assessment["period"])
    period = parse_period(label)
    if period.kind != "financial-year":
        raise UsageError(f"a plan's baseline is a financial year, not {label!r} (set plan.baseline, e.g. 2022/23)")
    return period


def _indicator(request: PlanRequest, priority: int, number: int, target: PlanTarget, when: Period) -> Indicator:
    where = Where(request.config.path, target.line, f"plan.priorities.{priority}.targets.{number}.indicator", "key")
    try:
        indicator = request.sets.resolve(target.indicator, when.end)
    except UsageError as error:
        raise InputError(where, str(error)) from None
    if indicator.unit not in COUNTABLE_UNITS:
        raise InputError(
            where, f"{indicator.ref} is a {indicator.unit}: targets in a sub-area tree are counts, which sum"
        )
    return indicator


def _changes(request: PlanRequest, priority: int, number: int, target: PlanTarget, tree: PlanNode) -> dict[str, float]:
    leaves = [leaf.name for leaf in tree.leaves()]
    where = Where(request.config.path, target.change_line, f"plan.priorities.{priority}.targets.{number}.change", "key")
    if "*" in target.change:
        return dict.fromkeys(leaves, target.change["*"])
    unknown = sorted(set(target.change) - set(leaves))
    if unknown:
        raise InputError(where, f"{', '.join(unknown)} is not a leaf of the plan's tree ({', '.join(leaves)})")
    missing = [leaf for leaf in leaves if leaf not in target.change]
    if missing:
        raise InputError(where, f"no annual % change for {', '.join(missing)}: give one per leaf, or one number")
    return dict(target.change)


def _months(years: list[Period]) -> list[Period]:
    return [Period(f"{m:%Y-%m}", "month", m, m) for year in years for m in year.months]


def _held_years(
    rows: dict[tuple[str, str], dict[str, Any]], areas: list[TargetArea], years: list[Period]
) -> list[Period]:
    """The years whose twelve months the store holds for every leaf."""
    return [
        year
        for year in years
        if all(rows.get((a.area, f"{m:%Y-%m}"), {}).get("value") is not None for a in areas for m in year.months)
    ]


def _node_rows(
    tree: PlanNode, baselines: dict[str, float], changes: dict[str, float], years: int
) -> list[dict[str, Any]]:
    def build(node: PlanNode) -> TargetNode:
        if not node.children:
            return TargetNode(node.name, baselines[node.name], changes[node.name])
        return TargetNode(node.name, children=[build(child) for child in node.children])

    rows = build(tree).rows(years)
    for row, (node, _depth) in zip(rows, tree.walk(), strict=True):
        row["title"] = node.title
        row["leaf"] = not node.children
        row["set_change_percent"] = changes.get(node.name) if not node.children else None
    return rows


def node_months(
    rows: dict[tuple[str, str], dict[str, Any]], node: PlanNode, areas: dict[str, TargetArea], months: list[Any]
) -> list[float]:
    """A node's monthly counts: the sums over its leaves."""
    return [
        float(sum(rows[(areas[leaf.name].area, f"{m:%Y-%m}")]["numerator"] for leaf in node.leaves())) for m in months
    ]


def target_section(
    request: PlanRequest,
    indicator: Indicator,
    tree: PlanNode,
    areas: dict[str, TargetArea],
    changes: dict[str, float],
    baseline: Period,
) -> dict[str, Any]:
    """One target: its rows in the tree, monthly profiles and the batches counted."""
    config = request.config.plan
    candidates = [financial_year(baseline.start.year - k) for k in range(PROFILE_YEARS - 1, -1, -1)]
    leaves = list(areas.values())
    evaluated = evaluate(request.engine, request.geo, [indicator], leaves, [baseline, *_months(candidates)])
    rows = {(r["area"], r["period"]): r for r in evaluated}
    held = _held_years(rows, leaves, candidates)
    lacking = [a.area_name for a in leaves if rows[(a.area, baseline.label)]["value"] is None]
    if baseline not in held or lacking:
        raise UsageError(
            f"the store does not hold every month of {baseline.label} for {indicator.ref} in "
            f"{', '.join(lacking) or 'the plan area'}: a baseline needs the whole year (cspkit status)"
        )
    baselines = {name: float(rows[(area.area, baseline.label)]["numerator"]) for name, area in areas.items()}
    node_rows = _node_rows(tree, baselines, changes, config.years)
    for row, (node, _depth) in zip(node_rows, tree.walk(), strict=True):
        years = [node_months(rows, node, areas, year.months) for year in held]
        try:
            row["monthly_profile"] = monthly_profile(years)
        except ValueError:
            row["monthly_profile"] = None  # a place with no events in a baseline year has no shape
    first = baseline.start.year + 1
    return {
        "indicator": f"{indicator.ref}@{indicator.version}",
        "title": indicator.title,
        "unit": "count",
        "counted": "the indicator's count (its numerator)" if indicator.unit != "count" else "count",
        "polarity": indicator.polarity,
        "proxy": indicator.proxy,
        "baseline_period": baseline.label,
        "years": [financial_year(first + k).label for k in range(config.years)],
        "profile_years": [year.label for year in held],
        "sources": sorted(
            {b for area in leaves for b in indicator_batches(request.engine.catalogue, indicator, area, held)}
        ),
        "rows": node_rows,
    }


def _issue_titles(assessment: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["issue"]: row for row in assessment["scanning_chart"]}


Checked = dict[str, list[tuple[Indicator, dict[str, float]]]]


def check_targets(request: PlanRequest, tree: PlanNode, baseline: Period) -> Checked:
    """Every configured target's indicator and % changes, checked before anything is
    counted, so a slip in the configuration is reported at once with its line."""
    return {
        priority.issue: [
            (_indicator(request, i, j, target, baseline), _changes(request, i, j, target, tree))
            for j, target in enumerate(priority.targets)
        ]
        for i, priority in enumerate(request.config.plan.priorities)
    }


def _priority_entry(
    request: PlanRequest,
    issue: str,
    planned: PlanPriority | None,
    checked: Checked,
    tree: PlanNode,
    areas: dict[str, TargetArea],
    baseline: Period,
    progress: Any,
) -> dict[str, Any]:
    chart = _issue_titles(request.assessment).get(issue, {})
    entry: dict[str, Any] = {
        "issue": issue,
        "title": chart.get("title", issue),
        "in_assessment": issue in request.assessment["priorities"],
        "assessment_basis": (chart.get("override") or {}).get("reason") or chart.get("rule_basis", ""),
        "owner": planned.owner if planned else None,
        "partners": list(planned.partners) if planned else [],
        "targets": [],
        "actions": [],
        "target_count": 0,
        "action_count": 0,
        "note": "",
    }
    if planned is None:
        entry["note"] = "no targets or action plan are configured for this priority yet (plan.priorities)"
        return entry
    for indicator, changes in checked[issue]:
        if progress:
            progress(f"{issue}: {indicator.id}")
        entry["targets"].append(target_section(request, indicator, tree, areas, changes, baseline))
    entry["target_count"] = len(entry["targets"])
    entry["actions"] = [
        {
            "action": action.action,
            "owner": action.owner,
            "milestones": [
                {"milestone": m.milestone, "due": m.due.isoformat(), "status": m.status} for m in action.milestones
            ],
        }
        for action in planned.actions
    ]
    entry["action_count"] = len(entry["actions"])
    return entry


def _tree_entries(tree: PlanNode, areas: dict[str, TargetArea], geo: Geography) -> list[dict[str, Any]]:
    out = []
    for node, depth in tree.walk():
        entry: dict[str, Any] = {"node": node.name, "title": node.title, "depth": depth, "leaf": not node.children}
        if not node.children:
            area = areas[node.name]
            entry["area"] = node.area or f"{len(area.codes)} {'wards' if node.wards else 'LSOAs'}"
            entry["codes"] = list(area.codes) if not node.area else []
            entry["names"] = [geo.ward_name.get(c) or geo.lsoa21_name.get(c, c) for c in entry["codes"]]
        out.append(entry)
    return out


def build_plan(request: PlanRequest, progress: Any = None) -> dict[str, Any]:
    """The plan document for the partnership's configuration and an assessment document."""
    config = request.config
    baseline = _baseline(request)
    tree = plan_tree(config, request.geo)
    areas = leaf_areas(config, request.geo, tree)
    checked = check_targets(request, tree, baseline)
    planned = {p.issue: p for p in config.plan.priorities}
    order = list(request.assessment["priorities"]) + [p for p in planned if p not in request.assessment["priorities"]]
    priorities = [
        _priority_entry(request, issue, planned.get(issue), checked, tree, areas, baseline, progress) for issue in order
    ]
    first = baseline.start.year + 1
    last = financial_year(first + config.plan.years - 1)
    return {
        "kind": "partnership-plan",
        "title": f"{config.plan.title} {financial_year(first).label} to {last.label}",
        "plan_title": config.plan.title,
        "partnership": config.name,
        "area": str(config.area),
        "area_name": request.assessment.get("area_name", ""),
        "illustrative": config.plan.illustrative,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000"),
        "cspkit_version": __version__,
        "configuration": config.path,
        "assessment": {
            "period": request.assessment["period"],
            "generated_at": request.assessment["generated_at"],
            "kept_at": request.assessment.get("_kept_at", ""),
        },
        "baseline_period": baseline.label,
        "years": [financial_year(first + k).label for k in range(config.plan.years)],
        "first_month": f"{financial_year(first).start:%Y-%m}",
        "last_month": f"{add_months(last.start, 11):%Y-%m}",
        "tolerance_percent": config.plan.tolerance_percent,
        "tree": _tree_entries(tree, areas, request.geo),
        "priorities": priorities,
        "method": "Each leaf's target for year k is its baseline × (1 + annual % change)^k; a parent's baseline "
        "and targets are the sums of its children's and its % changes are derived from those sums "
        "(METHODS.md §5). The monthly profile is each month's share of the year, averaged over the "
        "baseline year and up to two years before it that the store holds whole.",
    }
