"""Ingest police.uk files into the record store, all of them or none."""

from __future__ import annotations

import hashlib
from pathlib import Path

from cspkit.geography.tables import load_geography
from cspkit.ingest.common import IngestReport, ordered_map, record, write_partitions
from cspkit.progress import NoProgress, Progress
from cspkit.sources.policeuk.discover import Member, discover
from cspkit.sources.policeuk.parse import parse_member
from cspkit.store.catalogue import Partition
from cspkit.store.generations import StoreWriter
from cspkit.store.parsed import ParsedFile


def ingest_policeuk(
    root: Path,
    paths: list[Path],
    *,
    force: str | None = None,
    skip_unknown: bool = False,
    allow_mixed_vintage: bool = False,
    wait: float = 0.0,
    progress: Progress | None = None,
) -> IngestReport:
    """Read every police.uk file under `paths` into the store at `root`, as one change.

    A file whose bytes were ingested before changes nothing; a file for a dataset, force
    and month already in the store replaces the earlier batch there. Any bad file stops the
    whole ingest and leaves the store as it was.
    """
    progress = progress or NoProgress()
    members = discover(paths, skip_unknown)
    geo = load_geography(root)
    report = IngestReport()
    root.mkdir(parents=True, exist_ok=True)

    def prepare(member: Member) -> tuple[Member, str, ParsedFile | None, list[Partition]]:
        data = member.read()
        digest = hashlib.sha256(data).hexdigest()
        if writer.catalogue.batch_with_sha(digest) is not None:
            return member, digest, None, []
        parsed = parse_member(member, geo, force=force, allow_mixed_vintage=allow_mixed_vintage, data=data)
        return member, digest, parsed, write_partitions(writer, parsed)

    with StoreWriter(root, wait) as writer:
        progress.start(len(members), "Ingesting police.uk files")
        for member, digest, parsed, partitions in ordered_map(prepare, members):
            known = writer.catalogue.batch_with_sha(digest)
            if known is not None:
                report.skipped.append((member.label, known.batch_id))
            elif parsed is not None:
                record(writer, parsed, partitions, report)
            progress.advance(member.label)
        progress.finish()
        if report.added:
            writer.commit()
    return report
