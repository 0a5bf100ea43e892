"""A source file turned into store rows: what every reader hands to the ingest."""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class ParsedFile:
    """Store rows of one source file, with what the catalogue records of it."""

    label: str
    sha256: str
    dataset: str
    force: str  # police data: the force; empty for partner data
    table: pa.Table
    lsoa_vintage: str  # 2011, 2021, either, mixed
    agency: str = ""  # partner data: the agency that shared it
    expected_from: str | None = None  # partner data: the first month the agency shares
    synthetic: bool = False  # generated for the demo, never real
    covers: tuple[str, str] | None = None  # partner data: months accounted for, empty ones included

    @property
    def rows(self) -> int:
        return int(self.table.num_rows)

    @property
    def holder_folder(self) -> str:
        """The partition folder level naming whose data it is."""
        return f"force={self.force}" if self.force else f"agency={self.agency}"
