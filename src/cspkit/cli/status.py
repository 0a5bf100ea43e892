"""`cspkit status`"""

from __future__ import annotations

import json

import click

from cspkit.workspace import Workspace


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@click.pass_obj
def status(workspace: Workspace, fmt: str) -> None:
    """What the record store holds: rows, coverage (force x month) with gaps, data quality."""
    from cspkit.status import status_text, store_status

    summary = store_status(workspace.root)
    click.echo(json.dumps(summary, indent=1, sort_keys=True) if fmt == "json" else status_text(summary))
