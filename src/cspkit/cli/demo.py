"""`cspkit demo`: the bundled real data, loaded and summarised."""

from __future__ import annotations

import click

from cspkit.workspace import Workspace


@click.command()
@click.option("--no-serve", is_flag=True, help="Load and summarise only (the web app is not started).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_obj
def demo(workspace: Workspace, no_serve: bool, quiet: bool) -> None:
    """Load 36 months of Bedfordshire police.uk data (OGL) and show what the store holds."""
    from cspkit.bundle import ATTRIBUTION, POLICEUK_ARCHIVE, package_path
    from cspkit.cli.progress import progress_for
    from cspkit.ingest import ingest_policeuk
    from cspkit.status import status_text, store_status

    root = workspace.ensure().root
    report = ingest_policeuk(root, [package_path(POLICEUK_ARCHIVE)], progress=progress_for(quiet))
    click.echo(
        f"Bundled data: {len(report.added)} files loaded ({report.rows:,} rows), "
        f"{len(report.skipped)} already in the store."
    )
    click.echo(status_text(store_status(root)))
    if not workspace.config.exists():
        workspace.config.parent.mkdir(parents=True, exist_ok=True)
        workspace.config.write_bytes(package_path("partnership/central-bedfordshire.yaml").read_bytes())
        click.echo(f"\nPartnership configuration (demo, Central Bedfordshire): {workspace.config}")
    _load_synthetic_survey(workspace)
    click.echo(
        "\nNext, the board pack (docs/assessment.md, docs/plan.md): cspkit assess --period 2023/24 --out out/ "
        "&& cspkit plan --out out/ && cspkit performance --out out/"
    )
    click.echo("\n" + ATTRIBUTION)
    if not no_serve:
        click.echo("The web app is not part of this release yet; nothing to serve.")


def _load_synthetic_survey(workspace: Workspace) -> None:
    """The demo's generated survey (marked synthetic) for the partnership and its sub-areas."""
    from cspkit.demo_survey import synthetic_survey
    from cspkit.indicators.listing import load_partnership
    from cspkit.ingest import ingest_survey
    from cspkit.writing import write_text_atomically

    config = load_partnership(workspace)
    if config is None:
        return
    areas = [str(config.area), *(f"subarea:{top.name}" for top in config.subareas)]
    path = workspace.root / "demo" / "synthetic-survey.csv"
    write_text_atomically(path, synthetic_survey(areas))
    report = ingest_survey(workspace.root, [path], synthetic=True)
    if report.added:
        click.echo(f"Survey: {report.rows} SYNTHETIC results generated for the demo ({path}).")
