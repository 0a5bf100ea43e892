"""Where cspkit keeps its files: `--workspace`, else CSPKIT_HOME, else the per-user data dir."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cspkit.settings import setting


def default_home() -> Path:
    """The per-user data directory used when nothing else is said."""
    from platformdirs import user_data_path

    return user_data_path("cspkit", appauthor=False)


@dataclass(frozen=True)
class Workspace:
    """A workspace folder and the places inside it."""

    root: Path
    config_file: Path | None = None  # --config; else partnership.yaml in the workspace

    @classmethod
    def resolve(cls, explicit: str | Path | None = None) -> Workspace:
        chosen = explicit or setting("CSPKIT_HOME")
        return cls(Path(chosen).expanduser().resolve() if chosen else default_home())

    @property
    def store(self) -> Path:
        return self.root / "store"

    @property
    def config(self) -> Path:
        """The partnership configuration every command reads (DESIGN.md)."""
        return self.config_file or self.root / "partnership.yaml"

    @property
    def indicators(self) -> Path:
        """Where local indicator sets live (`*.yaml`)."""
        return self.root / "indicators"

    @property
    def incoming(self) -> Path:
        return self.root / "incoming"

    def ensure(self) -> Workspace:
        self.root.mkdir(parents=True, exist_ok=True)
        return self
