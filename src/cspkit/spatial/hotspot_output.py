"""A hotspot grid as GeoJSON (cells as polygons in EPSG:4326) or as CSV rows."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import numpy as np

from cspkit.analysis.hotspots import HotspotResult
from cspkit.geography.tables import from_bng

PROPERTIES = ("count", "kde", "gistar_z", "gistar_p", "x_bng", "y_bng")


def _columns(result: HotspotResult) -> dict[str, np.ndarray]:
    centres = result.grid.centres()
    return {
        "count": result.count,
        "kde": result.kde,
        "gistar_z": result.gistar_z,
        "gistar_p": result.gistar_p,
        "x_bng": centres[:, 0],
        "y_bng": centres[:, 1],
    }


def _value(name: str, value: float) -> float | int:
    if name == "count" and float(value).is_integer():
        return int(value)
    return float(value)


def hotspot_csv(result: HotspotResult) -> str:
    columns = _columns(result)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(PROPERTIES)
    for i in range(result.grid.cells):
        writer.writerow([repr(_value(name, columns[name][i])) for name in PROPERTIES])
    return out.getvalue()


def hotspot_geojson(result: HotspotResult, about: dict[str, Any]) -> str:
    """Every grid cell as a square, corners from BNG to WGS84; `about` becomes `cspkit`."""
    columns = _columns(result)
    half = result.grid.cell_size / 2
    cx, cy = columns["x_bng"], columns["y_bng"]
    corners_x = np.column_stack([cx - half, cx + half, cx + half, cx - half, cx - half])
    corners_y = np.column_stack([cy - half, cy - half, cy + half, cy + half, cy - half])
    lon, lat = from_bng().transform(corners_x.ravel(), corners_y.ravel())
    lon = np.round(np.asarray(lon).reshape(-1, 5), 7)
    lat = np.round(np.asarray(lat).reshape(-1, 5), 7)
    features = []
    for i in range(result.grid.cells):
        ring = [[float(a), float(b)] for a, b in zip(lon[i], lat[i], strict=True)]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": {name: _value(name, columns[name][i]) for name in PROPERTIES},
            }
        )
    collection = {
        "type": "FeatureCollection",
        "cspkit": {
            "cell_size": result.grid.cell_size,
            "bandwidth": result.bandwidth,
            "n": result.points,
            "cells": result.grid.cells,
            "kernel": "quartic, unscaled: sum of (1 - (d/h)^2)^2 within h",
            "gistar": "binary queen weights including the cell itself; p two-sided, normal",
            "p_adjust": result.p_adjust,
            "crs_of_x_bng_y_bng": "EPSG:27700",
            **about,
        },
        "features": features,
    }
    return json.dumps(collection, separators=(",", ":"))
