"""Point events from a CSV (x, y, date), for near-repeat analysis: a force's or partner's
extract with real dates and coordinates. Columns are named by header or by 1-based number."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

from cspkit.errors import InputError, Where


@dataclass(frozen=True)
class Events:
    xy: np.ndarray  # n × 2, in the file's units
    days: np.ndarray  # day numbers (proleptic ordinal)
    source: str


def _column(spec: str, header: list[str] | None, path: str, role: str) -> int:
    if spec.isdigit():
        number = int(spec)
        if number < 1:
            raise InputError(Where(path, column=spec), f"--{role} columns are numbered from 1")
        return number - 1
    if header is None:
        raise InputError(
            Where(path, column=spec), f"--{role} names a column, but the file has no header: give its number"
        )
    if spec not in header:
        raise InputError(Where(path, 1, spec), f"no such column for --{role}; the header has {', '.join(header)}")
    return header.index(spec)


def _open_csv(path: Path, header: bool) -> tuple[Any, list[str] | None]:
    """A CSV reader past the header, and the header's names (None without one)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(Where(str(path)), "no such file") from None
    except UnicodeDecodeError as error:
        raise InputError(Where(str(path)), f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    names = [name.strip() for name in next(reader, [])] if header else None
    return reader, names


def read_events(path: Path, x: str, y: str, date: str, *, header: bool = True, date_format: str = "%Y-%m-%d") -> Events:
    """Every row's coordinates and date; a row that cannot be read is refused with its line."""
    label = str(path)
    reader, names = _open_csv(path, header)
    columns = {role: _column(spec, names, label, role) for role, spec in (("x", x), ("y", y), ("date", date))}
    points: list[tuple[float, float]] = []
    days: list[int] = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        values = {}
        for role, index in columns.items():
            name = names[index] if names else str(index + 1)
            if index >= len(row) or not row[index].strip():
                raise InputError(Where(label, line, name), f"no {role} value")
            values[role] = (row[index].strip(), name)
        try:
            point = (float(values["x"][0]), float(values["y"][0]))
        except ValueError:
            bad = "x" if not _is_number(values["x"][0]) else "y"
            raise InputError(Where(label, line, values[bad][1]), f"{values[bad][0]!r} is not a number") from None
        try:
            when = datetime.strptime(values["date"][0], date_format).date()
        except ValueError:
            raise InputError(
                Where(label, line, values["date"][1]),
                f"{values['date'][0]!r} does not match --date-format {date_format}",
            ) from None
        points.append(point)
        days.append(when.toordinal())
    if len(points) < 2:
        raise InputError(Where(label), "a near-repeat test needs at least two events")
    return Events(np.array(points, dtype=float), np.array(days, dtype=float), label)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class KeyedEvents:
    keys: list[str]  # the location (or victim) each event belongs to
    days: np.ndarray  # day numbers (proleptic ordinal)
    source: str


def read_keyed_events(
    path: Path, keys: list[str], date: str, *, header: bool = True, date_format: str = "%Y-%m-%d"
) -> KeyedEvents:
    """Each row's key (one column, or several joined, e.g. easting and northing) and date."""
    label = str(path)
    reader, names = _open_csv(path, header)
    key_columns = [_column(spec, names, label, "location") for spec in keys]
    date_column = _column(date, names, label, "date")
    found_keys: list[str] = []
    days: list[int] = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        parts = []
        for index in [*key_columns, date_column]:
            name = names[index] if names else str(index + 1)
            if index >= len(row) or not row[index].strip():
                role = "date" if index == date_column else "location"
                raise InputError(Where(label, line, name), f"no {role} value")
        for index in key_columns:
            parts.append(row[index].strip().upper())
        value = row[date_column].strip()
        try:
            when = datetime.strptime(value, date_format).date()
        except ValueError:
            name = names[date_column] if names else str(date_column + 1)
            raise InputError(
                Where(label, line, name), f"{value!r} does not match --date-format {date_format}"
            ) from None
        found_keys.append(" | ".join(parts))
        days.append(when.toordinal())
    if not found_keys:
        raise InputError(Where(label), "no events")
    return KeyedEvents(found_keys, np.array(days, dtype=np.int64), label)
