"""Repeat locations (or victims): how much of the demand comes back to the same place
(METHODS.md §9; Farrell & Pease 1993).

An event is a repeat when an earlier event with the same key lies within the window W
before it: its date t' satisfies t − W < t' < t. Dates have no times, so two events on the
same day at one place are not repeats of each other. Measures: events, locations,
concentration (events per location), the share of events that are repeats, the share of
locations with a repeat, time from the previous event for each repeat (shares within 7,
30, 90 and 365 days), and the locations with the most events.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

GAPS = (7, 30, 90, 365)


@dataclass(frozen=True)
class RepeatResult:
    events: int
    locations: int
    window_days: int
    repeat_events: int
    locations_with_repeats: int
    within_days: dict[int, float]  # share of repeats whose previous event was at most N days before
    top: list[dict[str, Any]] = field(default_factory=list)

    @property
    def concentration(self) -> float:
        return self.events / self.locations

    @property
    def repeat_share(self) -> float:
        return self.repeat_events / self.events

    def as_dict(self) -> dict[str, Any]:
        return {
            "events": self.events,
            "locations": self.locations,
            "window_days": self.window_days,
            "concentration": self.concentration,
            "repeat_events": self.repeat_events,
            "repeat_share": self.repeat_share,
            "locations_with_repeats": self.locations_with_repeats,
            "locations_with_repeats_share": self.locations_with_repeats / self.locations,
            "time_to_repeat_within_days": {str(k): v for k, v in self.within_days.items()},
            "top_locations": self.top,
        }


def repeat_locations(keys: list[str], days: np.ndarray, window: int = 365, top: int = 10) -> RepeatResult:
    if window < 1:
        raise ValueError("the window is at least one day")
    by_key: dict[str, list[int]] = defaultdict(list)
    for key, day in zip(keys, days.tolist(), strict=True):
        by_key[key].append(int(day))
    gaps: list[int] = []
    repeated_keys = 0
    for dates in by_key.values():
        dates.sort()
        previous_distinct: int | None = None
        found = False
        for i, day in enumerate(dates):
            # the latest earlier date (strictly before this day)
            j = i - 1
            while j >= 0 and dates[j] == day:
                j -= 1
            previous_distinct = dates[j] if j >= 0 else None
            if previous_distinct is not None and day - previous_distinct < window:
                gaps.append(day - previous_distinct)
                found = True
        repeated_keys += found
    gap_array = np.array(gaps)
    within = {g: float((gap_array <= g).mean()) if len(gaps) else 0.0 for g in GAPS}
    ranked = sorted(by_key.items(), key=lambda item: (-len(item[1]), item[0]))[:top]
    listed = [
        {
            "location": key,
            "events": len(dates),
            "first": date.fromordinal(dates[0]).isoformat(),
            "last": date.fromordinal(dates[-1]).isoformat(),
        }
        for key, dates in ranked
        if len(dates) > 1
    ]
    return RepeatResult(len(keys), len(by_key), window, len(gaps), repeated_keys, within, listed)
