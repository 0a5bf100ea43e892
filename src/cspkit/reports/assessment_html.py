"""The strategic assessment as one offline HTML file: styles and charts inline, no script,
no external address in any src or href, and every number a `data-figure` pointer into the
JSON written beside it."""

from __future__ import annotations

from functools import partial
from typing import Any

from cspkit.geography.tables import Geography
from cspkit.reports.charts import hotspot_map, trend_chart
from cspkit.reports.figures import figure_html
from cspkit.reports.page import environment, stylesheet


def _charts(document: dict[str, Any]) -> dict[str, dict[str, str]]:
    """Per issue: the trend chart and the hotspot map, as SVG text."""
    drawn: dict[str, dict[str, str]] = {}
    for item in document["issues"]:
        evidence = item["evidence"]
        found: dict[str, str] = {}
        if evidence.get("available") and evidence["trend"].get("available"):
            found["trend"] = trend_chart(evidence["trend"]["points"], f"{item['title']}: records per month")
        hot = evidence.get("hotspots") if evidence.get("available") else None
        if hot and hot.get("available"):
            found["map"] = hotspot_map(hot["_outline"], hot["cells"], hot["cell_size_m"], f"{item['title']}: hot cells")
        drawn[item["issue"]] = found
    return drawn


def batch_groups(batches: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The batches by dataset, holder and source file or archive: one table row for the 36
    monthly files of one police.uk download rather than 36 rows of hashes."""
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for batch in batches:
        source = str(batch["source"]).split("!", 1)[0]
        key = (batch["dataset"], batch["holder"], source)
        group = groups.setdefault(
            key, {"dataset": key[0], "holder": key[1], "source": source, "ids": [], "synthetic": False}
        )
        group["ids"].append(batch["batch_id"])
        group["synthetic"] = group["synthetic"] or bool(batch.get("synthetic"))
    return list(groups.values())


def render_assessment(document: dict[str, Any], geo: Geography | None = None) -> str:
    """The HTML page for an assessment document (as `build_assessment` returns it)."""
    template = environment().get_template("strategic-assessment.html.j2")
    return str(
        template.render(
            d=document,
            fig=partial(figure_html, document),
            charts=_charts(document),
            batch_groups=batch_groups(document["inputs"]["batches"]),
            css=stylesheet(),
            flags={flag["id"]: flag["title"] for flag in document["policy_flags"]},
        )
    )
