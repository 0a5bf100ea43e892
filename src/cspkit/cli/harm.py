"""`cspkit harm`: crime weighted by harm (Cambridge Crime Harm Index days by default)."""

from __future__ import annotations

from pathlib import Path

import click

from cspkit.workspace import Workspace


@click.command()
@click.option("--area", metavar="AREA", help="csp:CODE, ward:CODE, subarea:NAME ... (default: the partnership's).")
@click.option("--period", metavar="PERIOD", help="For police.uk data: 2023/24, 12m-to-2024-03 ...")
@click.option(
    "--source",
    type=click.Choice(["policeuk", "ons"]),
    default="policeuk",
    show_default=True,
    help="police.uk categories from the store, or ONS offence groups (bundled, every CSP).",
)
@click.option("--year-ending", metavar="YYYY-12", help="With --source ons: 2023-12 or 2024-12.")
@click.option(
    "--weights", type=click.Path(dir_okay=False, path_type=Path), help="Your own weights: CSV category,weight."
)
@click.option("--asb-weight", type=float, help="Days per ASB incident; without it ASB is outside the total.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.pass_obj
def harm(
    workspace: Workspace,
    area: str | None,
    period: str | None,
    source: str,
    year_ending: str | None,
    weights: Path | None,
    asb_weight: float | None,
    fmt: str,
) -> None:
    """Harm totals, shares and harm per 1,000 residents, by category or offence group.

    Harm = count x weight in days (default: the Cambridge Crime Harm Index, cited on the
    output). Anti-social behaviour is not a notifiable crime and has no CCHI weight, so it
    is shown but left out of the total unless --asb-weight gives it one.
    """
    import json

    from cspkit.cli.output import write_rows
    from cspkit.errors import UsageError
    from cspkit.geography import load_geography
    from cspkit.harm import default_weights, harm_rows, ons_group_weights, read_weights
    from cspkit.harm.sources import ons_counts, policeuk_counts
    from cspkit.harm.weights import ASB_NOTE
    from cspkit.indicators.areas import resolve_areas
    from cspkit.indicators.evaluate import area_population
    from cspkit.indicators.listing import load_partnership
    from cspkit.periods import parse_period

    if asb_weight is not None and asb_weight < 0:
        raise UsageError("--asb-weight must be zero or more")
    geo = load_geography(workspace.root)
    config = load_partnership(workspace)
    target = resolve_areas(geo, area, None, config, set())[0]
    missing: list[str] = []
    if source == "policeuk":
        if year_ending:
            raise UsageError("--year-ending goes with --source ons; police.uk data takes --period")
        if not period:
            raise UsageError("say which period: --period 2023/24 (or 12m-to-2024-03 ...)")
        chosen = parse_period(period)
        counts, missing = policeuk_counts(workspace.root, target, chosen)
        population, population_source = area_population(geo, target, chosen)
        label = chosen.label
        chosen_weights = read_weights(weights) if weights else default_weights()
    else:
        if period:
            raise UsageError("ONS tables are for whole years: use --year-ending 2024-12 (or 2023-12), not --period")
        label = year_ending or "2024-12"
        counts, population, population_source = ons_counts(target, label)
        label = f"12 months to {label}"
        chosen_weights = read_weights(weights) if weights else ons_group_weights()
    rows = [row.as_dict() for row in harm_rows(counts, chosen_weights, population, asb_weight)]
    about = {
        "area": f"{target.area_type}:{target.area}",
        "area_name": target.area_name,
        "period": label,
        "source": "police.uk street-level crime (store)" if source == "policeuk" else "ONS CSP tables (C2/C5)",
        "weights": chosen_weights.source,
        "asb": ASB_NOTE
        if asb_weight is None
        else f"Anti-social behaviour weighted at {asb_weight:g} days (--asb-weight)",
        "population": population,
        "population_source": population_source,
        "missing_months": missing,
    }
    if fmt == "json":
        click.echo(json.dumps({**about, "rows": rows}, indent=1))
        return
    if fmt == "csv":
        write_rows(rows, list(rows[0]), "csv")
        return
    click.echo(f"Harm in {target.area_name} ({about['area']}), {label}; {about['source']}")
    for row in rows:
        row["weight_days"] = None if row["weight_days"] is None else f"{row['weight_days']:,.2f}"
        row["harm_days"] = None if row["harm_days"] is None else f"{row['harm_days']:,.0f}"
        row["share"] = None if row["share"] is None else f"{row['share'] * 100:.1f}%"
        row["harm_per_1000"] = None if row["harm_per_1000"] is None else f"{row['harm_per_1000']:,.1f}"
    write_rows(rows, ["category", "count", "weight_days", "harm_days", "share", "harm_per_1000"], "table")
    click.echo(f"\nWeights: {about['weights']}.\n{about['asb']}.")
    if population:
        click.echo(f"Per 1,000: {population:,} residents ({population_source}).")
    if missing:
        click.echo(f"Coverage partial: the store lacks {', '.join(missing)}.")
