"""Change between periods: METHODS.md §3 reference values; statsmodels as the oracle."""

from __future__ import annotations

import pytest
from statsmodels.stats import rates as oracle

from cspkit.analysis import compare_counts
from tests.unit.golden_series import financial_year, monthly_by_category


def test_reference_values_25_against_16() -> None:
    change = compare_counts(25, 16)
    assert change.p_etest == pytest.approx(0.1648, abs=5e-5)
    assert change.p_exact == pytest.approx(0.211, abs=5e-4)
    assert (change.difference, change.percent, change.rate_ratio) == (9, 56.25, 1.5625)
    assert change.direction == "increase"
    assert not change.significant


def test_significant_needs_both_p_and_the_minimum_change() -> None:
    change = compare_counts(260, 200)
    assert change.p_value < 0.05
    assert change.significant
    assert not compare_counts(260, 200, min_change=100).significant
    assert compare_counts(260, 200, min_change=60).significant
    assert not compare_counts(212, 200).significant


def test_no_events_in_the_comparison_period() -> None:
    change = compare_counts(3, 0)
    assert change.percent is None
    assert change.rate_ratio is None
    assert change.ratio_upper is None
    assert compare_counts(0, 0).p_value == 1.0


def test_the_exact_conditional_test_can_decide() -> None:
    change = compare_counts(25, 16, test="exact-conditional")
    assert change.p_value == change.p_exact
    with pytest.raises(ValueError, match="test must be one of"):
        compare_counts(1, 2, test="chi-square")


def test_change_on_the_bundled_data_matches_the_oracle() -> None:
    """Each category, 2023/24 against 2022/23 across Bedfordshire. statsmodels' E-test sums a
    grid that grows with the counts (gigabytes for tens of thousands), so the largest
    categories are checked against the exact conditional test only."""
    checked = 0
    for category, months in monthly_by_category().items():
        current, previous = sum(financial_year(months, 2023)), sum(financial_year(months, 2022))
        change = compare_counts(current, previous)
        exact = oracle.test_poisson_2indep(current, 1, previous, 1, method="exact-cond").pvalue
        assert change.p_exact == pytest.approx(exact, abs=1e-9), category
        if current + previous < 10_000:
            # scipy's E-test is Krishnamoorthy and Thomson's unpooled statistic: statsmodels' 'wald'.
            expected = oracle.etest_poisson_2indep(current, 1, previous, 1, method="wald")[1]
            assert change.p_etest == pytest.approx(expected, abs=1e-9), category
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    ("current", "previous", "t_current", "t_previous"), [(25, 16, 1, 1), (30, 12, 12, 9), (812, 760, 1, 1)]
)
def test_rate_ratio_interval_inverts_the_exact_conditional_test(
    current: int, previous: int, t_current: float, t_previous: float
) -> None:
    change = compare_counts(current, previous, t_current, t_previous)
    assert change.ratio_lower is not None
    assert change.ratio_upper is not None
    assert change.ratio_lower < change.rate_ratio < change.ratio_upper  # type: ignore[operator]
    for bound, alternative in ((change.ratio_lower, "larger"), (change.ratio_upper, "smaller")):
        p = oracle.test_poisson_2indep(
            current,
            t_current,
            previous,
            t_previous,
            value=bound,
            method="exact-cond",
            compare="ratio",
            alternative=alternative,
        ).pvalue
        assert p == pytest.approx(0.025, abs=1e-6)


def test_unequal_exposures_agree_with_the_oracle() -> None:
    change = compare_counts(30, 12, 12, 9)
    assert change.p_etest == pytest.approx(oracle.etest_poisson_2indep(30, 12, 12, 9, method="wald")[1], abs=1e-9)
    assert change.rate_ratio == pytest.approx((30 / 12) / (12 / 9))
