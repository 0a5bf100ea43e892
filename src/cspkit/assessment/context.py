"""Everything one assessment run reads, gathered once: the area, periods, indicators and
their evaluated rows, so each piece of evidence is a small function of it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cspkit.config.assessment import CandidateIssue, ScanRules
from cspkit.config.partnership import PartnershipConfig
from cspkit.geography.tables import Geography
from cspkit.indicators.areas import TargetArea
from cspkit.indicators.definitions import Indicator
from cspkit.indicators.engine import Engine
from cspkit.periods import Period, add_months, month_label

TREND_MONTHS = 36


@dataclass
class Context:
    root: Path
    geo: Geography
    engine: Engine
    config: PartnershipConfig | None
    area: TargetArea
    subareas: list[TargetArea]
    period: Period
    rules: ScanRules
    indicators: dict[str, list[Indicator]]  # issue id -> its indicators, headline first
    rows: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict)
    outlines: dict[str, Any] = field(default_factory=dict)  # area -> its outline, drawn once

    @property
    def comparison(self) -> Period:
        return self.period.comparison()

    def headline(self, issue: CandidateIssue) -> Indicator | None:
        found = self.indicators.get(issue.id) or []
        return found[0] if found else None

    def row(self, indicator: Indicator, area: TargetArea, period: Period) -> dict[str, Any]:
        return self.rows[(indicator.ref, area.area, period.label)]


def trend_periods(period: Period) -> list[Period]:
    """One period per month: the 36 months ending with the assessed period."""
    first = add_months(period.end, -(TREND_MONTHS - 1))
    months = [add_months(first, i) for i in range(TREND_MONTHS)]
    return [Period(month_label(m), "month", m, m) for m in months]
