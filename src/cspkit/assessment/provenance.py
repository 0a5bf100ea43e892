"""Which store batches a figure was counted from."""

from __future__ import annotations

from cspkit.indicators.areas import TargetArea
from cspkit.indicators.definitions import Indicator
from cspkit.periods import Period, month_label
from cspkit.store.catalogue import Catalogue
from cspkit.store.schema import is_partner_dataset


def indicator_batches(catalogue: Catalogue, indicator: Indicator, area: TargetArea, periods: list[Period]) -> list[str]:
    """Batch ids of the partitions an indicator read for an area over `periods`."""
    months = {month_label(m) for period in periods for m in period.months}
    counts = [indicator.numerator] + ([indicator.denominator] if indicator.denominator else [])
    found: set[str] = set()
    for count in counts:
        for part in catalogue.partitions:
            if part.dataset != count.store_dataset or part.month not in months:
                continue
            if is_partner_dataset(part.dataset) or part.holder in area.forces:
                found.add(part.batch_id)
    return sorted(found)


def dataset_batches(catalogue: Catalogue, dataset: str, holders: tuple[str, ...], periods: list[Period]) -> list[str]:
    months = {month_label(m) for period in periods for m in period.months}
    return sorted(
        {p.batch_id for p in catalogue.partitions if p.dataset == dataset and p.month in months and p.holder in holders}
    )
