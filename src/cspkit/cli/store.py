"""`cspkit store mirror --to URL`: copy the store into PostgreSQL for the server path."""

from __future__ import annotations

import json

import click

from cspkit.workspace import Workspace


@click.group()
def store() -> None:
    """The record store beyond ingest: mirror it to a server database."""


@store.command()
@click.option("--to", "url", required=True, metavar="postgresql://…", help="The database to mirror into.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.pass_obj
def mirror(workspace: Workspace, url: str, fmt: str) -> None:
    """Copy every current batch and the geography tables into PostgreSQL with COPY.

    One transaction per batch; run it again after each ingest and only what changed moves
    (a re-issued month replaces the old one there too). Then evaluate there with
    `cspkit indicators --engine URL` or CSPKIT_ANALYTICS_URL.
    """
    from cspkit.errors import UsageError
    from cspkit.store.mirror import mirror_store

    if not url.startswith(("postgresql://", "postgres://")):
        raise UsageError("--to must be a postgresql:// URL")
    report = mirror_store(workspace.root, url)
    if fmt == "json":
        click.echo(json.dumps(report.as_dict(), indent=1))
        return
    click.echo(
        f"Mirrored {len(report.copied)} batches ({report.rows:,} rows); {report.unchanged} partitions were "
        f"already there; {report.removed} replaced partitions removed; {report.geography_tables} geography tables."
    )
