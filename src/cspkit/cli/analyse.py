"""`cspkit analyse`: near repeats (the Knox test), hotspots (KDE and Gi*), repeat locations."""

from __future__ import annotations

import json
from pathlib import Path

import click

from cspkit.workspace import Workspace


@click.group()
def analyse() -> None:
    """Spatial and temporal analysis of incidents."""


@analyse.command("near-repeat")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--x", "x", required=True, metavar="COL", help="The x (easting) column: header name or 1-based number.")
@click.option("--y", "y", required=True, metavar="COL", help="The y (northing) column.")
@click.option("--date", "date", required=True, metavar="COL", help="The date column.")
@click.option("--no-header", is_flag=True, help="The file has no header row (columns by number).")
@click.option("--date-format", default="%Y-%m-%d", show_default=True, help="strptime format of the dates.")
@click.option(
    "--spatial-bandwidth", type=float, required=True, help="Width of each distance band, in the file's units."
)
@click.option("--spatial-bands", type=click.IntRange(1, 100), required=True)
@click.option("--temporal-bandwidth", type=float, required=True, help="Width of each time band, in days.")
@click.option("--temporal-bands", type=click.IntRange(1, 365), required=True)
@click.option("--metric", type=click.Choice(["manhattan", "euclidean"]), default="manhattan", show_default=True)
@click.option("--nrc", is_flag=True, help="Count as the Near Repeat Calculator 1.3 does (see docs/near-repeat.md).")
@click.option("--permutations", type=click.IntRange(0, 100_000), default=999, show_default=True)
@click.option("--seed", type=int, default=None, help="Seed for the permutations (same seed, same result).")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def near_repeat(
    path: Path,
    x: str,
    y: str,
    date: str,
    no_header: bool,
    date_format: str,
    spatial_bandwidth: float,
    spatial_bands: int,
    temporal_bandwidth: float,
    temporal_bands: int,
    metric: str,
    nrc: bool,
    permutations: int,
    seed: int | None,
    fmt: str,
) -> None:
    """Are events close in space also close in time more often than chance? (Knox test)

    Needs real dates and coordinates: police.uk gives months and anonymised snap points
    only, so near repeats cannot be computed from police.uk data.
    """
    from cspkit.analysis.near_repeat import knox_test
    from cspkit.analysis.near_repeat import spatial_bands as make_spatial
    from cspkit.analysis.near_repeat import temporal_bands as make_temporal
    from cspkit.errors import UsageError
    from cspkit.sources.events import read_events

    if spatial_bandwidth <= 0 or temporal_bandwidth <= 0:
        raise UsageError("bandwidths must be positive")
    events = read_events(path, x, y, date, header=not no_header, date_format=date_format)
    result = knox_test(
        events.xy,
        events.days,
        make_spatial(spatial_bandwidth, spatial_bands, nrc),
        make_temporal(temporal_bandwidth, temporal_bands, nrc),
        metric=metric,
        permutations=permutations,
        seed=seed,
        nrc=nrc,
    )
    if fmt == "json":
        click.echo(json.dumps(result.as_dict(), indent=1))
        return
    click.echo(
        f"{result.events:,} events; {result.close_pairs:,} pairs within {spatial_bandwidth * spatial_bands:g} "
        f"({metric}); {result.permutations} permutations{' (Near Repeat Calculator conventions)' if nrc else ''}"
    )
    for title, values, shown in (
        ("Observed pairs", result.observed, "{:.0f}"),
        ("Knox ratio (observed / mean expected)", result.knox_ratio, "{:.2f}"),
        ("p-value (one-sided, permutations)", result.p_value, "{:.3f}"),
    ):
        click.echo(f"\n{title}")
        width = max(len(label) for label in result.spatial_labels)
        click.echo(" " * width + "".join(f"{label:>16}" for label in result.temporal_labels))
        for label, row in zip(result.spatial_labels, values.tolist(), strict=True):
            cells = "".join(f"{'' if v != v else shown.format(v):>16}" for v in row)
            click.echo(f"{label:<{width}}{cells}")


