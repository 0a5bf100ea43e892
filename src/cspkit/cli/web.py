"""`cspkit serve`, `cspkit worker` and `cspkit manage`: the web app (imported only here, lazily)."""

from __future__ import annotations

import click

from cspkit.workspace import Workspace


def start_web(workspace: Workspace, quiet: bool = False) -> None:
    """Configure Django for the workspace and prepare its database and static files."""
    from cspkit.web.runtime import prepare, setup

    setup(workspace.ensure().root)
    prepare(quiet=quiet)


def run_server(host: str, port: int, workers: int) -> None:
    from cspkit.web.runtime import serve as run

    click.echo(
        f"cspkit: serving on http://{host}:{port}/ with {workers} web workers and an ingest worker (Ctrl+C stops)"
    )
    code = run(host, port, workers)
    if code:
        raise click.exceptions.Exit(code)


def _server_options(command: click.Command) -> click.Command:
    for option in reversed(
        [
            click.Option(["--host"], default="127.0.0.1", show_default=True, help="Address to listen on."),
            click.Option(["--port"], type=int, default=8000, show_default=True, help="Port to listen on."),
            click.Option(
                ["--workers"], type=click.IntRange(1, 64), default=2, show_default=True, help="Web worker processes."
            ),
        ]
    ):
        command.params.insert(0, option)
    return command


@click.command()
@click.pass_obj
def serve(workspace: Workspace, host: str, port: int, workers: int) -> None:
    """Run the web app: migrations, static files, gunicorn and the ingest worker."""
    start_web(workspace)
    run_server(host, port, workers)


_server_options(serve)


@click.command()
@click.option("--once", is_flag=True, help="Ingest and build what is waiting, then stop.")
@click.pass_obj
def worker(workspace: Workspace, once: bool) -> None:
    """Ingest the data hub's uploads and build requested reports as they arrive (`cspkit serve` starts one)."""
    from cspkit.web.runtime import manage as run

    start_web(workspace, quiet=True)
    run("worker", *(["--once"] if once else []))


@click.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True})
@click.argument("arguments", nargs=-1, type=click.UNPROCESSED)
@click.pass_obj
def manage(workspace: Workspace, arguments: tuple[str, ...]) -> None:
    """Run a Django management command on the workspace's web app (e.g. `check --deploy`)."""
    from cspkit.web.runtime import execute, setup

    setup(workspace.ensure().root)
    execute(list(arguments))


@click.group()
def cases() -> None:
    """Case work (MARAC, IOM, ASB) as numbers: depersonalised counts into the record store."""


@cases.command("export")
@click.pass_obj
def cases_export(workspace: Workspace) -> None:
    """Write MARAC, IOM and ASB case work as depersonalised partner datasets and ingest them."""
    from cspkit.web.runtime import execute, setup

    setup(workspace.ensure().root)
    execute(["cases_export"])
