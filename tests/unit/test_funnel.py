"""Funnel limits against controlchartspy (the PowerBI-SPC Funnels engine) on real ONS counts."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cspkit.analysis.funnel import funnel
from cspkit.recorded_crime import ons_recorded_crime


def _english_csps(group: str) -> tuple[list[str], np.ndarray, np.ndarray]:
    rows = [
        r
        for r in ons_recorded_crime("2024-12", None, "csp", group)
        if r["area"].startswith("csp:E") and r["count"] and r["denominator"]
    ]
    return (
        [r["area"] for r in rows],
        np.array([r["count"] for r in rows], float),
        np.array([r["denominator"] for r in rows], float),
    )


def _engine(keys: list[str], observed: np.ndarray, expected: np.ndarray, od: str) -> dict[str, dict[str, float]]:
    import pandas as pd
    from controlchartspy import funnel as engine_funnel

    frame = pd.DataFrame({"key": keys, "observed": observed, "expected": expected})
    chart = engine_funnel(
        frame,
        keys="key",
        numerators="observed",
        denominators="expected",
        funnel_settings={"chart_type": "SR", "od_adjust": od},
    )
    return {row["group"]: row for row in chart.limits}


@pytest.mark.parametrize("group", ["residential-burglary", "robbery", "violence-with-injury"])
@pytest.mark.parametrize("od", ["no", "yes", "auto"])
def test_limits_and_z_equal_the_engine_on_every_english_csp(group: str, od: str) -> None:
    keys, observed, population = _english_csps(group)
    expected = population * observed.sum() / population.sum()
    ours = funnel(observed, expected, od)
    theirs = _engine(keys, observed, expected, od)
    assert len(keys) > 250
    compared = 0
    for i, key in enumerate(keys):
        row = theirs[key]
        for name in ("ll99", "ll95", "ll68", "ul68", "ul95", "ul99"):
            assert ours.limits[name][i] == pytest.approx(row[name], abs=1e-9, rel=1e-9)
        if row["z"] is not None and math.isfinite(ours.z[i]):
            assert ours.z[i] == pytest.approx(row["z"], abs=1e-9, rel=1e-9)
            compared += 1
    assert compared > 0.9 * len(keys)
    if od == "yes":
        assert ours.overdispersed
        assert ours.tau2 > 0


def test_a_small_group_without_overdispersion_is_not_adjusted_by_auto() -> None:
    expected = np.array([100.0, 200.0, 300.0, 400.0])
    observed = np.array([101.0, 198.0, 305.0, 396.0])
    result = funnel(observed, expected, "auto")
    assert not result.overdispersed
    assert result.tau2 == 0.0


def test_reference_limit_formula() -> None:
    from scipy.stats import chi2

    result = funnel(np.array([25.0, 30.0]), np.array([20.0, 35.0]))
    assert result.limits["ul95"][0] == pytest.approx(chi2.ppf(0.975, 2 * 21) / 40)
    assert result.limits["ll95"][0] == pytest.approx(chi2.ppf(0.025, 2 * 20) / 40)
    assert result.flag(0) == "within"
