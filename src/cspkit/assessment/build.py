"""Build one strategic assessment as a document (plain data, written as JSON and rendered
as HTML by `cspkit.reports`)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cspkit.__about__ import __version__
from cspkit.assessment import evidence as ev
from cspkit.assessment import outside_evidence as out
from cspkit.assessment.confidence import confidence_section, other_results, survey_results
from cspkit.assessment.context import Context, trend_periods
from cspkit.assessment.figures import figure
from cspkit.assessment.history import compare_with_previous, previous_assessment
from cspkit.assessment.narrative import narratives
from cspkit.assessment.quality import data_coverage
from cspkit.assessment.scanning import CRITERIA, ranks_by_count, scanning_row
from cspkit.config.assessment import AssessmentConfig, CandidateIssue
from cspkit.config.partnership import PartnershipConfig
from cspkit.errors import InputError, UsageError, Where
from cspkit.geography.areas import AreaRef
from cspkit.geography.tables import Geography
from cspkit.indicators.areas import TargetArea, target_area
from cspkit.indicators.definitions import Indicator
from cspkit.indicators.engine import Engine
from cspkit.indicators.evaluate import evaluate
from cspkit.indicators.sets import IndicatorSets
from cspkit.periods import Period


@dataclass
class AssessmentRequest:
    root: Path
    geo: Geography
    engine: Engine
    sets: IndicatorSets
    config: PartnershipConfig | None
    area: TargetArea
    period: Period
    progress: Any = None  # called with a short label as each step starts


def _indicators(request: AssessmentRequest, issues: tuple[CandidateIssue, ...]) -> dict[str, list[Indicator]]:
    """Each issue's indicators, resolved as in force at the period's end; an unknown one is
    an error naming the configuration line."""
    path = request.config.path if request.config else "configuration"
    found: dict[str, list[Indicator]] = {}
    for i, issue in enumerate(issues):
        found[issue.id] = []
        for j, reference in enumerate(issue.indicators):
            try:
                found[issue.id].append(request.sets.resolve(reference, request.period.end))
            except UsageError as error:
                line = issue.indicator_lines[j] if j < len(issue.indicator_lines) else issue.line
                raise InputError(
                    Where(path, line, f"assessment.issues.{i}.indicators.{j}", "key"), str(error)
                ) from None
    return found


TOTALS = frozenset({"all-crime", "crime-excl-asb"})


def default_issues(request: AssessmentRequest) -> tuple[CandidateIssue, ...]:
    """Without configured candidate issues: one per police.uk category in force (no flags,
    no concern scores), so a new partnership's first assessment scans everything."""
    found = request.sets.in_force("policeuk", request.period.end)
    return tuple(
        CandidateIssue(id=i.id, title=i.title, indicators=(i.ref,))
        for i in found
        if i.id not in TOTALS and not i.proxy and i.in_force(request.period.start, request.period.end)
    )


def _check_confidence_areas(request: AssessmentRequest, assessment: AssessmentConfig) -> None:
    """Each confidence measure's area must exist (a sub-area in the configuration)."""
    from cspkit.geography.areas import parse_area

    path = request.config.path if request.config else "configuration"
    for i, measure in enumerate(assessment.confidence):
        if measure.area is None:
            continue
        try:
            target_area(request.geo, parse_area(measure.area), request.config)
        except UsageError as error:
            raise InputError(Where(path, measure.line, f"assessment.confidence.{i}.area", "key"), str(error)) from None


def _subareas(request: AssessmentRequest) -> list[TargetArea]:
    config = request.config
    if config is None or config.area.code != request.area.area or config.area.area_type != request.area.area_type:
        return []
    return [target_area(request.geo, AreaRef("subarea", top.name), config) for top in config.subareas]


def _evaluate(ctx: Context) -> None:
    headline = {i.ref: i for found in ctx.indicators.values() for i in found}
    if not headline:
        return
    periods = [ctx.period, ctx.comparison, *trend_periods(ctx.period)]
    unique = list({p.label: p for p in periods}.values())
    rows = evaluate(ctx.engine, ctx.geo, list(headline.values()), [ctx.area, *ctx.subareas], unique)
    ctx.rows = {(r["indicator"], r["area"], r["period"]): r for r in rows}


def _issue_evidence(ctx: Context, issue: CandidateIssue, counts: dict[tuple[str, str], int]) -> dict[str, Any]:
    indicator = ctx.headline(issue)
    if indicator is None:
        return {
            "available": False,
            "reason": "no indicator is named for this issue: the partnership holds no data "
            "for it yet (see the issue's comment)",
        }
    row = ctx.row(indicator, ctx.area, ctx.period)
    if row["value"] is None and row["coverage"] == "none":
        return {
            "available": False,
            "indicator": f"{indicator.ref}@{indicator.version}",
            "reason": row["note"] or "no value",
        }
    body: dict[str, Any] = {
        "available": True,
        "indicator": f"{indicator.ref}@{indicator.version}",
        "indicator_title": indicator.title,
        "coverage": ev.coverage(ctx, indicator),
        **ev.volume_and_rate(ctx, indicator),
        "change": ev.change(ctx, indicator),
        "trend": ev.trend(ctx, indicator),
        "seasonality": ev.seasonal(ctx, indicator),
        "subareas": ev.by_subarea(ctx, indicator),
        "similar_group": out.similar_group(ctx, indicator),
        "harm": out.harm_share(ctx, indicator, counts),
        "hotspots": out.hotspot_cells(ctx, indicator, counts),
        "near_repeats": out.near_repeats(indicator),
        "other_indicators": [],
    }
    for other in (ctx.indicators.get(issue.id) or [])[1:]:
        body["other_indicators"].append(
            {
                "indicator": f"{other.ref}@{other.version}",
                "title": other.title,
                **ev.volume_and_rate(ctx, other),
                "change": ev.change(ctx, other),
            }
        )
    return body


