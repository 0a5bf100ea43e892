"""Real counts from the golden table (street crime derived from the police.uk CSVs with
Python's csv module alone), for checking methods on the bundled data."""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache

from tests.helpers import ROOT

GOLDEN = ROOT / "tests" / "golden" / "street_counts.csv"


@cache
def monthly_by_category() -> dict[str, dict[str, int]]:
    """category -> month -> count, all Bedfordshire."""
    out: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    with GOLDEN.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            out[row["category"]][row["month"]] += int(row["count"])
    return {category: dict(months) for category, months in out.items()}


def financial_year(months: dict[str, int], start_year: int) -> list[int]:
    """Twelve monthly counts, April first."""
    keys = [f"{start_year}-{m:02d}" for m in range(4, 13)] + [f"{start_year + 1}-{m:02d}" for m in range(1, 4)]
    return [months.get(key, 0) for key in keys]
