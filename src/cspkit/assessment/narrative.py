"""The analyst's words per issue: context, horizon scan and recommendation.

They live in the configuration beside the issue, tagged with the period they were written
for. A narrative written for an earlier period is carried into this year's draft, marked
for review; when the configuration has none, last year's kept assessment supplies it.
"""

from __future__ import annotations

from typing import Any

from cspkit.config.assessment import CandidateIssue

PARTS = ("context", "horizon_scan", "recommendation")


def narratives(issues: tuple[CandidateIssue, ...], period: str, previous: dict[str, Any] | None) -> dict[str, Any]:
    earlier = (previous or {}).get("narratives", {})
    out: dict[str, Any] = {}
    for issue in issues:
        if issue.narrative is not None:
            written = issue.narrative
            body = {part: getattr(written, part) for part in PARTS}
            body["written_for"] = written.period
            body["status"] = "current" if written.period == period else f"carried forward from {written.period}: review"
            body["from"] = "configuration"
        elif issue.id in earlier and any(earlier[issue.id].get(part) for part in PARTS):
            body = {part: earlier[issue.id].get(part, "") for part in PARTS}
            body["written_for"] = earlier[issue.id].get("written_for")
            body["status"] = f"carried forward from the {previous.get('period') if previous else ''} assessment: review"
            body["from"] = "previous assessment"
        else:
            body = {part: "" for part in PARTS}
            body.update(written_for=None, status="not written yet", **{"from": None})
        out[issue.id] = body
    return out
