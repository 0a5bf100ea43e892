"""NI 30 by the MoJ PPO cohort method (cspkit.cases.iom), on test cohorts
whose counts are worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from cspkit.cases import iom

# The MoJ's 2009 cohort windows: snapshot 1 Feb 2009, baseline Oct 2007-Sep 2008, follow-up Apr 2009-Mar 2010.
MOJ = iom.Windows(iom.Window(date(2007, 10, 1), date(2008, 9, 30)), iom.Window(date(2009, 4, 1), date(2010, 3, 31)))


def _offence(person: str, committed: str, proven: str | None) -> iom.ProvenOffence:
    return iom.ProvenOffence(person, date.fromisoformat(committed), date.fromisoformat(proven) if proven else None)


OFFENCES = [
    # A: 3 in the baseline, 1 in the follow-up
    _offence("A", "2007-10-01", "2007-12-01"),
    _offence("A", "2008-03-10", "2008-04-01"),
    _offence("A", "2008-09-30", "2009-03-31"),  # proven on the last day of the six months: counts
    _offence("A", "2009-06-01", "2009-08-01"),
    # B: 2 in the baseline, none counted in the follow-up
    _offence("B", "2008-01-05", "2008-02-01"),
    _offence("B", "2008-05-05", "2008-06-01"),
    _offence("B", "2009-05-01", "2010-10-01"),  # proven after 30 Sep 2010: not counted
    _offence("B", "2009-02-15", "2009-03-01"),  # between the windows: neither
    # C: 1 in the baseline (one proven too late), 2 in the follow-up
    _offence("C", "2008-06-01", "2008-07-01"),
    _offence("C", "2008-09-01", "2009-04-01"),  # proven a day after 31 Mar 2009: not counted
    _offence("C", "2009-04-01", "2009-05-01"),
    _offence("C", "2010-03-31", "2010-09-30"),
    # D: never proven
    _offence("D", "2008-02-01", None),
    # E is not in the cohort
    _offence("E", "2008-02-01", "2008-03-01"),
]


def test_ni30_on_a_test_cohort_by_the_moj_method() -> None:
    result = iom.ni30(["A", "B", "C", "D"], OFFENCES, MOJ, today=date(2011, 1, 1))
    assert (result.cohort, result.baseline, result.follow_up, result.reoffenders) == (4, 6, 3, 2)
    assert result.change_percent == pytest.approx(-50.0)
    assert result.reoffending_percent == pytest.approx(50.0)
    assert result.per_individual == pytest.approx(0.75)
    assert result.final


def test_ni30_is_provisional_until_the_proof_months_are_over() -> None:
    assert MOJ.complete_on() == date(2010, 10, 1)
    assert not iom.ni30(["A"], OFFENCES, MOJ, today=date(2010, 9, 30)).final
    empty = iom.ni30([], OFFENCES, MOJ, today=date(2011, 1, 1))
    assert empty.change_percent is None
    assert empty.reoffending_percent is None


def test_default_windows_are_the_year_either_side_of_the_snapshot() -> None:
    windows = iom.windows_around(date(2026, 4, 1))
    assert windows.baseline == iom.Window(date(2025, 4, 1), date(2026, 3, 31))
    assert windows.follow_up == iom.Window(date(2026, 4, 1), date(2027, 3, 31))
