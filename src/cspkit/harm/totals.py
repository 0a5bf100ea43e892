"""Harm totals, shares and rates per 1,000 from counts and weights."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from cspkit.errors import UsageError
from cspkit.harm.weights import HarmWeights

ASB = "Anti-social behaviour"


@dataclass(frozen=True)
class HarmRow:
    category: str
    count: int
    weight_days: float | None
    harm_days: float | None
    share: float | None  # of the total harm, 0..1
    harm_per_1000: float | None
    treatment: str  # "weighted", or why the row is outside the total

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def harm_rows(
    counts: dict[str, int],
    weights: HarmWeights,
    population: int | None,
    asb_weight: float | None = None,
) -> list[HarmRow]:
    """One row per category with a count, largest harm first, then a `Total` row.

    Anti-social behaviour is outside the total unless `asb_weight` is given; any other
    category the weights do not cover is an error, so nothing is silently left out."""
    days = dict(weights.days)
    if asb_weight is not None:
        days[ASB] = asb_weight
    missing = sorted(c for c in counts if c not in days and c != ASB)
    if missing:
        raise UsageError(f"no harm weight for {', '.join(missing)} in {weights.source}")
    weighted = {c: n * days[c] for c, n in counts.items() if c in days}
    total = sum(weighted.values())

    def per_1000(harm: float) -> float | None:
        return harm / population * 1000 if population else None

    rows = [
        HarmRow(
            category,
            count,
            days.get(category),
            weighted.get(category),
            (weighted[category] / total if total else None) if category in weighted else None,
            per_1000(weighted[category]) if category in weighted else None,
            "weighted" if category in weighted else "not in the total: no weight (not a notifiable crime)",
        )
        for category, count in counts.items()
    ]
    rows.sort(key=lambda row: (row.harm_days is None, -(row.harm_days or 0), row.category))
    counted = sum(counts[c] for c in weighted)
    rows.append(HarmRow("Total", counted, None, total, 1.0 if total else None, per_1000(total), "weighted"))
    return rows
