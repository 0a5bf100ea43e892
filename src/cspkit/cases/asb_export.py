"""ASB cases into the numbers, written as partner dataset `cases-asb` (cspkit.cases.extracts),
each row at the LSOA of the case:

- `incident`: an incident, by its month;
- `intervention`: a step on the ladder, by its month;
- `desisted` / `further-incident`: a person's outcome after their third intervention (the
  seeds' measure), by the month of that intervention, once the desistance window has passed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from cspkit.cases import asb
from cspkit.cases.extracts import CountRow, Extract, placed

INCIDENT, INTERVENTION, DESISTED, FURTHER = "incident", "intervention", "desisted", "further-incident"
EXTRACT = Extract(
    "cases-asb",
    "ASB case incidents, interventions and desistance after the third intervention, by month and the LSOA of the case",
    (INCIDENT, INTERVENTION, DESISTED, FURTHER),
)
NTH = 3


@dataclass(frozen=True)
class Step:
    """An intervention as the export sees it: whose, when, and the LSOA of its case."""

    person: str
    on: date
    lsoa21: str


def rows_for(
    incidents: Iterable[tuple[date, str]],
    steps: list[Step],
    by_person: Iterable[tuple[str, date]],
    window_months: int,
    today: date,
) -> tuple[list[CountRow], int]:
    """(rows, left out): `incidents` as (date, the case's LSOA); `by_person` the incidents with a
    known perpetrator, for desistance."""
    made: list[tuple[date, str, str]] = [(on, lsoa, INCIDENT) for on, lsoa in incidents]
    made += [(s.on, s.lsoa21, INTERVENTION) for s in steps]
    where: dict[tuple[str, date], str] = {}
    for s in sorted(steps, key=lambda s: (s.on, s.lsoa21)):
        where.setdefault((s.person, s.on), s.lsoa21)
    outcomes = asb.outcomes((asb.Intervention(s.person, s.on) for s in steps), by_person, NTH, window_months, today)
    made += [(o.on, where[(o.person, o.on)], DESISTED if o.desisted else FURTHER) for o in outcomes]
    return placed(made)
