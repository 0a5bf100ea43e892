"""`cspkit`: the entry point, shared options and error handling."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cspkit.__about__ import __version__
from cspkit.cli.analyse import analyse
from cspkit.cli.assess import assess
from cspkit.cli.compare import compare
from cspkit.cli.counts import counts
from cspkit.cli.demo import demo
from cspkit.cli.geography import geography
from cspkit.cli.harm import harm
from cspkit.cli.indicators import indicators
from cspkit.cli.ingest import ingest
from cspkit.cli.init import init
from cspkit.cli.options import add_config_option
from cspkit.cli.performance import performance
from cspkit.cli.plan import plan
from cspkit.cli.recorded_crime import recorded_crime
from cspkit.cli.status import status
from cspkit.cli.store import store
from cspkit.cli.web import cases, manage, serve, worker
from cspkit.errors import CspkitError, StoreBusyError

EXIT_BAD_INPUT = 2
EXIT_BUSY = 3
EXIT_INTERRUPTED = 130


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="cspkit")
@click.option(
    "--workspace",
    type=click.Path(file_okay=False, path_type=Path),
    envvar="CSPKIT_HOME",
    help="Workspace folder (default: $CSPKIT_HOME, else your per-user data folder).",
)
@click.option(
    "--config",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The partnership configuration (default: partnership.yaml in the workspace).",
)
@click.pass_context
def cli(context: click.Context, workspace: Path | None, config: Path | None) -> None:
    """cspkit: data, assessment and performance for a Community Safety Partnership."""
    from cspkit.workspace import Workspace

    chosen = Workspace.resolve(workspace)
    context.obj = Workspace(chosen.root, config.expanduser().resolve() if config else None)


cli.add_command(ingest)
cli.add_command(status)
cli.add_command(counts)
cli.add_command(demo)
cli.add_command(recorded_crime)
cli.add_command(geography)
cli.add_command(init)
cli.add_command(indicators)
cli.add_command(store)
cli.add_command(analyse)
cli.add_command(harm)
cli.add_command(compare)
cli.add_command(assess)
cli.add_command(plan)
cli.add_command(performance)
cli.add_command(serve)
cli.add_command(cases)
cli.add_command(worker)
cli.add_command(manage)
for _command in cli.commands.values():
    add_config_option(_command)


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.Abort:
        click.echo("cspkit: interrupted; the record store is unchanged", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except KeyboardInterrupt:
        click.echo("cspkit: interrupted; the record store is unchanged", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except StoreBusyError as error:
        click.echo(f"cspkit: {error}", err=True)
        sys.exit(EXIT_BUSY)
    except CspkitError as error:
        click.echo(f"cspkit: error: {error}", err=True)
        sys.exit(EXIT_BAD_INPUT)
