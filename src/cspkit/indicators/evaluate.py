"""Evaluate indicators for areas and periods: counts from the engine, the rest here.

The engine does one grouped count per dataset (by area column, month and the fields the
indicators filter on) over all the months asked for; numerators, denominators, intervals
and coverage are then worked out once, the same whatever the engine, so DuckDB and
PostgreSQL give the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cspkit.coverage import missing_in_period
from cspkit.geography.tables import Geography
from cspkit.indicators.areas import TargetArea, mid_year_for
from cspkit.indicators.definitions import Count, Indicator
from cspkit.indicators.engine import Engine
from cspkit.periods import Period, month_label
from cspkit.store.schema import is_partner_dataset

FIELDS = [
    "indicator",
    "indicator_version",
    "title",
    "area",
    "area_type",
    "area_name",
    "period",
    "numerator",
    "denominator",
    "denominator_source",
    "value",
    "lower_95",
    "upper_95",
    "unit",
    "polarity",
    "coverage",
    "missing_months",
    "proxy",
    "verified",
    "note",
]
FORCE_ONLY = frozenset({"recorded-crime"})

# (area column, code, month label) -> count
Counts = dict[tuple[str, str, str], int]


def _column(count: Count, area: TargetArea) -> str:
    """The store column for an area: a partner extract has no publishing force."""
    if area.column == "force" and count.kind == "partner":
        return "force_area"
    return area.column


def _grouped(engine: Engine, count: Count, column: str, start: date, end: date) -> Any:
    """Arrow table of record counts by area column, month and the filtered fields."""
    table = engine.table(count.kind)
    table = table.filter([table.month >= start, table.month <= end])
    if count.kind == "partner":
        table = table.filter(table.dataset == count.store_dataset)
    measure = table["count"].sum() if count.kind == "recorded-crime" else table.count()
    grouped = table.group_by([column, "month", *count.fields()]).aggregate(n=measure)
    return grouped.to_pyarrow()


@dataclass
class _Source:
    """Counts for one Count across every area column needed."""

    counts: Counts
    holders: list[str]  # forces or agencies holding the dataset


def _matching(table: Any, count: Count) -> Any:
    import pyarrow as pa
    import pyarrow.compute as pc

    mask = pa.array([True] * table.num_rows, pa.bool_())
    for name, values in count.where.items():
        mask = pc.and_(mask, pc.fill_null(pc.is_in(table[name], pa.array(values, table[name].type)), False))
    for name, values in count.where_not.items():
        inside = pc.fill_null(pc.is_in(table[name], pa.array(values, table[name].type)), False)
        mask = pc.and_(mask, pc.invert(inside))
    return table.filter(mask)


def _source(engine: Engine, count: Count, columns: set[str], start: date, end: date, cache: dict[Any, Any]) -> _Source:
    import pyarrow.compute as pc

    counts: Counts = {}
    for column in sorted(columns):
        key = (count.kind, count.store_dataset, count.fields(), column)
        if key not in cache:
            cache[key] = _grouped(engine, count, column, start, end)
        table = _matching(cache[key], count)
        table = table.filter(pc.is_valid(table[column]))
        summed = table.group_by([column, "month"]).aggregate([("n", "sum")])
        codes = summed[column].cast("string").to_pylist()
        months = pc.utf8_slice_codeunits(summed["month"].cast("string"), 0, 7).to_pylist()
        for code, month, n in zip(codes, months, summed["n_sum"].to_pylist(), strict=True):
            counts[(column, code, month)] = int(n or 0)
    holders = sorted({p.holder for p in engine.catalogue.partitions if p.dataset == count.store_dataset})
    return _Source(counts, holders)


def _sum(source: _Source, column: str, codes: tuple[str, ...], months: list[str]) -> int:
    counts = source.counts
    if len(codes) == 1 and len(months) == 1:
        return counts.get((column, codes[0], months[0]), 0)
    return sum(counts.get((column, code, month), 0) for code in codes for month in months)


def area_population(geo: Geography, area: TargetArea, period: Period) -> tuple[int | None, str]:
    """The denominator of a period's rate for an area, and where it comes from (DESIGN.md)."""
    if area.area_type == "lsoa":
        return area.residents, "Census 2021 usual residents"
    if area.area_type in ("ward", "subarea"):
        source = "Census 2021 usual residents" + (", best-fit LSOAs" if area.column == "ward" else "")
        return area.residents, source
    available = sorted({year for (code, year) in geo.mid_year_population if code in area.authorities})
    if not available:
        return None, ""
    wanted = mid_year_for(period.end)
    year = min(max(wanted, available[0]), available[-1])
    total = sum(geo.mid_year_population.get((code, year), 0) for code in area.authorities)
    return (total or None), f"ONS mid-{year} population estimate"


def _missing(
    engine: Engine, count: Count, holders: list[str], area: TargetArea, period: Period, memo: dict[Any, list[str]]
) -> list[str]:
    key = (count.store_dataset, area.forces, period.label)
    if key not in memo:
        if count.kind == "partner":
            relevant = tuple(holders)
        else:
            relevant = tuple(force for force in area.forces if force in holders) or area.forces
        months: set[str] = set()
        for holder in relevant:
            months.update(missing_in_period(engine.catalogue, count.store_dataset, holder, period.months))
        memo[key] = sorted(months)
    return list(memo[key])


