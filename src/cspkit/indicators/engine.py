"""Where indicators are evaluated: DuckDB over the workspace's Parquet store (default) or a
PostgreSQL database that `cspkit store mirror` filled. Both are Ibis backends, so one
definition and one evaluator serve both; the store catalogue travels with the mirror so
missing months are named the same way on either."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cspkit.errors import UsageError
from cspkit.store.catalogue import Catalogue

CATALOGUE_TABLE = "cspkit_catalogue"
# The tables (DuckDB views) each dataset is read from.
VIEWS = {
    "street": "street",
    "outcomes": "outcomes",
    "stop-and-search": "stop_and_search",
    "recorded-crime": "recorded_crime",
    "partner": "partner",
    "survey": "survey",
}


@dataclass
class Engine:
    name: str  # "duckdb" or "postgresql"
    backend: Any  # an Ibis backend
    catalogue: Catalogue
    detail: str  # the store generation or the database, for provenance

    def table(self, kind: str) -> Any:
        return self.backend.table(VIEWS[kind])


def _duckdb(root: Path) -> Engine:
    import ibis

    from cspkit.store.query import connect_workspace

    snapshot, connection = connect_workspace(root)
    detail = f"store generation {snapshot.catalogue.generation}" if snapshot.folder else "empty store"
    return Engine("duckdb", ibis.duckdb.from_connection(connection), snapshot.catalogue, detail)


def _postgresql(url: str) -> Engine:
    import ibis

    try:
        backend = ibis.connect(url)
    except Exception as error:  # noqa: BLE001 - any driver error means the same to a person
        raise UsageError(f"cannot connect to {_safe(url)}: {error}") from None
    if CATALOGUE_TABLE not in backend.list_tables():
        raise UsageError(f"{_safe(url)} holds no mirrored store: run `cspkit store mirror --to URL` first")
    body = backend.table(CATALOGUE_TABLE).select("body").to_pyarrow()["body"][0].as_py()
    catalogue = Catalogue.from_json(body)
    return Engine("postgresql", backend, catalogue, f"{_safe(url)}, store generation {catalogue.generation}")


def _safe(url: str) -> str:
    """A database URL without its password, fit for messages."""
    import re

    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


def open_engine(root: Path, url: str | None = None) -> Engine:
    """`url` None or "duckdb": the workspace store; a postgresql:// URL: the mirror there."""
    if url is None or url == "duckdb":
        return _duckdb(root)
    if url.startswith(("postgresql://", "postgres://")):
        return _postgresql(url)
    raise UsageError(f"--engine must be duckdb or a postgresql:// URL, not {_safe(url)!r}")
