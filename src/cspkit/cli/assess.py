"""`cspkit assess`: the strategic assessment as JSON and a single offline HTML file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from cspkit.workspace import Workspace

if TYPE_CHECKING:
    from cspkit.config.partnership import PartnershipConfig
    from cspkit.geography.tables import Geography


def _areas(geo: Geography, config: PartnershipConfig | None, areas: tuple[str, ...], force: str | None) -> list[str]:
    """The areas asked for: --area (repeatable), every CSP of --all-in-force, or the partnership's."""
    from cspkit.errors import UsageError
    from cspkit.geography.forces import force_by_slug

    if areas and force:
        raise UsageError("give --area or --all-in-force, not both")
    if force:
        try:
            slug = force_by_slug(force).slug
        except KeyError:
            raise UsageError(f"no police force {force!r}: use its police.uk slug, e.g. bedfordshire") from None
        authorities = [a for a, f in geo.authority_force.items() if f == slug]
        csps = sorted({geo.authority_csp[a] for a in authorities if a in geo.authority_csp})
        if not csps:
            raise UsageError(f"the geography holds no CSPs in {slug}")
        return [f"csp:{code}" for code in csps]
    if areas:
        return list(areas)
    if config is None:
        raise UsageError("say which area: --area csp:CODE (or a partnership configuration with `cspkit init`)")
    return [str(config.area)]


@click.command()
@click.option("--period", required=True, metavar="PERIOD", help="The year assessed, e.g. 2023/24.")
@click.option("--out", "out_dir", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder.")
@click.option(
    "--area", "areas", multiple=True, metavar="AREA", help="csp:CODE ... (repeatable; default: the partnership's)."
)
@click.option("--all-in-force", "force", metavar="SLUG", help="Every CSP in a police force area, each in DIR/<code>/.")
@click.option("--engine", metavar="duckdb|URL", help="Where to evaluate (default: $CSPKIT_ANALYTICS_URL, else duckdb).")
@click.option("--no-keep", is_flag=True, help="Do not keep this run in the workspace's assessment history.")
@click.option("--no-pdf", is_flag=True, help="Write the HTML and JSON only (no strategic-assessment.pdf).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_obj
def assess(
    workspace: Workspace,
    period: str,
    out_dir: Path,
    areas: tuple[str, ...],
    force: str | None,
    engine: str | None,
    no_keep: bool,
    no_pdf: bool,
    quiet: bool,
) -> None:
    """Build the strategic assessment: scanning chart, evidence per issue, public concern
    and confidence, narrative; written as strategic-assessment.json, .html and .pdf (A4,
    tagged PDF/UA-1, the same font and charts as the HTML).

    Candidate issues, policy flags, concern scores, rules, overrides and narrative come
    from the partnership configuration (docs/assessment.md). Every figure names the store
    batches it came from and the indicator version that produced it; each run is kept in
    the workspace so next year's assessment can be compared with it.
    """
    import json

    from cspkit.assessment import AssessmentRequest, build_assessment, keep_assessment
    from cspkit.assessment.figures import without_private
    from cspkit.cli.progress import progress_for
    from cspkit.geography import load_geography
    from cspkit.geography.areas import parse_area
    from cspkit.indicators import open_engine
    from cspkit.indicators.areas import target_area
    from cspkit.indicators.listing import load_partnership
    from cspkit.indicators.sets import load_indicator_sets
    from cspkit.periods import parse_period
    from cspkit.reports.assessment_html import render_assessment
    from cspkit.reports.pdf import write_pdf
    from cspkit.settings import setting
    from cspkit.writing import write_text_atomically

    chosen = parse_period(period)
    geo = load_geography(workspace.root)
    config = load_partnership(workspace)
    wanted = _areas(geo, config, areas, force)
    targets = [target_area(geo, parse_area(text), config) for text in wanted]
    sets = load_indicator_sets(workspace.indicators)
    backend = open_engine(workspace.root, engine or setting("CSPKIT_ANALYTICS_URL"))
    issues = len(config.assessment.issues) if config and config.assessment.issues else 14
    bar = progress_for(quiet)
    bar.start(len(targets) * (issues + 3), "Assessing")
    written: list[tuple[Path, dict[str, Any], str]] = []
    try:
        documents = []
        for target in targets:
            request = AssessmentRequest(workspace.root, geo, backend, sets, config, target, chosen, bar.advance)
            documents.append(build_assessment(request))
    finally:
        bar.finish()
    for target, document in zip(targets, documents, strict=True):
        folder = out_dir / target.area if len(targets) > 1 else out_dir
        html = render_assessment(document, geo)
        write_text_atomically(
            folder / "strategic-assessment.json", json.dumps(without_private(document), indent=1) + "\n"
        )
        write_text_atomically(folder / "strategic-assessment.html", html)
        if not no_keep:
            keep_assessment(workspace.root, document)
        written.append((folder, document, html))
    for folder, document, _html in written:
        included = document["priorities"]
        click.echo(
            f"{document['title']}: {len(document['scanning_chart'])} candidate issues, "
            f"{len(included)} priorities -> {folder / 'strategic-assessment.html'}"
        )
    if not no_pdf:
        # After the HTML and JSON, so a machine without Pango still has them when this fails.
        printing = progress_for(quiet)
        printing.start(len(written), "Printing PDF")
        try:
            for folder, document, html in written:
                write_pdf(html, folder / "strategic-assessment.pdf")
                printing.advance(document["area"])
        finally:
            printing.finish()
        for folder, _document, _html in written:
            click.echo(f"  PDF -> {folder / 'strategic-assessment.pdf'}")
