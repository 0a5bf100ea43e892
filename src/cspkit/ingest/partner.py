"""Ingest a partner agency's extract: screened, mapped, placed, and written all or nothing."""

from __future__ import annotations

from pathlib import Path

from cspkit.geography.tables import load_geography
from cspkit.ingest.common import IngestReport, new_file, record, write_partitions
from cspkit.sources.partner.mapping import PartnerMapping
from cspkit.sources.partner.read import read_partner
from cspkit.store.generations import StoreWriter


def ingest_partner(root: Path, paths: list[Path], mapping: PartnerMapping, *, wait: float = 0.0) -> IngestReport:
    """Read each extract in `paths` with `mapping`; any refused file leaves the store as it was."""
    geo = load_geography()
    report = IngestReport()
    root.mkdir(parents=True, exist_ok=True)
    with StoreWriter(root, wait) as writer:
        for path in paths:
            data = new_file(writer, path, report)
            if data is None:
                continue
            parsed = read_partner(path, mapping, geo, data)
            record(writer, parsed, write_partitions(writer, parsed), report)
        if report.added:
            writer.commit()
    return report
