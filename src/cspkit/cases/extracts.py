"""Case work into the numbers: depersonalised counts written as a partner extract with its
mapping and ingested through the normal partner path (`cspkit cases export`).

What leaves the case records, and what does not: one row per thing counted, with a month
(never a day), an LSOA (never an address or a point) and a category. No reference, name, date
of birth, agency or anything else about the person. The batch is a partner batch, so restricted
to the holding agency and the partnership-wide roles; anything published from it is suppressed
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


@dataclass(frozen=True, order=True)
class CountRow:
    """One counted thing as the store sees it."""

    month: date  # the first of the month
    lsoa21: str
    category: str


@dataclass(frozen=True)
class Extract:
    """A partner dataset written from case records."""

    dataset: str
    description: str
    categories: tuple[str, ...]


def placed(rows: Iterable[tuple[date, str, str]]) -> tuple[list[CountRow], int]:
    """(rows, left out): a thing with no LSOA cannot be placed in an area, so it is counted and left out."""
    found, unplaced = [], 0
    for on, lsoa, category in rows:
        if not lsoa:
            unplaced += 1
            continue
        found.append(CountRow(on.replace(day=1), lsoa, category))
    return sorted(found), unplaced


def csv_bytes(rows: Iterable[CountRow]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["month", "category", "lsoa"])
    for row in rows:
        writer.writerow([f"{row.month:%Y-%m}", row.category, row.lsoa21])
    return out.getvalue().encode("utf-8")


def mapping_text(extract: Extract, agency: str, agency_name: str, covers: tuple[date, date]) -> str:
    """The partner mapping for the extract, as the data hub's mapping files are written. It
    covers every month from the first counted to `covers`' end: a month with nothing in it is a
    true zero, not a month the store lacks."""
    categories = "".join(f"  {c}: {c}\n" for c in extract.categories)
    return (
        f"dataset: {extract.dataset}\n"
        f"agency: {agency}\n"
        f'agency_name: "{agency_name}"\n'
        f'description: "{extract.description} (written by cspkit cases export; no person-level detail)"\n'
        "columns:\n"
        "  month: month\n"
        "  month_format: '%Y-%m'\n"
        "  category: category\n"
        "  location: {lsoa: lsoa}\n"
        f"covers: {{from: '{covers[0]:%Y-%m}', to: '{covers[1]:%Y-%m}'}}\n"
        "categories:\n" + categories
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


def write_extract(
    home: Path, extract: Extract, agency: str, agency_name: str, rows: list[CountRow], through: date
) -> tuple[Path, Path]:
    """The extract and its mapping under the workspace, named by agency (one holder per agency),
    accounting for every month from its first row's to `through`'s."""
    dataset = extract.dataset
    csv_path = home / "incoming" / dataset / f"{dataset}-{agency}.csv"
    mapping = home / "mappings" / f"{dataset}-{agency}.yaml"
    covers = (min(r.month for r in rows), max(through, *(r.month for r in rows)))
    _write(mapping, mapping_text(extract, agency, agency_name, covers).encode("utf-8"))
    _write(csv_path, csv_bytes(rows))
    return csv_path, mapping
