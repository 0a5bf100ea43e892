"""Ingest public survey results (aggregates by question, area and period)."""

from __future__ import annotations

from pathlib import Path

from cspkit.geography.tables import load_geography
from cspkit.ingest.common import IngestReport, ingest_files, record, write_partitions
from cspkit.sources.survey import read_survey
from cspkit.store.generations import StoreWriter


def ingest_survey(root: Path, paths: list[Path], *, synthetic: bool = False, wait: float = 0.0) -> IngestReport:
    """Each file is one batch; a file for a period the store holds re-issues it."""
    geo = load_geography(root)

    def add(writer: StoreWriter, path: Path, data: bytes, report: IngestReport) -> None:
        parsed = read_survey(path, data, geo, synthetic=synthetic)
        record(writer, parsed, write_partitions(writer, parsed), report)

    return ingest_files(root, paths, wait, add)