def _rules(assessment: AssessmentConfig) -> dict[str, Any]:
    rules = assessment.rules
    units = {"alpha": "p_value", "harm_share": "percent"}
    body = {"interval_level": figure(95, "percent", ["method"], meaning="level of every interval shown")}
    for name, value in rules.__dict__.items():
        shown = 100.0 * value if name == "harm_share" else value
        body[name] = figure(shown, units.get(name, "count"), ["configuration"], key=f"assessment.rules.{name}")
    return body


def _collect_batches(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        for value in node.get("sources", []) if isinstance(node.get("sources"), list) else []:
            found.add(str(value))
        for key, value in node.items():
            if not str(key).startswith("_"):
                _collect_batches(value, found)
    elif isinstance(node, list):
        for item in node:
            _collect_batches(item, found)


def build_assessment(request: AssessmentRequest) -> dict[str, Any]:
    """The whole assessment document for one area and period."""
    from dataclasses import replace

    config = request.config
    assessment = config.assessment if config else AssessmentConfig()
    issues_from = "configuration"
    if not assessment.issues:
        assessment = replace(assessment, issues=default_issues(request))
        issues_from = "default: every police.uk category (configure assessment.issues, docs/assessment.md)"
    step = request.progress or (lambda _label: None)
    step("indicators")
    _check_confidence_areas(request, assessment)
    ctx = Context(
        root=request.root,
        geo=request.geo,
        engine=request.engine,
        config=config,
        area=request.area,
        subareas=_subareas(request),
        period=request.period,
        rules=assessment.rules,
        indicators=_indicators(request, assessment.issues),
    )
    _evaluate(ctx)
    counts = out.street_categories(ctx)
    issues: list[dict[str, Any]] = []
    for issue in assessment.issues:
        step(issue.title)
        issues.append({"issue": issue.id, "title": issue.title, "evidence": _issue_evidence(ctx, issue, counts)})
    volumes = {
        item["issue"]: (item["evidence"]["volume"]["value"] if item["evidence"].get("available") else None)
        for item in issues
    }
    ranks = ranks_by_count(volumes)
    for item in issues:
        rank = ranks[item["issue"]]
        item["evidence"]["rank_by_count"] = (
            None
            if rank is None
            else figure(
                rank,
                "rank",
                item["evidence"]["volume"]["sources"],
                indicator=item["evidence"]["indicator"],
                of=sum(1 for v in volumes.values() if v is not None),
                order="1 = largest count",
            )
        )
    chart = [
        scanning_row(issue, item["evidence"], ranks[issue.id], assessment.policy_flags, assessment.rules)
        for issue, item in zip(assessment.issues, issues, strict=True)
    ]
    step("confidence")
    survey = survey_results(request.root)
    document: dict[str, Any] = {
        "title": f"Strategic assessment {request.period.label}: {request.area.area_name}",
        "partnership": config.name if config else request.area.area_name,
        "area": f"{request.area.area_type}:{request.area.area}",
        "area_type": request.area.area_type,
        "area_name": request.area.area_name,
        "period": request.period.label,
        "period_start": request.period.start.isoformat(),
        "period_end": request.period.end.isoformat(),
        "comparison_period": ctx.comparison.label,
        "generated_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000"),
        "cspkit_version": __version__,
        "policy_preset": assessment.policy_preset,
        "candidate_issues_from": issues_from,
        "policy_flags": [{"id": flag, "title": title} for flag, title in assessment.policy_flags],
        "criteria": [{"id": name, "title": title} for name, title in CRITERIA],
        "rules": _rules(assessment),
        "data_coverage": data_coverage(ctx),
        "scanning_chart": chart,
        "priorities": [row["issue"] for row in chart if row["decision"] == "include"],
        "issues": issues,
        "confidence": confidence_section(
            survey, assessment.confidence, f"{request.area.area_type}:{request.area.area}", request.period
        ),
        "other_survey_results": other_results(
            survey, assessment.confidence, f"{request.area.area_type}:{request.area.area}", request.period
        ),
    }
    step("history")
    previous = previous_assessment(request.root, document["area"], ctx.comparison.label)
    document["narratives"] = narratives(assessment.issues, request.period.label, previous)
    document["previous_assessment"] = compare_with_previous(document, previous, ctx.comparison.label)
    found: set[str] = set()
    _collect_batches(document, found)
    catalogue = request.engine.catalogue
    used = sorted(b for b in found if not b.startswith("bundle:") and b != "configuration")
    config_text = Path(config.path).read_bytes() if config and Path(config.path).exists() else b""
    document["inputs"] = {
        "store": request.engine.detail,
        "store_generation": catalogue.generation,
        "batches": [
            {
                "batch_id": b.batch_id,
                "dataset": b.dataset,
                "holder": b.holder,
                "source": b.source,
                "synthetic": b.synthetic,
            }
            for b in catalogue.batches
            if b.batch_id in used
        ],
        "bundled": sorted(b for b in found if b.startswith("bundle:")),
        "indicators": sorted(
            {i["evidence"]["indicator"] for i in issues if i["evidence"].get("indicator")}
            | {o["indicator"] for i in issues for o in i["evidence"].get("other_indicators", [])}
        ),
        "configuration": {
            "path": config.path if config else None,
            "revision": config.revision if config else None,
            "sha256": hashlib.sha256(config_text).hexdigest() if config_text else None,
        },
    }
    document["run_id"] = document["generated_at"].replace(":", "").replace("-", "").replace("+0000", "Z")
    document["synthetic_sources"] = any(b["synthetic"] for b in document["inputs"]["batches"])
    return document
