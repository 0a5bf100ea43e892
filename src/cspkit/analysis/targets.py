"""Targets: yearly from a baseline and an annual % change, a monthly profile in the
baseline's seasonal shape, FYTD against profile with RAG, the year-end forecast, and
sub-area trees whose parents sum their children (METHODS.md §5).

Everything is computed unrounded; `round_half_up` is for display only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

POLARITIES = ("lower-is-better", "higher-is-better")


def yearly_targets(baseline: float, annual_change_percent: float, years: int = 3) -> list[float]:
    """Year k's target = baseline × (1 + r)^k: a −5 % change compounds over the plan."""
    factor = 1 + annual_change_percent / 100
    return [baseline * factor**k for k in range(1, years + 1)]


def monthly_profile(baseline_years: Sequence[Sequence[float]]) -> list[float]:
    """Each month's share of the year, averaged over the baseline years (sums to 1).

    `baseline_years` holds twelve monthly counts per financial year, April first."""
    if not baseline_years or any(len(year) != 12 for year in baseline_years):
        raise ValueError("a monthly profile needs twelve months for each baseline year")
    shares = []
    for year in baseline_years:
        total = sum(year)
        if total <= 0:
            raise ValueError("a baseline year with no events has no seasonal shape")
        shares.append([month / total for month in year])
    return [sum(year[m] for year in shares) / len(shares) for m in range(12)]


def monthly_targets(year_target: float, profile: Sequence[float]) -> list[float]:
    return [year_target * share for share in profile]


def seasonal_expectation(last_twelve_months: float, profile: Sequence[float], month_index: int) -> float:
    """What a month would hold at the level of the last twelve months, in the baseline's
    seasonal shape (`month_index` 0 = April)."""
    return last_twelve_months * profile[month_index]


@dataclass(frozen=True)
class TargetStatus:
    months: int  # months of the financial year with actuals
    actual: float  # FYTD actual
    target: float  # FYTD target from the monthly profile
    difference: float
    percent_off: float  # how far from target in the wrong direction (0 when meeting it)
    rag: str  # "green", "amber", "red"
    forecast: float  # year-end projection in the seasonal shape
    year_target: float


def fytd_status(
    actual_months: Sequence[float],
    year_target: float,
    profile: Sequence[float],
    *,
    polarity: str = "lower-is-better",
    tolerance_percent: float = 5.0,
) -> TargetStatus:
    """FYTD actual against the profiled target: green meets it, amber misses by up to
    `tolerance_percent`, red by more (Safer Derbyshire's convention, configurable)."""
    if polarity not in POLARITIES:
        raise ValueError(f"polarity must be one of {', '.join(POLARITIES)}")
    months = len(actual_months)
    if not 1 <= months <= 12:
        raise ValueError("FYTD needs between one and twelve months of actuals")
    actual = float(sum(actual_months))
    target = sum(monthly_targets(year_target, profile)[:months])
    difference = actual - target
    worse = difference if polarity == "lower-is-better" else -difference
    percent_off = max(0.0, 100 * worse / target) if target else (0.0 if worse <= 0 else float("inf"))
    rag = "green" if worse <= 0 else "amber" if percent_off <= tolerance_percent else "red"
    share_so_far = sum(profile[:months])
    return TargetStatus(
        months=months,
        actual=actual,
        target=target,
        difference=difference,
        percent_off=percent_off,
        rag=rag,
        forecast=actual / share_so_far if share_so_far else float("nan"),
        year_target=year_target,
    )


@dataclass
class TargetNode:
    """A sub-area in the plan's tree. Leaves carry a baseline and an annual % change;
    a parent's targets are the sums of its children's and its % is derived from them."""

    name: str
    baseline: float = 0.0
    annual_change_percent: float | None = None
    children: list[TargetNode] = field(default_factory=list)

    def totals(self, years: int = 3) -> tuple[float, list[float]]:
        """(baseline, yearly targets), summed up the tree."""
        if not self.children:
            if self.annual_change_percent is None:
                raise ValueError(f"{self.name}: a sub-area without children needs an annual % change")
            return self.baseline, yearly_targets(self.baseline, self.annual_change_percent, years)
        baseline, targets = 0.0, [0.0] * years
        for child in self.children:
            child_baseline, child_targets = child.totals(years)
            baseline += child_baseline
            targets = [a + b for a, b in zip(targets, child_targets, strict=True)]
        return baseline, targets

    def rows(self, years: int = 3, depth: int = 0) -> list[dict[str, object]]:
        """One row per node, parents first: baseline, targets, each year's % change on the
        year before, and the change over the plan."""
        baseline, targets = self.totals(years)
        previous = [baseline, *targets[:-1]]
        row: dict[str, object] = {
            "subarea": self.name,
            "depth": depth,
            "baseline": baseline,
            "targets": targets,
            "annual_change_percent": [
                None if before == 0 else 100 * (after / before - 1)
                for before, after in zip(previous, targets, strict=True)
            ],
            "plan_change_percent": None if baseline == 0 else 100 * (targets[-1] / baseline - 1),
        }
        return [row, *(r for child in self.children for r in child.rows(years, depth + 1))]
