"""Ingest police.uk files into the record store, all of them or none."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cspkit.geography.tables import load_geography
from cspkit.progress import NoProgress, Progress
from cspkit.sources.policeuk.discover import discover
from cspkit.sources.policeuk.parse import ParsedFile, parse_member
from cspkit.store.catalogue import Batch, Partition
from cspkit.store.generations import StoreWriter


@dataclass
class IngestReport:
    """What an ingest did, file by file."""

    added: list[Batch] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, batch it matches)
    replaced: list[tuple[str, str]] = field(default_factory=list)  # (old batch, new batch)

    @property
    def rows(self) -> int:
        return sum(batch.rows for batch in self.added)

    def as_dict(self) -> dict[str, object]:
        return {
            "added": [
                {"batch_id": b.batch_id, "source": b.source, "dataset": b.dataset, "force": b.force,
                 "rows": b.rows, "months": b.months, "lsoa_vintage": b.lsoa_vintage}
                for b in self.added
            ],
            "skipped": [{"source": source, "same_as_batch": batch} for source, batch in self.skipped],
            "replaced": [{"batch_id": old, "replaced_by": new} for old, new in self.replaced],
            "rows": self.rows,
        }


def quality(table: pa.Table) -> dict[str, int]:
    """The data-quality counts every output reports alongside what depends on them."""
    return {
        "no_coordinates": table["lon"].null_count,
        "no_lsoa": table["lsoa21"].null_count,
        "outside_force_area": int(pc.sum(table["outside_force_area"]).as_py() or 0),
        "unassigned": int(pc.sum(pc.equal(table["assign_method"], "unassigned")).as_py() or 0),
    }


def _add(writer: StoreWriter, parsed: ParsedFile, report: IngestReport) -> None:
    catalogue = writer.catalogue
    batch_id = parsed.sha256[:16]
    months = parsed.table["month"].to_numpy(zero_copy_only=False).astype("datetime64[M]")
    unique = sorted(set(months.tolist()))
    labels = [f"{m.year:04d}-{m.month:02d}" for m in unique]
    for month, label in zip(unique, labels, strict=True):
        key = (parsed.dataset, parsed.force, label)
        rows = parsed.table.filter(pa.array(months == np.datetime64(month, "M")))
        old = catalogue.partition(key)
        if old is not None:
            catalogue.partitions.remove(old)
            for batch in catalogue.batches:
                if batch.batch_id == old.batch_id and batch.replaced_by is None:
                    batch.replaced_by = batch_id
                    report.replaced.append((old.batch_id, batch_id))
        path = f"dataset={parsed.dataset}/force={parsed.force}/month={label}/{batch_id}.parquet"
        partition = Partition(parsed.dataset, parsed.force, label, batch_id, path, rows.num_rows, quality(rows))
        writer.write_partition(partition, rows)
        catalogue.partitions.append(partition)
    batch = Batch(
        batch_id=batch_id,
        dataset=parsed.dataset,
        force=parsed.force,
        source=parsed.label,
        sha256=parsed.sha256,
        rows=parsed.rows,
        ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        months=labels,
        lsoa_vintage=parsed.lsoa_vintage,
    )
    catalogue.batches.append(batch)
    report.added.append(batch)


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
    geo = load_geography()
    report = IngestReport()
    root.mkdir(parents=True, exist_ok=True)
    with StoreWriter(root, wait) as writer:
        progress.start(len(members), "Ingesting police.uk files")
        for member in members:
            data = member.read()
            known = writer.catalogue.batch_with_sha(hashlib.sha256(data).hexdigest())
            if known is not None:
                report.skipped.append((member.label, known.batch_id))
            else:
                parsed = parse_member(member, geo, force=force, allow_mixed_vintage=allow_mixed_vintage, data=data)
                _add(writer, parsed, report)
            progress.advance(member.label)
        progress.finish()
        if report.added:
            writer.commit()
    return report
