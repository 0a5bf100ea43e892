"""Targets, profiles, RAG, forecasts and sub-area trees (METHODS.md §5)."""

from __future__ import annotations

import pytest

from cspkit.analysis import (
    TargetNode,
    fytd_status,
    monthly_profile,
    monthly_targets,
    round_half_up,
    seasonal_expectation,
    yearly_targets,
)
from tests.unit.golden_series import financial_year, monthly_by_category


def test_yearly_targets_compound() -> None:
    assert yearly_targets(1000, -5) == pytest.approx([950, 902.5, 857.375])
    assert yearly_targets(200, 10, years=2) == pytest.approx([220, 242])


def test_profile_in_the_baselines_seasonal_shape_on_real_months() -> None:
    months = monthly_by_category()["Vehicle crime"]
    years = [financial_year(months, 2022), financial_year(months, 2023)]
    profile = monthly_profile(years)
    assert sum(profile) == pytest.approx(1.0)
    expected_april = (years[0][0] / sum(years[0]) + years[1][0] / sum(years[1])) / 2
    assert profile[0] == pytest.approx(expected_april)
    target = yearly_targets(sum(years[1]), -5)[0]
    assert sum(monthly_targets(target, profile)) == pytest.approx(target)
    assert seasonal_expectation(1200, profile, 0) == pytest.approx(1200 * expected_april)


def test_profile_needs_whole_years() -> None:
    with pytest.raises(ValueError, match="twelve months"):
        monthly_profile([[1] * 11])
    with pytest.raises(ValueError, match="no events"):
        monthly_profile([[0] * 12])


FLAT = [1 / 12] * 12


@pytest.mark.parametrize(
    ("actual", "rag"),
    [(300, "green"), (299, "green"), (315, "amber"), (315.1, "red"), (400, "red")],
)
def test_rag_against_the_fytd_target(actual: float, rag: str) -> None:
    # Year target 1,200 in a flat profile: 300 by the end of June.
    status = fytd_status([actual / 3] * 3, 1200, FLAT)
    assert status.target == pytest.approx(300)
    assert status.rag == rag


def test_higher_is_better_mirrors_rag() -> None:
    assert fytd_status([100, 100, 100], 1200, FLAT, polarity="higher-is-better").rag == "green"
    assert fytd_status([95, 95, 95], 1200, FLAT, polarity="higher-is-better").rag == "amber"
    assert fytd_status([90, 90, 90], 1200, FLAT, polarity="higher-is-better").rag == "red"
    assert fytd_status([90, 90, 90], 1200, FLAT, tolerance_percent=20, polarity="higher-is-better").rag == "amber"


def test_year_end_forecast_follows_the_seasonal_shape() -> None:
    profile = [0.1, 0.1] + [0.08] * 10
    status = fytd_status([110, 90], 1000, profile)
    assert status.forecast == pytest.approx(200 / 0.2)
    assert status.months == 2


def test_a_parent_is_the_sum_of_its_children_and_its_percent_is_derived() -> None:
    tree = TargetNode(
        "Central Bedfordshire",
        children=[
            TargetNode("North", baseline=100, annual_change_percent=-10),
            TargetNode("South", children=[TargetNode("Dunstable", baseline=300, annual_change_percent=0)]),
        ],
    )
    rows = tree.rows()
    top = rows[0]
    assert top["baseline"] == 400
    assert top["targets"] == pytest.approx([390, 381, 372.9])
    assert top["annual_change_percent"][0] == pytest.approx(-2.5)  # type: ignore[index]
    assert top["plan_change_percent"] == pytest.approx(100 * (372.9 / 400 - 1))
    assert [r["subarea"] for r in rows] == ["Central Bedfordshire", "North", "South", "Dunstable"]
    assert [r["depth"] for r in rows] == [0, 1, 1, 2]
    with pytest.raises(ValueError, match="needs an annual % change"):
        TargetNode("Leaf", baseline=5).rows()


@pytest.mark.parametrize(
    ("value", "digits", "shown"), [(2.5, 0, 3.0), (3.5, 0, 4.0), (-2.5, 0, -3.0), (2.675, 2, 2.68), (857.375, 1, 857.4)]
)
def test_shown_rounded_half_up(value: float, digits: int, shown: float) -> None:
    assert round_half_up(value, digits) == shown
