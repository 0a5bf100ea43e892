"""The ASB case review threshold (Community Trigger) and the published annual figures.

The threshold is the partnership's (configurable; three complaints in six months is common):
complaints about the anti-social behaviour made within the last `months` months before the
application. Figures are by financial year (April to March), as councils publish them:
applications, threshold not met, reviews carried out, reviews with recommendations."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier (the month's last day where it is shorter)."""
    import calendar

    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def complaints_counted(dates: Iterable[date], received: date, months: int) -> int:
    start = months_before(received, months)
    return sum(1 for d in dates if start <= d <= received)


def meets_threshold(dates: Iterable[date], received: date, complaints: int, months: int) -> bool:
    return complaints_counted(dates, received, months) >= complaints


def financial_year(day: date) -> str:
    start = day.year if day.month >= 4 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


@dataclass(frozen=True)
class YearFigures:
    year: str
    applications: int
    threshold_not_met: int
    reviews: int
    with_recommendations: int
