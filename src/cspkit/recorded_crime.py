"""ONS police recorded crime for every CSP and force (bundled), with populations and rates.

Peer comparison needs every partnership's figures, which police.uk alone cannot give for
other areas. Rates use the population ONS published with the table (year ending December
2024: Table C4 mid-2022 for CSPs, Table P3 mid-2023 for forces; rounded to 100 there, so the
published rate is used as given). The year ending December
2023 has counts only (Table C5), so its rates use the ONS mid-2023 estimates summed over
each CSP's or force's authorities, as DESIGN.md's denominator rule says; each row names its
`denominator_source`.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from typing import Any

import pyarrow.parquet as pq

from cspkit.bundle import package_path
from cspkit.errors import UsageError
from cspkit.geography.areas import parse_area
from cspkit.geography.forces import force_by_slug, forces
from cspkit.geography.tables import load_geography

YEARS = ("2023-12", "2024-12")
AREA_TYPES = ("csp", "force", "region", "country", "unassigned")
FIELDS = [
    "year_ending",
    "area",
    "area_type",
    "area_name",
    "force_area",
    "offence_group",
    "offence_slug",
    "count",
    "denominator",
    "denominator_source",
    "rate_per_1000",
    "published_rate_per_1000",
    "households",
    "rate_per_1000_households",
    "source_table",
]


@cache
def _rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = pq.read_table(package_path("recorded_crime/ons_csp_force.parquet")).to_pylist()
    return rows


@cache
def _mid2023() -> dict[str, dict[str, int]]:
    """Mid-2023 population summed by CSP and by force area code, from the authorities."""
    geo = load_geography()
    code_of_slug = {force.slug: force.code for force in forces()}
    sums: dict[str, dict[str, int]] = {"csp": defaultdict(int), "force": defaultdict(int)}
    for authority, csp in geo.authority_csp.items():
        population = geo.mid_year_population.get((authority, 2023))
        if population is None:
            continue
        sums["csp"][csp] += population
        force_code = code_of_slug.get(geo.force_of_authority(authority), "")
        if force_code:
            sums["force"][force_code] += population
    return {level: dict(values) for level, values in sums.items()}


@cache
def offence_slugs() -> tuple[str, ...]:
    """The ONS offence groups of the CSP tables, as slugs (what an indicator's ons_group names)."""
    return tuple(sorted({row["offence_slug"] for row in _rows() if row["level"] == "csp"}))


def _area(row: dict[str, Any]) -> str:
    if row["area_type"] == "force":
        try:
            return f"force:{force_by_slug(row['code']).slug}"
        except KeyError:
            return f"force:{row['code'] or row['name']}"
    if row["area_type"] == "unassigned":
        return f"unassigned:{row['force_area']}"
    return f"{row['area_type']}:{row['code']}"


def _with_rates(row: dict[str, Any]) -> dict[str, Any]:
    denominator, source = row["population"], row["population_basis"]
    if denominator is None and row["year_ending"] == "2023-12" and row["area_type"] in ("csp", "force"):
        denominator = _mid2023()[row["area_type"]].get(row["code"])
        source = "ONS mid-2023 estimates (MYE4), summed over the area's authorities" if denominator else None
    count = row["count"]
    # ONS computed its published rates from unrounded populations; the table gives them
    # rounded to 100, so the published rate is the exact one where there is one.
    rate = row["published_rate"]
    if rate is None and count is not None and denominator:
        rate = count / denominator * 1000
    households = row["households"] if row["offence_slug"] == "residential-burglary" else None
    return {
        "year_ending": row["year_ending"],
        "area": _area(row),
        "area_type": row["area_type"],
        "area_name": row["name"],
        "force_area": row["force_area"],
        "offence_group": row["offence_group"],
        "offence_slug": row["offence_slug"],
        "count": count,
        "denominator": denominator,
        "denominator_source": source,
        "rate_per_1000": rate,
        "published_rate_per_1000": row["published_rate"],
        "households": households,
        "rate_per_1000_households": count / households * 1000 if count is not None and households else None,
        "source_table": row["source_table"],
    }


def _matches_area(row: dict[str, Any], wanted: str) -> bool:
    area = parse_area(wanted)
    if area.area_type == "force":
        try:
            force = force_by_slug(area.code)
        except KeyError:
            raise UsageError(f"{wanted!r}: no such police force") from None
        return bool(row["area_type"] == "force" and row["code"] == force.code)
    return bool(row["area_type"] == area.area_type and row["code"] == area.code)


def ons_recorded_crime(
    year_ending: str | None = None,
    area: str | None = None,
    area_type: str | None = None,
    group: str | None = None,
) -> list[dict[str, Any]]:
    """Rows of FIELDS. Force figures come from the force tables where ONS published them
    (2024), else from the force totals of the CSP tables (2023)."""
    if year_ending is not None and year_ending not in YEARS:
        raise UsageError(f"--year-ending {year_ending}: the bundled tables are for {' and '.join(YEARS)}")
    if area_type is not None and area_type not in AREA_TYPES:
        raise UsageError(f"--area-type {area_type}: choose {', '.join(AREA_TYPES)}")
    slugs = {row["offence_slug"] for row in _rows()}
    if group is not None and group not in slugs:
        raise UsageError(f"--group {group}: choose one of {', '.join(sorted(slugs))}")
    force_tables = {row["year_ending"] for row in _rows() if row["level"] == "force"}
    out = []
    for row in _rows():
        if year_ending and row["year_ending"] != year_ending:
            continue
        if group and row["offence_slug"] != group:
            continue
        if row["area_type"] == "force" and row["level"] == "csp" and row["year_ending"] in force_tables:
            continue
        if area_type and row["area_type"] != area_type:
            continue
        if not area_type and not area and row["area_type"] == "unassigned":
            continue
        if area and not _matches_area(row, area):
            continue
        out.append(_with_rates(row))
    return sorted(out, key=lambda r: r["year_ending"])  # stable: table order within a year
