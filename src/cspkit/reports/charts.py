"""Charts and maps as inline SVG, drawn offline: Vega-Lite specifications rendered by
vl-convert with its bundled Vega (no network, no CDN, no script in the page)."""

from __future__ import annotations

import re
from typing import Any

from cspkit.reports.fonts import FAMILY, register_chart_fonts

FONT = FAMILY
_CONFIG = {
    "font": FONT,
    "view": {"stroke": None},
    # The <svg> is aria-hidden and its <figure> says what it shows: no per-mark ARIA labels,
    # which would only make the page (and its PDF) heavier.
    "aria": False,
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelColor": "#0b0c0c", "titleColor": "#0b0c0c"},
    "legend": {"labelFontSize": 12, "titleFontSize": 12},
    # UK number format, with a hyphen-minus for negatives: the shipped font has no U+2212.
    "locale": {"number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["£", ""], "minus": "-"}},
}
COLOURS = {"line": "#1d70b8", "mean": "#505a5f", "limit": "#b1b4b6", "concern": "#d4351c", "improvement": "#00703c"}


def svg(spec: dict[str, Any]) -> str:
    """Render a Vega-Lite spec to SVG, without the XML namespaces' URLs or fixed white fill."""
    import vl_convert

    register_chart_fonts()
    body = {"$schema": "https://vega.github.io/schema/vega-lite/v5.json", "config": _CONFIG, **spec}
    drawn: str = vl_convert.vegalite_to_svg(body)
    drawn = _gradients_in_user_space(drawn)
    drawn = re.sub(r'\s+xmlns(:xlink)?="[^"]*"', "", drawn, count=2)
    return drawn.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


_LEGEND_BAR = re.compile(r'<path d="M0,0h([\d.]+)v([\d.]+)h-[\d.]+Z" fill="url\(#([\w-]+)\)"')


def _gradients_in_user_space(drawn: str) -> str:
    """Vega's legend gradients are in bounding-box units, which WeasyPrint does not paint;
    restate each in the user space of the legend bar it fills (same look in a browser)."""
    for width, height, gradient in _LEGEND_BAR.findall(drawn):
        match = re.search(
            rf'<linearGradient id="{gradient}" x1="([\d.]+)" x2="([\d.]+)" y1="([\d.]+)" y2="([\d.]+)">', drawn
        )
        if not match:
            continue
        x1, x2, y1, y2 = (float(v) for v in match.groups())
        w, h = float(width), float(height)
        drawn = drawn.replace(
            match.group(0),
            f'<linearGradient id="{gradient}" gradientUnits="userSpaceOnUse" '
            f'x1="{x1 * w:g}" x2="{x2 * w:g}" y1="{y1 * h:g}" y2="{y2 * h:g}">',
        )
    return drawn


def trend_chart(points: list[dict[str, Any]], title: str) -> str:
    """Monthly counts with the XmR mean and limits; special-cause points coloured."""
    values = [
        {
            "month": p["month"] + "-01",
            "count": p["count"],
            "mean": p["mean"],
            "upper": p["upper"],
            "lower": p["lower"],
            "signal": {"concern": "Concern", "improvement": "Improvement"}.get(
                p["point_type"], "Special cause" if p["rule"] else "Common cause"
            ),
        }
        for p in points
    ]
    x = {"field": "month", "type": "temporal", "title": None, "axis": {"format": "%b %Y", "labelAngle": -40}}
    return svg(
        {
            "width": 560,
            "height": 220,
            "title": {"text": title, "anchor": "start", "fontSize": 13},
            "data": {"values": values},
            "layer": [
                {
                    "mark": {"type": "line", "color": COLOURS["limit"], "strokeDash": [4, 3]},
                    "encoding": {"x": x, "y": {"field": "upper", "type": "quantitative"}},
                },
                {
                    "mark": {"type": "line", "color": COLOURS["limit"], "strokeDash": [4, 3]},
                    "encoding": {"x": x, "y": {"field": "lower", "type": "quantitative"}},
                },
                {
                    "mark": {"type": "line", "color": COLOURS["mean"]},
                    "encoding": {"x": x, "y": {"field": "mean", "type": "quantitative"}},
                },
                {
                    "mark": {"type": "line", "color": COLOURS["line"], "point": False},
                    "encoding": {"x": x, "y": {"field": "count", "type": "quantitative", "title": "Records per month"}},
                },
                {
                    "mark": {"type": "point", "filled": True, "size": 45},
                    "encoding": {
                        "x": x,
                        "y": {"field": "count", "type": "quantitative"},
                        "color": {
                            "field": "signal",
                            "type": "nominal",
                            "title": None,
                            "scale": {
                                "domain": ["Common cause", "Special cause", "Concern", "Improvement"],
                                "range": [COLOURS["line"], "#f47738", COLOURS["concern"], COLOURS["improvement"]],
                            },
                        },
                    },
                },
            ],
        }
    )


def hotspot_map(outline: Any, cells: list[dict[str, Any]], cell_size: float, title: str) -> str:
    """The area's outline and its Gi* hot cells, in British National Grid metres."""
    import shapely
    from shapely.geometry import box, mapping

    # Generalised LSOA shapes leave slivers between neighbours: close them, then simplify.
    simple = shapely.simplify(outline.buffer(25.0).buffer(-25.0), 50.0)
    half = cell_size / 2
    cell_features = [
        {
            "type": "Feature",
            "properties": {"z": round(c["z"], 2)},
            "geometry": mapping(box(c["x"] - half, c["y"] - half, c["x"] + half, c["y"] + half)),
        }
        for c in cells
    ]
    area = [{"type": "Feature", "properties": {}, "geometry": mapping(simple)}]
    projection = {"type": "identity", "reflectY": True}
    minx, miny, maxx, maxy = simple.bounds
    width = 520
    height = max(200, min(700, int(width * (maxy - miny) / max(1.0, maxx - minx))))
    return svg(
        {
            "width": width,
            "height": height,
            "title": {"text": title, "anchor": "start", "fontSize": 13},
            "projection": projection,
            "layer": [
                {"data": {"values": area}, "mark": {"type": "geoshape", "fill": "#f3f2f1", "stroke": "#505a5f"}},
                {
                    "data": {"values": cell_features},
                    "mark": {"type": "geoshape", "stroke": None},
                    "encoding": {
                        "color": {
                            "field": "properties.z",
                            "type": "quantitative",
                            "title": "Gi* z",
                            "scale": {"scheme": "orangered"},
                        }
                    },
                },
            ],
        }
    )


def target_chart(months: list[str], actual: list[float], target: list[float], title: str) -> str:
    """The financial year month by month: actual records (bars, to date) against the
    profiled monthly target (line, the whole year)."""
    from cspkit.periods import parse_month

    labels = [f"{parse_month(m):%b %Y}" for m in months]
    lines = [{"month": label, "count": value} for label, value in zip(labels, target, strict=False)]
    bars = [{"month": label, "count": value} for label, value in zip(labels, actual, strict=False)]
    x = {"field": "month", "type": "ordinal", "title": None, "sort": labels, "axis": {"labelAngle": -40}}
    return svg(
        {
            "width": 520,
            "height": 200,
            "title": {"text": title, "anchor": "start", "fontSize": 13},
            "layer": [
                {
                    "data": {"values": bars},
                    "mark": {"type": "bar", "color": COLOURS["line"], "opacity": 0.85},
                    "encoding": {"x": x, "y": {"field": "count", "type": "quantitative", "title": "Records per month"}},
                },
                {
                    "data": {"values": lines},
                    "mark": {"type": "line", "color": COLOURS["concern"], "point": True, "strokeDash": [5, 3]},
                    "encoding": {"x": x, "y": {"field": "count", "type": "quantitative"}},
                },
            ],
        }
    )


def choropleth_map(areas: list[dict[str, Any]], title: str, legend: str) -> str:
    """Areas shaded by value (sequential blues; grey where there is none). Each area is
    {"geometry": a shapely polygon in BNG metres, "name": ..., "value": float | None}.
    Outlines are simplified to half a pixel and coordinates kept to a tenth of one, so a map of
    a few hundred LSOAs stays light enough for a page."""
    import shapely
    from shapely.geometry import mapping

    width = 520
    minx, miny, maxx, maxy = shapely.union_all([a["geometry"] for a in areas]).bounds if areas else (0, 0, 1, 1)
    height = max(240, min(640, int(width * (maxy - miny) / max(1.0, maxx - minx))))
    half_pixel = max(maxx - minx, 1.0) / width / 2
    features = [
        {
            "type": "Feature",
            "properties": {"name": area["name"], "value": area["value"]},
            "geometry": mapping(shapely.simplify(area["geometry"], half_pixel)),
        }
        for area in areas
    ]
    drawn = svg(
        {
            "width": width,
            "height": height,
            "title": {"text": title, "anchor": "start", "fontSize": 13},
            "projection": {"type": "identity", "reflectY": True},
            "data": {"values": features},
            "mark": {"type": "geoshape", "stroke": "#ffffff", "strokeWidth": 0.6},
            "encoding": {
                "color": {
                    "condition": {
                        "test": "datum.properties.value === null",
                        "value": "#b1b4b6",
                    },
                    "field": "properties.value",
                    "type": "quantitative",
                    "title": legend,
                    "scale": {"scheme": "blues"},
                }
            },
        }
    )
    return _PATH.sub(
        lambda m: (
            m.group(1) + _NUMBER.sub(lambda n: f"{float(n.group(0)):.1f}".rstrip("0").rstrip("."), m.group(2)) + '"'
        ),
        drawn,
    )


_PATH = re.compile(r'( d=")([^"]*)"')
_NUMBER = re.compile(r"-?\d+\.\d+")
