"""How long work reports its progress, without the library knowing about terminals."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def start(self, total: int, description: str) -> None: ...

    def advance(self, label: str) -> None: ...

    def finish(self) -> None: ...


class NoProgress:
    """Says nothing: for pipes, `--quiet`, tests and library callers."""

    def start(self, total: int, description: str) -> None:
        return None

    def advance(self, label: str) -> None:
        return None

    def finish(self) -> None:
        return None
