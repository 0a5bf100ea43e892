"""`cspkit counts`"""

from __future__ import annotations

import click

from cspkit.workspace import Workspace


@click.command()
@click.option(
    "--dataset",
    default="street",
    show_default=True,
    metavar="NAME",
    help="street, outcomes, stop-and-search, or a partner dataset in the store (e.g. deliberate-fires).",
)
@click.option("--by", "by", default="", metavar="FIELDS", help="Comma-separated fields to count by (see docs/cli.md).")
@click.option(
    "--where", "where", multiple=True, metavar="FIELD=VALUE", help="Keep matching rows; repeat a field for OR."
)
@click.option(
    "--period", metavar="P", help="2024-03, 2023/24, 2023/24-Q1, 12m-to-2024-03, fytd-2024-03, 2023-04..2024-03."
)
@click.option("--from", "start", metavar="YYYY-MM", help="Shorthand for a range's first month.")
@click.option("--to", "end", metavar="YYYY-MM", help="Shorthand for a range's last month.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.pass_obj
def counts(
    workspace: Workspace,
    dataset: str,
    by: str,
    where: tuple[str, ...],
    period: str | None,
    start: str | None,
    end: str | None,
    fmt: str,
) -> None:
    """Count records by fields, e.g. `--by month,category --where csp=E22000353`."""
    from cspkit.cli.output import write_rows
    from cspkit.counts import count_records, parse_where
    from cspkit.errors import UsageError
    from cspkit.periods import parse_period, range_period

    if period and (start or end):
        raise UsageError("give --period or --from/--to, not both")
    chosen = parse_period(period) if period else range_period(start, end) if (start or end) else None
    fields = [name.strip() for name in by.split(",") if name.strip()]
    result = count_records(workspace.root, dataset, fields, parse_where(dataset, list(where)), chosen)
    if result.missing:
        shown = ", ".join(f"{force} {month}" for force, month in result.missing[:6])
        more = f" and {len(result.missing) - 6} more" if len(result.missing) > 6 else ""
        click.echo(f"cspkit: coverage partial: no {dataset} data for {shown}{more}", err=True)
    write_rows(result.rows, result.fields, fmt)
