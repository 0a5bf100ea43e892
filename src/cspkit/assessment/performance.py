"""Build the monthly performance report: every target of the plan, for every place in its
tree, financial year to date against the profiled target (RAG), the year-end forecast, SPC
signals and the rank among similar partnerships; exceptions first.

RAG and forecast follow METHODS.md §5: the FYTD target is the year's target spread by the
baseline years' monthly profile; green meets it, amber misses it by up to the plan's
tolerance, red by more; the forecast is the seasonal projection FYTD ÷ (profile share to
date). SPC is the XmR chart of the months up to the period's end (NHS rules).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from cspkit.__about__ import __version__
from cspkit.analysis.spc import xmr
from cspkit.analysis.targets import fytd_status
from cspkit.assessment.plan import PlanRequest, build_plan, node_months
from cspkit.assessment.plan_tree import leaf_areas, plan_tree
from cspkit.config.plan import PlanNode
from cspkit.errors import UsageError
from cspkit.geography.tables import Geography
from cspkit.indicators.areas import TargetArea
from cspkit.indicators.definitions import Indicator
from cspkit.indicators.evaluate import evaluate
from cspkit.periods import Period, add_months, financial_year_start, month_label, parse_period

SPC_MONTHS = 36
RAG_ORDER = {"red": 0, "amber": 1, "green": 2}


def latest_complete_month(request: PlanRequest, areas: list[TargetArea], indicators: list[Indicator]) -> date:
    """The last month the store holds for every dataset and force the targets count."""
    latest: list[date] = []
    for indicator in indicators:
        dataset = indicator.numerator.store_dataset
        for force in sorted({f for a in areas for f in a.forces}):
            months = [
                p.month for p in request.engine.catalogue.partitions if p.dataset == dataset and p.holder == force
            ]
            if not months:
                raise UsageError(f"the store holds no {dataset} records for {force}: nothing to report")
            latest.append(date.fromisoformat(max(months) + "-01"))
    if not latest:
        raise UsageError("the plan has no targets (plan.priorities[].targets): nothing to report")
    return min(latest)


def choose_period(label: str | None, latest: date) -> Period:
    """--period as given (financial year to date), else FYTD to the latest complete month."""
    period = parse_period(label) if label else parse_period(f"fytd-{month_label(latest)}")
    if period.kind != "financial-year-to-date":
        raise UsageError(
            f"a performance report covers a financial year to date, e.g. fytd-2024-03, not {period.label!r}"
        )
    if period.end > latest:
        raise UsageError(f"{period.label} runs past the latest month the store holds for every target ({latest:%Y-%m})")
    return period


def _node_csp(geo: Geography, node: PlanNode) -> str | None:
    """The CSP a place is exactly, if it is one: a leaf `csp:` area, or ward leaves that
    together hold every ward of one CSP."""
    leaves = node.leaves()
    if len(leaves) == 1 and leaves[0].area and leaves[0].area.startswith("csp:"):
        return leaves[0].area.split(":", 1)[1]
    if any(leaf.area or leaf.lsoas for leaf in leaves):
        return None
    wards = {w for leaf in leaves for w in leaf.wards}
    csps = {geo.authority_csp.get(geo.ward_authority[w]) for w in wards}
    if len(csps) != 1 or None in csps:
        return None
    csp = next(iter(csps))
    every = {w for w, a in geo.ward_authority.items() if geo.authority_csp.get(a) == csp}
    return csp if wards == every else None


def _similar(request: PlanRequest, csp: str | None, indicator: Indicator, period: Period) -> dict[str, Any]:
    from cspkit.comparison.peer_comparison import compare_with_peers
    from cspkit.recorded_crime import YEARS

    if csp is None:
        return {"available": False, "reason": "similar groups are formed of whole CSPs; this place is not one"}
    if not indicator.ons_group:
        return {"available": False, "reason": f"{indicator.ref} has no ONS offence group to compare on"}
    year = period.end.year if period.end.month == 12 else period.end.year - 1
    if f"{year}-12" not in YEARS:
        return {"available": False, "reason": f"the ONS CSP tables ({', '.join(YEARS)}) hold no year ending {year}-12"}
    config = request.config
    peers = [p.code for p in config.peers] if config.peers and config.area.code == csp else None
    window = Period(f"12m-to-{year}-12", "rolling-12-months", date(year, 1, 1), date(year, 12, 1))
    try:
        result = compare_with_peers(csp, indicator, window, peers, "configuration" if peers else "auto")
    except UsageError as error:
        return {"available": False, "reason": str(error)}
    focal = result.members[0]
    return {
        "available": True,
        "year_ending": f"{year}-12",
        "rank": focal.rank,
        "members": result.summary.members,
        "order": "1 = lowest rate",
        "area_rate": focal.rate_per_1000,
        "group_mean": result.summary.group_average_per_1000,
        "group": result.label,
    }


def _spc(counts: list[float], months: list[str], fytd: list[str], polarity: str) -> dict[str, Any]:
    if len(counts) < 12:
        return {"available": False, "reason": "fewer than twelve months are held, too few for an SPC chart"}
    chart = xmr(counts, improvement="increase" if polarity == "higher-is-better" else "decrease")
    signals = [
        {"month": month, "type": point.point_type, "rule": point.rule}
        for month, point in zip(months, chart.points, strict=True)
        if point.rule and month in fytd
    ]
    return {
        "available": True,
        "months": len(counts),
        "from_month": months[0],
        "latest_point_type": chart.points[-1].point_type,
        "signals": signals,
        "concern": any(s["type"] == "concern" for s in signals),
        "improvement": any(s["type"] == "improvement" for s in signals),
    }


def _target_rows(
    request: PlanRequest,
    plan_target: dict[str, Any],
    tree: PlanNode,
    areas: dict[str, TargetArea],
    period: Period,
    year_index: int,
    tolerance: float,
) -> list[dict[str, Any]]:
    indicator = request.sets.resolve(plan_target["indicator"], period.end)
    first = add_months(period.end, -(SPC_MONTHS - 1))
    months = [add_months(first, i) for i in range(SPC_MONTHS)]
    periods = [Period(month_label(m), "month", m, m) for m in months]
    evaluated = evaluate(request.engine, request.geo, [indicator], list(areas.values()), periods)
    rows = {(r["area"], r["period"]): r for r in evaluated}
    held = [m for m in months if all(rows[(a.area, month_label(m))]["value"] is not None for a in areas.values())]
    run = [m for m in held if m >= _run_start(held, months)]
    fytd = [month_label(m) for m in period.months]
    lacking = [label for m, label in zip(period.months, fytd, strict=True) if m not in held]
    if lacking:
        raise UsageError(
            f"the store lacks {', '.join(lacking)} of {period.label} for {indicator.ref} in the plan's places "
            "(cspkit status shows the gaps): a year to date needs every month"
        )
    out = []
    for plan_row, (node, _depth) in zip(plan_target["rows"], tree.walk(), strict=True):
        entry: dict[str, Any] = {"node": node.name, "title": node.title, "depth": plan_row["depth"]}
        actual_months = node_months(rows, node, areas, period.months)
        year_target = plan_row["targets"][year_index]
        profile = plan_row["monthly_profile"]
        entry["monthly_actual"] = actual_months
        if profile is None:
            entry.update(rag=None, reason="no monthly profile: the place had no events in its baseline years")
        else:
            status = fytd_status(
                actual_months, year_target, profile, polarity=indicator.polarity, tolerance_percent=tolerance
            )
            entry.update(
                fytd_actual=status.actual,
                fytd_target=status.target,
                difference=status.difference,
                percent_off=status.percent_off,
                rag=status.rag,
                year_target=year_target,
                forecast=status.forecast,
                forecast_change_percent=100 * (status.forecast / year_target - 1) if year_target else None,
                monthly_target=[year_target * share for share in profile],
            )
        counts = node_months(rows, node, areas, run)
        entry["spc"] = _spc(counts, [month_label(m) for m in run], fytd, indicator.polarity)
        entry["similar"] = _similar(request, _node_csp(request.geo, node), indicator, period)
        out.append(entry)
    return out


def _run_start(held: list[date], months: list[date]) -> date:
    """The first month of the unbroken run of held months that ends with the last month."""
    start = months[-1]
    for month in reversed(months):
        if month not in held:
            break
        start = month
    return start


def _exceptions(priorities: list[dict[str, Any]], period: Period) -> list[dict[str, Any]]:
    """Red targets, SPC concerns this year and overdue milestones, worst first."""
    found = []
    for pi, priority in enumerate(priorities):
        for ti, target in enumerate(priority["targets"]):
            for ri, row in enumerate(target["rows"]):
                reasons = []
                if row.get("rag") == "red":
                    reasons.append("red: behind the profiled target to date by more than the tolerance")
                if row["spc"].get("concern"):
                    reasons.append("SPC: a special cause of concern this financial year")
                if reasons:
                    found.append(
                        {
                            "kind": "target",
                            "priority": priority["title"],
                            "indicator": target["title"],
                            "place": row["title"],
                            "rag": row.get("rag"),
                            "percent_off": row.get("percent_off"),
                            "reasons": reasons,
                            "pointer": ["priorities", pi, "targets", ti, "rows", ri],
                        }
                    )
        for ai, action in enumerate(priority["actions"]):
            for mi, milestone in enumerate(action["milestones"]):
                if milestone["status"] != "done" and milestone["due"] <= f"{period.end:%Y-%m}-31":
                    found.append(
                        {
                            "kind": "milestone",
                            "priority": priority["title"],
                            "action": action["action"],
                            "owner": action["owner"],
                            "milestone": milestone["milestone"],
                            "due": milestone["due"],
                            "status": milestone["status"],
                            "reasons": [f"milestone due {milestone['due']} is {milestone['status'].replace('-', ' ')}"],
                            "pointer": ["priorities", pi, "actions", ai, "milestones", mi],
                        }
                    )
    return sorted(
        found,
        key=lambda e: (e["kind"] != "target", RAG_ORDER.get(e.get("rag") or "", 3), -(e.get("percent_off") or 0)),
    )


def build_performance(request: PlanRequest, period_label: str | None = None, progress: Any = None) -> dict[str, Any]:
    """The performance report document for a financial year to date of the plan."""
    plan = build_plan(request)
    tree = plan_tree(request.config, request.geo)
    areas = leaf_areas(request.config, request.geo, tree)
    baseline = parse_period(plan["baseline_period"])
    indicators = [request.sets.resolve(t["indicator"], baseline.end) for p in plan["priorities"] for t in p["targets"]]
    period = choose_period(period_label, latest_complete_month(request, list(areas.values()), indicators))
    fy = financial_year_start(period.end)
    year_index = fy.year - (baseline.start.year + 1)
    if not 0 <= year_index < len(plan["years"]):
        raise UsageError(f"{period.label} is outside the plan's years ({plan['years'][0]} to {plan['years'][-1]})")
    tolerance = float(plan["tolerance_percent"])
    priorities = []
    for priority in plan["priorities"]:
        targets = []
        for target in priority["targets"]:
            if progress:
                progress(target["indicator"])
            rows = _target_rows(request, target, tree, areas, period, year_index, tolerance)
            targets.append(
                {k: target[k] for k in ("indicator", "title", "polarity", "proxy", "sources")} | {"rows": rows}
            )
        priorities.append(
            {
                "issue": priority["issue"],
                "title": priority["title"],
                "owner": priority["owner"],
                "targets": targets,
                "actions": priority["actions"],
            }
        )
    all_rows = [r for p in priorities for t in p["targets"] for r in t["rows"]]
    counts = {rag: sum(1 for r in all_rows if r.get("rag") == rag) for rag in ("green", "amber", "red")}
    return {
        "kind": "performance-report",
        "title": f"Performance report {period.label}: {plan['title']}",
        "partnership": plan["partnership"],
        "area": plan["area"],
        "illustrative": plan["illustrative"],
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000"),
        "cspkit_version": __version__,
        "period": period.label,
        "period_start": month_label(period.start),
        "period_end": month_label(period.end),
        "months_in": len(period.months),
        "plan_year": plan["years"][year_index],
        "plan": {k: plan[k] for k in ("title", "baseline_period", "years", "tolerance_percent", "assessment")},
        "summary": {"targets": len(all_rows), **counts, "no_rag": len(all_rows) - sum(counts.values())},
        "exceptions": _exceptions(priorities, period),
        "priorities": priorities,
        "method": "FYTD target: the year's target spread by the baseline years' monthly profile. RAG: green "
        "meets it; amber misses it by up to the tolerance; red by more. Forecast: FYTD actual divided by "
        "the profile's share of the year to date. SPC: XmR chart of up to 36 months to the period's end, "
        "NHS Making Data Count rules; signals in this financial year are reported. Similar partnerships: "
        "ONS CSP tables, 12 months to December (METHODS.md §5).",
    }
