"""Similar wards: cspkit's own method, stated wherever it is shown.

For each ward of a force, two features from the bundled public tables:

- population density: Census 2021 residents of the ward's best-fit 2021 LSOAs ÷ the ONS
  land area of those LSOAs (people per km²), compared on a log scale because density runs
  from rural hamlets to town centres;
- deprivation: the IMD 2019 rank of the 2011 LSOAs whose 2021 successors best-fit the ward,
  weighted by their mid-2020 populations (1 = most deprived in England).

Each feature is standardised over the force's wards (z-scores) and the similar wards are the
five nearest by Euclidean distance. There is no official "most similar ward" group; this is
a transparent, reproducible stand-in, labelled as cspkit's.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from functools import cache

import pyarrow.parquet as pq

from cspkit.bundle import package_path
from cspkit.geography.tables import Geography

HOW_MANY = 5
LABEL = "similar wards (cspkit's method: the five wards of the force nearest on population density and deprivation)"
METHOD = (
    "Population density (Census 2021 residents of the ward's best-fit LSOAs per km² of their land area, "
    "on a log scale) and deprivation (IMD 2019 rank of the ward's LSOAs, population-weighted) are "
    "standardised over the force's wards; the five wards nearest by Euclidean distance are its similar wards."
)


@dataclass(frozen=True)
class WardFeatures:
    code: str
    name: str
    authority: str
    residents: int
    density_per_km2: float
    imd_rank_weighted: float


@dataclass(frozen=True)
class SimilarWard:
    code: str
    name: str
    distance: float
    density_per_km2: float
    imd_rank_weighted: float


@cache
def _lsoa21_area_km2() -> dict[str, float]:
    return {
        r["lsoa21"]: r["area_m2"] / 1e6 for r in pq.read_table(package_path("similar/lsoa21_area.parquet")).to_pylist()
    }


@cache
def _imd() -> list[tuple[str, int, int]]:
    rows = pq.read_table(package_path("similar/lsoa11_imd2019.parquet")).to_pylist()
    return [(r["lsoa11"], r["imd_rank"], r["population_mid2020"] or 0) for r in rows]


def ward_features(geo: Geography, wards: list[str]) -> dict[str, WardFeatures]:
    """The two features of each ward that has both (a ward with no resident LSOA has none)."""
    inside = set(wards)
    residents: dict[str, int] = defaultdict(int)
    area: dict[str, float] = defaultdict(float)
    areas = _lsoa21_area_km2()
    for lsoa, ward in geo.lsoa21_best_fit_ward.items():
        if ward in inside:
            residents[ward] += geo.lsoa21_population.get(lsoa, 0)
            area[ward] += areas.get(lsoa, 0.0)
    weighted: dict[str, float] = defaultdict(float)
    people: dict[str, float] = defaultdict(float)
    for lsoa11, rank, population in _imd():
        ward = geo.lsoa21_best_fit_ward.get(geo.lsoa11_to_lsoa21.get(lsoa11, ""), "")
        if ward in inside and population:
            weighted[ward] += rank * population
            people[ward] += population
    found = {}
    for ward in wards:
        if residents[ward] and area[ward] and people[ward]:
            found[ward] = WardFeatures(
                ward,
                geo.ward_name.get(ward, ward),
                geo.ward_authority.get(ward, ""),
                residents[ward],
                residents[ward] / area[ward],
                weighted[ward] / people[ward],
            )
    return found


def _z(values: list[float]) -> list[float]:
    mean = sum(values) / len(values)
    spread = math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)) or 1.0
    return [(v - mean) / spread for v in values]


Points = tuple[dict[str, WardFeatures], dict[str, tuple[float, float]]]
_POINTS: dict[tuple[int, str], tuple[Geography, Points]] = {}


def _force_points(geo: Geography, force: str) -> Points:
    """A force's wards' features and standardised points, worked out once per geography (kept
    with the geography itself, which is not hashable)."""
    kept = _POINTS.get((id(geo), force))
    if kept is not None and kept[0] is geo:
        return kept[1]
    if len(_POINTS) > 8:
        _POINTS.clear()
    points = _points(geo, force)
    _POINTS[(id(geo), force)] = (geo, points)
    return points


def _points(geo: Geography, force: str) -> Points:
    pool = sorted(w for w, a in geo.ward_authority.items() if force and geo.force_of_authority(a) == force)
    features = ward_features(geo, pool)
    codes = sorted(features)
    density = _z([math.log(features[c].density_per_km2) for c in codes])
    deprivation = _z([features[c].imd_rank_weighted for c in codes])
    return features, {c: (density[i], deprivation[i]) for i, c in enumerate(codes)}


def similar_wards(geo: Geography, ward: str, how_many: int = HOW_MANY) -> list[SimilarWard]:
    """The `how_many` wards of the ward's force nearest to it, nearest first (ties by code)."""
    features, point = _force_points(geo, geo.force_of_authority(geo.ward_authority.get(ward, "")))
    if ward not in features:
        return []
    codes = sorted(features)
    here = point[ward]
    ranked = sorted((math.dist(here, point[c]), c) for c in codes if c != ward)
    return [
        SimilarWard(c, features[c].name, round(d, 4), features[c].density_per_km2, features[c].imd_rank_weighted)
        for d, c in ranked[:how_many]
    ]
