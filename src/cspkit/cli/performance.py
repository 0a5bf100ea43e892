"""`cspkit performance`: the monthly performance report for the board."""

from __future__ import annotations

from pathlib import Path

import click

from cspkit.cli.plan import board_options
from cspkit.workspace import Workspace


@click.command()
@click.option(
    "--period", metavar="fytd-YYYY-MM", help="Financial year to date (default: to the latest complete month)."
)
@board_options
@click.pass_obj
def performance(
    workspace: Workspace,
    period: str | None,
    out_dir: Path,
    assessment_file: Path | None,
    engine: str | None,
    no_pdf: bool,
    quiet: bool,
) -> None:
    """Build the performance report: exceptions first, then every target of the plan for
    every place, financial year to date against its profile, RAG, year-end forecast, SPC
    signals and rank among similar partnerships; written as performance-report.json,
    .html, .xlsx and .pdf (docs/plan.md)."""
    from cspkit.assessment.performance import build_performance
    from cspkit.cli.plan import plan_request
    from cspkit.cli.progress import progress_for
    from cspkit.cli.report_files import write_report
    from cspkit.reports.plan_html import render_performance
    from cspkit.reports.plan_xlsx import performance_sheets

    request = plan_request(workspace, assessment_file, engine)
    targets = sum(len(p.targets) for p in request.config.plan.priorities)
    bar = progress_for(quiet)
    bar.start(max(1, targets), "Measuring")
    try:
        document = build_performance(request, period, bar.advance)
    finally:
        bar.finish()
    summary = document["summary"]
    click.echo(
        f"{document['title']}: {summary['targets']} targets by place: {summary['green']} green, "
        f"{summary['amber']} amber, {summary['red']} red; {len(document['exceptions'])} exceptions"
    )
    write_report(
        out_dir, "performance-report", document, render_performance(document), performance_sheets(document), not no_pdf
    )
