"""The partnership plan and the performance report as single offline HTML files (the same
rules as the assessment's: styles and font inline, charts as SVG, every number a
`data-figure` pointer into the JSON beside it)."""

from __future__ import annotations

from functools import partial
from typing import Any

from cspkit.reports.charts import target_chart
from cspkit.reports.figures import figure_as
from cspkit.reports.page import environment, stylesheet


def render_plan(document: dict[str, Any]) -> str:
    template = environment().get_template("partnership-plan.html.j2")
    return str(template.render(d=document, num=partial(figure_as, document), css=stylesheet()))


def _performance_charts(document: dict[str, Any]) -> dict[str, str]:
    from cspkit.periods import add_months, parse_month

    first = parse_month(document["period_start"])
    months = [f"{add_months(first, i):%Y-%m}" for i in range(12)]
    drawn = {}
    for priority in document["priorities"]:
        for index, target in enumerate(priority["targets"]):
            top = target["rows"][0]
            title = f"{target['title']}, {top['title']}: {document['plan_year']}"
            drawn[f"{priority['issue']}/{index}"] = target_chart(
                months, top["monthly_actual"], top.get("monthly_target") or [], title
            )
    return drawn


def render_performance(document: dict[str, Any]) -> str:
    template = environment().get_template("performance-report.html.j2")
    return str(
        template.render(
            d=document, num=partial(figure_as, document), css=stylesheet(), charts=_performance_charts(document)
        )
    )
