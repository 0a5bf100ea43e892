"""`cspkit demo`: the bundled real data, loaded and summarised."""

from __future__ import annotations

import click

from cspkit.workspace import Workspace


@click.command()
@click.option("--no-serve", is_flag=True, help="Load and summarise only (the web app is not started).")
@click.option("--web/--no-web", default=None, help="Set up the web demo (default: when serving).")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to serve on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to serve on.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@click.pass_obj
def demo(workspace: Workspace, no_serve: bool, web: bool | None, port: int, host: str, quiet: bool) -> None:
    """Load 36 months of Bedfordshire police.uk data (OGL), set up the demo partnership and serve it.

    The web demo adds the agencies, one account per role (passwords in demo-users.txt), the
    sharing agreements register, actions, and three worked partner extracts (made-up incidents).
    """
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
    if web is None:
        web = not no_serve
    if web:
        _web_demo(workspace, quiet)
    if not no_serve:
        from cspkit.cli.web import run_server

        run_server(host, port, 2)


def _web_demo(workspace: Workspace, quiet: bool) -> None:
    from cspkit.cli.web import start_web

    start_web(workspace, quiet=True)
    from cspkit.web.demo import create_demo  # needs Django configured first

    accounts, path = create_demo(workspace.root)
    click.echo(f"\nDemo accounts (one per role; passwords are new each run; also in {path}, mode 0600):")
    for account in accounts:
        click.echo(f"  {account.role:<16} {account.username:<22} {account.password}  ({account.agency})")
        if account.totp_key:
            click.echo(f"  {'':<16} second-factor key (TOTP): {account.totp_key}")


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
