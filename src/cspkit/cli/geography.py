"""`cspkit geography [--area AREA]`: what the geography holds for an area."""

from __future__ import annotations

import json

import click

from cspkit.workspace import Workspace


@click.command("geography")
@click.option("--area", metavar="AREA", help="A csp, authority or force, e.g. csp:E22000009.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def geography(workspace: Workspace, area: str | None, fmt: str) -> None:
    """The bundled and ingested geography: boundaries, lookups and population per area.

    Without --area, every authority with boundaries and the files the workspace added.
    """
    from cspkit.cli.output import write_rows
    from cspkit.geography import load_geography, parse_area
    from cspkit.geography.overlay import overlay_folder, overlay_sources
    from cspkit.geography.summary import area_summary, authorities_with_boundaries

    geo = load_geography(workspace.root)
    if area:
        summary = area_summary(geo, parse_area(area))
        if fmt == "json":
            click.echo(json.dumps(summary, indent=1))
            return
        click.echo(f"{summary['area_name']} ({summary['area_type']}:{summary['area']})")
        click.echo("Authorities: " + ", ".join(f"{a['name']} ({a['code']})" for a in summary["authorities"]))
        click.echo(f"Police force: {', '.join(summary['force']) or 'unknown'}")
        click.echo(f"LSOAs (2021): {summary['lsoa21']:,}, {summary['lsoa21_with_boundary']:,} with a boundary")
        click.echo(f"LSOAs (2011): {summary['lsoa11']:,}, {summary['lsoa11_with_boundary']:,} with a boundary")
        click.echo(f"Wards: {summary['wards']:,}, {summary['wards_with_boundary']:,} with a boundary")
        residents = summary["census2021_residents"]
        click.echo(f"Census 2021 usual residents: {residents:,}" if residents is not None else "Census 2021: none")
        if summary["mid_year"]:
            click.echo(f"Mid-{summary['mid_year']} population: {summary['mid_year_population']:,}")
        for gap in summary["gaps"]:
            click.echo(f"Gap: {gap}")
        return
    rows = authorities_with_boundaries(geo)
    sources = overlay_sources(overlay_folder(workspace.root))
    if fmt == "json":
        click.echo(json.dumps({"authorities": rows, "workspace_files": sources}, indent=1))
        return
    write_rows(rows, list(rows[0]) if rows else ["authority"], "table")
    click.echo(f"\nWorkspace files: {len(sources)}" if sources else "\nWorkspace files: none (bundled geography only)")
    for source in sources:
        click.echo(f"  {source['file']}: {source['kind']}, {source['rows']:,} rows")
