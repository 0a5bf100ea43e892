"""Repeat locations (METHODS.md §9): the rolling-window definition against brute force."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest

from cspkit.analysis.repeats import repeat_locations
from cspkit.errors import InputError
from cspkit.sources.events import read_keyed_events


def _day(text: str) -> int:
    return date.fromisoformat(text).toordinal()


def test_a_worked_example() -> None:
    keys = ["A", "A", "A", "B", "B", "C", "A"]
    days = np.array(
        [
            _day(d)
            for d in ["2024-01-01", "2024-01-05", "2024-01-05", "2024-01-01", "2025-06-01", "2024-03-01", "2025-03-01"]
        ]
    )
    result = repeat_locations(keys, days, window=365)
    # A: 01-05 twice (4 days after 01-01: both repeats), 2025-03-01 (421 days after: not);
    # B: 2025-06-01 is 517 days after 2024-01-01 (not); C: one event.
    assert result.repeat_events == 2
    assert result.locations_with_repeats == 1
    assert result.events == 7
    assert result.locations == 3
    assert result.within_days[7] == 1.0
    assert result.top[0] == {"location": "A", "events": 4, "first": "2024-01-01", "last": "2025-03-01"}


def test_same_day_events_are_not_repeats_of_each_other() -> None:
    result = repeat_locations(["A", "A"], np.array([_day("2024-02-02")] * 2))
    assert result.repeat_events == 0


def test_against_brute_force() -> None:
    rng = np.random.default_rng(5)
    keys = [f"L{k}" for k in rng.integers(0, 60, 800)]
    days = rng.integers(0, 900, 800) + 738_000
    window = 120
    result = repeat_locations(keys, days, window)
    brute = 0
    for i in range(len(keys)):
        earlier = [days[j] for j in range(len(keys)) if keys[j] == keys[i] and days[i] - window < days[j] < days[i]]
        brute += bool(earlier)
    assert result.repeat_events == brute
    assert result.repeat_share == pytest.approx(brute / 800)


def test_keyed_events_join_columns_and_refuse_bad_rows(tmp_path: Path) -> None:
    good = tmp_path / "events.csv"
    good.write_text("ref,east,north,when\n1,500000,250000,01/02/2024\n2,500000,250000,03/02/2024\n")
    events = read_keyed_events(good, ["east", "north"], "when", date_format="%d/%m/%Y")
    assert events.keys == ["500000 | 250000", "500000 | 250000"]
    bad = tmp_path / "bad.csv"
    bad.write_text("ref,address,when\n1,1 HIGH ST,2024-02-01\n2,,2024-02-03\n")
    with pytest.raises(InputError, match="line 3, column 'address': no location value"):
        read_keyed_events(bad, ["address"], "when")
    bad.write_text("ref,address,when\n1,1 HIGH ST,1st Feb\n")
    with pytest.raises(InputError, match="line 2, column 'when': '1st Feb' does not match"):
        read_keyed_events(bad, ["address"], "when")
    with pytest.raises(InputError, match="no such column for --location"):
        read_keyed_events(good, ["uprn"], "when")
