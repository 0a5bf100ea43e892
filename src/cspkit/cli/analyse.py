"""`cspkit analyse near-repeat FILE ...`: the Knox test on point events with dates."""

from __future__ import annotations

import json
from pathlib import Path

import click


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
