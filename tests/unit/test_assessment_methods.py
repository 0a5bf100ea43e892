"""The assessment's methods against oracles and hand-made cases: Wilson intervals,
seasonality, the scanning rules, figures in HTML, narrative carried forward."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

import numpy as np
import pytest

from cspkit.analysis.proportions import wilson
from cspkit.analysis.seasonality import seasonality
from cspkit.assessment.history import compare_with_previous
from cspkit.assessment.narrative import narratives
from cspkit.assessment.scanning import decide, increasing, ranks_by_count, scanning_row
from cspkit.config.assessment import CandidateIssue, Narrative, Override, ScanRules
from cspkit.reports.figures import figure_html, format_number, marked_text, pointer


@pytest.mark.parametrize(("agree", "n"), [(0, 10), (1, 10), (5, 10), (10, 10), (842, 1204), (3, 1000)])
def test_wilson_matches_statsmodels(agree: int, n: int) -> None:
    from statsmodels.stats.proportion import proportion_confint

    low, high = proportion_confint(agree, n, alpha=0.05, method="wilson")
    found = wilson(agree, n)
    assert found.lower == pytest.approx(low, abs=1e-12)
    assert found.upper == pytest.approx(high, abs=1e-12)
    assert found.value == agree / n


def test_wilson_refuses_impossible_shares() -> None:
    with pytest.raises(ValueError, match="not a proportion"):
        wilson(11, 10)
    with pytest.raises(ValueError, match="at least one respondent"):
        wilson(0, 0)


def test_seasonality_g2_is_the_glm_deviance_difference() -> None:
    import pandas as pd
    import statsmodels.api as sm

    rng = np.random.default_rng(7)
    counts = [int(c) for c in rng.poisson([60 + 15 * np.sin(i / 12 * 2 * np.pi) + 0.4 * i for i in range(36)])]
    found = seasonality(counts, 4, 2021)
    rows = []
    for i, count in enumerate(counts):
        month = (3 + i) % 12
        year = 2021 + (3 + i) // 12
        rows.append({"c": count, "yr": i // 12, "m": month, "days": calendar.monthrange(year, month + 1)[1]})
    frame = pd.DataFrame(rows)
    offset = np.log(frame.days)
    full = sm.GLM.from_formula("c ~ C(yr) + C(m)", frame, family=sm.families.Poisson(), offset=offset).fit()
    years = sm.GLM.from_formula("c ~ C(yr)", frame, family=sm.families.Poisson(), offset=offset).fit()
    assert found.g2 == pytest.approx(years.deviance - full.deviance, rel=1e-8)
    assert found.df == 11
    assert sum(found.indices) == pytest.approx(12)


def test_flat_counts_are_not_seasonal() -> None:
    counts = [calendar.monthrange(2022 + (3 + i) // 12, (3 + i) % 12 + 1)[1] * 10 for i in range(24)]
    found = seasonality(counts, 4, 2022)
    assert found.g2 == pytest.approx(0, abs=1e-9)
    assert found.p_value == pytest.approx(1)
    with pytest.raises(ValueError, match="two or more whole years"):
        seasonality(counts[:18], 4, 2022)


def _issue(**changes: Any) -> CandidateIssue:
    base: dict[str, Any] = {"id": "burglary", "title": "Burglary", "indicators": ("policeuk/burglary",)}
    return CandidateIssue(**{**base, **changes})


def _evidence(rise: int, significant: bool, share: float | None, above: bool | None) -> dict[str, Any]:
    change = {"available": True, "change": {"value": rise}, "significant": significant}
    harm = {"available": share is not None, "share": {"value": share}, "reason": "no weight"}
    peers = {"available": above is not None, "above_mean": above}
    return {"change": change, "harm": harm, "similar_group": peers}


RULES = ScanRules()


@pytest.mark.parametrize(
    ("rise", "significant", "expected"),
    [(25, True, "yes"), (19, True, "no"), (25, False, "no"), (-40, True, "no"), (20, True, "yes")],
)
def test_increasing_needs_significance_and_the_minimum_rise(rise: int, significant: bool, expected: str) -> None:
    assert increasing(_evidence(rise, significant, 5, False), RULES)["status"] == expected


def test_the_include_rule_and_no_data() -> None:
    # Two data criteria and no flag: include.
    row = scanning_row(_issue(concern=3), _evidence(30, True, 1.0, False), 9, (("pcp", "PCP"),), RULES)
    assert [c["status"] for c in row["criteria"].values()] == ["no", "yes", "no", "yes"]
    assert row["decision"] == "include"
    # One criterion, no flag: exclude; with a flag: include.
    one = _evidence(0, False, 1.0, False)
    assert scanning_row(_issue(concern=4), one, 9, (("pcp", "PCP"),), RULES)["decision"] == "exclude"
    flagged = scanning_row(_issue(concern=4, flags=("pcp",)), one, 9, (("pcp", "PCP"),), RULES)
    assert flagged["decision"] == "include"
    assert flagged["flags"] == {"pcp": True}
    # No data is never blank and never counts.
    empty = scanning_row(_issue(), {}, None, (("pcp", "PCP"),), RULES)
    assert {c["status"] for c in empty["criteria"].values()} == {"no data"}
    assert all(c["basis"] for c in empty["criteria"].values())
    assert empty["criteria_met"] == 0


def test_an_override_keeps_the_rule_decision_beside_it() -> None:
    issue = _issue(override=Override("include", "National priority", "A. Analyst", date(2024, 5, 1)))
    body = decide(issue, {"x": {"status": "no"}}, [], RULES)
    assert body["decision"] == "include"
    assert body["rule_decision"] == "exclude"
    assert body["override"] == {
        "decision": "include",
        "reason": "National priority",
        "author": "A. Analyst",
        "date": "2024-05-01",
    }


def test_ranks_by_count_share_ties() -> None:
    assert ranks_by_count({"a": 10, "b": 30, "c": 10, "d": None}) == {"a": 2, "b": 1, "c": 2, "d": None}


def test_figures_print_with_their_pointer_and_unit() -> None:
    doc = {
        "x": {"items": [{"value": 1234, "unit": "count", "sources": []}]},
        "r": {"value": 2.6449, "unit": "per_1000", "lower_95": 2.4, "sources": []},
        "p": {"value": 0.0004, "unit": "p_value", "sources": []},
        "none": {"value": None, "unit": "count", "sources": []},
    }
    assert str(figure_html(doc, ("x", "items", 0))) == '<span data-figure="/x/items/0">1,234</span>'
    assert str(figure_html(doc, ("r", "lower_95"))) == '<span data-figure="/r/lower_95">2.40</span>'
    assert str(figure_html(doc, ("p",))) == '<span data-figure="/p">&lt;0.001</span>'
    assert "no data" in str(figure_html(doc, ("none",)))
    assert pointer(("a/b", "c~d")) == "/a~1b/c~0d"
    assert format_number(12.5, "percent") == "12.5%"
    assert str(marked_text("lacks 2021-04 in 2023/24 for E22000353 <b>")) == (
        "lacks <time>2021-04</time> in <time>2023/24</time> for <code>E22000353</code> &lt;b&gt;"
    )


def test_narrative_is_current_carried_or_not_written() -> None:
    issues = (
        _issue(narrative=Narrative("2023/24", context="now")),
        _issue(id="robbery", narrative=Narrative("2022/23", recommendation="keep")),
        _issue(id="drugs"),
        _issue(id="hate-crime"),
    )
    previous = {"period": "2022/23", "narratives": {"drugs": {"context": "last year", "written_for": "2022/23"}}}
    found = narratives(issues, "2023/24", previous)
    assert found["burglary"]["status"] == "current"
    assert found["robbery"]["status"] == "carried forward from 2022/23: review"
    assert found["drugs"]["context"] == "last year"
    assert found["drugs"]["from"] == "previous assessment"
    assert found["hate-crime"]["status"] == "not written yet"


def test_comparison_with_last_year_lists_each_issue() -> None:
    row = {"issue": "a", "title": "A", "decision": "include", "criteria": {"harm": {"status": "yes"}}}
    old = {"issue": "a", "title": "A", "decision": "exclude", "criteria": {"harm": {"status": "no"}}}
    gone = {"issue": "b", "title": "B", "decision": "include", "criteria": {}}
    found = compare_with_previous({"scanning_chart": [row]}, {"scanning_chart": [old, gone]}, "2022/23")
    assert found["changes"][0]["change"] == "decision changed"
    assert found["changes"][0]["criteria_changed"] == ["harm"]
    assert found["changes"][1]["change"] == "no longer a candidate"
    assert compare_with_previous({"scanning_chart": [row]}, None, "2022/23")["available"] is False
