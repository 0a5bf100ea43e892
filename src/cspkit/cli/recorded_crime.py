"""`cspkit recorded-crime`: ONS recorded crime for every CSP and force, with rates."""

from __future__ import annotations

import click


@click.command("recorded-crime")
@click.option("--year-ending", metavar="YYYY-MM", help="2023-12 or 2024-12 (default: both).")
@click.option("--area", metavar="AREA", help="One area, e.g. csp:E22000353 or force:bedfordshire.")
@click.option("--area-type", metavar="TYPE", help="csp, force, region, country or unassigned.")
@click.option("--group", metavar="SLUG", help="One offence group, e.g. residential-burglary.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
def recorded_crime(
    year_ending: str | None, area: str | None, area_type: str | None, group: str | None, fmt: str
) -> None:
    """Police recorded crime by CSP and force from the ONS tables (C2, C4, C5, P1, P3), bundled.

    Counts, the population ONS published with them, and rates per 1,000 (residential
    burglary also per 1,000 households), for the years ending December 2023 and 2024.
    """
    from cspkit.cli.output import write_rows
    from cspkit.recorded_crime import FIELDS, ons_recorded_crime

    rows = ons_recorded_crime(year_ending, area, area_type, group)
    if fmt == "table":
        shown = ["year_ending", "area", "area_name", "offence_group", "count", "denominator", "rate_per_1000"]
        for row in rows:
            row["rate_per_1000"] = None if row["rate_per_1000"] is None else round(row["rate_per_1000"], 2)
        write_rows(rows, shown, fmt)
    else:
        write_rows(rows, FIELDS, fmt)
