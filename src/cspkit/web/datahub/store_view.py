"""The record store as the web process reads it: parsed once per store generation.

An ingest swaps in a new generation folder (`store` -> `.store/NNNNNN`); the web process keys
what it has read by that folder, so a page after an ingest shows the new data without a restart,
and pages between ingests parse nothing twice (DESIGN.md: pages cached by store version).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from cspkit.store.catalogue import Catalogue
from cspkit.web.datahub.coverage_grid import Table, coverage_tables


def generation(home: Path) -> str:
    """The current generation's folder, or "" for an empty store."""
    link = home / "store"
    return os.path.realpath(link) if link.exists() else ""


@lru_cache(maxsize=4)
def _catalogue(folder: str) -> Catalogue:
    return Catalogue.read(Path(folder) / "catalogue.json")


def catalogue(home: Path) -> Catalogue:
    """The current catalogue (shared between requests: read it, never change it)."""
    folder = generation(home)
    return _catalogue(folder) if folder else Catalogue()


@lru_cache(maxsize=4)
def _coverage(home: str, folder: str) -> tuple[Table, ...]:
    return tuple(coverage_tables(Path(home)))


def coverage(home: Path) -> tuple[Table, ...]:
    return _coverage(str(home), generation(home))
