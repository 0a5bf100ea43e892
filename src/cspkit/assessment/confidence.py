"""Public concern and confidence: survey results with Wilson intervals, tracked against the
configuration's targets (baseline, interim, final), like the seeds' single confidence target."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cspkit.analysis.proportions import wilson
from cspkit.assessment.figures import figure
from cspkit.config.assessment import ConfidenceTarget, TargetPoint
from cspkit.periods import Period


def survey_results(root: Path) -> list[dict[str, Any]]:
    """Every survey result in the store."""
    from cspkit.store.query import connect_workspace

    _snapshot, connection = connect_workspace(root)
    cursor = connection.execute(
        "SELECT question_id, area, period, period_start, month, respondents, agree, synthetic, batch_id "
        "FROM survey ORDER BY question_id, area, period_start"
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def result_figure(row: dict[str, Any]) -> dict[str, Any]:
    share = wilson(int(row["agree"]), int(row["respondents"]))
    return figure(
        100.0 * share.value,
        "percent",
        [str(row["batch_id"])],
        period=str(row["period"]),
        question=str(row["question_id"]),
        lower_95=100.0 * share.lower,
        upper_95=100.0 * share.upper,
        respondents=int(row["respondents"]),
        agree=int(row["agree"]),
        interval="Wilson score, 95 %",
        synthetic=bool(row["synthetic"]),
    )


def _against(result: dict[str, Any] | None, target: TargetPoint, polarity: str) -> dict[str, Any]:
    body: dict[str, Any] = {"period": target.period, "target": figure(target.value, "percent", ["configuration"])}
    if result is None:
        body.update(status="no result", result=None)
        return body
    value, low, high = result["value"], result["lower_95"], result["upper_95"]
    better = value >= target.value if polarity == "higher-is-better" else value <= target.value
    clear = low >= target.value if polarity == "higher-is-better" else high <= target.value
    short = high < target.value if polarity == "higher-is-better" else low > target.value
    status = "met" if better else "not met"
    certainty = "clearly (the interval excludes the target)" if clear or short else "within the survey's margin"
    body.update(status=status, certainty=certainty, result=result)
    return body


def confidence_section(
    rows: list[dict[str, Any]], targets: tuple[ConfidenceTarget, ...], area: str, period: Period
) -> list[dict[str, Any]]:
    """One entry per configured measure: every result up to the period, and the targets."""
    out = []
    for target in targets:
        where = target.area or area
        mine = [r for r in rows if r["question_id"] == target.question and r["area"] == where]
        mine = [r for r in mine if r["month"] <= period.end]
        results = [result_figure(r) for r in mine]
        by_period = {r["period"]: r for r in results}
        out.append(
            {
                "question": target.question,
                "title": target.title,
                "area": where,
                "polarity": target.polarity,
                "results": results,
                "synthetic": any(r["synthetic"] for r in results),
                "baseline": None
                if target.baseline is None
                else {
                    "period": target.baseline.period,
                    "target": figure(target.baseline.value, "percent", ["configuration"]),
                    "result": by_period.get(target.baseline.period),
                },
                "interim": None
                if target.interim is None
                else _against(by_period.get(target.interim.period), target.interim, target.polarity),
                "final": None
                if target.final is None
                else _against(by_period.get(target.final.period), target.final, target.polarity),
            }
        )
    return out


def other_results(
    rows: list[dict[str, Any]], targets: tuple[ConfidenceTarget, ...], area: str, period: Period
) -> list[dict[str, Any]]:
    """Results for the area and period on questions no target names."""
    named = {t.question for t in targets}
    return [
        result_figure(r)
        for r in rows
        if r["question_id"] not in named and r["area"] == area and r["period"] == period.label
    ]
