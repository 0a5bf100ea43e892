"""The neighbourhoods index map: the partnership's wards as an SVG of links, drawn from the
bundled ONS boundaries (British National Grid metres, so no projection is needed). Every
ward is a link with its name, so the map works by keyboard and screen reader too; the list
beside it says the same."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import shapely
from django.utils.html import escape

WIDTH = 640


def svg_path(geometry: Any, left: float, top: float, scale: float) -> str:
    parts = []
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        for ring in (polygon.exterior, *polygon.interiors):
            points = " ".join(f"{(x - left) * scale:.1f},{(top - y) * scale:.1f}" for x, y in ring.coords)
            parts.append(f"M{points}Z")
    return "".join(parts)


@lru_cache(maxsize=8)
def ward_map(key: str, wards: tuple[tuple[str, str, str], ...], shapes: Any, title: str) -> str:
    """SVG of `wards` (code, name, href); `key` names the geography version for the cache."""
    index = {code: i for i, code in enumerate(shapes.codes)}
    drawn = [(code, name, href, shapes.geometries[index[code]]) for code, name, href in wards if code in index]
    if not drawn:
        return ""
    left, bottom, right, top = shapely.total_bounds([g for *_rest, g in drawn])
    scale = WIDTH / max(right - left, 1.0)
    height = (top - bottom) * scale
    tolerance = 0.75 / scale  # under a pixel
    links = []
    for code, name, href, geometry in drawn:
        simple = shapely.simplify(geometry, tolerance, preserve_topology=True)
        label = escape(name)
        links.append(
            f'<a href="{escape(href)}" aria-label="{label}"><title>{label}</title>'
            f'<path class="ward-map__ward" data-ward="{code}" d="{svg_path(simple, left, top, scale)}"/></a>'
        )
    return (
        f'<svg class="ward-map" viewBox="0 0 {WIDTH} {height:.0f}" role="group" aria-label="{escape(title)}">'
        + "".join(links)
        + "</svg>"
    )
