"""Ingest a partner agency's extract: screened, mapped, placed, and written all or nothing."""

from __future__ import annotations

from pathlib import Path

from cspkit.geography.tables import load_geography
from cspkit.ingest.common import IngestReport, ingest_files, record, write_partitions
from cspkit.sources.partner.mapping import PartnerMapping
from cspkit.sources.partner.read import partner_digest, read_partner
from cspkit.store.generations import StoreWriter


def ingest_partner(root: Path, paths: list[Path], mapping: PartnerMapping, *, wait: float = 0.0) -> IngestReport:
    """Read each extract in `paths` with `mapping`; any refused file leaves the store as it was."""
    geo = load_geography(root)

    def add(writer: StoreWriter, path: Path, data: bytes, report: IngestReport) -> None:
        parsed = read_partner(path, mapping, geo, data)
        record(writer, parsed, write_partitions(writer, parsed), report)

    return ingest_files(root, paths, wait, add, lambda data: partner_digest(data, mapping))
