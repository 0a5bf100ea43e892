"""Options every command takes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import click


def _set_config(context: click.Context, _param: click.Parameter, value: Path | None) -> None:
    if value is not None and context.obj is not None:
        context.obj = dataclasses.replace(context.obj, config_file=value.expanduser().resolve())


def config_option() -> click.Option:
    return click.Option(
        ["--config"],
        type=click.Path(dir_okay=False, path_type=Path),
        expose_value=False,
        callback=_set_config,
        help="The partnership configuration (default: partnership.yaml in the workspace).",
    )


def add_config_option(command: click.Command) -> None:
    """Give `command` (and, for a group, each of its commands) a --config option."""
    if not any(param.name == "config" for param in command.params):
        command.params.append(config_option())
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            add_config_option(sub)
