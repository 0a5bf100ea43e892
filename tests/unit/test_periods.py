from __future__ import annotations

from datetime import date

import pytest

from cspkit.errors import UsageError
from cspkit.periods import parse_period, range_period


@pytest.mark.parametrize(
    ("text", "kind", "start", "end"),
    [
        ("2024-03", "month", date(2024, 3, 1), date(2024, 3, 1)),
        ("2023/24", "financial-year", date(2023, 4, 1), date(2024, 3, 1)),
        ("2023/24-Q1", "quarter", date(2023, 4, 1), date(2023, 6, 1)),
        ("2023/24-Q4", "quarter", date(2024, 1, 1), date(2024, 3, 1)),
        ("12m-to-2024-03", "rolling-12-months", date(2023, 4, 1), date(2024, 3, 1)),
        ("fytd-2024-03", "financial-year-to-date", date(2023, 4, 1), date(2024, 3, 1)),
        ("fytd-2023-05", "financial-year-to-date", date(2023, 4, 1), date(2023, 5, 1)),
        ("2023-04..2024-03", "range", date(2023, 4, 1), date(2024, 3, 1)),
        ("1999/00", "financial-year", date(1999, 4, 1), date(2000, 3, 1)),
    ],
)
def test_every_form_of_the_grammar(text: str, kind: str, start: date, end: date) -> None:
    period = parse_period(text)
    assert (period.kind, period.start, period.end) == (kind, start, end)


@pytest.mark.parametrize(
    ("text", "comparison"),
    [
        ("2024-03", "2023-03"),
        ("2023/24", "2022/23"),
        ("2023/24-Q3", "2022/23-Q3"),
        ("12m-to-2024-03", "12m-to-2023-03"),
        ("fytd-2024-01", "fytd-2023-01"),
        ("2023-04..2023-09", "2022-04..2022-09"),
    ],
)
def test_comparison_is_the_same_span_a_year_earlier(text: str, comparison: str) -> None:
    assert parse_period(text).comparison().label == comparison


@pytest.mark.parametrize("text", ["2024-13", "2023/25", "2023/24-Q5", "24-03", "2024-05..2024-03", "last year", ""])
def test_bad_periods_say_what_to_write(text: str) -> None:
    with pytest.raises(UsageError, match="period|month|financial year|ends before"):
        parse_period(text)


def test_missing_months_of_a_partial_period() -> None:
    # The bundle starts in May 2021, so 2021/22 lacks April 2021.
    period = parse_period("2021/22")
    available = [date(2021, m, 1) for m in range(5, 13)] + [date(2022, m, 1) for m in range(1, 4)]
    assert period.missing(available) == [date(2021, 4, 1)]
    assert len(period.months) == 12


def test_from_to_shorthand() -> None:
    assert range_period("2023-04", "2023-06").label == "2023-04..2023-06"
    assert range_period("2023-04", None).months == [date(2023, 4, 1)]
