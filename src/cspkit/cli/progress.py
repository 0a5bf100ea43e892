"""A rich progress bar on a terminal; silence in a pipe or with --quiet."""

from __future__ import annotations

import sys
from typing import Any

from cspkit.progress import NoProgress, Progress


class BarProgress:
    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as RichProgress

        self._bar = RichProgress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[label]}"),
            console=Console(stderr=True),
            transient=True,
        )
        self._task: Any = None

    def start(self, total: int, description: str) -> None:
        self._bar.start()
        self._task = self._bar.add_task(description, total=total, label="")

    def advance(self, label: str) -> None:
        self._bar.update(self._task, advance=1, label=label.rsplit("/", 1)[-1])

    def finish(self) -> None:
        self._bar.stop()


def progress_for(quiet: bool) -> Progress:
    if quiet or not sys.stderr.isatty():
        return NoProgress()
    return BarProgress()
