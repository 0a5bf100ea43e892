"""One neighbourhood (ward) for the public, as data: the public crime information code's three
spans (the latest month, the rolling twelve months, the financial year to date), each beside
the same span a year earlier, and the rolling year beside similar wards.

Only police.uk street-level records are used: they are already public, so counts are shown
as published (DESIGN.md "Publishing and disclosure"); partner data never reaches these pages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from cspkit.assessment.dashboard import DashboardRequest
from cspkit.comparison.members import MemberRow, compare_members
from cspkit.errors import UsageError
from cspkit.geography.areas import AreaRef
from cspkit.indicators.areas import TargetArea, target_area
from cspkit.indicators.compare import COMPARISON_FIELDS, with_comparison
from cspkit.indicators.definitions import Indicator
from cspkit.indicators.evaluate import evaluate
from cspkit.neighbourhoods.similar_wards import LABEL, METHOD, similar_wards
from cspkit.periods import add_months, month_label, parse_period

SET = "policeuk"
HEADLINES = ("crime-excl-asb", "anti-social-behaviour")
TOTALS = frozenset({"all-crime", "crime-excl-asb", "serious-acquisitive-proxy"})
TREND_MONTHS = 13
SPANS = ("month", "rolling", "fytd")


def neighbourhood_wards(request: DashboardRequest) -> list[tuple[str, str]]:
    """The partnership's wards (code, name), by name: its public neighbourhoods."""
    area = target_area(request.geo, request.config.area, request.config)
    wards = [w for w, a in request.geo.ward_authority.items() if a in area.authorities]
    return sorted(((w, request.geo.ward_name.get(w, w)) for w in wards), key=lambda pair: (pair[1], pair[0]))


def latest_street_month(request: DashboardRequest, forces: tuple[str, ...]) -> date:
    """The last month police.uk street records are held for every force given."""
    latest = []
    for force in forces:
        months = [p.month for p in request.engine.catalogue.partitions if p.dataset == "street" and p.holder == force]
        if not months:
            raise UsageError(f"the store holds no police.uk street records for {force}")
        latest.append(max(months))
    return parse_period(min(latest)).end


def _indicators(request: DashboardRequest, when: date) -> list[Indicator]:
    chosen = [i for i in request.sets.in_force(SET, when) if i.in_force(when, when)]
    return [i for i in chosen if i.numerator.dataset == "street"]


def _direction(row: dict[str, Any]) -> str:
    """ "up", "down", "same" (a change within chance) or "" (no earlier figure)."""
    if row.get("change") is None:
        return ""
    if not row["significant"]:
        return "same"
    return "up" if row["change"] > 0 else "down"


def _span(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "period": row["period"],
        "count": row["numerator"],
        "rate": row["value"],
        "earlier": row["comparison_numerator"],
        "change": row["change"],
        "change_percent": row["change_percent"],
        "p_value": row["p_value"],
        "direction": _direction(row),
    }


def _against_similar(
    geo: Any, headline: list[Indicator], ward: TargetArea, rolling: dict[tuple[str, str], dict[str, Any]]
) -> dict[str, Any]:
    similar = similar_wards(geo, ward.codes[0])
    found: dict[str, Any] = {"label": LABEL, "method": METHOD, "wards": [], "headlines": {}}
    if not similar:
        found["reason"] = "this ward has no resident LSOA of its own, so it has no similar wards"
        return found
    codes = [ward.codes[0], *(s.code for s in similar)]
    for indicator in headline:
        table: list[MemberRow] = []
        for code in codes:
            row = rolling[(indicator.ref, code)]
            if row["numerator"] is None or not row["denominator"]:
                break
            role = "area" if code == ward.codes[0] else "peer"
            table.append((code, row["area_name"], role, int(row["numerator"]), int(row["denominator"]), None))
        else:
            members, summary = compare_members(table, "no")
            focal = members[0]
            found["headlines"][indicator.id] = {
                "title": indicator.title,
                "rate": focal.rate_per_1000,
                "group_rate": summary.pooled_rate_per_1000,
                "at_95": focal.at_95,
                "members": [
                    {"ward": m.code, "name": m.name, "count": m.count, "rate": m.rate_per_1000, "role": m.role}
                    for m in members
                ],
                "method": summary.method,
            }
    found["wards"] = [
        {
            "ward": s.code,
            "name": s.name,
            "distance": s.distance,
            "density_per_km2": round(s.density_per_km2, 1),
            "imd_rank": round(s.imd_rank_weighted),
        }
        for s in similar
    ]
    return found


