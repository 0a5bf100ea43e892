"""Similar partnerships: every CSP featured or excluded with a reason, and nearest peers."""

from __future__ import annotations

import numpy as np
import pytest

from cspkit.comparison.features import csp_features
from cspkit.comparison.peers import LABEL, nearest_peers
from cspkit.errors import UsageError

CENTRAL_BEDS = "E22000353"
MERGED_BEFORE_2023 = {
    "E22000031",
    "E22000032",
    "E22000033",
    "E22000035",
    "E22000063",
    "E22000067",
    "E22000233",
    "E22000235",
    "E22000236",
    "E22000237",
    "E22000274",
    "E22000303",
    "E22000306",
    "E22000311",
}


def test_every_csp_is_featured_or_excluded_with_a_reason() -> None:
    features = csp_features()
    assert len(features) == 314
    welsh = [f for f in features if f.code.startswith("W")]
    assert welsh
    assert all(not f.featured and f.excluded.startswith("Wales: IMD 2019 covers England only") for f in welsh)
    merged = {f.code for f in features if f.excluded.startswith("no land area")}
    assert merged == MERGED_BEFORE_2023
    featured = [f for f in features if f.featured]
    assert len(featured) == 314 - len(welsh) - len(merged)
    for f in featured:
        assert f.code.startswith("E22")
        assert 10 < f.density_per_km2 < 20_000  # type: ignore[operator]
        assert 1 <= f.imd_rank_weighted <= 32_844  # type: ignore[operator]
        assert 1.8 < f.persons_per_household < 3.5  # type: ignore[operator]
    for f in features:
        assert f.featured or f.excluded  # never both, never neither


def test_central_bedfordshire_features_from_their_sources() -> None:
    beds = next(f for f in csp_features() if f.code == CENTRAL_BEDS)
    # Table C4: 301,500 people (mid-2022), 120,700 households (mid-2021)
    assert beds.persons_per_household == pytest.approx(301_500 / 120_700)
    assert 400 < beds.density_per_km2 < 450  # type: ignore[operator]  # 716 km² of land
    assert 20_000 < beds.imd_rank_weighted < 26_000  # type: ignore[operator]  # among the less deprived


def test_nearest_peers_are_the_closest_on_standardised_features() -> None:
    featured = [f for f in csp_features() if f.featured]
    raw = np.array([[np.log10(f.density_per_km2), f.imd_rank_weighted, f.persons_per_household] for f in featured])  # type: ignore[arg-type]
    z = (raw - raw.mean(axis=0)) / raw.std(axis=0, ddof=1)
    here = [f.code for f in featured].index(CENTRAL_BEDS)
    distance = np.linalg.norm(z - z[here], axis=1)
    expected = [featured[i].code for i in np.argsort(distance, kind="stable") if i != here][:15]
    peers = nearest_peers(CENTRAL_BEDS)
    assert [p.code for p in peers] == expected
    assert len(peers) == 15
    assert CENTRAL_BEDS not in [p.code for p in peers]
    assert [p.distance for p in peers] == sorted(p.distance for p in peers)
    assert "not the Home Office MSG" in LABEL


def test_welsh_and_merged_csps_have_no_automatic_peers() -> None:
    welsh = next(f for f in csp_features() if f.code.startswith("W"))
    with pytest.raises(UsageError, match="list this CSP's peers in its configuration"):
        nearest_peers(welsh.code)
    with pytest.raises(UsageError, match="no land area"):
        nearest_peers("E22000233")
