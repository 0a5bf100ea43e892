"""The partnership plan and the performance report as workbooks (`cspkit.reports.xlsx`)."""

from __future__ import annotations

from typing import Any

from cspkit.reports.xlsx import Sheet


def _about(document: dict[str, Any]) -> list[tuple[str, str]]:
    about = [
        ("Title", document["title"]),
        ("Partnership", document["partnership"]),
        ("Generated", document["generated_at"]),
        ("cspkit", document["cspkit_version"]),
    ]
    if document.get("illustrative"):
        about.append(("Illustrative", document["illustrative"]))
    about.append(
        ("Rounding", "Cells hold unrounded figures, as the JSON does; the number format rounds them for display.")
    )
    return about


def plan_sheets(document: dict[str, Any]) -> tuple[list[Sheet], list[tuple[str, str]]]:
    years = document["years"]
    columns: list[tuple[str, str]] = [
        ("Priority", "text"),
        ("Indicator", "text"),
        ("Place", "text"),
        ("Level", "count"),
        (f"Baseline {document['baseline_period']}", "target"),
    ]
    for year in years:
        columns += [(f"Target {year}", "target"), (f"% change {year}", "percent")]
    columns += [("% change over the plan", "percent"), ("Annual % change set", "percent"), ("Polarity", "text")]
    targets = Sheet("Targets", columns)
    actions = Sheet(
        "Actions",
        [
            ("Priority", "text"),
            ("Action", "text"),
            ("Owner", "text"),
            ("Milestone", "text"),
            ("Due", "text"),
            ("Status", "text"),
        ],
    )
    for priority in document["priorities"]:
        for target in priority["targets"]:
            for row in target["rows"]:
                cells: list[Any] = [priority["title"], target["indicator"], row["title"], row["depth"], row["baseline"]]
                for k in range(len(years)):
                    cells += [row["targets"][k], row["annual_change_percent"][k]]
                cells += [row["plan_change_percent"], row["set_change_percent"], target["polarity"]]
                targets.rows.append(cells)
        for action in priority["actions"]:
            for milestone in action["milestones"] or [{"milestone": "", "due": "", "status": ""}]:
                actions.rows.append(
                    [
                        priority["title"],
                        action["action"],
                        action["owner"],
                        milestone["milestone"],
                        milestone["due"],
                        milestone["status"],
                    ]
                )
    places = Sheet("Places", [("Place", "text"), ("Level", "count"), ("Made of", "text")])
    for node in document["tree"]:
        made_of = (
            (node["area"] if not node["codes"] else ", ".join(node["codes"])) if node["leaf"] else "the places below"
        )
        places.rows.append([node["title"], node["depth"], made_of])
    return [targets, actions, places], _about(document)


def performance_sheets(document: dict[str, Any]) -> tuple[list[Sheet], list[tuple[str, str]]]:
    targets = Sheet(
        "Targets",
        [
            ("Priority", "text"),
            ("Indicator", "text"),
            ("Place", "text"),
            ("Level", "count"),
            ("Actual to date", "count"),
            ("Target to date", "target"),
            ("Difference", "target"),
            ("% off target", "share"),
            ("RAG", "text"),
            ("Year target", "target"),
            ("Forecast", "target"),
            ("Forecast % on year target", "percent"),
            ("SPC latest point", "text"),
            ("SPC signals this year", "text"),
            ("Rank among similar CSPs", "count"),
            ("Similar CSPs", "count"),
        ],
    )
    for priority in document["priorities"]:
        for target in priority["targets"]:
            for row in target["rows"]:
                spc, similar = row["spc"], row["similar"]
                targets.rows.append(
                    [
                        priority["title"],
                        target["indicator"],
                        row["title"],
                        row["depth"],
                        row.get("fytd_actual"),
                        row.get("fytd_target"),
                        row.get("difference"),
                        row.get("percent_off"),
                        row.get("rag"),
                        row.get("year_target"),
                        row.get("forecast"),
                        row.get("forecast_change_percent"),
                        spc.get("latest_point_type", spc.get("reason")),
                        [f"{s['month']} {s['type']}" for s in spc.get("signals", [])],
                        similar.get("rank"),
                        similar.get("members"),
                    ]
                )
    exceptions = Sheet(
        "Exceptions",
        [
            ("Kind", "text"),
            ("Priority", "text"),
            ("Measure or action", "text"),
            ("Place or milestone", "text"),
            ("RAG or status", "text"),
            ("% off target", "share"),
            ("Why", "text"),
        ],
    )
    for e in document["exceptions"]:
        if e["kind"] == "target":
            exceptions.rows.append(
                ["target", e["priority"], e["indicator"], e["place"], e["rag"], e["percent_off"], e["reasons"]]
            )
        else:
            exceptions.rows.append(
                ["milestone", e["priority"], e["action"], e["milestone"], e["status"], None, e["reasons"]]
            )
    about = _about(document) + [
        ("Period", document["period"]),
        ("Plan year", document["plan_year"]),
        ("Method", document["method"]),
    ]
    return [exceptions, targets], about


def assessment_sheets(document: dict[str, Any]) -> tuple[list[Sheet], list[tuple[str, str]]]:
    """The scanning chart: each candidate issue, its criteria, the rule's decision and the
    partnership's own, with the recorded reason."""
    criteria = [(c["id"], c["title"]) for c in document["criteria"]]
    chart = Sheet(
        "Scanning chart",
        [
            ("Issue", "text"),
            ("Title", "text"),
            ("Policy flags", "text"),
            *((title, "text") for _id, title in criteria),
            ("Criteria met", "count"),
            ("Rule decision", "text"),
            ("Decision", "text"),
            ("Reason recorded", "text"),
            ("Comment", "text"),
        ],
    )
    for row in document["scanning_chart"]:
        override = row.get("override") or {}
        chart.rows.append(
            [
                row["issue"],
                row["title"],
                [flag for flag, on in row["flags"].items() if on],
                *(row["criteria"].get(name, {}).get("status") for name, _title in criteria),
                row["criteria_met"],
                row["rule_decision"],
                row["decision"],
                override.get("reason", ""),
                row.get("comment", ""),
            ]
        )
    about = [
        ("Workbook", document["title"]),
        ("Period", document["period"]),
        ("Generated", document["generated_at"]),
        ("cspkit", document["cspkit_version"]),
    ]
    return [chart], about
