"""`cspkit compare`: a partnership against similar partnerships, or within its force."""

from __future__ import annotations

import click

from cspkit.workspace import Workspace


@click.command()
@click.option("--area", metavar="AREA", help="csp:CODE (default: the partnership's area).")
@click.option("--indicator", "reference", required=True, metavar="SET/ID", help="e.g. policeuk/burglary.")
@click.option("--period", required=True, metavar="PERIOD", help="12m-to-2024-12 or 12m-to-2023-12 for peers.")
@click.option(
    "--peers",
    metavar="auto|CODE,...",
    help="auto (nearest neighbours), or CSP codes (default: the configuration's, else auto).",
)
@click.option("--k", type=click.IntRange(1, 100), default=15, show_default=True, help="How many peers with auto.")
@click.option(
    "--within-force", is_flag=True, help="Compare with the other CSPs of the force on police.uk data instead."
)
@click.option(
    "--overdispersion",
    type=click.Choice(["no", "yes", "auto"]),
    default="no",
    show_default=True,
    help="Widen the funnel limits for overdispersion.",
)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.pass_obj
def compare(
    workspace: Workspace,
    area: str | None,
    reference: str,
    period: str,
    peers: str | None,
    k: int,
    within_force: bool,
    overdispersion: str,
    fmt: str,
) -> None:
    """Rate per 1,000 against a comparison group: group average, rank and funnel limits.

    Peers come from --peers, else the configuration's peers, else the 15 nearest English
    CSPs on stated features ("cspkit similar group (not the Home Office MSG)"). Peer figures
    are the ONS CSP tables, so the indicator must declare its ons_group.
    """
    import json

    from cspkit.cli.output import write_rows
    from cspkit.comparison.peer_comparison import compare_with_peers
    from cspkit.comparison.within_force import compare_within_force
    from cspkit.errors import UsageError
    from cspkit.geography import load_geography
    from cspkit.geography.areas import parse_area
    from cspkit.indicators.listing import load_partnership
    from cspkit.indicators.sets import load_indicator_sets
    from cspkit.periods import parse_period

    geo = load_geography(workspace.root)
    config = load_partnership(workspace)
    ref = parse_area(area) if area else (config.area if config else None)
    if ref is None:
        raise UsageError("say which area: --area csp:CODE, or a partnership configuration")
    if ref.area_type != "csp":
        raise UsageError(f"{ref}: comparisons are between CSPs (csp:CODE)")
    chosen = parse_period(period)
    indicator = load_indicator_sets(workspace.indicators).resolve(reference, chosen.end)
    if within_force:
        if peers:
            raise UsageError("--within-force compares with the force's CSPs: leave out --peers")
        result = compare_within_force(workspace.root, geo, ref.code, indicator, chosen, overdispersion)
    else:
        listed: list[str] | None
        if peers == "auto":
            listed, source = None, "auto"
        elif peers:
            listed = [parse_area(code.strip()).code for code in peers.split(",") if code.strip()]
            source = "given"
        elif config is not None and config.peers and config.area == ref:
            listed, source = [p.code for p in config.peers], "configuration"
        else:
            listed, source = None, "auto"
        result = compare_with_peers(ref.code, indicator, chosen, listed, source, k, overdispersion)
    body = result.as_dict()
    if fmt == "json":
        click.echo(json.dumps(body, indent=1))
        return
    rows = body["members"]
    if fmt == "csv":
        write_rows(rows, list(rows[0]), "csv")
        return
    click.echo(f"{result.title} ({result.indicator}), {result.period}: {result.area_name} and its {result.label}")
    for row in rows:
        row["rate_per_1000"] = f"{row['rate_per_1000']:.2f}"
        row["ratio"] = f"{row['ratio']:.3f}"
        row["95% limits"] = f"{row['ll95']:.3f}-{row['ul95']:.3f}"
    write_rows(
        rows, ["name", "role", "count", "population", "rate_per_1000", "rank", "ratio", "95% limits", "at_95"], "table"
    )
    group = result.summary
    click.echo(
        f"\nGroup average {group.group_average_per_1000:.2f} per 1,000 (unweighted mean of the {group.members} rates, "
        f"the area included); pooled {group.pooled_rate_per_1000:.2f}. Rank 1 = lowest rate."
    )
    click.echo(result.verdict)
    click.echo(f"Peers: {result.peer_method}. Source: {result.source}.")
