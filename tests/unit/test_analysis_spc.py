"""SPC: the NHSRplotthedots golden vectors (METHODS.md §2) and each special-cause rule."""

from __future__ import annotations

import pytest

from cspkit.analysis import c_chart, u_chart, u_prime_chart, xmr
from cspkit.analysis.spc import run_of_trend, run_on_one_side
from tests.unit.golden_series import monthly_by_category

DEVIATIONS = [1, 2, 1, 2, 10, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1, 2, 1]


def test_screened_limits_reproduce_the_deviations_vignette() -> None:
    chart = xmr(DEVIATIONS)
    point = chart.points[0]
    assert (round(point.upper, 2), round(chart.mean, 2), round(point.lower, 2)) == (4.60, 1.94, -0.72)


def test_unscreened_limits_reproduce_the_excel_tool() -> None:
    chart = xmr(DEVIATIONS, screen_outliers=False)
    point = chart.points[0]
    assert (round(point.upper, 2), round(chart.mean, 2), round(point.lower, 2)) == (6.95, 1.94, -3.06)


def test_rule_helpers_reproduce_the_package_test_vectors() -> None:
    assert run_of_trend(list(range(1, 8))) == [0, 0, 0, 0, 0, 0, 1]
    assert run_of_trend([1, 2, 3, 3, 4, 5, 6]) == [0] * 7
    assert run_on_one_side([1] * 8 + [-1]) == [0, 0, 0, 0, 0, 0, 1, 1, 0]


def test_outside_the_limits_is_a_concern_when_lower_is_better() -> None:
    point = xmr(DEVIATIONS).points[4]
    assert (point.rule, point.side, point.point_type) == ("outside", "high", "concern")
    assert xmr(DEVIATIONS, improvement="increase").points[4].point_type == "improvement"
    assert xmr(DEVIATIONS, improvement="neutral").points[4].point_type == "neutral_high"


def test_a_trend_of_seven_flags_all_seven_points() -> None:
    values = [10, 11, 10, 11, 10, 11, 10, 9, 8, 7, 6, 5, 4, 3, 11, 10, 11]
    rules = [p.rule for p in xmr(values).points]
    # 11, 10, ..., 3 fall eight times running; 5, 4 and 3 are also below the lower limit,
    # which takes priority; the first seven points are all above the mean (a shift).
    assert rules[5:11] == ["trend"] * 6
    assert rules[11:14] == ["outside"] * 3
    assert rules[:5] == ["shift", "two_of_three", "shift", "two_of_three", "shift"]
    assert xmr(values).points[10].side == "low"
    assert xmr(values).points[10].point_type == "improvement"


def test_a_shift_of_seven_on_one_side_of_the_mean() -> None:
    values = [4, 6, 4, 6, 4, 6, 4, 6, 4, 6, 6, 6.5, 6, 6.5, 6, 6.5, 6, 4, 6, 4]
    chart = xmr(values)
    assert chart.mean == pytest.approx(5.375)
    shifted = [i for i, p in enumerate(chart.points) if p.rule == "shift"]
    assert shifted == list(range(9, 17))  # eight points above the mean
    assert {chart.points[i].side for i in shifted} == {"high"}


def test_two_of_three_near_the_limits_flags_only_the_near_points() -> None:
    # Limits fixed on the first ten points: mean 11, AMR 2, near the upper limit above 14.55.
    values = [10, 12] * 5 + [15.5, 12, 15.5, 10, 12]
    chart = xmr(values, fix_after=10)
    flagged = [i for i, p in enumerate(chart.points) if p.rule == "two_of_three"]
    assert flagged == [10, 12]


def test_short_groups_get_trial_limits_warning() -> None:
    assert xmr(list(range(12))).short_group_warning
    assert not xmr([1, 2] * 7).short_group_warning


def test_fixed_limits_use_only_the_first_points() -> None:
    chart = xmr([1, 2, 1, 2, 1, 2, 30, 30], fix_after=6)
    assert chart.mean == pytest.approx(1.5)
    assert chart.points[-1].rule == "outside"


def test_c_chart_reference() -> None:
    point = c_chart([16] * 12).points[0]
    assert (point.lower, point.upper) == (4.0, 28.0)


def test_u_and_laney_u_prime() -> None:
    counts, exposures = [20, 30, 25, 40, 22], [1000.0, 1500.0, 1200.0, 1800.0, 1100.0]
    u = u_chart(counts, exposures)
    mean = sum(counts) / sum(exposures)
    assert u.mean == pytest.approx(mean)
    assert u.points[1].upper == pytest.approx(mean + 3 * (mean / 1500) ** 0.5)
    rates = [c / e for c, e in zip(counts, exposures, strict=True)]
    z = [(r - mean) / (mean / e) ** 0.5 for r, e in zip(rates, exposures, strict=True)]
    sigma_z = sum(abs(z[i] - z[i - 1]) for i in range(1, 5)) / 4 / 1.128
    prime = u_prime_chart(counts, exposures)
    assert prime.points[1].upper == pytest.approx(mean + 3 * sigma_z * (mean / 1500) ** 0.5)


def test_bad_series_are_refused() -> None:
    with pytest.raises(ValueError, match="at least two"):
        xmr([1])
    with pytest.raises(ValueError, match="missing"):
        xmr([1, float("nan"), 2])
    with pytest.raises(ValueError, match="improvement"):
        xmr([1, 2], improvement="up")


def test_xmr_on_the_bundled_months() -> None:
    """36 real months of Bedfordshire burglary: limits by the definition, points in order."""
    months = monthly_by_category()["Burglary"]
    values = [months[key] for key in sorted(months)]
    chart = xmr(values, screen_outliers=False)
    ranges = [abs(values[i] - values[i - 1]) for i in range(1, len(values))]
    amr = sum(ranges) / len(ranges)
    assert chart.points[0].upper == pytest.approx(sum(values) / len(values) + 2.66 * amr)
    assert [p.value for p in chart.points] == values
    assert not chart.short_group_warning
