"""A CSP's peers: the k nearest English CSPs on standardised features (not the Home Office MSG).

Each feature is standardised over the featured CSPs (z = (x − mean) / standard deviation);
density first goes on a log scale, because it runs from under 100 to over 15,000 people
per km² and would otherwise set the distances alone. Distance is Euclidean on the three
z-scores; ties go to the lower ONS code. Peers are not symmetric: B can be among A's
nearest without A being among B's.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cspkit.comparison.features import CspFeatures, csp_features
from cspkit.errors import UsageError

DEFAULT_K = 15
LABEL = "cspkit similar group (not the Home Office MSG)"
METHOD = (
    "k nearest English CSPs by Euclidean distance on standardised log10 population density (mid-2022), "
    "population-weighted IMD 2019 rank and persons per household"
)


@dataclass(frozen=True)
class Peer:
    code: str
    name: str
    distance: float


def _matrix(featured: list[CspFeatures]) -> np.ndarray:
    raw = np.array([f.vector() for f in featured], dtype=float)
    raw[:, 0] = np.log10(raw[:, 0])
    standardised: np.ndarray = (raw - raw.mean(axis=0)) / raw.std(axis=0, ddof=1)
    return standardised


def feature_of(code: str) -> CspFeatures:
    for found in csp_features():
        if found.code == code:
            return found
    raise UsageError(f"csp:{code} is not in the ONS CSP tables")


def nearest_peers(code: str, k: int = DEFAULT_K) -> list[Peer]:
    focal = feature_of(code)
    if not focal.featured:
        raise UsageError(f"no automatic peers for csp:{code} ({focal.name}): {focal.excluded}")
    featured = [f for f in csp_features() if f.featured]
    if not 1 <= k < len(featured):
        raise UsageError(f"k must be between 1 and {len(featured) - 1}")
    z = _matrix(featured)
    here = [f.code for f in featured].index(code)
    distance = np.sqrt(((z - z[here]) ** 2).sum(axis=1))
    order = sorted((float(d), f.code, f.name) for d, f in zip(distance, featured, strict=True) if f.code != code)
    return [Peer(c, n, d) for d, c, n in order[:k]]


def describe_features() -> dict[str, str]:
    return {
        "density_per_km2": "ONS mid-2022 population (Table C4) / land area (sum of ONS Dec 2021 LSOA areas)",
        "imd_rank_weighted": "IMD 2019 rank of the CSP's LSOAs (2011), weighted by mid-2020 population",
        "persons_per_household": "ONS mid-2022 population / mid-2021 households (Table C4)",
    }
