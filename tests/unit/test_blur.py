"""Location blurring: a published point moves between 60 m and the radius, stays inside its own
LSOA and ward (DESIGN.md), is the same every time for the same seed, and a point outside the
boundaries is refused rather than published."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cspkit.geography import load_geography
from cspkit.geography.tables import Geography, to_bng
from cspkit.privacy.blur import DEFAULT_RADIUS_METRES, MIN_METRES, blur, locate

AMPTHILL_CENTRE = (-0.4960, 52.0270)  # Ampthill town centre, Central Bedfordshire


@pytest.fixture(scope="module")
def geo() -> Geography:
    return load_geography(None)


def _metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    (ax, ay), (bx, by) = (to_bng().transform(*a), to_bng().transform(*b))
    return math.hypot(ax - bx, ay - by)


def test_locate_names_the_lsoa_ward_and_authority(geo: Geography) -> None:
    place = locate(geo, *AMPTHILL_CENTRE)
    assert place is not None
    assert place.ward == "E05014394"  # Ampthill
    assert place.authority == "E06000056"
    assert place.lsoa21.startswith("E01")
    assert locate(geo, 2.35, 48.85) is None  # Paris
    assert locate(geo, math.nan, 52.0) is None


@settings(max_examples=40, deadline=None)
@given(
    dx=st.floats(-0.02, 0.02),
    dy=st.floats(-0.012, 0.012),
    seed=st.integers(0, 2**63),
)
def test_a_blurred_point_stays_in_its_own_lsoa_and_ward(geo: Geography, dx: float, dy: float, seed: int) -> None:
    point = (AMPTHILL_CENTRE[0] + dx, AMPTHILL_CENTRE[1] + dy)
    place = locate(geo, *point)
    if place is None:
        return
    shown = blur(geo, *point, seed=seed)
    assert locate(geo, *shown) == place
    assert shown == blur(geo, *point, seed=seed)  # stable: reloading reveals nothing
    assert _metres(point, shown) <= DEFAULT_RADIUS_METRES + 2


def test_a_blurred_point_is_never_the_true_place(geo: Geography) -> None:
    distances = [_metres(AMPTHILL_CENTRE, blur(geo, *AMPTHILL_CENTRE, seed=s)) for s in range(50)]
    assert min(distances) >= MIN_METRES - 2
    assert len({round(d) for d in distances}) > 40  # the seed matters


def test_a_point_outside_the_boundaries_is_refused(geo: Geography) -> None:
    with pytest.raises(ValueError, match="outside"):
        blur(geo, 2.35, 48.85, seed=1)
