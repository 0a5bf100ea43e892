"""ONS police recorded crime tables by CSP (C2, C4, C5) and by force (P1, P3), in long form.

The tables are wide (one column per offence group) and their headers differ between the CSP
and force editions ("All other theft offences" / "Other theft offences", "[note 2]" marks);
each header is mapped to one canonical offence group, so every table reads into the same
rows: year ending, area, offence group, count or published rate.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cspkit.errors import InputError, Where

OFFENCE_GROUPS: tuple[str, ...] = (
    "Total recorded crime (excluding fraud)",
    "Violence against the person",
    "Homicide",
    "Death or serious injury caused by illegal driving",
    "Violence with injury",
    "Violence without injury",
    "Stalking and harassment",
    "Sexual offences",
    "Robbery",
    "Theft offences",
    "Burglary",
    "Residential burglary",
    "Non-residential burglary",
    "Vehicle offences",
    "Theft from the person",
    "Bicycle theft",
    "Shoplifting",
    "All other theft offences",
    "Criminal damage and arson",
    "Drug offences",
    "Possession of weapons offences",
    "Public order offences",
    "Miscellaneous crimes against society",
)
_ALIASES = {
    "Death or serious injury - unlawful driving": "Death or serious injury caused by illegal driving",
    "Other theft offences": "All other theft offences",
    "Miscellaneous crimes": "Miscellaneous crimes against society",
    "Residential burglary (per 1,000 population)": "Residential burglary",
}
# Residential burglary is also published per 1,000 households.
_HOUSEHOLD_RATE = ("Residential burglary (per 1,000 household)", "Residential burglary (households)")
_CSP_KEYS = (
    "Police Force Area code",
    "Police Force Area name",
    "Community Safety Partnership code",
    "Community Safety Partnership name",
    "Local Authority code",
    "Local Authority name",
)
_FORCE_KEYS = ("Area Code", "Area Name")


def slug(group: str) -> str:
    """`Total recorded crime (excluding fraud)` -> `total-recorded-crime-excluding-fraud`."""
    return re.sub(r"[^a-z0-9]+", "-", group.lower()).strip("-")


def _clean(header: str) -> str:
    return re.sub(r"\s*\[note[^\]]*\]", "", header).strip()


@dataclass(frozen=True)
class TableInfo:
    """What a file is: CSP or force level, counts or rates."""

    level: str  # "csp" or "force"
    measure: str  # "count" or "rate"


def _identify(label: str, header: list[str]) -> TableInfo:
    if tuple(header[:6]) == _CSP_KEYS:
        level = "csp"
    elif tuple(header[:2]) == _FORCE_KEYS:
        level = "force"
    else:
        raise InputError(Where(label, 1), "not an ONS CSP (C2/C4/C5) or force (P1/P3) recorded crime table")
    rates = any(_clean(name).startswith("Population figures") for name in header)
    return TableInfo(level, "rate" if rates else "count")


def _area_type(level: str, code: str, name: str) -> str:
    if level == "csp":
        if code:
            return "csp"
        return "unassigned" if name.startswith("Unassigned") else "force"
    prefix = code[:3]
    return {"K04": "country", "E92": "country", "W92": "country", "E12": "region"}.get(prefix, "force")


def _number(label: str, line: int, column: str, text: str, integer: bool) -> tuple[float | int | None, str | None]:
    """A value, or None with the ONS marker ([x] not available, [u1] unreliable ...)."""
    text = text.strip().replace(",", "")
    if not text or re.fullmatch(r"\[[a-z0-9]+\]", text, re.IGNORECASE):
        return None, text or None
    try:
        return (int(text) if integer else float(text)), None
    except ValueError:
        raise InputError(Where(label, line, column), f"{text!r} is not a number or an ONS marker") from None


def read_ons_table(path: Path, data: bytes | None = None) -> tuple[TableInfo, list[dict[str, Any]]]:
    """Rows of (area, offence group, value) from one table; refuse anything else by line."""
    label = str(path)
    text = (path.read_bytes() if data is None else data).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not rows:
        raise InputError(Where(label), "the file is empty")
    header = [name.strip() for name in rows[0]]
    info = _identify(label, header)
    groups: dict[int, tuple[str, str]] = {}  # column index -> (group, what)
    for index, name in enumerate(header):
        clean = _clean(name)
        if clean in _HOUSEHOLD_RATE:
            groups[index] = ("Residential burglary", "rate_households")
        elif _ALIASES.get(clean, clean) in OFFENCE_GROUPS:
            groups[index] = (_ALIASES.get(clean, clean), info.measure)
    missing = set(OFFENCE_GROUPS) - {group for group, _ in groups.values()}
    if missing:
        raise InputError(Where(label, 1), f"no column for the offence groups {sorted(missing)}")
    out = []
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            raise InputError(Where(label, line), f"{len(cells)} fields where the header has {len(header)}")
        record = dict(zip(header, cells, strict=True))
        if info.level == "csp":
            code, name = record["Community Safety Partnership code"], record["Community Safety Partnership name"]
            force_area, force_name = record["Police Force Area code"], record["Police Force Area name"]
            area_type = _area_type("csp", code.strip(), name.strip())
            if area_type == "force":
                code, name = force_area, force_name
        else:
            code, name = record["Area Code"], _clean(record["Area Name"])
            area_type = _area_type("force", code.strip(), name.strip())
            force_area, force_name = (code, name) if area_type == "force" else ("", "")
        base: dict[str, Any] = {
            "level": info.level,
            "area_type": area_type,
            "code": code.strip(),
            "name": name.strip(),
            "force_area": force_area.strip(),
            "force_area_name": force_name.strip(),
        }
        if info.measure == "rate":
            population_column = next(h for h in header if _clean(h).startswith("Population figures"))
            household_column = next(h for h in header if _clean(h).startswith("Household figures"))
            base["population"] = _number(label, line, population_column, record[population_column], True)[0]
            base["households"] = _number(label, line, household_column, record[household_column], True)[0]
        for index, (group, what) in groups.items():
            value, marker = _number(label, line, header[index], cells[index], what == "count")
            out.append({**base, "offence_group": group, "measure": what, "value": value, "marker": marker})
    return info, out
