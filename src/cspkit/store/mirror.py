"""`cspkit store mirror --to postgresql://…`: the store's current partitions and the
geography tables copied into PostgreSQL, so the evaluator can run on one server database.

Rows go in with COPY, one transaction per batch: a run that stops leaves every batch either
fully mirrored or absent. A second run copies only what changed: partitions already
mirrored are skipped, and partitions the store has since replaced (a re-issued month) are
deleted. The catalogue is copied last so the server names missing months as the store does.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from cspkit.errors import UsageError
from cspkit.store.catalogue import Partition
from cspkit.store.generations import open_snapshot
from cspkit.store.schema import PARTNER_SCHEMA, RECORDED_CRIME_SCHEMA, SCHEMAS, SURVEY_SCHEMA, is_partner_dataset

PARTITIONS_TABLE = "cspkit_partitions"
CATALOGUE_TABLE = "cspkit_catalogue"
GEOGRAPHY_PREFIX = "cspkit_geo_"
_TYPES = {
    pa.string(): "text",
    pa.large_string(): "text",
    pa.date32(): "date",
    pa.float64(): "double precision",
    pa.int64(): "bigint",
    pa.int32(): "integer",
    pa.int16(): "smallint",
    pa.int8(): "smallint",
    pa.bool_(): "boolean",
    pa.binary(): "bytea",
}


def _pg_type(arrow: pa.DataType) -> str:
    if pa.types.is_timestamp(arrow):
        return "timestamptz" if arrow.tz else "timestamp"
    if arrow not in _TYPES:
        raise TypeError(f"no PostgreSQL type for {arrow}")
    return _TYPES[arrow]


def table_of(dataset: str) -> tuple[str, pa.Schema]:
    """The PostgreSQL table (the DuckDB view's name) and schema of a store dataset."""
    if dataset in SCHEMAS:
        return dataset.replace("-", "_"), SCHEMAS[dataset]
    if dataset == "recorded-crime":
        return "recorded_crime", RECORDED_CRIME_SCHEMA
    if dataset == "survey":
        return "survey", SURVEY_SCHEMA
    if is_partner_dataset(dataset):
        return "partner", PARTNER_SCHEMA
    raise UsageError(f"unknown dataset {dataset!r}")


def _holder_column(dataset: str) -> str:
    return "agency" if is_partner_dataset(dataset) else "force"


def _create(cursor: Any, name: str, schema: pa.Schema) -> None:
    from psycopg import sql

    columns = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(f.name), sql.SQL(_pg_type(f.type))) for f in schema
    )
    cursor.execute(sql.SQL("CREATE TABLE IF NOT EXISTS {} ({})").format(sql.Identifier(name), columns))


def _copy(cursor: Any, name: str, table: pa.Table) -> None:
    import pyarrow.csv as pacsv

    if table.num_rows == 0:
        return
    buffer = io.BytesIO()
    # Arrow writes a null as nothing and an empty string as "", which is how PostgreSQL's
    # CSV format tells them apart.
    pacsv.write_csv(table, buffer)
    from psycopg import sql

    names = sql.SQL(", ").join(sql.Identifier(column) for column in table.column_names)
    statement = sql.SQL("COPY {} ({}) FROM STDIN WITH (FORMAT csv, HEADER true)").format(sql.Identifier(name), names)
    with cursor.copy(statement) as copy:
        copy.write(buffer.getvalue())


@dataclass
class MirrorReport:
    copied: list[str] = field(default_factory=list)  # batch ids
    rows: int = 0
    removed: int = 0  # partitions deleted because the store replaced them
    unchanged: int = 0  # partitions already there
    geography_tables: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "copied_batches": self.copied,
            "rows": self.rows,
            "removed_partitions": self.removed,
            "unchanged_partitions": self.unchanged,
            "geography_tables": self.geography_tables,
        }


def _geography_tables(root: Path) -> dict[str, pa.Table]:
    """The lookups and population the evaluator uses, bundled and workspace rows merged."""
    from cspkit.geography.overlay import merge_rows, overlay_folder, read_overlay_table
    from cspkit.geography.tables import bundled_rows
    from cspkit.sources.ons.geography import SCHEMAS as GEO_SCHEMAS

    folder = overlay_folder(root)
    out = {}
    for name, schema in GEO_SCHEMAS.items():
        if name.startswith("geography/"):
            continue  # boundaries stay in the workspace: the evaluator needs only codes
        rows = merge_rows(name, bundled_rows(name), read_overlay_table(folder, name))
        out[GEOGRAPHY_PREFIX + name.replace("/", "_")] = pa.Table.from_pylist(rows, schema=schema)
    return out


