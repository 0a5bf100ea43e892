"""Read the store through an in-memory DuckDB connection, one view per dataset."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cspkit.store.generations import Snapshot, open_snapshot
from cspkit.store.schema import PARTNER_SCHEMA, RECORDED_CRIME_SCHEMA, SCHEMAS, SURVEY_SCHEMA, is_partner_dataset


def _literal_list(values: list[str]) -> str:
    """A SQL list of string literals (views cannot take parameters)."""
    return "[" + ", ".join("'" + value.replace("'", "''") + "'" for value in values) + "]"


def _view(connection: Any, view: str, files: list[str], schema: Any) -> None:
    if files:
        # The view name is ours and every path is quoted by _literal_list.
        source = f"read_parquet({_literal_list(files)}, hive_partitioning = false)"
        connection.execute(f"CREATE VIEW {view} AS SELECT * FROM {source}")  # noqa: S608
    else:
        connection.register(f"{view}_empty", schema.empty_table())
        connection.execute(f"CREATE VIEW {view} AS SELECT * FROM {view}_empty")  # noqa: S608


def connect(snapshot: Snapshot) -> Any:
    """A DuckDB connection over the current partitions of this snapshot (never a superseded
    one): views `street`, `outcomes`, `stop_and_search`, and `partner` holding every partner
    dataset (its `dataset` column says which)."""
    import duckdb

    connection = duckdb.connect(":memory:")
    partitions = snapshot.catalogue.partitions
    for dataset, schema in SCHEMAS.items():
        files = [str(snapshot.path(p)) for p in partitions if p.dataset == dataset]
        _view(connection, dataset.replace("-", "_"), files, schema)
    recorded = [str(snapshot.path(p)) for p in partitions if p.dataset == "recorded-crime"]
    _view(connection, "recorded_crime", recorded, RECORDED_CRIME_SCHEMA)
    survey = [str(snapshot.path(p)) for p in partitions if p.dataset == "survey"]
    _view(connection, "survey", survey, SURVEY_SCHEMA)
    partner = [str(snapshot.path(p)) for p in partitions if is_partner_dataset(p.dataset)]
    _view(connection, "partner", partner, PARTNER_SCHEMA)
    return connection


def connect_workspace(root: Path) -> tuple[Snapshot, Any]:
    snapshot = open_snapshot(root)
    return snapshot, connect(snapshot)