def _unavailable(indicator: Indicator, area: TargetArea, engine: Engine) -> str:
    """Why an indicator cannot be evaluated for this area at all ('' if it can)."""
    numerator = indicator.numerator
    if numerator.requires:
        return f"needs {numerator.requires}, which cspkit does not hold yet"
    counts = [numerator] + ([indicator.denominator] if indicator.denominator else [])
    for count in counts:
        if count.kind in FORCE_ONLY and area.area_type != "force":
            return f"{count.dataset} is published by police force only: evaluate it for force areas"
        if count.kind == "partner" and not any(
            p.dataset == count.store_dataset for p in engine.catalogue.partitions if is_partner_dataset(p.dataset)
        ):
            how = "cspkit cases export" if count.store_dataset.startswith("cases-") else "cspkit ingest partner"
            return f"no {count.store_dataset} extract is in the store ({how})"
    if indicator.unit == "per_1000_households":
        return "no household counts are in the geography, so no rate per 1,000 households"
    return ""


def evaluate(
    engine: Engine,
    geo: Geography,
    indicators: list[Indicator],
    areas: list[TargetArea],
    periods: list[Period],
) -> list[dict[str, Any]]:
    """One row per indicator, area and period (FIELDS), with value null and a note when the
    data cannot give one."""
    from cspkit.indicators.intervals import fill_intervals

    start = min(p.start for p in periods)
    end = max(p.end for p in periods)
    cache: dict[Any, Any] = {}
    memo: dict[Any, Any] = {}
    rows: list[dict[str, Any]] = []
    for indicator in indicators:
        reasons = {area.area: _unavailable(indicator, area, engine) for area in areas}
        usable = [a for a in areas if not reasons[a.area]]
        sources: dict[str, _Source] = {}
        for role, count in (("numerator", indicator.numerator), ("denominator", indicator.denominator)):
            if count is not None and usable and not count.requires:
                columns = {_column(count, a) for a in usable}
                sources[role] = _source(engine, count, columns, start, end, cache)
        for period in periods:
            labels = [month_label(m) for m in period.months]
            base = _base(indicator, period)
            for area in areas:
                row = base.copy()
                row["area"], row["area_type"], row["area_name"] = area.area, area.area_type, area.area_name
                row["note"] = reasons[area.area]
                rows.append(_fill(row, indicator, area, period, labels, sources, engine, geo, memo))
    fill_intervals(rows)
    return rows


def _base(indicator: Indicator, period: Period) -> dict[str, Any]:
    return {
        "indicator": indicator.ref,
        "indicator_version": indicator.version,
        "title": indicator.title,
        "area": "",
        "area_type": "",
        "area_name": "",
        "period": period.label,
        "numerator": None,
        "denominator": None,
        "denominator_source": "",
        "value": None,
        "lower_95": None,
        "upper_95": None,
        "unit": indicator.unit,
        "polarity": indicator.polarity,
        "coverage": "none",
        "missing_months": [],
        "proxy": indicator.proxy,
        "verified": indicator.verified,
        "note": "",
    }


def _fill(
    row: dict[str, Any],
    indicator: Indicator,
    area: TargetArea,
    period: Period,
    labels: list[str],
    sources: dict[str, _Source],
    engine: Engine,
    geo: Geography,
    memo: dict[Any, Any],
) -> dict[str, Any]:
    """Numerator, denominator, value and coverage of one row (its note already says why not)."""
    if row["note"]:
        return row
    if not indicator.in_force(period.start, period.end):
        row["note"] = f"version {indicator.version} is not in force for all of {period.label}"
        return row
    numerator_source = sources["numerator"]
    column = _column(indicator.numerator, area)
    row["numerator"] = _sum(numerator_source, column, area.codes, labels)
    missing = _missing(engine, indicator.numerator, numerator_source.holders, area, period, memo)
    if indicator.unit in ("per_1000_population",):
        key = ("population", area.area_type, area.area, period.end.year, period.end.month >= 6)
        if key not in memo:
            memo[key] = area_population(geo, area, period)
        population, source = memo[key]
        row["denominator"], row["denominator_source"] = population, source
    elif indicator.unit == "percent" and indicator.denominator is not None:
        denominator_source = sources["denominator"]
        row["denominator"] = _sum(denominator_source, _column(indicator.denominator, area), area.codes, labels)
        row["denominator_source"] = indicator.denominator.dataset
        missing = sorted(
            set(missing) | set(_missing(engine, indicator.denominator, denominator_source.holders, area, period, memo))
        )
    row["missing_months"] = missing
    if missing:
        row["coverage"] = "partial"
        shown = ", ".join(missing[:3]) + (f" and {len(missing) - 3} more" if len(missing) > 3 else "")
        row["note"] = f"no value: the store lacks {shown}"
        return row
    row["coverage"] = "complete"
    if indicator.unit == "count":
        row["value"] = float(row["numerator"])
    elif row["denominator"]:
        scale = 1000.0 if indicator.unit.startswith("per_1000") else 100.0
        row["value"] = scale * row["numerator"] / row["denominator"]
    else:
        row["note"] = "no denominator for this area"
    return row
