"""Workbooks for the board pack: one sheet per table, a header row, frozen panes, numbers
stored unrounded (as in the JSON) and shown rounded by the cell's number format."""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cspkit.writing import write_bytes_atomically

FORMATS = {
    "count": "#,##0",
    "target": "#,##0",
    "percent": '+0.0"%";-0.0"%";0.0"%"',
    "share": '0.0"%"',
    "rate": "0.00",
    "text": "@",
}


@dataclass
class Sheet:
    title: str  # at most 31 characters, Excel's limit
    columns: Sequence[tuple[str, str]]  # (header, format key)
    rows: list[Sequence[Any]] = field(default_factory=list)


def workbook_bytes(sheets: list[Sheet], about: list[tuple[str, str]]) -> bytes:
    """An .xlsx with an "About" sheet first (what the workbook is, where from)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    first = book.active
    first.title = "About"
    for key, value in about:
        first.append([key, value])
    first.column_dimensions["A"].width = 22
    first.column_dimensions["B"].width = 100
    for cell in first["A"]:
        cell.font = Font(bold=True)
    for sheet in sheets:
        ws = book.create_sheet(sheet.title[:31])
        ws.append([header for header, _ in sheet.columns])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            ws.append([_cell(value) for value in row])
            for cell in ws[ws.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # text, never a formula (no spreadsheet injection)
        for index, (header, kind) in enumerate(sheet.columns, start=1):
            letter = get_column_letter(index)
            ws.column_dimensions[letter].width = max(10, min(60, len(header) + 4))
            for cell in ws[letter][1:]:
                if isinstance(cell.value, int | float):
                    cell.number_format = FORMATS[kind]
        ws.freeze_panes = "B2"
        ws.auto_filter.ref = ws.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    """Lists become text; None stays an empty cell."""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return value


def write_workbook(target: Path, sheets: list[Sheet], about: list[tuple[str, str]]) -> None:
    write_bytes_atomically(target, workbook_bytes(sheets, about))