def build_neighbourhood(request: DashboardRequest, ward_code: str) -> dict[str, Any]:
    """Everything a neighbourhood page shows, for a ward of the partnership."""
    return build_neighbourhoods(request, [ward_code])[ward_code]


def build_neighbourhoods(request: DashboardRequest, ward_codes: list[str]) -> dict[str, dict[str, Any]]:
    """Several wards' pages at once: each evaluation covers every ward asked for (and their
    similar wards), so the engine counts once however many wards there are."""
    geo = request.geo
    ours = dict(neighbourhood_wards(request))
    for code in ward_codes:
        if code not in ours:
            raise UsageError(f"ward:{code} is not one of {request.config.name}'s neighbourhoods")
    wards = {code: target_area(geo, AreaRef("ward", code)) for code in ward_codes}
    latest = latest_street_month(request, tuple(sorted({f for w in wards.values() for f in w.forces})))
    label = month_label(latest)
    spans = {
        "month": parse_period(label),
        "rolling": parse_period(f"12m-to-{label}"),
        "fytd": parse_period(f"fytd-{label}"),
    }
    chosen = _indicators(request, latest)
    headline = [i for i in chosen if i.id in HEADLINES]
    periods = [p for span in spans.values() for p in (span, span.comparison())]
    evaluated = evaluate(request.engine, geo, chosen, list(wards.values()), periods)
    # The change test only where the page shows it: every span of the headlines, the rolling
    # year of the other categories (their month and year-to-date cells are counts alone).
    shown = {i.ref: list(spans.values()) if i.id in HEADLINES else [spans["rolling"]] for i in chosen}
    rows = [
        row
        for ref, compared in shown.items()
        for row in with_comparison([r for r in evaluated if r["indicator"] == ref], compared)
    ]
    counts_alone = (spans["month"].label, spans["fytd"].label)
    rows += [
        r | dict.fromkeys(COMPARISON_FIELDS)
        for r in evaluated
        if r["period"] in counts_alone and shown[r["indicator"]] == [spans["rolling"]]
    ]
    by = {(r["indicator"], r["area"], r["period"]): r for r in rows}
    peers = sorted({s.code for code in ward_codes for s in similar_wards(geo, code)} - set(ward_codes))
    around = [*wards.values(), *(target_area(geo, AreaRef("ward", code)) for code in peers)]
    rolling = {
        (r["indicator"], r["area"]): r for r in evaluate(request.engine, geo, headline, around, [spans["rolling"]])
    }
    first = add_months(latest, -(TREND_MONTHS - 1))
    months = [month_label(add_months(first, i)) for i in range(TREND_MONTHS)]
    monthly = evaluate(request.engine, geo, headline, list(wards.values()), [parse_period(m) for m in months])
    by_month = {(r["indicator"], r["area"], r["period"]): r["numerator"] for r in monthly}
    lsoas = {code: sorted(c for c, w in geo.lsoa21_best_fit_ward.items() if w == code) for code in ward_codes}
    lsoa_areas = [target_area(geo, AreaRef("lsoa", c)) for code in ward_codes for c in lsoas[code]]
    lsoa_rows = evaluate(request.engine, geo, headline, lsoa_areas, [spans["rolling"]])
    built = {}
    for code, ward in wards.items():
        categories = []
        for indicator in chosen:
            if indicator.id not in TOTALS or indicator.id in HEADLINES:
                cells = {name: _span(by[(indicator.ref, code, span.label)]) for name, span in spans.items()}
                categories.append(
                    {
                        "indicator": indicator.id,
                        "title": indicator.title,
                        "headline": indicator.id in HEADLINES,
                        **cells,
                    }
                )
        categories.sort(key=lambda c: (not c["headline"], HEADLINES.index(c["indicator"]) if c["headline"] else 0))
        inside = set(lsoas[code])
        built[code] = {
            "ward": code,
            "name": ward.area_name,
            "authority": ward.authorities[0] if ward.authorities else "",
            "authority_name": geo.authority_name.get(ward.authorities[0], "") if ward.authorities else "",
            "forces": list(ward.forces),
            "residents": ward.residents,
            "latest_month": label,
            "periods": {name: span.label for name, span in spans.items()},
            "comparison_periods": {name: span.comparison().label for name, span in spans.items()},
            "categories": categories,
            "similar": _against_similar(geo, headline, ward, rolling),
            "trend": {"months": months, **{i.id: [by_month.get((i.ref, code, m)) for m in months] for i in headline}},
            "lsoa_map": {
                i.id: [
                    {"area": r["area"], "area_name": r["area_name"], "value": r["numerator"]}
                    for r in lsoa_rows
                    if r["indicator"] == i.ref and r["area"] in inside
                ]
                for i in headline
            },
        }
    return built
