"""`cspkit indicators`: evaluate indicator sets for areas and a period."""

from __future__ import annotations

import click

from cspkit.workspace import Workspace


@click.command()
@click.option("--set", "set_names", multiple=True, metavar="NAME", help="An indicator set (repeatable).")
@click.option("--indicator", "references", multiple=True, metavar="SET/ID[@V]", help="One indicator (repeatable).")
@click.option("--area", metavar="AREA", help="One area: csp:CODE, ward:CODE, subarea:NAME, force:SLUG ...")
@click.option("--area-type", metavar="TYPE", help="Every area of a type: lsoa, ward, authority, csp, force, subarea.")
@click.option("--period", "periods", multiple=True, metavar="PERIOD", help="2024-03, 2023/24, 12m-to-2024-03 ...")
@click.option("--engine", metavar="duckdb|URL", help="Where to evaluate (default: $CSPKIT_ANALYTICS_URL, else duckdb).")
@click.option("--compare", is_flag=True, help="Add the same span a year earlier: change, rate ratio, E-test p.")
@click.option(
    "--min-change",
    type=int,
    default=0,
    show_default=True,
    help="With --compare: the least change in counts called significant.",
)
@click.option("--list", "list_only", is_flag=True, help="List the definitions instead of evaluating them.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.pass_obj
def indicators(
    workspace: Workspace,
    set_names: tuple[str, ...],
    references: tuple[str, ...],
    area: str | None,
    area_type: str | None,
    periods: tuple[str, ...],
    engine: str | None,
    compare: bool,
    min_change: int,
    list_only: bool,
    fmt: str,
) -> None:
    """Indicator values with exact 95 % intervals, denominators and coverage.

    Without --set or --indicator: the sets the partnership configuration names (else
    policeuk). Without --area or --area-type: the partnership's own area. A period with a
    month missing from the store gives no value and names the month.
    """
    from cspkit.cli.output import write_rows
    from cspkit.errors import UsageError
    from cspkit.indicators.listing import chosen_indicators, definition_rows, load_partnership
    from cspkit.periods import parse_period

    config = load_partnership(workspace)
    if list_only:
        rows = definition_rows(workspace, config, set_names, references)
        write_rows(rows, list(rows[0]), "table" if fmt == "table" else fmt)
        return
    if not periods:
        raise UsageError("say which period: --period 2023/24 (or 2024-03, 12m-to-2024-03, fytd-2024-03 ...)")
    parsed = [parse_period(text) for text in periods]
    from cspkit.geography import load_geography
    from cspkit.indicators import FIELDS, evaluate, open_engine, resolve_areas
    from cspkit.settings import setting

    geo = load_geography(workspace.root)
    chosen = chosen_indicators(workspace, config, set_names, references, max(p.end for p in parsed))
    backend = open_engine(workspace.root, engine or setting("CSPKIT_ANALYTICS_URL"))
    forces = {p.holder for p in backend.catalogue.partitions if p.dataset in ("street", "recorded-crime")}
    areas = resolve_areas(geo, area, area_type, config, forces)
    fields = list(FIELDS)
    if compare:
        from cspkit.indicators.compare import COMPARISON_FIELDS, with_comparison

        rows = evaluate(backend, geo, chosen, areas, parsed + [p.comparison() for p in parsed])
        rows = with_comparison(rows, parsed, min_change)
        fields += COMPARISON_FIELDS
    else:
        rows = evaluate(backend, geo, chosen, areas, parsed)
    if fmt == "table":
        from cspkit.indicators.listing import table_rows

        shown, shown_fields = table_rows(rows, compare)
        write_rows(shown, shown_fields, "table")
    elif fmt == "csv":
        for row in rows:
            row["missing_months"] = " ".join(row["missing_months"])
        write_rows(rows, fields, "csv")
    else:
        write_rows(rows, fields, "json")
