"""Read the store through an in-memory DuckDB connection, one view per dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cspkit.store.generations import Snapshot, open_snapshot
from cspkit.store.schema import SCHEMAS


def _literal_list(values: list[str]) -> str:
    """A SQL list of string literals (views cannot take parameters)."""
    return "[" + ", ".join("'" + value.replace("'", "''") + "'" for value in values) + "]"


def connect(snapshot: Snapshot) -> Any:
    """A DuckDB connection whose views `street`, `outcomes`, `stop_and_search` show the
    current partitions of this snapshot (never a superseded one)."""
    import duckdb

    connection = duckdb.connect(":memory:")
    for dataset, schema in SCHEMAS.items():
        view = dataset.replace("-", "_")
        files = [str(snapshot.path(p)) for p in snapshot.catalogue.partitions if p.dataset == dataset]
        if files:
            # The view name is ours and every path is quoted by _literal_list.
            source = f"read_parquet({_literal_list(files)}, hive_partitioning = false)"
            connection.execute(f"CREATE VIEW {view} AS SELECT * FROM {source}")  # noqa: S608
        else:
            connection.register(f"{view}_empty", schema.empty_table())
            connection.execute(f"CREATE VIEW {view} AS SELECT * FROM {view}_empty")  # noqa: S608
    return connection


def connect_workspace(root: Path) -> tuple[Snapshot, Any]:
    snapshot = open_snapshot(root)
    return snapshot, connect(snapshot)
