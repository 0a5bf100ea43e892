"""Read a partner's incident extract through its mapping into store rows, or refuse it.

Order matters: the header is checked against the mapping, then the whole file passes the
personal-data screen, and only then are values parsed. So a refused file never reaches
the store, and no message ever quotes a cell that might identify someone.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

import numpy as np
import pyarrow as pa

from cspkit.errors import CspkitError, InputError, Where
from cspkit.geography.assign import assign_records
from cspkit.geography.tables import Geography, from_bng
from cspkit.privacy.screen import Finding, screen_rows
from cspkit.sources.partner.mapping import PartnerMapping
from cspkit.store.parsed import ParsedFile
from cspkit.store.schema import PARTNER_SCHEMA

SHOW_FINDINGS = 10


class PersonalDataError(CspkitError):
    """A partner file the personal-data screen refused; it names where, never what."""

    def __init__(self, label: str, findings: list[Finding]) -> None:
        shown = "; ".join(str(finding) for finding in findings[:SHOW_FINDINGS])
        more = f"; and {len(findings) - SHOW_FINDINGS} more" if len(findings) > SHOW_FINDINGS else ""
        super().__init__(
            f"{label}: refused, it holds personal data ({len(findings)} findings): {shown}{more}. "
            "Nothing was written. Remove or generalise these values at source and share the file again; "
            "a date column that is not a date of birth can be declared under `dates:` in the mapping."
        )
        self.findings = findings


def _rows(label: str, data: bytes) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Header and (line, cells) rows; a cell may span lines, so each row keeps its first line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise InputError(Where(label, line), "not UTF-8 text: save the extract as CSV UTF-8") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [cell.strip() for cell in next(reader)]
    except StopIteration:
        raise InputError(Where(label), "the file is empty: no header and no rows") from None
    rows: list[tuple[int, list[str]]] = []
    line = reader.line_num + 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                if len(cells) != len(header):
                    raise InputError(Where(label, line), f"{len(cells)} fields where the header has {len(header)}")
                rows.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as error:
        raise InputError(Where(label, line), f"not readable as CSV: {error}") from None
    if not rows:
        raise InputError(Where(label, 2), "the file has a header but no rows")
    return header, rows


def _check_header(label: str, header: list[str], mapping: PartnerMapping) -> None:
    seen = set()
    for name in header:
        if name in seen:
            raise InputError(Where(label, 1, name), "this column appears twice in the header")
        seen.add(name)
    for name in (*mapping.mapped_columns, *mapping.dates):
        if name not in seen:
            raise InputError(
                Where(label, 1, name),
                f"the mapping {mapping.path} names this column but the file has none; it has: {', '.join(header)}",
            )


def _event(label: str, line: int, value: str, mapping: PartnerMapping) -> tuple[date, date | None]:
    column = mapping.event_column
    fmt = mapping.date_format if mapping.date_column else mapping.month_format
    if not value.strip():
        raise InputError(Where(label, line, column), "empty: every row needs its date")
    try:
        when = datetime.strptime(value.strip(), fmt).date()
    except ValueError:
        raise InputError(Where(label, line, column), f"{value.strip()!r} does not match the format {fmt!r}") from None
    return when.replace(day=1), (when if mapping.date_column else None)


def _number(label: str, line: int, column: str, value: str) -> float:
    if not value.strip():
        return float("nan")
    try:
        return float(value)
    except ValueError:
        raise InputError(Where(label, line, column), f"{value.strip()!r} is not a number") from None


def _locations(
    label: str, rows: list[tuple[int, list[str]]], index: dict[str, int], mapping: PartnerMapping
) -> tuple[np.ndarray, np.ndarray, list[str | None]]:
    count = len(rows)
    lon, lat = np.full(count, np.nan), np.full(count, np.nan)
    lsoa: list[str | None] = [None] * count
    where = mapping.location
    if "lsoa" in where:
        column = index[where["lsoa"]]
        lsoa = [cells[column].strip() or None for _, cells in rows]
        return lon, lat, lsoa
    first, second = ("easting", "northing") if "easting" in where else ("longitude", "latitude")
    a = np.array([_number(label, line, where[first], cells[index[where[first]]]) for line, cells in rows])
    b = np.array([_number(label, line, where[second], cells[index[where[second]]]) for line, cells in rows])
    if first == "easting":
        bad = (a < 0) | (a > 700_000) | (b < 0) | (b > 1_300_000)
        lon, lat = (np.asarray(v) for v in from_bng().transform(a, b))
    else:
        lon, lat = a, b
        bad = (lon < -8.7) | (lon > 1.8) | (lat < 49.8) | (lat > 60.9)
    bad &= ~(np.isnan(a) | np.isnan(b))
    if bad.any():
        line = rows[int(np.flatnonzero(bad)[0])][0]
        raise InputError(Where(label, line, where[first]), f"this {first}/{second} pair is outside Great Britain")
    half = np.isnan(a) != np.isnan(b)
    if half.any():
        line = rows[int(np.flatnonzero(half)[0])][0]
        raise InputError(Where(label, line, where[first]), f"{first} and {second} must both be given or both empty")
    return lon, lat, lsoa


def read_partner(path: Path, mapping: PartnerMapping, geo: Geography, data: bytes | None = None) -> ParsedFile:
    """Screen, parse and place one partner extract; raise naming file, line and column."""
    label = str(path)
    data = path.read_bytes() if data is None else data
    header, rows = _rows(label, data)
    _check_header(label, header, mapping)
    findings = screen_rows(header, rows, (mapping.event_column, *mapping.dates))
    if findings:
        raise PersonalDataError(label, findings)
    index = {name: i for i, name in enumerate(header)}
    months, dates, raw, categories, references, details = [], [], [], [], [], []
    for line, cells in rows:
        month, day = _event(label, line, cells[index[mapping.event_column]], mapping)
        months.append(month)
        dates.append(day)
        value = cells[index[mapping.category_column]].strip()
        if not value:
            raise InputError(Where(label, line, mapping.category_column), "empty: every row needs its category")
        if mapping.categories and value not in mapping.categories:
            raise InputError(
                Where(label, line, mapping.category_column),
                f"{value!r} is not under `categories:` in {mapping.path}; add it there",
            )
        raw.append(value)
        categories.append(mapping.categories.get(value, value))
        references.append(cells[index[mapping.reference_column]].strip() or None if mapping.reference_column else None)
        kept = {name: cells[index[name]].strip() for name in mapping.keep if cells[index[name]].strip()}
        details.append(json.dumps(kept, ensure_ascii=False, sort_keys=True) if kept else None)
    lon, lat, lsoa = _locations(label, rows, index, mapping)
    areas = assign_records(geo, pa.array(lsoa, pa.string()), lon, lat, mapping.force or "")
    if mapping.force is None:
        areas["outside_force_area"] = np.zeros(len(rows), dtype=bool)
    digest = partner_digest(data, mapping)
    table = _table(mapping, rows, months, dates, raw, categories, references, lsoa, details, lon, lat, areas)
    table = table.set_column(
        table.schema.get_field_index("batch_id"), "batch_id", pa.array([digest[:16]] * len(rows), pa.string())
    )
    vintage = _vintage(set(areas["lsoa_vintage"].tolist()))
    return ParsedFile(
        label, digest, mapping.dataset, "", table, vintage, mapping.agency, mapping.expected_from, covers=mapping.covers
    )


def partner_digest(data: bytes, mapping: PartnerMapping) -> str:
    """What identifies an extract in the store: its bytes, and the months its mapping says it
    covers (the same rows covering one more month are a new extract)."""
    if mapping.covers is None:
        return hashlib.sha256(data).hexdigest()
    return hashlib.sha256(data + f"\0covers {mapping.covers[0]} {mapping.covers[1]}".encode()).hexdigest()


def _vintage(seen: set[str]) -> str:
    """The batch's LSOA vintage as the catalogue records it (docs/store.md)."""
    if {"2011", "2021"} <= seen:
        return "mixed"
    return next((vintage for vintage in ("2011", "2021", "either") if vintage in seen), "")


