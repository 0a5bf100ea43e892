"""Tables as text, CSV or JSON on standard output."""

from __future__ import annotations

import csv
import json
import sys
from typing import Any


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def write_rows(rows: list[dict[str, Any]], fields: list[str], fmt: str) -> None:
    out = sys.stdout
    if fmt == "json":
        json.dump(rows, out, indent=1, default=str)
        out.write("\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(fields)
        writer.writerows([_text(row[name]) for name in fields] for row in rows)
    else:
        widths = [max([len(name)] + [len(_text(row[name])) for row in rows]) for name in fields]
        out.write("  ".join(name.ljust(w) for name, w in zip(fields, widths, strict=True)).rstrip() + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for row in rows:
            cells = []
            for name, width in zip(fields, widths, strict=True):
                value = row[name]
                cells.append(_text(value).rjust(width) if isinstance(value, int) else _text(value).ljust(width))
            out.write("  ".join(cells).rstrip() + "\n")
