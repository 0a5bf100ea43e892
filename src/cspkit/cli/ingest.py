"""`cspkit ingest policeuk PATH...`, `partner FILE --mapping MAPPING.yaml`, `recorded-crime`, `survey`,
`geography`."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cspkit.workspace import Workspace


@click.group()
def ingest() -> None:
    """Add source files to the record store."""


@ingest.command("policeuk")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--force", "force", metavar="SLUG", help="The force, when file names and `Falls within` cannot say.")
@click.option("--skip-unknown", is_flag=True, help="Pass over files in folders and zips that are not police.uk files.")
@click.option("--allow-mixed-vintage", is_flag=True, help="Accept a file mixing 2011 and 2021 LSOA codes.")
@click.option(
    "--wait", type=float, default=None, metavar="SECONDS", help="Wait this long for another ingest to finish."
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def policeuk(
    workspace: Workspace,
    paths: tuple[Path, ...],
    force: str | None,
    skip_unknown: bool,
    allow_mixed_vintage: bool,
    wait: float | None,
    quiet: bool,
    fmt: str,
) -> None:
    """Ingest police.uk street, outcomes and stop-and-search files.

    PATHS may be CSV files, month folders, a tree of months, or the archive zip as
    data.police.uk serves it. All of it goes in, or none of it.
    """
    from cspkit.cli.progress import progress_for
    from cspkit.ingest import ingest_policeuk
    from cspkit.settings import setting

    report = ingest_policeuk(
        workspace.ensure().root,
        list(paths),
        force=force,
        skip_unknown=skip_unknown,
        allow_mixed_vintage=allow_mixed_vintage,
        wait=wait if wait is not None else float(setting("CSPKIT_LOCK_TIMEOUT") or 0),
        progress=progress_for(quiet or fmt == "json"),
    )
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=1))
    elif not quiet:
        click.echo(
            f"Ingested {len(report.added)} files ({report.rows:,} rows); "
            f"{len(report.skipped)} already in the store; {len(report.replaced)} earlier batches replaced."
        )


@ingest.command("partner")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--mapping",
    "mapping_path",
    required=True,
    type=click.Path(path_type=Path),
    help="The YAML mapping of the extract's columns (docs/partner.md).",
)
@click.option(
    "--wait", type=float, default=None, metavar="SECONDS", help="Wait this long for another ingest to finish."
)
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def partner(
    workspace: Workspace, paths: tuple[Path, ...], mapping_path: Path, wait: float | None, quiet: bool, fmt: str
) -> None:
    """Ingest a partner agency's depersonalised incident extract (CSV) through a mapping.

    Every cell is screened for personal data first; a file that holds any is refused,
    naming the lines and columns, and nothing is written.
    """
    from cspkit.ingest import ingest_partner
    from cspkit.settings import setting
    from cspkit.sources.partner import read_mapping

    mapping = read_mapping(mapping_path)
    report = ingest_partner(
        workspace.ensure().root,
        list(paths),
        mapping,
        wait=wait if wait is not None else float(setting("CSPKIT_LOCK_TIMEOUT") or 0),
    )
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=1))
    elif not quiet:
        click.echo(
            f"Ingested {len(report.added)} {mapping.dataset} files from {mapping.agency_name} ({report.rows:,} rows); "
            f"{len(report.skipped)} already in the store; {len(report.replaced)} earlier batches replaced."
        )


@ingest.command("recorded-crime")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--wait", type=float, default=None, metavar="SECONDS", help="Wait this long for another ingest to finish."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def recorded_crime(workspace: Workspace, paths: tuple[Path, ...], wait: float | None, fmt: str) -> None:
    """Ingest Home Office police recorded crime by force, quarter and offence code.

    Indicators can then use offence codes, subgroups and groups (domestic and
    non-domestic burglary, most serious violence) that police.uk categories cannot tell.
    """
    from cspkit.ingest import ingest_recorded_crime
    from cspkit.settings import setting

    report = ingest_recorded_crime(
        workspace.ensure().root,
        list(paths),
        wait=wait if wait is not None else float(setting("CSPKIT_LOCK_TIMEOUT") or 0),
    )
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=1))
    else:
        click.echo(
            f"Ingested {len(report.added)} recorded crime files ({report.rows:,} rows); "
            f"{len(report.skipped)} already in the store."
        )


@ingest.command("survey")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--synthetic", is_flag=True, help="Mark the results as generated (demo), never real.")
@click.option(
    "--wait", type=float, default=None, metavar="SECONDS", help="Wait this long for another ingest to finish."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def survey(workspace: Workspace, paths: tuple[Path, ...], synthetic: bool, wait: float | None, fmt: str) -> None:
    """Ingest public survey results: CSV question_id,area,period,respondents,agree.

    One row per question, area (csp:CODE, ward:CODE, subarea:NAME ...) and period
    (2023/24 ...). The strategic assessment shows each with its Wilson 95 % interval and
    tracks it against the configuration's confidence targets.
    """
    from cspkit.ingest import ingest_survey
    from cspkit.settings import setting

    report = ingest_survey(
        workspace.ensure().root,
        list(paths),
        synthetic=synthetic,
        wait=wait if wait is not None else float(setting("CSPKIT_LOCK_TIMEOUT") or 0),
    )
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=1))
    else:
        click.echo(
            f"Ingested {len(report.added)} survey files ({report.rows:,} results"
            f"{', synthetic' if synthetic else ''}); {len(report.skipped)} already in the store."
        )


@ingest.command("geography")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--wait", type=float, default=None, metavar="SECONDS", help="Wait this long for another ingest to finish."
)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def geography(workspace: Workspace, paths: tuple[Path, ...], wait: float | None, fmt: str) -> None:
    """Add an authority's ONS boundaries, lookups and population to the workspace.

    LSOA 2011 and 2021 and ward boundaries as GeoJSON (EPSG:4326 or 27700); ONS lookups
    (LSOA 2011 to 2021, LSOA names, ward to authority, authority to CSP to force) and
    population (Census 2021, mid-2020 LSOA, mid-year estimates) as CSV. They sit on top
    of the bundled geography: records ingested from now on are placed with them.
    """
    from cspkit.geography.overlay import ingest_geography
    from cspkit.settings import setting

    report = ingest_geography(
        workspace.ensure().root,
        list(paths),
        wait=wait if wait is not None else float(setting("CSPKIT_LOCK_TIMEOUT") or 0),
    )
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=1))
        return
    for added in report.added:
        click.echo(f"{added['file']}: {added['kind']}, {added['rows']:,} row{'s' if added['rows'] != 1 else ''}")
    click.echo(f"Ingested {len(report.added)} geography files; {len(report.skipped)} already in the workspace.")
    from cspkit.store import open_snapshot

    if report.added and open_snapshot(workspace.root).catalogue.partitions:
        click.echo(
            "Records already in the store keep the areas they were given; ingest their files again "
            "into a fresh workspace to place them with the new geography."
        )
