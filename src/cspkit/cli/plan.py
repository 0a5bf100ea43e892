"""`cspkit plan`: the three-year partnership plan as JSON, HTML, XLSX and PDF."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from cspkit.workspace import Workspace


def read_assessment(workspace: Workspace, area: str, path: Path | None) -> dict[str, Any]:
    """--assessment FILE, else the latest assessment kept in the workspace for `area`."""
    from cspkit.assessment.history import latest_assessment
    from cspkit.errors import InputError, UsageError, Where

    if path is None:
        found = latest_assessment(workspace.root, area)
        if found is None:
            raise UsageError(
                f"no strategic assessment of {area} is kept in {workspace.root}: run `cspkit assess --period 2023/24 "
                "--out DIR` first, or give --assessment strategic-assessment.json"
            )
        return found
    try:
        body: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"no assessment at {path}") from None
    except json.JSONDecodeError as error:
        raise InputError(Where(str(path), error.lineno), f"not JSON: {error.msg}") from None
    missing = [key for key in ("period", "priorities", "scanning_chart", "generated_at") if key not in body]
    if missing:
        raise InputError(
            Where(str(path), None, missing[0], "key"), "not a strategic assessment (cspkit assess writes one)"
        )
    body["_kept_at"] = str(path)
    return body


def plan_request(workspace: Workspace, assessment_file: Path | None, engine: str | None) -> Any:
    from cspkit.assessment.plan import PlanRequest
    from cspkit.errors import UsageError
    from cspkit.geography import load_geography
    from cspkit.indicators import open_engine
    from cspkit.indicators.listing import load_partnership
    from cspkit.indicators.sets import load_indicator_sets
    from cspkit.settings import setting

    geo = load_geography(workspace.root)
    config = load_partnership(workspace)
    if config is None:
        raise UsageError("a plan needs a partnership configuration: `cspkit init --area csp:CODE`, or --config FILE")
    assessment = read_assessment(workspace, str(config.area), assessment_file)
    if assessment.get("area") != str(config.area):
        raise UsageError(f"the assessment is of {assessment.get('area')}, but the partnership is {config.area}")
    backend = open_engine(workspace.root, engine or setting("CSPKIT_ANALYTICS_URL"))
    return PlanRequest(workspace.root, geo, backend, load_indicator_sets(workspace.indicators), config, assessment)


F = TypeVar("F", bound=Callable[..., Any])


def board_options(command: F) -> F:
    """The options `cspkit plan` and `cspkit performance` share."""
    for option in reversed(
        (
            click.option(
                "--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder."
            ),
            click.option(
                "--assessment",
                "assessment_file",
                type=click.Path(dir_okay=False, path_type=Path),
                help="A strategic-assessment.json (default: the latest one kept in the workspace).",
            ),
            click.option(
                "--engine", metavar="duckdb|URL", help="Where to count (default: $CSPKIT_ANALYTICS_URL, else duckdb)."
            ),
            click.option("--no-pdf", is_flag=True, help="Write JSON, HTML and XLSX only."),
            click.option("--quiet", "-q", is_flag=True, help="No progress bar."),
        )
    ):
        command = option(command)
    return command


@click.command()
@board_options
@click.pass_obj
def plan(
    workspace: Workspace, out_dir: Path, assessment_file: Path | None, engine: str | None, no_pdf: bool, quiet: bool
) -> None:
    """Build the three-year partnership plan: the assessment's priorities, each with
    baselines and annual % change targets for every place in the plan's tree (a parent is
    the sum of its children), owning agencies and action plans with milestones; written as
    partnership-plan.json, .html, .xlsx and .pdf (docs/plan.md)."""
    from cspkit.assessment.plan import build_plan
    from cspkit.cli.progress import progress_for
    from cspkit.cli.report_files import write_report
    from cspkit.reports.plan_html import render_plan
    from cspkit.reports.plan_xlsx import plan_sheets

    request = plan_request(workspace, assessment_file, engine)
    targets = sum(len(p.targets) for p in request.config.plan.priorities)
    bar = progress_for(quiet)
    bar.start(max(1, targets), "Planning")
    try:
        document = build_plan(request, bar.advance)
    finally:
        bar.finish()
    click.echo(
        f"{document['title']}: {len(document['priorities'])} priorities, "
        f"{sum(p['target_count'] for p in document['priorities'])} targets, baseline {document['baseline_period']}"
    )
    write_report(out_dir, "partnership-plan", document, render_plan(document), plan_sheets(document), not no_pdf)
