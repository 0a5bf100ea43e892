"""Each assessment run kept in the workspace with its inputs, so next year's starts from it.

    $CSPKIT_HOME/assessments/<area code>/<period>/<run id>/strategic-assessment.json

The run id is the UTC time of the run and a digest of the document, so runs sort by time
and two runs never collide. `previous_assessment` finds the latest run for the same area
and the comparison period (a year earlier).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from cspkit.writing import write_text_atomically

FILE = "strategic-assessment.json"


def _folder(root: Path, area: str, period: str) -> Path:
    return root / "assessments" / area.replace(":", "-") / period.replace("/", "-")


def keep_assessment(root: Path, document: dict[str, Any]) -> Path:
    """Write the run under the workspace; returns its folder."""
    from cspkit.assessment.figures import without_private

    text = json.dumps(without_private(document), indent=1, sort_keys=False)
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    stamp = str(document["generated_at"]).replace(":", "").replace("-", "").replace("+0000", "Z")
    folder = _folder(root, document["area"], document["period"]) / f"{stamp}-{digest}"
    folder.mkdir(parents=True, exist_ok=True)
    write_text_atomically(folder / FILE, text + "\n")
    return folder


def kept_runs(root: Path, area: str, period: str) -> list[Path]:
    folder = _folder(root, area, period)
    if not folder.is_dir():
        return []
    return sorted(p / FILE for p in folder.iterdir() if (p / FILE).is_file())


def previous_assessment(root: Path, area: str, period: str) -> dict[str, Any] | None:
    """The latest kept run for `area` and `period`, or None."""
    runs = kept_runs(root, area, period)
    if not runs:
        return None
    body: dict[str, Any] = json.loads(runs[-1].read_text(encoding="utf-8"))
    body["_kept_at"] = str(runs[-1].parent)
    return body


def compare_with_previous(current: dict[str, Any], previous: dict[str, Any] | None, period: str) -> dict[str, Any]:
    """Issue by issue: last year's decision and criteria against this year's."""
    if previous is None:
        return {
            "available": False,
            "period": period,
            "reason": f"no assessment for {period} is kept in this workspace "
            f"(run `cspkit assess --period {period}` to keep one)",
        }
    before = {row["issue"]: row for row in previous.get("scanning_chart", [])}
    changes = []
    for row in current["scanning_chart"]:
        old = before.get(row["issue"])
        if old is None:
            changes.append({"issue": row["issue"], "title": row["title"], "change": "new candidate issue"})
            continue
        moved = [
            name
            for name, cell in row["criteria"].items()
            if old.get("criteria", {}).get(name, {}).get("status") != cell["status"]
        ]
        changes.append(
            {
                "issue": row["issue"],
                "title": row["title"],
                "previous_decision": old.get("decision"),
                "decision": row["decision"],
                "criteria_changed": moved,
                "change": "decision changed" if old.get("decision") != row["decision"] else "same decision",
            }
        )
    dropped = [
        {"issue": issue, "title": old["title"], "change": "no longer a candidate"}
        for issue, old in before.items()
        if issue not in {row["issue"] for row in current["scanning_chart"]}
    ]
    return {
        "available": True,
        "period": period,
        "run_id": previous.get("run_id"),
        "generated_at": previous.get("generated_at"),
        "kept_at": previous.get("_kept_at"),
        "changes": changes + dropped,
    }


def latest_assessment(root: Path, area: str) -> dict[str, Any] | None:
    """The run kept most recently for `area`, whatever period it assessed (run ids start
    with the UTC time of the run, so the greatest is the latest)."""
    folder = root / "assessments" / area.replace(":", "-")
    runs = sorted(folder.glob(f"*/*/{FILE}"), key=lambda p: p.parent.name) if folder.is_dir() else []
    if not runs:
        return None
    body: dict[str, Any] = json.loads(runs[-1].read_text(encoding="utf-8"))
    body["_kept_at"] = str(runs[-1].parent)
    return body