@analyse.command("hotspots")
@click.option("--dataset", default="street", show_default=True, help="street or stop-and-search.")
@click.option("--category", metavar="LABEL", help='A police.uk category, by label or slug ("Burglary").')
@click.option("--area", metavar="AREA", help="Only records in this area; the grid then covers its polygon.")
@click.option("--period", metavar="PERIOD", help="2023/24, 12m-to-2024-03, 2024-03 ... (default: all held).")
@click.option("--cell-size", type=float, help="Cell side in metres (default: sfhotspot's rule).")
@click.option("--bandwidth", type=float, help="Kernel radius in metres (default: sfhotspot's rule).")
@click.option("--fdr", is_flag=True, help="Adjust Gi* p-values for the false discovery rate (Benjamini-Hochberg).")
@click.option("--format", "fmt", type=click.Choice(["geojson", "csv"]), default="geojson", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, path_type=Path), help="Write here instead of stdout.")
@click.pass_obj
def hotspots(
    workspace: Workspace,
    dataset: str,
    category: str | None,
    area: str | None,
    period: str | None,
    cell_size: float | None,
    bandwidth: float | None,
    fdr: bool,
    fmt: str,
    output: Path | None,
) -> None:
    """Kernel density and Getis-Ord Gi* on a grid in British National Grid metres.

    Every grid cell used is written, with count, kde, gistar_z, gistar_p and its centre
    (x_bng, y_bng). police.uk points are anonymised snap points, not addresses: a hotspot
    is a cluster of snap points.
    """
    from cspkit.analysis.hotspots import hotspots as compute
    from cspkit.geography import load_geography
    from cspkit.geography.areas import parse_area
    from cspkit.indicators.areas import target_area
    from cspkit.indicators.listing import load_partnership
    from cspkit.periods import parse_period
    from cspkit.spatial.area_shape import area_outline
    from cspkit.spatial.hotspot_output import hotspot_csv, hotspot_geojson
    from cspkit.spatial.points import store_points
    from cspkit.writing import write_text_atomically

    chosen_period = parse_period(period) if period else None
    geo = load_geography(workspace.root)
    target = outline = None
    if area:
        target = target_area(geo, parse_area(area), load_partnership(workspace))
        outline = area_outline(geo, target)
    points = store_points(workspace.root, dataset, category, target, chosen_period)
    result = compute(points.xy, cell_size=cell_size, bandwidth=bandwidth, area=outline, fdr=fdr)
    about = {
        "dataset": dataset,
        "category": category,
        "area": f"{target.area_type}:{target.area}" if target else None,
        "area_name": target.area_name if target else None,
        "period": chosen_period.label if chosen_period else None,
        "months": [points.first_month, points.last_month],
        "records_without_coordinates": points.without_coordinates,
        "points_outside_grid": result.points - int(result.count.sum()),
        "points": "police.uk anonymised snap points" if dataset in ("street", "stop-and-search") else None,
        "method": "docs/hotspots.md",
    }
    text = hotspot_geojson(result, about) if fmt == "geojson" else hotspot_csv(result)
    if output is None:
        click.echo(text)
    else:
        write_text_atomically(output, text + ("\n" if fmt == "geojson" else ""))
        click.echo(
            f"{result.points:,} points, {result.grid.cells:,} cells of {result.grid.cell_size:g} m, "
            f"bandwidth {result.bandwidth:,.0f} m -> {output}",
            err=True,
        )


@analyse.command("repeats")
@click.argument("path", required=False, type=click.Path(path_type=Path))
@click.option("--location", "locations", multiple=True, metavar="COL", help="The location key column(s) of FILE.")
@click.option("--date", "date", metavar="COL", help="The date column of FILE.")
@click.option("--no-header", is_flag=True, help="FILE has no header row (columns by number).")
@click.option("--date-format", default="%Y-%m-%d", show_default=True, help="strptime format of the dates.")
@click.option("--dataset", metavar="NAME", help="A dataset in the store instead of FILE (partner data by its point).")
@click.option(
    "--window", type=click.IntRange(1, 3650), default=365, show_default=True, help="Days a repeat may follow."
)
@click.option("--top", type=click.IntRange(0, 1000), default=10, show_default=True, help="Locations listed.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def repeats(
    workspace: Workspace,
    path: Path | None,
    locations: tuple[str, ...],
    date: str | None,
    no_header: bool,
    date_format: str,
    dataset: str | None,
    window: int,
    top: int,
    fmt: str,
) -> None:
    """Repeat locations: events at a place that had another within --window days before.

    From FILE (a force or partner extract with a location key, e.g. an address reference,
    UPRN, or easting and northing, and dates), or from a partner dataset in the store (keyed
    by its exact point). police.uk data cannot give repeats; asked for it, this says why.
    """
    from cspkit.analysis.repeats import repeat_locations
    from cspkit.errors import UsageError
    from cspkit.sources.events import read_keyed_events
    from cspkit.spatial.partner_events import POLICEUK_WHY_NOT, partner_events

    notes: list[str] = []
    if dataset and path:
        raise UsageError("give FILE or --dataset, not both")
    if dataset in ("street", "outcomes", "stop-and-search"):
        if fmt == "json":
            click.echo(json.dumps({"dataset": dataset, "available": False, "reason": POLICEUK_WHY_NOT}, indent=1))
        else:
            click.echo(f"Repeats on {dataset}: not available.\n{POLICEUK_WHY_NOT}")
        return
    if dataset:
        found = partner_events(workspace.root, dataset)
        if found.without_date:
            notes.append(f"{found.without_date:,} records have a month but no date and are left out")
        if found.without_point:
            notes.append(
                f"{found.without_point:,} records are located by LSOA only (an area, not a place) and are left out"
            )
        if not found.keys:
            raise UsageError(
                f"{dataset}: no records with both a date and a point, so no repeat locations; " + "; ".join(notes)
            )
        keys, days, source = found.keys, found.days, f"store dataset {dataset} (location = exact point, BNG metres)"
    else:
        if path is None:
            raise UsageError("give FILE (with --location and --date) or --dataset NAME")
        if not locations or not date:
            raise UsageError("FILE needs --location COL (one or more) and --date COL")
        events = read_keyed_events(path, list(locations), date, header=not no_header, date_format=date_format)
        keys, days, source = events.keys, events.days, str(path)
    result = repeat_locations(keys, days, window, top)
    body = {"source": source, "available": True, **result.as_dict(), "notes": notes}
    if fmt == "json":
        click.echo(json.dumps(body, indent=1))
        return
    click.echo(f"Repeat locations in {source}, window {window} days")
    click.echo(
        f"{result.events:,} events at {result.locations:,} locations ({result.concentration:.2f} per location); "
        f"{result.repeat_events:,} repeats ({result.repeat_share:.1%} of events) at "
        f"{result.locations_with_repeats:,} locations"
    )
    if result.repeat_events:
        shares = ", ".join(f"{share:.0%} within {days_} days" for days_, share in result.within_days.items())
        click.echo(f"Time since the previous event, for repeats: {shares}")
    for row in result.top:
        click.echo(f"  {row['events']:>4}  {row['location']}  ({row['first']} to {row['last']})")
    for note in notes:
        click.echo(f"Note: {note}.")
