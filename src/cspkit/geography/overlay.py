"""A workspace's own geography: ONS files ingested on top of the bundled tables.

    WORKSPACE/geography -> .geography/000003     the current generation
    WORKSPACE/.geography/000003/sources.json     every file taken in (sha256, kind, rows)
    WORKSPACE/.geography/000003/lookups/lsoa21.parquet   same tables as cspkit/data/

Each table here replaces the bundled rows that share its key (an LSOA, ward or authority
code), so a partnership outside Bedfordshire adds its boundaries and every command uses
them. Writes take the record store's lock (assignment must never see half a change) and
publish a whole new generation or nothing, like the store.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from cspkit.errors import InputError, UsageError, Where
from cspkit.faults import checkpoint
from cspkit.sources.ons.geography import (
    SCHEMAS,
    TABLE_KEYS,
    GeographyTable,
    authority_from_name,
    read_boundaries,
    read_table_csv,
)
from cspkit.store.generations import publish_generation, recover_generations
from cspkit.store.lock import StoreLock

LINK = "geography"


def overlay_folder(root: Path | None) -> Path | None:
    """The current generation of the workspace's geography, or None if it has none."""
    if root is None:
        return None
    link = root / LINK
    return Path(os.path.realpath(link)) if link.exists() else None


def read_overlay_table(folder: Path | None, name: str) -> list[dict[str, Any]]:
    if folder is None or not (folder / f"{name}.parquet").exists():
        return []
    rows: list[dict[str, Any]] = pq.read_table(folder / f"{name}.parquet").to_pylist()
    return rows


def overlay_sources(folder: Path | None) -> list[dict[str, Any]]:
    if folder is None:
        return []
    sources: list[dict[str, Any]] = json.loads((folder / "sources.json").read_text(encoding="utf-8"))
    return sources


def merge_rows(name: str, *layers: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of all layers; a later layer's row replaces an earlier one with the same key."""
    key_columns = TABLE_KEYS[name]
    merged: dict[tuple[Any, ...], dict[str, Any]] = {}
    for rows in layers:
        for row in rows:
            merged[tuple(row[column] for column in key_columns)] = row
    return list(merged.values())


@dataclass
class GeographyReport:
    added: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    generation: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"added": self.added, "skipped": self.skipped, "generation": self.generation}


def _read_file(path: Path, data: bytes, authority_of: Callable[[str, str], str]) -> GeographyTable:
    label = str(path)
    if path.suffix.lower() in (".geojson", ".json"):
        return read_boundaries(label, data)
    if path.suffix.lower() == ".csv":
        return read_table_csv(label, data, authority_of)
    raise InputError(Where(label), "cspkit reads ONS boundaries as .geojson and lookups or population as .csv")


def _authority_finder(folder: Path | None, tables: list[GeographyTable]) -> Callable[[str, str], str]:
    """For a names-only LSOA 2021 list: the authority an LSOA already has in the bundled,
    workspace or incoming lookups, else the one its name begins with ("Bedford 001F")."""
    from cspkit.geography.tables import bundled_rows

    def rows(name: str) -> list[dict[str, Any]]:
        incoming = [t.table.to_pylist() for t in tables if t.name == name]
        return merge_rows(name, bundled_rows(name), read_overlay_table(folder, name), *incoming)

    by_code = {row["lsoa21"]: row["authority"] for row in rows("lookups/lsoa21") if row["authority"]}
    by_code |= {row["lsoa21"]: row["authority"] for row in rows("lookups/lsoa11_to_lsoa21")}
    from_name = authority_from_name(
        {row["authority_name"]: row["authority"] for row in rows("lookups/authority_csp_force")}
    )

    def authority_of(code: str, name: str) -> str:
        return by_code.get(code) or from_name(code, name)

    return authority_of


def ingest_geography(
    root: Path,
    paths: Sequence[Path],
    wait: float = 0.0,
    progress: Callable[[str], None] | None = None,
) -> GeographyReport:
    """Read every file, then publish one new geography generation holding all of them.

    A refused file leaves the workspace exactly as it was."""
    if not paths:
        raise UsageError("name at least one geography file")
    report = GeographyReport()
    with StoreLock(root / ".store" / "lock", wait):
        folders = root / f".{LINK}"
        folders.mkdir(parents=True, exist_ok=True)
        recover_generations(root, LINK, folders)
        current = overlay_folder(root)
        sources = overlay_sources(current)
        known = {source["sha256"] for source in sources}
        read: list[tuple[Path, str, bytes]] = []
        for path in paths:
            if not path.is_file():
                raise InputError(Where(str(path)), "no such file")
            data = path.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            if digest in known:
                report.skipped.append(str(path))
                continue
            known.add(digest)
            read.append((path, digest, data))
        # Names-only LSOA lists take their authority from a hierarchy, which may come in
        # the same call: read the others first.
        ordered = sorted(read, key=lambda item: item[0].suffix.lower() == ".csv" and b"LSOA21NM" in item[2][:400])
        tables: list[GeographyTable] = []
        for path, digest, data in ordered:
            if progress:
                progress(str(path))
            table = _read_file(path, data, _authority_finder(current, tables))
            tables.append(table)
            checkpoint("parse")
            report.added.append(
                {
                    "file": path.name,
                    "sha256": digest,
                    "kind": table.kind,
                    "table": table.name,
                    "rows": table.table.num_rows,
                }
            )
        if not tables:
            return report
        number = int(current.name) + 1 if current else 1
        staging = folders / f"{number:06d}.partial-{os.getpid()}"
        try:
            _write_generation(staging, current, tables, sources + report.added)
            publish_generation(root, LINK, staging, folders / f"{number:06d}")
        finally:
            if staging.exists():
                import shutil

                shutil.rmtree(staging, ignore_errors=True)
        report.generation = number
    return report


def _write_generation(
    staging: Path, current: Path | None, tables: list[GeographyTable], sources: list[dict[str, Any]]
) -> None:
    names = sorted({t.name for t in tables} | {name for name in SCHEMAS if read_overlay_table(current, name)})
    for name in names:
        rows = merge_rows(
            name, read_overlay_table(current, name), *(t.table.to_pylist() for t in tables if t.name == name)
        )
        target = staging / f"{name}.parquet"
        target.parent.mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.Table.from_pylist(rows, schema=SCHEMAS[name]), target, compression="zstd")
        checkpoint("write")
    (staging / "sources.json").write_text(json.dumps(sources, indent=1) + "\n", encoding="utf-8")
    for path in staging.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())
    checkpoint("catalogue")
