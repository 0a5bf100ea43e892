"""Expected coverage: which months each dataset should hold for each force or agency.

Every output that counts records names the months it lacks, so a low count is never
silent. A month is expected for a force or agency from the later of the dataset's first
published month and the first month the holder declared (a partner mapping's
`expected_from`), else its first month in the store; up to the latest month the dataset
holds for anyone (in status) or to the end of the period asked for (in counts).
"""

from __future__ import annotations

from datetime import date

from cspkit.periods import add_months, month_label, parse_month
from cspkit.store.catalogue import Catalogue

# police.uk street-level crime began in December 2010 (the categories table starts there).
PUBLISHED_FROM = {"street": "2010-12"}
QUARTERLY = frozenset({"recorded-crime"})
# Surveys come when a wave is run, not every month: no month is "missing" between waves.
SPARSE = frozenset({"survey"})


def step(dataset: str) -> int:
    """Months between partitions: recorded crime comes by financial quarter."""
    return 3 if dataset in QUARTERLY else 1


def _first(catalogue: Catalogue, dataset: str, holder: str) -> str | None:
    declared = [b.expected_from for b in catalogue.batches if b.dataset == dataset and b.holder == holder]
    declared_months = [month for month in declared if month]
    if declared_months:
        return min(declared_months)
    held = [p.month for p in catalogue.partitions if p.dataset == dataset and p.holder == holder]
    return min(held) if held else None


def _series(first: str, last: str, months_apart: int) -> list[str]:
    out: list[str] = []
    month: date = parse_month(first)
    end = parse_month(last)
    while month <= end:
        out.append(month_label(month))
        month = add_months(month, months_apart)
    return out


def expected_months(catalogue: Catalogue, dataset: str, holder: str) -> list[str]:
    """Every month the store should hold for this dataset and holder, up to its latest month."""
    held = [p.month for p in catalogue.partitions if p.dataset == dataset]
    if dataset in SPARSE:
        return []
    first = _first(catalogue, dataset, holder)
    if not held or first is None:
        return []
    first = max(first, PUBLISHED_FROM.get(dataset, first))
    return _series(first, max(held), step(dataset))


def missing_in_period(catalogue: Catalogue, dataset: str, holder: str, months: list[date]) -> list[str]:
    """The months of a period the store lacks for this holder (quarter starts for quarterly data)."""
    have = {p.month for p in catalogue.partitions if p.dataset == dataset and p.holder == holder}
    floor = PUBLISHED_FROM.get(dataset, "")
    if any(b.expected_from for b in catalogue.batches if b.dataset == dataset and b.holder == holder):
        # A partner that declared its first month is not expected before it; anyone else is.
        floor = max(floor, _first(catalogue, dataset, holder) or "")
    labels = [month_label(m) for m in months if step(dataset) == 1 or m.month in (1, 4, 7, 10)]
    return [m for m in labels if m not in have and m >= floor]
