"""Read a public survey results file: `question_id, area, period, respondents, agree`.

One row is one question's result for one area and period (e.g. "feel safe outside after
dark", Central Bedfordshire, 2023/24: 1,204 asked, 842 agreed). Only aggregates are held;
a file with anything else in it is refused before a row is stored.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date
from pathlib import Path

import pyarrow as pa

from cspkit.errors import InputError, UsageError, Where
from cspkit.geography.areas import parse_area
from cspkit.geography.tables import Geography
from cspkit.periods import parse_period
from cspkit.store.parsed import ParsedFile
from cspkit.store.schema import SURVEY_SCHEMA
from cspkit.yamlfile import SLUG

DATASET = "survey"
HOLDER = "survey"
COLUMNS = ("question_id", "area", "period", "respondents", "agree")


def _known(geo: Geography, area_type: str, code: str) -> bool:
    tables = {
        "csp": geo.csp_name,
        "authority": geo.authority_name,
        "ward": geo.ward_authority,
        "lsoa": geo.lsoa21_authority,
    }
    return area_type not in tables or code in tables[area_type]


def _whole(text: str, where: Where, least: int) -> int:
    try:
        value = int(text)
    except ValueError:
        raise InputError(where, f"{text!r} is not a whole number") from None
    if value < least:
        raise InputError(where, f"must be {least} or more, not {value}")
    return value


def read_survey(path: Path, data: bytes, geo: Geography, *, synthetic: bool = False) -> ParsedFile:
    """Store rows of a survey file, or an InputError naming the line and column at fault."""
    label = str(path)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(Where(label, data[: error.start].count(b"\n") + 1), "not UTF-8 text") from None
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [cell.strip() for cell in next(reader, [])]
    if not header:
        raise InputError(Where(label, 1), f"the file is empty: expected the header {','.join(COLUMNS)}")
    missing = [name for name in COLUMNS if name not in header]
    extra = [name for name in header if name not in COLUMNS]
    if missing or extra:
        said = (f"missing {', '.join(missing)}" if missing else "") + (
            f"{'; ' if missing else ''}unexpected {', '.join(extra)}" if extra else ""
        )
        raise InputError(Where(label, 1), f"the header must be {','.join(COLUMNS)} ({said})")
    at = {name: header.index(name) for name in COLUMNS}
    rows: dict[str, list[object]] = {name: [] for name in SURVEY_SCHEMA.names}
    seen: dict[tuple[str, str, str], int] = {}
    for cells in reader:
        if not any(cell.strip() for cell in cells):
            continue
        line = reader.line_num
        if len(cells) != len(header):
            raise InputError(Where(label, line), f"{len(cells)} values where the header has {len(header)}")
        value = {name: cells[at[name]].strip() for name in COLUMNS}
        question = value["question_id"]
        if not SLUG.match(question):
            raise InputError(Where(label, line, "question_id"), f"{question!r}: use lowercase letters, digits, hyphens")
        try:
            area = parse_area(value["area"])
        except UsageError as error:
            raise InputError(Where(label, line, "area"), str(error)) from None
        if not _known(geo, area.area_type, area.code):
            raise InputError(Where(label, line, "area"), f"{area} is not in the geography's lookups")
        try:
            period = parse_period(value["period"])
        except UsageError as error:
            raise InputError(Where(label, line, "period"), str(error)) from None
        respondents = _whole(value["respondents"], Where(label, line, "respondents"), 1)
        agree = _whole(value["agree"], Where(label, line, "agree"), 0)
        if agree > respondents:
            raise InputError(Where(label, line, "agree"), f"{agree} agreed but only {respondents} responded")
        key = (question, str(area), period.label)
        if key in seen:
            raise InputError(
                Where(label, line),
                f"{question} for {area} in {period.label} is given twice (first on line {seen[key]})",
            )
        seen[key] = line
        for name, cell in (
            ("month", date(period.end.year, period.end.month, 1)),
            ("period", period.label),
            ("period_start", period.start),
            ("question_id", question),
            ("area", str(area)),
            ("area_type", area.area_type),
            ("respondents", respondents),
            ("agree", agree),
            ("synthetic", synthetic),
            ("batch_id", ""),
            ("source_row", line),
        ):
            rows[name].append(cell)
    if not seen:
        raise InputError(Where(label, 2), "no results: the file has a header but no rows")
    digest = hashlib.sha256(data).hexdigest()
    rows["batch_id"] = [digest[:16]] * len(seen)
    table = pa.Table.from_pydict(rows, schema=SURVEY_SCHEMA)
    return ParsedFile(label, digest, DATASET, "", table, "", agency=HOLDER, synthetic=synthetic)
