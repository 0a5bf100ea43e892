"""MARAC cases into the numbers: the cases heard, by the month of the hearing, the LSOA of the
victim's record and whether the case was a repeat, written as partner dataset `cases-marac`
(cspkit.cases.extracts), so NI 32 is evaluated, charted and reported like any indicator."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from cspkit.cases.extracts import CountRow, Extract, placed

REPEAT, FIRST = "repeat", "first-referral"
EXTRACT = Extract(
    "cases-marac",
    "MARAC cases heard, by month of the hearing and the LSOA of the victim's record",
    (REPEAT, FIRST),
)
DATASET = EXTRACT.dataset


def rows_for(heard: Iterable[tuple[date, str, bool]]) -> tuple[list[CountRow], int]:
    """(rows, cases left out): (hearing date, victim's LSOA, repeat) for each case heard."""
    return placed((on, lsoa, REPEAT if repeat else FIRST) for on, lsoa, repeat in heard)
