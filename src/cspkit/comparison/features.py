"""What makes CSPs similar: three stated features for every CSP, or the reason it has none.

- population density: ONS mid-2022 population (Table C4) ÷ land area (sum of the ONS
  December 2021 LSOA areas in the CSP), people per km²;
- deprivation: the IMD 2019 rank of the CSP's LSOAs (2011), weighted by their mid-2020
  populations (1 = most deprived of 32,844);
- persons per household: mid-2022 population ÷ mid-2021 households (Table C4).

IMD 2019 covers England only, so Welsh CSPs are excluded from automatic peers and must list
theirs in the partnership configuration.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import pyarrow.parquet as pq

from cspkit.bundle import package_path
from cspkit.geography.tables import authority_successors, load_geography
from cspkit.recorded_crime import ons_recorded_crime

FEATURES = ("density_per_km2", "imd_rank_weighted", "persons_per_household")
FEATURE_YEAR = "2024-12"  # Table C4 carries the populations and households


@dataclass(frozen=True)
class CspFeatures:
    code: str
    name: str
    force_area: str
    density_per_km2: float | None
    imd_rank_weighted: float | None
    persons_per_household: float | None
    excluded: str  # "" when featured, else why not

    @property
    def featured(self) -> bool:
        return not self.excluded

    def vector(self) -> tuple[float, float, float]:
        """The three features; only a featured CSP has them all."""
        if self.density_per_km2 is None or self.imd_rank_weighted is None or self.persons_per_household is None:
            raise ValueError(f"{self.code} is excluded from peer building: {self.excluded}")
        return (self.density_per_km2, self.imd_rank_weighted, self.persons_per_household)


def _csp_of_authority() -> dict[str, str]:
    geo = load_geography()
    successors = authority_successors()
    every = {*geo.authority_csp, *successors}
    return {a: geo.authority_csp.get(a) or geo.authority_csp.get(successors.get(a, ""), "") for a in every}


def _area_km2() -> dict[str, float]:
    csp_of = _csp_of_authority()
    authority = {r["lsoa21"]: r["authority"] for r in pq.read_table(package_path("lookups/lsoa21.parquet")).to_pylist()}
    total: dict[str, float] = defaultdict(float)
    for row in pq.read_table(package_path("similar/lsoa21_area.parquet")).to_pylist():
        csp = csp_of.get(authority.get(row["lsoa21"], ""), "")
        if csp:
            total[csp] += row["area_m2"] / 1e6
    return dict(total)


def _imd_weighted() -> dict[str, float]:
    csp_of = _csp_of_authority()
    authority = {
        r["lsoa11"]: r["authority"] for r in pq.read_table(package_path("lookups/lsoa11_to_lsoa21.parquet")).to_pylist()
    }
    weighted: dict[str, float] = defaultdict(float)
    people: dict[str, float] = defaultdict(float)
    for row in pq.read_table(package_path("similar/lsoa11_imd2019.parquet")).to_pylist():
        csp = csp_of.get(authority.get(row["lsoa11"], ""), "")
        if csp and row["population_mid2020"]:
            weighted[csp] += row["imd_rank"] * row["population_mid2020"]
            people[csp] += row["population_mid2020"]
    return {csp: weighted[csp] / people[csp] for csp in weighted if people[csp]}


@cache
def csp_features() -> tuple[CspFeatures, ...]:
    """Every CSP of the ONS tables, featured or excluded with a reason."""
    area, imd = _area_km2(), _imd_weighted()
    seen: dict[str, CspFeatures] = {}
    for row in ons_recorded_crime(FEATURE_YEAR, None, "csp", "total-recorded-crime-excluding-fraud"):
        code = row["area"].split(":", 1)[1]
        population, households = row["denominator"], _households().get(code)
        density = population / area[code] if population and area.get(code) else None
        pph = population / households if population and households else None
        reason = ""
        if code.startswith("W"):
            reason = "Wales: IMD 2019 covers England only; list this CSP's peers in its configuration"
        elif not population:
            reason = "no mid-2022 population in Table C4"
        elif code not in area:
            reason = "no land area: its authorities are not in the December 2023 lookups (merged before then)"
        elif code not in imd:
            reason = "no IMD 2019 LSOAs map to it"
        elif pph is None:
            reason = "no household count in Table C4"
        seen[code] = CspFeatures(code, row["area_name"], row["force_area"], density, imd.get(code), pph, reason)
    return tuple(sorted(seen.values(), key=lambda f: f.code))


@cache
def _households() -> dict[str, int]:
    rows = pq.read_table(package_path("recorded_crime/ons_csp_force.parquet")).to_pylist()
    return {
        r["code"]: r["households"]
        for r in rows
        if r["year_ending"] == FEATURE_YEAR and r["area_type"] == "csp" and r["households"]
    }
