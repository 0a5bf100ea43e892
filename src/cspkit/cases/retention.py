"""Retention schedules: when a case record is reviewed and when it must go."""

from __future__ import annotations

import calendar
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cspkit.config.cases import Purpose


def add_months(start: date, months: int) -> date:
    """`start` moved on whole calendar months, on the month's last day when the day does not exist."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def due_dates(purpose: Purpose, last_activity: date) -> tuple[date, date]:
    """(review on, delete on) for a record of `purpose` last active on `last_activity`."""
    return add_months(last_activity, purpose.review_months), add_months(last_activity, purpose.retain_months)
