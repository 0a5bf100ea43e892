"""Write a report's files together: JSON, HTML and XLSX first, then the PDF (so a machine
without Pango still has the rest when the PDF step fails)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click


def write_report(
    folder: Path,
    stem: str,
    document: dict[str, Any],
    html: str,
    workbook: tuple[list[Any], list[tuple[str, str]]] | None,
    pdf: bool,
) -> list[Path]:
    from cspkit.reports.pdf import write_pdf
    from cspkit.reports.xlsx import write_workbook
    from cspkit.writing import write_text_atomically

    written = [folder / f"{stem}.json", folder / f"{stem}.html"]
    write_text_atomically(written[0], json.dumps(document, indent=1) + "\n")
    write_text_atomically(written[1], html)
    if workbook is not None:
        written.append(folder / f"{stem}.xlsx")
        write_workbook(written[-1], *workbook)
    if pdf:
        written.append(folder / f"{stem}.pdf")
        write_pdf(html, written[-1])
    for path in written:
        click.echo(f"  {path}")
    return written
