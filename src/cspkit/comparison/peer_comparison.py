"""An area against similar partnerships on the ONS CSP tables (one source for all of them)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cspkit.comparison.members import GroupSummary, Member, MemberRow, compare_members, verdict
from cspkit.comparison.peers import DEFAULT_K, LABEL, METHOD, feature_of, nearest_peers
from cspkit.errors import UsageError
from cspkit.indicators.definitions import Indicator
from cspkit.periods import Period
from cspkit.recorded_crime import YEARS, ons_recorded_crime


@dataclass
class Comparison:
    area: str
    area_name: str
    indicator: str
    title: str
    ons_group: str
    period: str
    label: str
    peers_from: str
    peer_method: str
    source: str
    members: list[Member]
    summary: GroupSummary
    verdict: str
    notes: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        body = {k: v for k, v in self.__dict__.items() if k not in ("members", "summary")}
        body["group"] = self.summary.__dict__
        body["members"] = [m.as_dict() for m in self.members]
        return body


def year_ending_of(period: Period) -> str:
    """The ONS table year a period is: exactly the 12 months to December 2023 or 2024."""
    label = f"{period.end.year}-12"
    if period.start == date(period.end.year, 1, 1) and period.end.month == 12 and label in YEARS:
        return label
    raise UsageError(
        f"no peer data for {period.label}: the ONS CSP tables cover the 12 months to December 2023 and "
        "December 2024 (--period 12m-to-2024-12)"
    )


def _figures(year_ending: str, group: str) -> dict[str, tuple[str, int, int]]:
    rows = ons_recorded_crime(year_ending, None, "csp", group)
    return {
        r["area"].split(":", 1)[1]: (r["area_name"], int(r["count"]), int(r["denominator"]))
        for r in rows
        if r["count"] is not None and r["denominator"]
    }


def compare_with_peers(
    area_code: str,
    indicator: Indicator,
    period: Period,
    peers: list[str] | None,
    peers_from: str,
    k: int = DEFAULT_K,
    od_adjust: str = "no",
) -> Comparison:
    """`peers` None: the k nearest by features; else the listed CSP codes."""
    if not indicator.ons_group:
        raise UsageError(f"no peer data for {indicator.ref}: it declares no ons_group (an ONS CSP-table offence group)")
    year = year_ending_of(period)
    figures = _figures(year, indicator.ons_group)
    focal = feature_of(area_code)
    distances: dict[str, float | None] = {}
    if peers is None:
        found = nearest_peers(area_code, k)
        distances = {p.code: p.distance for p in found}
        codes = [p.code for p in found]
    else:
        codes = [c for c in peers if c != area_code]
        if not codes:
            raise UsageError("list at least one peer other than the area itself")
    missing = [c for c in [area_code, *codes] if c not in figures]
    if missing:
        raise UsageError(
            f"no peer data for {', '.join(missing)} in the ONS CSP tables ({indicator.ons_group}, year ending {year})"
        )
    rows: list[MemberRow] = [
        (area_code, figures[area_code][0], "area", figures[area_code][1], figures[area_code][2], None)
    ]
    rows += [(c, figures[c][0], "peer", figures[c][1], figures[c][2], distances.get(c)) for c in codes]
    members, summary = compare_members(rows, od_adjust)
    label = (
        LABEL
        if peers is None
        else "peer group listed in the configuration"
        if peers_from == "configuration"
        else "peer group given with --peers"
    )
    return Comparison(
        area=f"csp:{area_code}",
        area_name=focal.name,
        indicator=indicator.ref,
        title=indicator.title,
        ons_group=indicator.ons_group,
        period=f"12 months to {year}",
        label=label,
        peers_from=peers_from,
        peer_method=METHOD if peers is None else "listed",
        source="ONS police recorded crime by CSP (Tables C2/C5), population as ONS published (C4) or mid-2023",
        members=members,
        summary=summary,
        verdict=verdict(members[0], summary, label),
    )
