"""The personal-data screen: refuse a "depersonalised" extract that still identifies people.

Every cell of every column is checked, mapped or not, before anything is written. What it
looks for (docs/partner.md says the same): names (a column headed as a name, a title and
surname, a common forename and a capitalised surname, "named ..."), dates of birth (a
column headed so, "DOB"/"born" with a date, and any column of dates the mapping did not
declare), telephone numbers, e-mail addresses, full postcodes, National Insurance numbers.
Street names, sector postcodes (`MK45 2`), incident dates inside text and reference
numbers pass. Findings name line, column and kind, never the value: an error message must
not copy the personal data it is refusing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from cspkit.bundle import package_file

_DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{2,4})"
)
WHOLE_DATE = re.compile(rf"^\s*{_DATE}(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*$", re.IGNORECASE)
DATE_OF_BIRTH = re.compile(rf"\b(?:d\.?o\.?b\.?|date of birth|born(?: on)?|birth ?date)\s*[:\-]?\s*{_DATE}", re.I)
EMAIL = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")
# 0 or +44, then 9 or 10 more digits with optional single spaces or hyphens; never part
# of a longer run of digits, a slash-separated reference or a decimal.
TELEPHONE = re.compile(r"(?<![\w/.+-])(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d{2,4}\)?(?:[\s-]?\d){6,8}(?![\w/.])")
# Outward code, space optional, inward code (a digit and two letters never C I K M O V).
FULL_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[ABD-HJLNP-UW-Z]{2}\b")
NATIONAL_INSURANCE = re.compile(r"\b[A-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b", re.IGNORECASE)
TITLE_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+[A-Z][a-zA-Z'-]+")
NAMED = re.compile(r"\b(?i:named|name is|name:|known as|aka)\s+[A-Z][a-z'-]+")
_CAPITALISED_PAIR = re.compile(r"(?<![\w.])([A-Z][a-z]+)\s+([A-Z][a-zA-Z'-]+)")
_SAINT = re.compile(r"\bSt\.?\s*$")
PERSONAL_HEADER = re.compile(
    r"^(?:(?:full|first|last|given|family|middle|maiden|person'?s?|victim'?s?|offender'?s?|suspect'?s?|"
    r"client'?s?|patient'?s?|caller'?s?|complainant'?s?|perpetrator'?s?)\s*)?name$"
    r"|forename|surname|date of birth|\bdob\b|birth ?date|national insurance|\bnino\b|\bni (?:no|number)\b"
    r"|e-?mail|telephone|phone|mobile|contact (?:no|number)",
    re.IGNORECASE,
)
KINDS = {
    "name": "a name",
    "date_of_birth": "a date of birth",
    "undeclared_date": "a date in a column the mapping does not declare",
    "telephone": "a telephone number",
    "email": "an e-mail address",
    "postcode": "a full postcode",
    "national_insurance": "a National Insurance number",
    "personal_column": "a column headed as personal data",
}


@cache
def _forenames() -> frozenset[str]:
    text = package_file("privacy/forenames.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@cache
def _place_words() -> frozenset[str]:
    text = package_file("privacy/place_words.txt").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


@dataclass(frozen=True)
class Finding:
    line: int  # counting the header as line 1
    column: str
    kind: str  # a key of KINDS

    def __str__(self) -> str:
        return f"line {self.line}, column {self.column!r}: {KINDS[self.kind]}"


def _forename_and_surname(text: str) -> bool:
    names, places = _forenames(), _place_words()
    for match in _CAPITALISED_PAIR.finditer(text):
        first, second = match.group(1), match.group(2)
        if first not in names or second in places:
            continue
        if _SAINT.search(text[: match.start()]):
            continue  # "St John Street"
        following = text[match.end() :].split(maxsplit=1)
        if following and following[0].strip(",.;:") in places:
            continue  # "John Crosse Close"
        return True
    return False


def cell_kinds(text: str) -> list[str]:
    """The kinds of personal data a single value carries (date columns are judged apart)."""
    kinds = []
    if EMAIL.search(text):
        kinds.append("email")
    if DATE_OF_BIRTH.search(text):
        kinds.append("date_of_birth")
    if NATIONAL_INSURANCE.search(text):
        kinds.append("national_insurance")
    if FULL_POSTCODE.search(text):
        kinds.append("postcode")
    if TELEPHONE.search(text):
        kinds.append("telephone")
    if TITLE_NAME.search(text) or NAMED.search(text) or _forename_and_surname(text):
        kinds.append("name")
    return kinds


def screen_rows(
    header: Sequence[str],
    rows: Iterable[tuple[int, Sequence[str]]],
    date_columns: Iterable[str] = (),
) -> list[Finding]:
    """Every finding in a table: its header, then each (line, cells) row.

    `date_columns` are the columns allowed to hold dates (the event date and what the
    mapping declares); a date anywhere else, alone in its cell, is refused."""
    allowed = set(date_columns)
    findings = [Finding(1, name, "personal_column") for name in header if PERSONAL_HEADER.search(name.strip())]
    for line, cells in rows:
        for column, value in zip(header, cells, strict=False):
            text = value.strip()
            if not text:
                continue
            if column not in allowed and WHOLE_DATE.match(text):
                findings.append(Finding(line, column, "undeclared_date"))
                continue
            findings.extend(Finding(line, column, kind) for kind in cell_kinds(text))
    return findings
