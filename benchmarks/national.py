"""National scale: a year of street crime for all 43 forces, ingested, against DuckDB.

    python benchmarks/national.py            # 12 months x 43 forces, 6.5 million rows
    python benchmarks/national.py --smoke    # 1 month x 43 forces, 21,500 rows (CI)

The data is made by resampling the real bundled police.uk street rows (36 months of
Bedfordshire) into one file per force and month, laid out as data.police.uk's archive. Each
file's rows keep their real LSOA codes, categories, outcomes and snap points, moved by a
few metres per file so that every file has its own points, as every force does; crime IDs
are new. Every row therefore needs a ward found by point-in-polygon, which is more work
than a real national year (most forces have no bundled boundaries).

Reference: DuckDB reading every file into an in-memory table in the same run, the least
any ingest must do. Each side runs once in a fresh child process that reports its own
time and peak memory. Goal: cspkit under 60 s and 2 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import csv
import multiprocessing
import shutil
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

from common import high_water_mib, machine

MONTHS = [f"2024-{m:02d}" for m in range(1, 13)]


def territorial_forces() -> list[tuple[str, str]]:
    """(slug, name) of the 43 forces of England and Wales: those with an ONS force area code."""
    from cspkit.bundle import package_file

    with package_file("forces.csv").open(encoding="utf-8") as handle:
        return [(row["slug"], row["name"]) for row in csv.DictReader(handle) if row["code"]]


def real_street_rows() -> Any:
    """Every bundled street row, all columns as text (empty cells as nulls)."""
    import pyarrow as pa
    import pyarrow.csv as pacsv

    from cspkit.bundle import POLICEUK_ARCHIVE, package_path

    tables = []
    with zipfile.ZipFile(package_path(POLICEUK_ARCHIVE)) as archive:
        for name in sorted(archive.namelist()):
            if name.endswith("-street.csv"):
                data = archive.read(name)
                header = data.split(b"\n", 1)[0].decode("utf-8-sig").strip().split(",")
                options = pacsv.ConvertOptions(
                    column_types=dict.fromkeys(header, pa.string()), strings_can_be_null=True
                )
                tables.append(pacsv.read_csv(pa.py_buffer(data), convert_options=options))
    return pa.concat_tables(tables).combine_chunks()


def generate(into: Path, months: list[str], rows_total: int) -> list[Path]:
    """One street file per force and month, resampled from the real rows (seeded)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.csv as pacsv

    source = real_street_rows()
    forces = territorial_forces()
    rng = np.random.default_rng(20261124)
    files = len(forces) * len(months)
    per_file = [rows_total // files + (1 if i < rows_total % files else 0) for i in range(files)]
    written = []
    for number, (month, (slug, name)) in enumerate((m, f) for m in months for f in forces):
        count = per_file[number]
        table = source.take(pa.array(rng.integers(0, source.num_rows, count)))
        has_id = pc.is_valid(table["Crime ID"])
        ids = pa.array(np.frombuffer(rng.bytes(32 * count).hex().encode(), dtype="S64")).cast(pa.string())
        shift_lon, shift_lat = rng.uniform(-0.0004, 0.0004, 2)
        columns = {
            "Crime ID": pc.if_else(has_id, ids, pa.scalar(None, pa.string())),
            "Month": pa.array([month] * count),
            "Reported by": pa.array([name] * count),
            "Falls within": pa.array([name] * count),
            "Longitude": _shifted(table["Longitude"], shift_lon),
            "Latitude": _shifted(table["Latitude"], shift_lat),
        }
        for column, values in columns.items():
            table = table.set_column(table.column_names.index(column), column, values)
        path = into / month / f"{month}-{slug}-street.csv"
        path.parent.mkdir(parents=True, exist_ok=True)
        pacsv.write_csv(table, path, pacsv.WriteOptions(quoting_style="needed"))
        written.append(path)
    return written


def _shifted(values: Any, by: float) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    numbers = pc.add(values.cast(pa.float64()), by)
    return pc.utf8_slice_codeunits(numbers.cast(pa.string()), 0, 10)


def duckdb_read(files: list[Path]) -> int:
    import duckdb

    connection = duckdb.connect(":memory:")
    connection.execute(
        "CREATE TABLE street AS SELECT * FROM read_csv(?, header = true, quote = '\"')", [[str(f) for f in files]]
    )
    rows: int = connection.execute("SELECT count(*) FROM street").fetchone()[0]  # type: ignore[index]
    return rows


def cspkit_ingest(folder: Path) -> int:
    from cspkit.geography.tables import load_geography
    from cspkit.ingest import ingest_policeuk

    load_geography()  # built once per process in real use; outside the timing
    workspace = Path(tempfile.mkdtemp(prefix="cspkit-national-"))
    try:
        start = time.perf_counter()
        rows = ingest_policeuk(workspace, [folder]).rows
        _TIMES.append(time.perf_counter() - start)
        return rows
    finally:
        shutil.rmtree(workspace, ignore_errors=True)


_TIMES: list[float] = []


def _child(kind: str, folder: str, files: list[str], out: Any) -> None:
    if kind == "duckdb":
        start = time.perf_counter()
        rows = duckdb_read([Path(f) for f in files])
        elapsed = time.perf_counter() - start
    else:
        rows = cspkit_ingest(Path(folder))
        elapsed = _TIMES[-1]
    out.put((elapsed, rows, high_water_mib()))


def measure(kind: str, folder: Path, files: list[Path]) -> tuple[float, int, float]:
    """(seconds, rows, peak MiB) of one run in a fresh process."""
    context = multiprocessing.get_context("spawn")
    queue: Any = context.Queue()
    process = context.Process(target=_child, args=(kind, str(folder), [str(f) for f in files], queue))
    process.start()
    result: tuple[float, int, float] = queue.get(timeout=1800)
    process.join()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="1 month x 43 forces, 21,500 rows (CI)")
    parser.add_argument("--rows", type=int, default=None, help="rows in all (default 6,500,000)")
    args = parser.parse_args()
    months = MONTHS[:1] if args.smoke else MONTHS
    rows_total = args.rows or (21_500 if args.smoke else 6_500_000)
    with tempfile.TemporaryDirectory(prefix="cspkit-national-data-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        files = generate(folder, months, rows_total)
        size = sum(path.stat().st_size for path in files) / 2**20
        print(f"machine: {machine()}")
        print(
            f"input: {len(files)} street files ({len(months)} months x {len(files) // len(months)} forces), "
            f"{rows_total:,} rows, {size:,.0f} MiB; made in {time.perf_counter() - start:.0f} s"
        )
        reference, reference_rows, reference_peak = measure("duckdb", folder, files)
        ours, rows, peak = measure("cspkit", folder, files)
        if rows != reference_rows:
            raise SystemExit(f"row counts differ: cspkit {rows:,}, DuckDB {reference_rows:,}")
        for label, seconds, mib in (
            ("duckdb read_csv -> table:", reference, reference_peak),
            ("cspkit ingest:", ours, peak),
        ):
            print(f"{label:25} {seconds:7.1f} s  {rows / seconds:>10,.0f} rows/s  peak {mib:,.0f} MiB")
        print(f"ratio cspkit/duckdb:      {ours / reference:7.2f}  (goal: cspkit under 60 s and 2,048 MiB)")


if __name__ == "__main__":
    main()
