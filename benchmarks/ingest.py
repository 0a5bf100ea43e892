"""Ingest speed: cspkit against DuckDB's read_csv of the same files, in one run.

    python benchmarks/ingest.py            # all 36 bundled months, best of 3
    python benchmarks/ingest.py --smoke    # 3 months, once (CI)

Both read the bundled police.uk archive extracted to a temporary folder. The reference is
DuckDB reading every CSV and materialising it to Arrow: the least any ingest must do. cspkit
also checks, converts, assigns areas and writes Parquet. Goal: ratio <= 2. Peak memory is
measured for each in a fresh child process.
"""

from __future__ import annotations

import argparse
import multiprocessing
import shutil
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

from common import high_water_mib, machine


def extract(months: int, into: Path) -> list[Path]:
    from cspkit.bundle import POLICEUK_ARCHIVE, package_path

    with zipfile.ZipFile(package_path(POLICEUK_ARCHIVE)) as archive:
        names = sorted(archive.namelist())
        chosen = sorted({name.split("/")[0] for name in names})[:months]
        for name in names:
            if name.split("/")[0] in chosen:
                archive.extract(name, into)
    return sorted(into.rglob("*.csv"))


def duckdb_read(files: list[Path]) -> int:
    import duckdb

    connection = duckdb.connect(":memory:")
    rows = 0
    for dataset in ("street", "outcomes", "stop-and-search"):
        # One read_csv per dataset over all its files: DuckDB at its fastest.
        paths = [str(path) for path in files if path.name.endswith(f"-{dataset}.csv")]
        table = connection.read_csv(paths, header=True, quotechar='"').to_arrow_table()
        rows += table.num_rows
    return rows


def cspkit_ingest(folder: Path, workspace: Path) -> int:
    from cspkit.ingest import ingest_policeuk

    return ingest_policeuk(workspace, [folder]).rows


def fresh_workspace() -> Path:
    """An empty workspace, made and later removed outside the timed part."""
    path = Path(tempfile.mkdtemp(prefix="cspkit-bench-"))
    _WORKSPACES.append(path)
    return path


_WORKSPACES: list[Path] = []


def best_of(runs: int, work: Callable[[Path], int]) -> tuple[float, int]:
    best, rows = float("inf"), 0
    for _ in range(runs):
        workspace = fresh_workspace()
        start = time.perf_counter()
        rows = work(workspace)
        best = min(best, time.perf_counter() - start)
        shutil.rmtree(workspace)
    return best, rows


def _child(kind: str, folder: str, files: list[str], out: multiprocessing.Queue[float]) -> None:
    if kind == "duckdb":
        duckdb_read([Path(f) for f in files])
    else:
        cspkit_ingest(Path(folder), fresh_workspace())
    out.put(high_water_mib())


def peak_mib(kind: str, folder: Path, files: list[Path]) -> float:
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[float] = context.Queue()
    process = context.Process(target=_child, args=(kind, str(folder), [str(f) for f in files], queue))
    process.start()
    value = queue.get(timeout=600)
    process.join()
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--smoke", action="store_true", help="3 months, one run (CI)")
    args = parser.parse_args()
    months, runs = (3, 1) if args.smoke else (36, 3)
    with tempfile.TemporaryDirectory(prefix="cspkit-bench-data-") as tmp:
        folder = Path(tmp)
        files = extract(months, folder)
        from cspkit.geography.tables import load_geography

        load_geography()  # built once per process in real use too; not part of either timing
        reference, reference_rows = best_of(runs, lambda _workspace: duckdb_read(files))
        ours, rows = best_of(runs, lambda workspace: cspkit_ingest(folder, workspace))
        if rows != reference_rows:
            raise SystemExit(f"row counts differ: cspkit {rows:,}, DuckDB {reference_rows:,}")
        print(f"machine: {machine()}")
        print(f"input: {len(files)} police.uk files, {months} months, {rows:,} rows; best of {runs}")
        print(f"duckdb read_csv -> arrow: {reference:7.2f} s  {reference_rows / reference:>10,.0f} rows/s")
        print(f"cspkit ingest:            {ours:7.2f} s  {rows / ours:>10,.0f} rows/s")
        print(f"ratio cspkit/duckdb:      {ours / reference:7.2f}  (goal <= 2)")
        if not args.smoke:
            print(
                f"peak memory: duckdb {peak_mib('duckdb', folder, files):,.0f} MiB, "
                f"cspkit {peak_mib('cspkit', folder, files):,.0f} MiB"
            )


if __name__ == "__main__":
    main()
