"""`cspkit init --area CODE`: write a commented starting partnership configuration."""

from __future__ import annotations

import click

from cspkit.workspace import Workspace


@click.command()
@click.option("--area", required=True, metavar="AREA", help="The partnership's area: csp:CODE or authority:CODE.")
@click.option("--overwrite", is_flag=True, help="Replace an existing configuration file.")
@click.pass_obj
def init(workspace: Workspace, area: str, overwrite: bool) -> None:
    """Write partnership.yaml for AREA: name, area, sub-areas to fill in, peers, indicator sets."""
    from cspkit.config import starting_config
    from cspkit.errors import UsageError
    from cspkit.geography import load_geography
    from cspkit.writing import write_text_atomically

    target = workspace.config
    if target.exists() and not overwrite:
        raise UsageError(f"{target} already exists: edit it, or pass --overwrite to start again")
    text = starting_config(load_geography(workspace.root), area)
    write_text_atomically(target, text)
    click.echo(f"Wrote {target}. Add sub-areas and peers, then run `cspkit indicators --period 2023/24`.")
