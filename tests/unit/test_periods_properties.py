"""Properties of the period grammar over many generated periods."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from cspkit.periods import add_months, month_label, parse_period

months = st.builds(lambda y, m: date(y, m, 1), st.integers(2001, 2040), st.integers(1, 12))


def _labels(month: date, span: int) -> list[str]:
    fy = month.year if month.month >= 4 else month.year - 1
    fy_text = f"{fy}/{(fy + 1) % 100:02d}"
    return [
        month_label(month),
        fy_text,
        f"{fy_text}-Q{(month.month - 4) % 12 // 3 + 1}",
        f"12m-to-{month_label(month)}",
        f"fytd-{month_label(month)}",
        f"{month_label(month)}..{month_label(add_months(month, span))}",
    ]


@given(months, st.integers(0, 40))
def test_labels_round_trip_and_comparisons_shift_a_year(month: date, span: int) -> None:
    for label in _labels(month, span):
        period = parse_period(label)
        assert parse_period(period.label) == period
        assert period.start <= period.end
        assert period.months[0] == period.start
        assert period.months[-1] == period.end
        earlier = period.comparison()
        assert earlier.kind == period.kind
        assert len(earlier.months) == len(period.months)
        assert [add_months(m, 12) for m in earlier.months] == period.months


@given(months)
def test_every_month_is_in_exactly_one_quarter_of_its_financial_year(month: date) -> None:
    fy = parse_period(_labels(month, 0)[1])
    quarters = [parse_period(f"{fy.label}-Q{q}") for q in range(1, 5)]
    assert sum(month in q.months for q in quarters) == 1
    assert [m for q in quarters for m in q.months] == fy.months
    assert month in parse_period(f"fytd-{month_label(month)}").months
