"""The one period grammar of every command and URL (DESIGN.md "Periods").

    2024-03          a month
    2023/24          a financial year, 1 April 2023 - 31 March 2024
    2023/24-Q1       a quarter of it (Q1 = April-June)
    12m-to-2024-03   the twelve months ending with March 2024
    fytd-2024-03     the financial year to date, April 2023 - March 2024
    2023-04..2024-03 an inclusive range of months

Every period is a run of whole months; its comparison period is the same run a year earlier.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cspkit.errors import UsageError

_MONTH = r"(\d{4})-(0[1-9]|1[0-2])"
_FORMS = {
    "month": re.compile(rf"^{_MONTH}$"),
    "financial-year": re.compile(r"^(\d{4})/(\d{2})$"),
    "quarter": re.compile(r"^(\d{4})/(\d{2})-Q([1-4])$"),
    "rolling-12-months": re.compile(rf"^12m-to-{_MONTH}$"),
    "financial-year-to-date": re.compile(rf"^fytd-{_MONTH}$"),
    "range": re.compile(rf"^{_MONTH}\.\.{_MONTH}$"),
}


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_label(month: date) -> str:
    return f"{month.year:04d}-{month.month:02d}"


def parse_month(text: str) -> date:
    match = _FORMS["month"].match(text)
    if not match:
        raise UsageError(f"{text!r} is not a month: write YYYY-MM, e.g. 2024-03")
    return date(int(match[1]), int(match[2]), 1)


def financial_year_start(month: date) -> date:
    return date(month.year if month.month >= 4 else month.year - 1, 4, 1)


@dataclass(frozen=True)
class Period:
    """An inclusive run of whole months, with the text it was written as."""

    label: str
    kind: str
    start: date
    end: date

    @property
    def months(self) -> list[date]:
        count = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1
        return [add_months(self.start, i) for i in range(count)]

    def comparison(self) -> Period:
        """The same span a year earlier, in the same form."""
        start, end = add_months(self.start, -12), add_months(self.end, -12)
        return Period(_label(self.kind, start, end), self.kind, start, end)

    def missing(self, available: Iterable[date]) -> list[date]:
        """The months of this period not among those available."""
        have = set(available)
        return [month for month in self.months if month not in have]


def _financial_year(first: str, second: str, text: str) -> date:
    start = int(first)
    if (start + 1) % 100 != int(second):
        raise UsageError(f"{text!r}: a financial year is two consecutive years, e.g. 2023/24")
    return date(start, 4, 1)


def _label(kind: str, start: date, end: date) -> str:
    fy = financial_year_start(start)
    fy_text = f"{fy.year}/{(fy.year + 1) % 100:02d}"
    if kind == "month":
        return month_label(start)
    if kind == "financial-year":
        return fy_text
    if kind == "quarter":
        return f"{fy_text}-Q{(start.month - 4) % 12 // 3 + 1}"
    if kind == "rolling-12-months":
        return f"12m-to-{month_label(end)}"
    if kind == "financial-year-to-date":
        return f"fytd-{month_label(end)}"
    return f"{month_label(start)}..{month_label(end)}"


def parse_period(text: str) -> Period:
    """Read a period in any form of the grammar; anything else is a UsageError saying why."""
    text = text.strip()
    for kind, pattern in _FORMS.items():
        match = pattern.match(text)
        if not match:
            continue
        if kind == "month":
            start = end = date(int(match[1]), int(match[2]), 1)
        elif kind == "financial-year":
            start = _financial_year(match[1], match[2], text)
            end = add_months(start, 11)
        elif kind == "quarter":
            fy = _financial_year(match[1], match[2], text)
            start = add_months(fy, 3 * (int(match[3]) - 1))
            end = add_months(start, 2)
        elif kind == "rolling-12-months":
            end = date(int(match[1]), int(match[2]), 1)
            start = add_months(end, -11)
        elif kind == "financial-year-to-date":
            end = date(int(match[1]), int(match[2]), 1)
            start = financial_year_start(end)
        else:
            start = date(int(match[1]), int(match[2]), 1)
            end = date(int(match[3]), int(match[4]), 1)
            if end < start:
                raise UsageError(f"{text!r}: the range ends before it starts")
        return Period(text, kind, start, end)
    raise UsageError(
        f"{text!r} is not a period: write 2024-03, 2023/24, 2023/24-Q1, 12m-to-2024-03, "
        "fytd-2024-03 or 2023-04..2024-03"
    )


def range_period(start: str | None, end: str | None) -> Period:
    """`--from/--to` as a range; either end alone means that single month."""
    first = parse_month(start or end or "")
    last = parse_month(end or start or "")
    return parse_period(f"{month_label(first)}..{month_label(last)}")
