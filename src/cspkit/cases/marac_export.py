"""MARAC cases into the numbers: the cases heard, depersonalised to a month, an LSOA and whether
the case was a repeat, written as a partner extract (`cases-marac`) and ingested through the
normal partner path, so NI 32 is evaluated, charted and reported like any indicator.

What leaves the case records, and what does not: one row per case heard, with the month of
the hearing (never a day), the LSOA of the victim's record (never an address or a point) and
the category `repeat` or `first-referral`. No reference, name, date of birth, agency or
anything else about the person. The batch is a partner batch, so restricted to the
coordinating agency and the partnership-wide roles; anything published from it is suppressed
below k like every partner-derived public output (DESIGN.md).
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DATASET = "cases-marac"
REPEAT, FIRST = "repeat", "first-referral"


@dataclass(frozen=True, order=True)
class HeardRow:
    """One heard case as the store sees it."""

    month: date  # the first of the month of the hearing
    lsoa21: str  # the victim's record's LSOA; "" when the record has none
    repeat: bool


def rows_for(heard: Iterable[tuple[date, str, bool]]) -> tuple[list[HeardRow], int]:
    """(rows, cases left out): a case whose victim's record has no LSOA cannot be placed in an area."""
    rows, unplaced = [], 0
    for on, lsoa, repeat in heard:
        if not lsoa:
            unplaced += 1
            continue
        rows.append(HeardRow(on.replace(day=1), lsoa, repeat))
    return sorted(rows), unplaced


def csv_bytes(rows: Iterable[HeardRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["month", "category", "lsoa"])
    for row in rows:
        writer.writerow([f"{row.month:%Y-%m}", REPEAT if row.repeat else FIRST, row.lsoa21])
    return out.getvalue().encode("utf-8")


def mapping_text(agency: str, agency_name: str) -> str:
    """The partner mapping for the export, as the data hub's mapping files are written."""
    return (
        f"dataset: {DATASET}\n"
        f"agency: {agency}\n"
        f'agency_name: "{agency_name}"\n'
        "description: \"MARAC cases heard, by month of the hearing and the LSOA of the victim's record "
        '(written by cspkit cases export; no person-level detail)"\n'
        "columns:\n"
        "  month: month\n"
        "  month_format: '%Y-%m'\n"
        "  category: category\n"
        "  location: {lsoa: lsoa}\n"
        "categories:\n"
        f"  {REPEAT}: {REPEAT}\n"
        f"  {FIRST}: {FIRST}\n"
    )


def _write(path: Path, data: bytes) -> None:
    """Whole or not at all: a temporary file in the same folder, then a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_extract(home: Path, agency: str, agency_name: str, rows: list[HeardRow]) -> tuple[Path, Path]:
    """The extract and its mapping under the workspace, named by agency (one holder per coordinator)."""
    extract = home / "incoming" / DATASET / f"{DATASET}-{agency}.csv"
    mapping = home / "mappings" / f"{DATASET}-{agency}.yaml"
    _write(mapping, mapping_text(agency, agency_name).encode("utf-8"))
    _write(extract, csv_bytes(rows))
    return extract, mapping
