"""One comparison group's table: counts, rates, group average, rank and funnel limits."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from cspkit.analysis.funnel import funnel

FUNNEL_METHOD = (
    "funnel plot: observed / expected, expected = population x the group's pooled rate; exact Poisson "
    "limits (Spiegelhalter 2005, as the PowerBI-SPC Funnels engine)"
)
OD_METHOD = "; limits widened for overdispersion (Spiegelhalter 2005 random-effects, winsorised 10%)"


@dataclass
class Member:
    code: str
    name: str
    role: str  # "area" or "peer"
    count: int
    population: int
    rate_per_1000: float
    rank: int  # 1 = lowest rate in the group
    expected: float
    ratio: float  # observed / expected
    z: float | None
    ll998: float
    ll95: float
    ul95: float
    ul998: float
    at_95: str  # above, below or within the 95 % limits
    at_998: str
    distance: float | None = None  # peers built by nearest neighbours

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class GroupSummary:
    group_average_per_1000: float  # unweighted mean of member rates, the area included
    pooled_rate_per_1000: float  # Σ counts / Σ populations
    members: int
    overdispersed: bool
    phi: float
    tau2: float
    method: str


MemberRow = tuple[str, str, str, int, int, float | None]  # code, name, role, count, population, distance


def compare_members(rows: list[MemberRow], od_adjust: str) -> tuple[list[Member], GroupSummary]:
    """rows: (code, name, role, count, population, distance). Rates per 1,000."""
    counts = np.array([r[3] for r in rows], dtype=float)
    populations = np.array([r[4] for r in rows], dtype=float)
    rates = counts / populations * 1000
    pooled = counts.sum() / populations.sum()
    expected = populations * pooled
    result = funnel(counts, expected, od_adjust)
    order = np.argsort(rates, kind="stable")
    rank = np.empty(len(rows), dtype=int)
    rank[order] = np.arange(1, len(rows) + 1)
    members = [
        Member(
            code=code,
            name=name,
            role=role,
            count=count,
            population=population,
            rate_per_1000=float(rates[i]),
            rank=int(rank[i]),
            expected=float(expected[i]),
            ratio=float(result.ratio[i]),
            z=float(result.z[i]) if math.isfinite(result.z[i]) else None,
            ll998=float(result.limits["ll99"][i]),
            ll95=float(result.limits["ll95"][i]),
            ul95=float(result.limits["ul95"][i]),
            ul998=float(result.limits["ul99"][i]),
            at_95=result.flag(i, "95"),
            at_998=result.flag(i, "99"),
            distance=distance,
        )
        for i, (code, name, role, count, population, distance) in enumerate(rows)
    ]
    summary = GroupSummary(
        group_average_per_1000=float(rates.mean()),
        pooled_rate_per_1000=float(pooled * 1000),
        members=len(rows),
        overdispersed=result.overdispersed,
        phi=result.phi,
        tau2=result.tau2,
        method=FUNNEL_METHOD + (OD_METHOD if result.overdispersed else ""),
    )
    return members, summary


def verdict(member: Member, summary: GroupSummary, group_label: str) -> str:
    """One sentence, always naming the method."""
    limits = "99.8 %" if member.at_998 != "within" else "95 %"
    place = member.at_998 if member.at_998 != "within" else member.at_95
    if place == "within":
        return f"{member.name} is within the 95 % limits of the {group_label} ({summary.method})."
    return f"{member.name} is significantly {place} the {group_label} at {limits} ({summary.method})."
