"""IOM into the numbers: the cohort's proven offences (conviction or caution), by the month the
offence was committed and the LSOA of the person's record, written as partner dataset
`cases-iom` (cspkit.cases.extracts). NI 30 in the indicator set counts them, so its change
over a year is the cohort's change in proven offending; the exact MoJ figure, with the cohort
fixed on a date and the six months' proof allowance, is the IOM NI 30 report."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cspkit.cases.extracts import CountRow, Extract, placed

PROVEN = "proven-offence"
EXTRACT = Extract(
    "cases-iom",
    "Proven offences by the IOM cohort, by month committed and the LSOA of the person's record",
    (PROVEN,),
)


def rows_for(offences: Iterable[tuple[date, str]]) -> tuple[list[CountRow], int]:
    """(rows, offences left out): (committed on, the person's LSOA) for each proven offence."""
    return placed((on, lsoa, PROVEN) for on, lsoa in offences)
