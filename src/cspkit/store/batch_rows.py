"""The rows one batch put in the store, read back from its current partition files."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from cspkit.store.generations import open_snapshot


def batch_rows(root: Path, batch_id: str, limit: int | None = None) -> pa.Table | None:
    """The batch's rows in month order (None when none of its rows is current any more)."""
    snapshot = open_snapshot(root)
    parts = sorted((p for p in snapshot.catalogue.partitions if p.batch_id == batch_id), key=lambda p: p.month)
    tables: list[pa.Table] = []
    taken = 0
    for part in parts:
        table = pq.read_table(snapshot.path(part))
        table = table.filter(pc.equal(table["batch_id"], batch_id))
        tables.append(table)
        taken += table.num_rows
        if limit is not None and taken >= limit:
            break
    if not tables:
        return None
    rows = pa.concat_tables(tables, promote_options="default")
    return rows.slice(0, limit) if limit is not None else rows