def _table(
    mapping: PartnerMapping,
    rows: list[tuple[int, list[str]]],
    months: list[date],
    dates: list[date | None],
    raw: list[str],
    categories: list[str],
    references: Sequence[str | None],
    lsoa: list[str | None],
    details: list[str | None],
    lon: np.ndarray,
    lat: np.ndarray,
    areas: dict[str, np.ndarray],
) -> pa.Table:
    count = len(rows)

    def text(values: np.ndarray) -> pa.Array:
        return pa.array([value or None for value in values.tolist()], pa.string())

    def real(values: np.ndarray) -> pa.Array:
        return pa.array(values, pa.float64(), mask=np.isnan(values))

    columns = {
        "month": pa.array(months, pa.date32()),
        "date": pa.array(dates, pa.date32()),
        "dataset": pa.array([mapping.dataset] * count, pa.string()),
        "agency": pa.array([mapping.agency] * count, pa.string()),
        "category": pa.array(categories, pa.string()),
        "category_raw": pa.array(raw, pa.string()),
        "reference": pa.array(references, pa.string()),
        "lsoa_code": pa.array(lsoa, pa.string()),
        "details": pa.array(details, pa.string()),
        "lsoa21": text(areas["lsoa21"]),
        "ward": text(areas["ward"]),
        "authority": text(areas["authority"]),
        "csp": text(areas["csp"]),
        "force_area": text(areas["force_area"]),
        "lon": real(lon),
        "lat": real(lat),
        "x_bng": real(areas["x_bng"]),
        "y_bng": real(areas["y_bng"]),
        "assign_method": pa.array(areas["assign_method"].tolist(), pa.string()),
        "outside_force_area": pa.array(areas["outside_force_area"].astype(bool)),
        "batch_id": pa.array([None] * count, pa.string()),
        "source_row": pa.array([line for line, _ in rows], pa.int64()),
    }
    return pa.Table.from_pydict(columns, schema=PARTNER_SCHEMA)
