"""Rates and exact Poisson intervals: METHODS.md §1.1 and statsmodels as the oracle."""

from __future__ import annotations

import pytest
from statsmodels.stats.rates import confint_poisson

from cspkit.analysis import byar_interval, poisson_interval, rate
from tests.unit.golden_series import financial_year, monthly_by_category


def test_reference_values() -> None:
    assert poisson_interval(25) == pytest.approx((16.1787, 36.9049), abs=5e-5)
    assert byar_interval(25) == pytest.approx((16.1743, 36.9065), abs=5e-5)


def test_zero_events_has_a_lower_limit_of_zero() -> None:
    lower, upper = poisson_interval(0)
    assert lower == 0.0
    assert upper == pytest.approx(3.6889, abs=5e-5)


@pytest.mark.parametrize("count", [1, 2, 5, 9, 10, 50, 333, 1000, 25_000])
def test_exact_interval_matches_statsmodels(count: int) -> None:
    low, high = confint_poisson(count, 1, method="exact-c")
    assert poisson_interval(count) == pytest.approx((low, high), rel=1e-9)


def test_rates_on_the_bundled_data_match_the_oracle() -> None:
    """Every police.uk category's 2023/24 count in Bedfordshire per 1,000 of the force
    area's mid-2023 population (Luton 231,028 + Bedford 189,891 + Central Beds 308,302)."""
    population = 231_028 + 189_891 + 308_302
    for category, months in monthly_by_category().items():
        count = sum(financial_year(months, 2023))
        result = rate(count, population)
        low, high = confint_poisson(count, population / 1000, method="exact-c")
        assert result.value == pytest.approx(1000 * count / population, rel=1e-12), category
        assert (result.lower, result.upper) == pytest.approx((low, high), rel=1e-9), category


def test_a_rate_needs_a_positive_denominator() -> None:
    with pytest.raises(ValueError, match="positive denominator"):
        rate(5, 0)
    with pytest.raises(ValueError, match="negative"):
        poisson_interval(-1)
