"""The coverage grid as tables: per dataset, one row per holder and year, a cell per month."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cspkit.status import store_status


@dataclass(frozen=True)
class Cell:
    month: str
    rows: int | None  # None: not held
    expected: bool  # inside the span the store should hold


@dataclass(frozen=True)
class Row:
    holder: str
    year: str
    cells: list[Cell]


@dataclass(frozen=True)
class Table:
    dataset: str
    kind: str
    synthetic: bool
    first_month: str
    last_month: str
    rows: list[Row]
    gaps: list[str]  # "holder month"


def coverage_tables(home: Path) -> list[Table]:
    status = store_status(home)
    tables = []
    for dataset, info in status["datasets"].items():
        rows: list[Row] = []
        gaps: list[str] = []
        for holder, cover in info["coverage"].items():
            held: dict[str, int] = cover["months"]
            missing = set(cover["missing"])
            gaps += [f"{holder} {m}" for m in cover["missing"]]
            years = sorted({m[:4] for m in [*held, *missing]})
            for year in years:
                cells = []
                for number in range(1, 13):
                    month = f"{year}-{number:02d}"
                    cells.append(Cell(month, held.get(month), month in held or month in missing))
                rows.append(Row(holder, year, cells))
        tables.append(
            Table(dataset, info["kind"], info["synthetic"], info["first_month"], info["last_month"], rows, gaps)
        )
    return tables
