"""Location blurring for public maps (DESIGN.md "Publishing and disclosure").

A point the public gave us (a Safer Streets pin) is shown at a blurred place: a random
point between `MIN_METRES` and `radius` metres away that stays inside the intersection of
the point's own LSOA and ward, so the published place never moves the pin into another
area's counts. The draw is seeded by the record's id, so the blurred place is stable and
cannot be averaged out by reloading the page.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cspkit.geography.tables import Geography, Shapes

DEFAULT_RADIUS_METRES = 250.0
MIN_METRES = 60.0  # never (almost) the true place
_TRIES = 64
_EDGE_METRES = 3.0


@dataclass(frozen=True)
class Place:
    """Where a point falls: its 2021 LSOA, its 2023 ward and their local authority."""

    lsoa21: str
    ward: str
    authority: str


def _index_at(shapes: Shapes, x: float, y: float) -> int | None:
    import shapely

    hits = shapes.tree.query(shapely.Point(x, y), predicate="intersects")
    return int(sorted(hits)[0]) if len(hits) else None


def locate(geo: Geography, lon: float, lat: float) -> Place | None:
    """The LSOA and ward holding (lon, lat), or None outside every bundled boundary."""
    from cspkit.geography.tables import to_bng

    if not (math.isfinite(lon) and math.isfinite(lat)):
        return None
    x, y = to_bng().transform(lon, lat)
    lsoa = _index_at(geo.lsoa21_shapes, x, y)
    ward = _index_at(geo.ward_shapes, x, y)
    if lsoa is None or ward is None:
        return None
    return Place(
        lsoa21=geo.lsoa21_shapes.codes[lsoa],
        ward=geo.ward_shapes.codes[ward],
        authority=geo.ward_shapes.authorities[ward],
    )


def blur(
    geo: Geography, lon: float, lat: float, *, seed: int, radius: float = DEFAULT_RADIUS_METRES
) -> tuple[float, float]:
    """A stable public stand-in for (lon, lat) inside its own LSOA ∩ ward.

    Raises ValueError when the point is outside the bundled boundaries (it cannot be
    published safely, so the caller must not publish it)."""
    import shapely

    from cspkit.geography.tables import from_bng, to_bng

    place = locate(geo, lon, lat)
    if place is None:
        raise ValueError("the point is outside the partnership's boundaries")
    lsoa = geo.lsoa21_shapes.geometries[geo.lsoa21_shapes.codes.index(place.lsoa21)]
    ward = geo.ward_shapes.geometries[geo.ward_shapes.codes.index(place.ward)]
    region = shapely.intersection(lsoa, ward)
    # Kept 3 m clear of the edges: the published place is rounded to about a metre, which must
    # not carry it over a boundary into the next LSOA or ward.
    inner = region.buffer(-_EDGE_METRES)
    if not inner.is_empty:
        region = inner
    shapely.prepare(region)
    x, y = to_bng().transform(lon, lat)
    draw = random.Random(seed)  # noqa: S311 - a stable offset, not a secret
    chosen: tuple[float, float] | None = None
    for _ in range(_TRIES):
        distance = math.sqrt(draw.uniform(MIN_METRES**2, radius**2))  # uniform over the ring's area
        angle = draw.uniform(0, 2 * math.pi)
        candidate = (x + distance * math.cos(angle), y + distance * math.sin(angle))
        if region.contains(shapely.Point(candidate)):
            chosen = candidate
            break
    if chosen is None:  # a sliver of an area: its own inner point, which is still not the pin
        inner = shapely.point_on_surface(region)
        chosen = (inner.x, inner.y)
    out_lon, out_lat = from_bng().transform(*chosen)
    return round(float(out_lon), 5), round(float(out_lat), 5)  # about a metre: no false precision
