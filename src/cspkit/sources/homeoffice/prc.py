"""Home Office police recorded crime by force, financial quarter and offence code.

The layout of the Home Office open data tables (`prc_pfa_2017-18_by_offence_code.csv`):
Financial_Year, Financial_Quarter, Force_Name, Offence_Description, Offence_Group,
Offence_Subgroup, Offence_Code, Number_of_Offences, Policeuk_Cat, with or without a leading
unnamed index column. Each row is a count, so the store keeps `count` per row and every
sum uses it. Rows for national fraud bodies (Action Fraud, CIFAS, UK Finance) keep their
own holder slug: they are not police forces.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import date
from pathlib import Path

import pyarrow as pa

from cspkit.errors import InputError, Where
from cspkit.geography.forces import force_by_name
from cspkit.sources.homeoffice.offences import offence_codes
from cspkit.store.parsed import ParsedFile
from cspkit.store.schema import RECORDED_CRIME_SCHEMA

HEADER = (
    "Financial_Year",
    "Financial_Quarter",
    "Force_Name",
    "Offence_Description",
    "Offence_Group",
    "Offence_Subgroup",
    "Offence_Code",
    "Number_of_Offences",
    "Policeuk_Cat",
)
DATASET = "recorded-crime"


def _holder(name: str) -> str:
    force = force_by_name(name)
    return force.slug if force else re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _quarter_start(label: str, line: int, year: str, quarter: str) -> date:
    match = re.fullmatch(r"(\d{4})/(\d{2})", year.strip())
    if not match:
        raise InputError(Where(label, line, "Financial_Year"), f"{year!r} is not a financial year like 2017/18")
    if quarter.strip() not in ("1", "2", "3", "4"):
        raise InputError(Where(label, line, "Financial_Quarter"), f"{quarter!r} is not a quarter 1 to 4")
    start = int(match.group(1))
    month = 4 + 3 * (int(quarter) - 1)
    return date(start + (month > 12), (month - 1) % 12 + 1, 1)


def read_prc(path: Path, data: bytes | None = None) -> list[ParsedFile]:
    """One ParsedFile per force (or fraud body) in the file, rows in store columns."""
    label = str(path)
    data = path.read_bytes() if data is None else data
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(Where(label, data[: error.start].count(b"\n") + 1), "not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip() for name in next(reader, [])]
    skip = 1 if header[:1] == [""] else 0
    if tuple(header[skip:]) != HEADER:
        raise InputError(
            Where(label, 1), f"not a Home Office recorded crime table: expected columns {', '.join(HEADER)}"
        )
    lookup = offence_codes()
    digest = hashlib.sha256(data).hexdigest()
    by_holder: dict[str, list[dict[str, object]]] = {}
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise InputError(Where(label, line), f"{len(cells)} fields where the header has {len(header)}")
        row = dict(zip(HEADER, cells[skip:], strict=True))
        count_text = row["Number_of_Offences"].strip()
        if not re.fullmatch(r"-?\d+", count_text):
            raise InputError(Where(label, line, "Number_of_Offences"), f"{count_text!r} is not a whole number")
        code = row["Offence_Code"].strip()
        known = lookup.get(code)
        holder = _holder(row["Force_Name"].strip())
        by_holder.setdefault(holder, []).append(
            {
                "month": _quarter_start(label, line, row["Financial_Year"], row["Financial_Quarter"]),
                "financial_year": row["Financial_Year"].strip(),
                "financial_quarter": int(row["Financial_Quarter"]),
                "force": holder,
                "force_name": row["Force_Name"].strip(),
                "offence_code": code,
                "offence_description": row["Offence_Description"].strip(),
                "offence_group": row["Offence_Group"].strip() or (known.group if known else None),
                "offence_subgroup": row["Offence_Subgroup"].strip() or (known.subgroup if known else None),
                "policeuk_category": row["Policeuk_Cat"].strip() or (known.policeuk_category if known else None),
                "count": int(count_text),
                "batch_id": digest[:16],
                "source_row": line,
            }
        )
    if not by_holder:
        raise InputError(Where(label, 2), "the file has a header but no rows")
    return [
        ParsedFile(label, digest, DATASET, holder, pa.Table.from_pylist(rows, schema=RECORDED_CRIME_SCHEMA), "")
        for holder, rows in sorted(by_holder.items())
    ]
