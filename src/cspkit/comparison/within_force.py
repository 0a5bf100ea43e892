"""An area against the other CSPs of its own police force, on police.uk data in the store.

This is not a peer comparison: the CSPs of one force are neighbours, not look-alikes. It is
offered because police.uk data is monthly and current where the ONS tables are yearly and
late, and it is labelled so wherever it is shown.
"""

from __future__ import annotations

from pathlib import Path

from cspkit.comparison.members import MemberRow, compare_members, verdict
from cspkit.comparison.peer_comparison import Comparison
from cspkit.errors import UsageError
from cspkit.geography.areas import AreaRef
from cspkit.geography.tables import Geography
from cspkit.indicators.areas import areas_of_type, target_area
from cspkit.indicators.definitions import Indicator
from cspkit.indicators.engine import open_engine
from cspkit.indicators.evaluate import evaluate
from cspkit.periods import Period

LABEL = "within-force comparison on police.uk data (neighbouring CSPs, not a similar group)"


def compare_within_force(
    root: Path, geo: Geography, area_code: str, indicator: Indicator, period: Period, od_adjust: str = "no"
) -> Comparison:
    if indicator.numerator.dataset != "street" or indicator.unit != "per_1000_population":
        raise UsageError(f"{indicator.ref}: a within-force comparison needs a police.uk street rate per 1,000")
    focal = target_area(geo, AreaRef("csp", area_code))
    areas = areas_of_type(geo, "csp", set(focal.forces))
    if len(areas) < 2:
        raise UsageError(f"csp:{area_code} is the only CSP of its force: nothing to compare with")
    engine = open_engine(root)
    rows = evaluate(engine, geo, [indicator], areas, [period])
    incomplete = [r for r in rows if r["numerator"] is None or not r["denominator"] or r["missing_months"]]
    if incomplete:
        first = incomplete[0]
        why = first["note"] or f"the store lacks {', '.join(first['missing_months'])}"
        raise UsageError(f"no within-force figures for {first['area_name']} in {period.label}: {why}")
    ordered = sorted(rows, key=lambda r: r["area"] != area_code)
    table: list[MemberRow] = [
        (
            r["area"],
            r["area_name"],
            "area" if r["area"] == area_code else "neighbour",
            int(r["numerator"]),
            int(r["denominator"]),
            None,
        )
        for r in ordered
    ]
    members, summary = compare_members(table, od_adjust)
    return Comparison(
        area=f"csp:{area_code}",
        area_name=focal.area_name,
        indicator=indicator.ref,
        title=indicator.title,
        ons_group="",
        period=period.label,
        label=LABEL,
        peers_from="force",
        peer_method=f"every CSP of {', '.join(focal.forces)}",
        source=f"police.uk street-level crime in the store; population: {ordered[0]['denominator_source']}",
        members=members,
        summary=summary,
        verdict=verdict(members[0], summary, LABEL),
        notes=["police.uk records are snapped to anonymised points and recorded by month"],
    )