def mirror_store(root: Path, url: str, progress: Callable[[str], None] | None = None) -> MirrorReport:
    """Bring the PostgreSQL database at `url` up to the store's current generation."""
    import psycopg
    from psycopg import sql

    snapshot = open_snapshot(root)
    report = MirrorReport()
    try:
        connection = psycopg.connect(url)
    except psycopg.Error as error:
        raise UsageError(f"cannot connect to the database: {error}".strip()) from None
    with connection:
        with connection.transaction(), connection.cursor() as cursor:
            cursor.execute(
                sql.SQL(
                    "CREATE TABLE IF NOT EXISTS {} (dataset text, holder text, month text, "
                    "batch_id text, rows bigint, PRIMARY KEY (dataset, holder, month, batch_id))"
                ).format(sql.Identifier(PARTITIONS_TABLE))
            )
            cursor.execute(
                sql.SQL("CREATE TABLE IF NOT EXISTS {} (generation bigint, body text)").format(
                    sql.Identifier(CATALOGUE_TABLE)
                )
            )
            for dataset, schema in SCHEMAS.items():
                _create(cursor, dataset.replace("-", "_"), schema)
            _create(cursor, "recorded_crime", RECORDED_CRIME_SCHEMA)
            _create(cursor, "partner", PARTNER_SCHEMA)
            _create(cursor, "survey", SURVEY_SCHEMA)
            cursor.execute(
                sql.SQL("SELECT dataset, holder, month, batch_id FROM {}").format(sql.Identifier(PARTITIONS_TABLE))
            )
            mirrored = {tuple(row) for row in cursor.fetchall()}
        current = {(p.dataset, p.holder, p.month, p.batch_id): p for p in snapshot.catalogue.partitions}
        _remove_replaced(connection, mirrored, set(current), report)
        by_batch: dict[str, list[Partition]] = defaultdict(list)
        for key, partition in current.items():
            if key in mirrored:
                report.unchanged += 1
            else:
                by_batch[partition.batch_id].append(partition)
        for batch_id, partitions in sorted(by_batch.items()):
            if progress:
                progress(batch_id)
            with connection.transaction(), connection.cursor() as cursor:
                for partition in partitions:
                    name, schema = table_of(partition.dataset)
                    rows = pq.read_table(snapshot.path(partition)).cast(schema)
                    _copy(cursor, name, rows)
                    cursor.execute(
                        sql.SQL("INSERT INTO {} VALUES (%s, %s, %s, %s, %s)").format(sql.Identifier(PARTITIONS_TABLE)),
                        (partition.dataset, partition.holder, partition.month, batch_id, rows.num_rows),
                    )
                    report.rows += rows.num_rows
            report.copied.append(batch_id)
        with connection.transaction(), connection.cursor() as cursor:
            for name, table in _geography_tables(root).items():
                cursor.execute(sql.SQL("DROP TABLE IF EXISTS {}").format(sql.Identifier(name)))
                _create(cursor, name, table.schema)
                _copy(cursor, name, table)
                report.geography_tables += 1
            cursor.execute(sql.SQL("DELETE FROM {}").format(sql.Identifier(CATALOGUE_TABLE)))
            cursor.execute(
                sql.SQL("INSERT INTO {} VALUES (%s, %s)").format(sql.Identifier(CATALOGUE_TABLE)),
                (snapshot.catalogue.generation, snapshot.catalogue.to_json()),
            )
    return report


def _remove_replaced(
    connection: Any, mirrored: set[tuple[Any, ...]], current: set[tuple[str, str, str, str]], report: MirrorReport
) -> None:
    """Delete mirrored partitions the store no longer holds, one transaction per batch."""
    from psycopg import sql

    stale: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for key in mirrored - current:
        stale[str(key[3])].append(key)
    for _batch_id, keys in sorted(stale.items()):
        with connection.transaction(), connection.cursor() as cursor:
            for dataset, holder, month, batch_id in keys:
                name, _schema = table_of(dataset)
                if dataset == "survey":  # one holder only, so no holder column
                    cursor.execute(
                        sql.SQL("DELETE FROM {} WHERE batch_id = %s AND month = %s").format(sql.Identifier(name)),
                        (batch_id, f"{month}-01"),
                    )
                else:
                    cursor.execute(
                        sql.SQL("DELETE FROM {} WHERE batch_id = %s AND month = %s AND {} = %s").format(
                            sql.Identifier(name), sql.Identifier(_holder_column(dataset))
                        ),
                        (batch_id, f"{month}-01", holder),
                    )
                cursor.execute(
                    sql.SQL(
                        "DELETE FROM {} WHERE dataset = %s AND holder = %s AND month = %s AND batch_id = %s"
                    ).format(sql.Identifier(PARTITIONS_TABLE)),
                    (dataset, holder, month, batch_id),
                )
                report.removed += 1
