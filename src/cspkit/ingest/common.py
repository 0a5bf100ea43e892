"""What every ingest shares: the report, data-quality counts, partition writing, the catalogue entry."""

from __future__ import annotations

import hashlib
import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from cspkit.errors import InputError, Where
from cspkit.store.catalogue import Batch, Partition
from cspkit.store.generations import StoreWriter
from cspkit.store.parsed import ParsedFile

T = TypeVar("T")
R = TypeVar("R")


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
                {
                    "batch_id": b.batch_id,
                    "source": b.source,
                    "dataset": b.dataset,
                    "force": b.force,
                    "agency": b.agency,
                    "rows": b.rows,
                    "months": b.months,
                    "lsoa_vintage": b.lsoa_vintage,
                }
                for b in self.added
            ],
            "skipped": [{"source": source, "same_as_batch": batch} for source, batch in self.skipped],
            "replaced": [{"batch_id": old, "replaced_by": new} for old, new in self.replaced],
            "rows": self.rows,
        }


def quality(table: pa.Table) -> dict[str, int]:
    """The data-quality counts every output reports alongside what depends on them."""
    if "lon" not in table.column_names:
        return {}  # aggregate tables (recorded crime by force) have no places to check
    return {
        "no_coordinates": table["lon"].null_count,
        "no_lsoa": table["lsoa21"].null_count,
        "outside_force_area": int(pc.sum(table["outside_force_area"]).as_py() or 0),
        "unassigned": int(pc.sum(pc.equal(table["assign_method"], pa.scalar("unassigned"))).as_py() or 0),
    }


def _covered(covers: tuple[str, str] | None) -> set[date]:
    """The months a partner file says it accounts for: one with no rows is written as an empty
    partition, so it counts as a true zero (and replaces an older extract's rows for it)."""
    if covers is None:
        return set()
    start = np.datetime64(covers[0], "M")
    return set(np.arange(start, np.datetime64(covers[1], "M") + 1).astype("datetime64[M]").tolist())


def write_partitions(writer: StoreWriter, parsed: ParsedFile) -> list[Partition]:
    """Split a parsed file by month and write each part into the new generation.

    Runs in worker threads: paths depend only on the file's hash, so nothing is shared."""
    batch_id = parsed.sha256[:16]
    months = parsed.table["month"].to_numpy(zero_copy_only=False).astype("datetime64[M]")
    partitions = []
    for month in sorted(set(months.tolist()) | _covered(parsed.covers)):
        label = f"{month.year:04d}-{month.month:02d}"
        rows = parsed.table.filter(pa.array(months == np.datetime64(month, "M")))
        path = f"dataset={parsed.dataset}/{parsed.holder_folder}/month={label}/{batch_id}.parquet"
        partition = Partition(
            parsed.dataset, parsed.force, label, batch_id, path, rows.num_rows, quality(rows), parsed.agency
        )
        writer.write_partition(partition, rows)
        partitions.append(partition)
    return partitions


def record(writer: StoreWriter, parsed: ParsedFile, partitions: list[Partition], report: IngestReport) -> None:
    """Enter a written file in the catalogue, replacing what it re-issues (main thread)."""
    catalogue = writer.catalogue
    batch_id = parsed.sha256[:16]
    for partition in partitions:
        old = catalogue.partition(partition.key)
        if old is not None:
            catalogue.partitions.remove(old)
            for batch in catalogue.batches:
                if batch.batch_id == old.batch_id and batch.replaced_by is None:
                    batch.replaced_by = batch_id
                    report.replaced.append((old.batch_id, batch_id))
        catalogue.partitions.append(partition)
    batch = Batch(
        batch_id=batch_id,
        dataset=parsed.dataset,
        force=parsed.force,
        source=parsed.label,
        sha256=parsed.sha256,
        rows=parsed.rows,
        ingested_at=datetime.now(UTC).isoformat(timespec="seconds"),
        months=[partition.month for partition in partitions],
        lsoa_vintage=parsed.lsoa_vintage,
        agency=parsed.agency,
        expected_from=parsed.expected_from,
        synthetic=parsed.synthetic,
    )
    catalogue.batches.append(batch)
    report.added.append(batch)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def new_file(
    writer: StoreWriter, path: Path, report: IngestReport, identity: Callable[[bytes], str] = _sha256
) -> bytes | None:
    """The bytes of `path`, or None (noted as skipped) when the store already holds them."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise InputError(Where(str(path)), error.strerror or "cannot be read") from None
    known = writer.catalogue.batch_with_sha(identity(data))
    if known is not None:
        report.skipped.append((str(path), known.batch_id))
        return None
    return data


def ingest_files(
    root: Path,
    paths: list[Path],
    wait: float,
    add: Callable[[StoreWriter, Path, bytes, IngestReport], None],
    identity: Callable[[bytes], str] = _sha256,
) -> IngestReport:
    """One store change for a list of files: `add` each new one (files already held are
    skipped), commit if anything was added; an error from any file leaves the store as it was."""
    report = IngestReport()
    root.mkdir(parents=True, exist_ok=True)
    with StoreWriter(root, wait) as writer:
        for path in paths:
            data = new_file(writer, path, report, identity)
            if data is not None:
                add(writer, path, data, report)
        if report.added:
            writer.commit()
    return report


def ordered_map(work: Callable[[T], R], items: list[T]) -> Iterator[R]:
    """`work` over `items` on every core, results in order, a few files ahead at most.

    Arrow's CSV reader, shapely and pyproj release the GIL, so threads overlap well; the
    window keeps memory to a handful of parsed files however many are ingested."""
    workers = max(1, min(os.cpu_count() or 1, 8))
    window = 2 * workers
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending: deque[Future[R]] = deque()
        try:
            for item in items:
                pending.append(pool.submit(work, item))
                if len(pending) >= window:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        finally:
            for future in pending:
                future.cancel()
