"""Read one police.uk file into the store's columns, or refuse it naming file, line and column.

The fast path reads with Arrow's CSV reader; only when something is wrong does a slower pass
with Python's csv module find the exact line, so good files pay nothing for good messages.
Line numbers count the header as line 1.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
from pyarrow import csv as arrow_csv

from cspkit.errors import InputError, Where
from cspkit.faults import checkpoint
from cspkit.geography.assign import assign_records
from cspkit.geography.forces import force_by_name, force_by_slug
from cspkit.geography.tables import Geography
from cspkit.sources.policeuk.categories import category_for_label, labels_in_use
from cspkit.sources.policeuk.datasets import DATASETS, Dataset, closest_dataset, dataset_for_header
from cspkit.sources.policeuk.discover import Member
from cspkit.store.parsed import ParsedFile
from cspkit.store.schema import SCHEMAS

_UK = ZoneInfo("Europe/London")
# Typed scalars: given a plain Python value, Arrow's compute functions try importing pandas
# on every call, which costs more than the work on a monthly file.
_EMPTY = pa.scalar("", pa.string())
_TRUE = pa.scalar("true", pa.string())


class _File:
    """The file being read: its label, bytes and line numbers, for messages."""

    def __init__(self, member: Member, data: bytes) -> None:
        self.label = member.label
        self.data = data
        self.lines: np.ndarray = np.zeros(0, dtype=np.int64)  # set once the rows are read

    def fail(self, reason: str, row: int | None = None, column: str | None = None) -> InputError:
        line = None if row is None or row >= len(self.lines) else int(self.lines[row])
        return InputError(Where(self.label, line, column), reason)


def _header(file: _File) -> list[str]:
    first_line = file.data.split(b"\n", 1)[0].decode("utf-8-sig", errors="replace")
    first = next(csv.reader([first_line]), [])
    return [cell.strip() for cell in first]


def _identify(file: _File, member: Member) -> Dataset:
    if not file.data.strip():
        raise InputError(Where(file.label), "the file is empty: no header and no rows")
    header = _header(file)
    dataset = dataset_for_header(header)
    if dataset is None:
        known = {column for candidate in DATASETS for column in candidate.header}
        if not set(header) & known:
            raise InputError(
                Where(file.label, 1),
                "the header is missing or unknown: line 1 should name the columns of a police.uk "
                "street, outcomes or stop-and-search file",
            )
        closest, position = closest_dataset(header)
        found = header[position] if position < len(header) else "(nothing)"
        expected = closest.header[position] if position < len(closest.header) else "(nothing)"
        raise InputError(
            Where(file.label, 1, found),
            f"wrong header for a police.uk {closest.name} file: column {position + 1} is "
            f"{found!r}, expected {expected!r}",
        )
    named = member.named
    if named and named[2] != dataset.name:
        raise InputError(
            Where(file.label, 1),
            f"the file name says {named[2]} but the header is that of a {dataset.name} file",
        )
    return dataset


def _diagnose(file: _File, width: int) -> InputError:
    """Find the first line the CSV reader could not take (slow path, errors only)."""
    reader = csv.reader(io.StringIO(file.data.decode("utf-8-sig", errors="replace")), strict=True)
    try:
        for record in reader:
            if len(record) != width and record:
                return InputError(
                    Where(file.label, reader.line_num),
                    f"{len(record)} fields where the header has {width} (a truncated or damaged file?)",
                )
    except csv.Error as error:
        return InputError(Where(file.label, reader.line_num), f"unreadable CSV ({error}; truncated file?)")
    return InputError(Where(file.label), "unreadable CSV")


def _read(file: _File, dataset: Dataset) -> pa.Table:
    width = len(dataset.header)
    try:
        table = arrow_csv.read_csv(
            io.BytesIO(file.data),
            read_options=arrow_csv.ReadOptions(column_names=list(dataset.header), skip_rows=1),
            parse_options=arrow_csv.ParseOptions(newlines_in_values=True),
            convert_options=arrow_csv.ConvertOptions(
                column_types=dict.fromkeys(dataset.header, pa.string()),
                strings_can_be_null=True,
                null_values=[""],
            ),
        )
    except pa.ArrowInvalid as error:
        raise _diagnose(file, width) from error
    file.lines = _line_numbers(file, table)
    return table


def _line_numbers(file: _File, table: pa.Table) -> np.ndarray:
    rows = table.num_rows
    newlines = file.data.count(b"\n")
    if newlines in (rows, rows + 1):
        # A header and one line per row (with or without a final newline): row i is on line i + 2.
        return np.arange(2, rows + 2)
    reader = csv.reader(io.StringIO(file.data.decode("utf-8-sig", errors="replace")))
    next(reader)
    lines = []
    start = reader.line_num + 1
    for record in reader:
        if record:  # the reader skips blank lines, and so does Arrow's
            lines.append(start)
        start = reader.line_num + 1
    return np.array(lines[:rows])


def _first(mask: pa.Array) -> int:
    return int(np.flatnonzero(np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool))[0])


def _coordinate(file: _File, table: pa.Table, name: str, limit: float) -> np.ndarray:
    text = table[name]
    try:
        values = pc.cast(text, pa.float64())
    except pa.ArrowInvalid:
        bad = pc.and_(
            pc.is_valid(text), pc.invert(pc.match_substring_regex(text, r"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$"))
        )
        row = _first(pc.fill_null(bad, False))
        raise file.fail(f"{text[row].as_py()!r} is not a number", row, name) from None
    array: np.ndarray = np.asarray(values.to_numpy(zero_copy_only=False), dtype=float)
    out_of_range = np.abs(np.nan_to_num(array)) > limit
    if out_of_range.any():
        row = int(np.flatnonzero(out_of_range)[0])
        raise file.fail(f"{array[row]} is not a {name.lower()} in degrees", row, name)
    return array


def _months(file: _File, table: pa.Table, name: str) -> pa.Array:
    text = pc.fill_null(table[name], _EMPTY)
    dated = pc.binary_join_element_wise(text, pa.scalar("01"), pa.scalar("-"))
    stamps = pc.strptime(dated, format="%Y-%m-%d", unit="s", error_is_null=True)
    if stamps.null_count:
        row = _first(pc.is_null(stamps))
        raise file.fail(f"{text[row].as_py()!r} is not a month (YYYY-MM)", row, name)
    return pc.cast(stamps, pa.date32()).combine_chunks()


def _categories(file: _File, table: pa.Table, column: str, months: pa.Array) -> tuple[pa.Array, pa.Array]:
    labels = pc.fill_null(table[column], _EMPTY).combine_chunks()
    keys = pc.binary_join_element_wise(pc.cast(months, pa.string()), labels, pa.scalar("|"))
    encoded = keys.dictionary_encode()
    slugs = []
    for position, key in enumerate(encoded.dictionary.to_pylist()):
        month_text, label = key.split("|", 1)
        month = date.fromisoformat(month_text)
        category = category_for_label(label, month)
        if category is None:
            row = _first(pc.equal(encoded.indices, position))
            raise file.fail(
                f"{label!r} is not a police.uk crime type in {month_text[:7]} "
                f"(known then: {', '.join(labels_in_use(month))})",
                row,
                column,
            )
        slugs.append(category.slug)
    return labels, pa.array(slugs, pa.string()).take(encoded.indices)


def _booleans(file: _File, table: pa.Table, name: str) -> pa.Array:
    text = pc.utf8_lower(pc.fill_null(table[name], _EMPTY))
    known = pc.is_in(text, pa.array(["true", "false", ""]))
    if not pc.all(known).as_py():
        row = _first(pc.invert(known))
        raise file.fail(f"{table[name][row].as_py()!r} is not True, False or empty", row, name)
    return pc.if_else(pc.equal(text, _EMPTY), pa.scalar(None, pa.bool_()), pc.equal(text, _TRUE))


def _datetimes(file: _File, table: pa.Table, name: str) -> pa.Array:
    text = table[name]
    try:
        return pc.cast(text, pa.timestamp("ms", tz="UTC"))
    except pa.ArrowInvalid:
        for row, value in enumerate(text.to_pylist()):
            try:
                datetime.fromisoformat(value or "")
            except ValueError:
                raise file.fail(f"{value!r} is not a date and time (ISO 8601)", row, name) from None
        raise


def _uk_months(stamps: pa.Array) -> pa.Array:
    """Calendar months in UK local time: police.uk dates are UTC, its months are not."""
    values = []
    for stamp in stamps.to_pylist():
        local = stamp.astimezone(_UK)
        values.append(date(local.year, local.month, 1))
    return pa.array(values, pa.date32())


def _force(file: _File, member: Member, table: pa.Table, explicit: str | None) -> str:
    named = member.named
    slug = explicit or (named[1] if named else None)
    if slug:
        try:
            return force_by_slug(slug).slug
        except KeyError:
            raise file.fail(f"{slug!r} is not a police.uk force slug (e.g. bedfordshire)") from None
    if "Falls within" not in table.column_names:
        raise InputError(
            Where(file.label),
            "which force? name the file YYYY-MM-<force>-stop-and-search.csv or pass --force",
        )
    falls_within = pc.fill_null(table["Falls within"], _EMPTY)
    values = pc.unique(falls_within).to_pylist()
    found = {value: force_by_name(value) for value in values}
    for value, force in found.items():
        if force is None:
            row = _first(pc.equal(falls_within, pa.scalar(value)))
            raise file.fail(f"{value!r} is not a police.uk force", row, "Falls within")
    slugs = {force.slug for force in found.values() if force}
    if len(slugs) != 1:
        raise file.fail(f"rows of several forces in one file ({', '.join(sorted(slugs))}); pass --force")
    return slugs.pop()


def _vintage(file: _File, vintages: np.ndarray, lsoa: pa.Array, allow_mixed: bool, column: str | None) -> str:
    has_2011, has_2021 = vintages == "2011", vintages == "2021"
    if has_2011.any() and has_2021.any():
        if allow_mixed:
            return "mixed"
        old, new = int(np.flatnonzero(has_2011)[0]), int(np.flatnonzero(has_2021)[0])
        raise file.fail(
            f"LSOA codes of both vintages: {lsoa[old].as_py()} (2011 only) here and {lsoa[new].as_py()} "
            f"(2021 only) at line {file.lines[new]}; pass --allow-mixed-vintage to accept",
            old,
            column,
        )
    return "2011" if has_2011.any() else "2021" if has_2021.any() else "either"


def parse_member(
    member: Member,
    geo: Geography,
    force: str | None = None,
    allow_mixed_vintage: bool = False,
    data: bytes | None = None,
) -> ParsedFile:
    """Read, check, convert and assign one police.uk file (`data`: its bytes, if read already)."""
    data = member.read() if data is None else data
    file = _File(member, data)
    dataset = _identify(file, member)
    table = _read(file, dataset)
    checkpoint("parse")
    slug = _force(file, member, table, force)
    columns: dict[str, Any] = {}
    lon = _coordinate(file, table, "Longitude", 180)
    lat = _coordinate(file, table, "Latitude", 90)
    if dataset.datetime_column:
        stamps = _datetimes(file, table, dataset.datetime_column)
        columns["datetime"] = stamps
    if dataset.month_column:
        months = _months(file, table, dataset.month_column)
    elif member.named:
        months = pa.array([date.fromisoformat(member.named[0] + "-01")] * table.num_rows, pa.date32())
    else:
        months = _uk_months(columns["datetime"])
    columns["month"] = months
    columns["force"] = pa.array([slug] * table.num_rows, pa.string())
    for source, target in dataset.renames.items():
        columns[target] = table[source]
    for source, target in dataset.boolean_columns.items():
        columns[target] = _booleans(file, table, source)
    if dataset.category_column:
        columns["category"], columns["category_slug"] = _categories(file, table, dataset.category_column, months)
    lsoa = columns["lsoa_code"].combine_chunks() if "lsoa_code" in columns else pa.nulls(table.num_rows, pa.string())
    areas = assign_records(geo, lsoa, lon, lat, slug)
    vintage = _vintage(file, areas.pop("lsoa_vintage"), lsoa, allow_mixed_vintage, dataset.lsoa_column)
    checkpoint("assign")
    for name, values in areas.items():
        columns[name] = values
    columns["lon"], columns["lat"] = lon, lat
    digest = hashlib.sha256(data).hexdigest()
    columns["batch_id"] = pa.array([digest[:16]] * table.num_rows, pa.string())
    columns["source_row"] = pa.array(file.lines, pa.int64())
    schema = SCHEMAS[dataset.name]
    arrays = [_as_array(columns[field.name], field.type) for field in schema]
    return ParsedFile(member.label, digest, dataset.name, slug, pa.Table.from_arrays(arrays, schema=schema), vintage)


def _as_array(values: Any, kind: pa.DataType) -> pa.Array | pa.ChunkedArray:
    if isinstance(values, pa.Array | pa.ChunkedArray):
        return values.cast(kind)
    if isinstance(values, np.ndarray) and values.dtype.kind == "f":
        return pa.array(values, kind, from_pandas=True)
    array = pa.array(values, kind)
    if pa.types.is_string(kind):
        # Area columns use "" for "none" while computing; the store says null.
        return pc.if_else(pc.equal(array, _EMPTY), pa.scalar(None, kind), array)
    return array
