"""SVG maps drawn from the bundled ONS boundaries (British National Grid metres):

- the pin-drop map of one ward with its LSOAs, which `safer-streets.js` turns clicks on into a
  grid position (without JavaScript the form's latitude and longitude fields do the same job);
- the public map of published pins at their blurred places, each a link to the pin's page.
"""

from __future__ import annotations

from typing import Any

import shapely
from django.utils.html import escape

from cspkit.geography.tables import to_bng
from cspkit.web.public.ward_map import svg_path

WIDTH = 640


def _frame(geometries: list[Any]) -> tuple[float, float, float, float]:
    left, bottom, right, top = shapely.total_bounds(geometries)
    pad = 0.03 * max(right - left, top - bottom)
    left, bottom, right, top = left - pad, bottom - pad, right + pad, top + pad
    scale = WIDTH / max(right - left, 1.0)
    return left, top, scale, (top - bottom) * scale


def pin_drop_map(
    geo: Any, ward: str, title: str, exact: tuple[float, float] | None = None, public: tuple[float, float] | None = None
) -> str:
    """The ward and its LSOAs, with the grid frame the script needs to turn a click into metres.
    For staff, `exact` (lon, lat) places the marker where the pin was dropped and `public` shows
    where the public see it."""
    index = geo.ward_shapes.codes.index(ward)
    outline = geo.ward_shapes.geometries[index]
    left, top, scale, height = _frame([outline])
    tolerance = 0.5 / scale
    near = geo.lsoa21_shapes.tree.query(outline, predicate="intersects")
    lsoas = [shapely.intersection(geo.lsoa21_shapes.geometries[i], outline) for i in sorted(near)]
    paths = "".join(
        f'<path class="pin-map__lsoa" d="{svg_path(shapely.simplify(g, tolerance), left, top, scale)}"/>'
        for g in lsoas
        if not g.is_empty and g.geom_type in ("Polygon", "MultiPolygon")
    )
    ward_path = svg_path(shapely.simplify(outline, tolerance, preserve_topology=True), left, top, scale)

    def at(point: tuple[float, float] | None) -> tuple[str, str]:
        if point is None:
            return "-20", "-20"
        x, y = to_bng().transform(*point)
        return f"{(x - left) * scale:.1f}", f"{(top - y) * scale:.1f}"

    (mx, my), (px, py) = at(exact), at(public)
    shown = f'<circle class="pin-map__pin" r="6" cx="{px}" cy="{py}"/>' if public else ""
    return (
        f'<svg class="pin-map" id="pin-map" viewBox="0 0 {WIDTH} {height:.0f}" role="img" '
        f'aria-label="{escape(title)}" data-left="{left:.1f}" data-top="{top:.1f}" data-scale="{scale:.8f}">'
        f'<title>{escape(title)}</title><path class="pin-map__ward" d="{ward_path}"/>{paths}'
        f'{shown}<circle class="pin-map__marker" id="pin-map-marker" r="7" cx="{mx}" cy="{my}"/></svg>'
    )


def pins_map(geo: Any, wards: list[str], pins: list[tuple[float, float, str, str]], title: str) -> str:
    """`wards` outlined, and each pin (lon, lat, href, label) a keyboard-reachable link."""
    index = {code: i for i, code in enumerate(geo.ward_shapes.codes)}
    outlines = [geo.ward_shapes.geometries[index[w]] for w in wards if w in index]
    if not outlines:
        return ""
    left, top, scale, height = _frame(outlines)
    tolerance = 0.75 / scale
    simple = [shapely.simplify(g, tolerance, preserve_topology=True) for g in outlines]
    paths = "".join(f'<path class="pin-map__ward" d="{svg_path(g, left, top, scale)}"/>' for g in simple)
    marks = []
    if pins:
        xs, ys = to_bng().transform([p[0] for p in pins], [p[1] for p in pins])
        for (_lon, _lat, href, label), x, y in zip(pins, xs, ys, strict=True):
            marks.append(
                f'<a href="{escape(href)}" aria-label="{escape(label)}"><title>{escape(label)}</title>'
                f'<circle class="pin-map__pin" r="6" cx="{(x - left) * scale:.1f}" cy="{(top - y) * scale:.1f}"/></a>'
            )
    return (
        f'<svg class="pin-map" viewBox="0 0 {WIDTH} {height:.0f}" role="group" aria-label="{escape(title)}">'
        + paths
        + "".join(marks)
        + "</svg>"
    )
