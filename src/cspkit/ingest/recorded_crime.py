"""Ingest Home Office recorded crime by offence code: partitions by force and quarter."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from cspkit.ingest.common import IngestReport, ingest_files, record, write_partitions
from cspkit.sources.homeoffice.prc import read_prc
from cspkit.store.generations import StoreWriter
from cspkit.store.parsed import ParsedFile


def ingest_recorded_crime(root: Path, paths: list[Path], *, wait: float = 0.0) -> IngestReport:
    """Each file is one batch; its rows are written per force (or fraud body) and quarter."""

    def add(writer: StoreWriter, path: Path, data: bytes, report: IngestReport) -> None:
        parts = read_prc(path, data)
        partitions = [partition for parsed in parts for partition in write_partitions(writer, parsed)]
        holders = sorted({parsed.force for parsed in parts})
        whole = ParsedFile(
            parts[0].label,
            parts[0].sha256,
            parts[0].dataset,
            holders[0] if len(holders) == 1 else "national",
            pa.concat_tables([parsed.table for parsed in parts]),
            "",
        )
        record(writer, whole, partitions, report)

    return ingest_files(root, paths, wait, add)
