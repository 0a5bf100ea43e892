"""Errors a person can act on: each names the file, line and field at fault."""

from __future__ import annotations

from dataclasses import dataclass


class CspkitError(Exception):
    """Base of every error cspkit raises on purpose; the CLI prints it in one line, exit 2."""


@dataclass(frozen=True)
class Where:
    """A place in an input file: line numbers count from 1 and include the header line."""

    file: str
    line: int | None = None
    column: str | None = None
    label: str = "column"  # what `column` names: a CSV column, or a key of a YAML file

    def __str__(self) -> str:
        text = self.file
        if self.line is not None:
            text += f", line {self.line}"
        if self.column is not None:
            text += f", {self.label} {self.column!r}"
        return text


class InputError(CspkitError):
    """An input file cspkit refuses, with where and why."""

    def __init__(self, where: Where, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason


class UsageError(CspkitError):
    """A request that cannot be answered as asked (unknown field, bad period, ...)."""


class StoreBusyError(CspkitError):
    """Another process is writing to the record store."""
