"""Give every record its areas by DESIGN.md's rules, and say how (`assign_method`).

- `code`: LSOA 2021, authority, CSP and force from the row's LSOA code (a 2011 code through
  ONS's lookup); ward by point-in-polygon among the wards of that authority (nearest such
  ward within 100 m when the point falls in a sliver between boundaries).
- `code+pip`: a 2011 code that was split in 2021, resolved to one child by point-in-polygon.
- `best-fit`: an LSOA code but no coordinates: the ward holding most of the LSOA.
- `pip`: coordinates but no usable code: LSOA 2021 by point-in-polygon, then as `code`.
- `unassigned`: neither.

LSOAs do not nest in wards, so the ward never comes from the LSOA when a point exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa

from cspkit.geography.tables import Geography, Shapes, to_bng

SLIVER_METRES = 100.0
_NOTHING = ("", "", "")


@dataclass(frozen=True)
class CodeAnswer:
    """What a single LSOA code tells: its 2021 LSOA, authority, vintage and split children."""

    lsoa21: str
    authority: str
    vintage: str  # "2011", "2021", "either", "unknown" or "" (no code)
    split_children: tuple[str, ...] = ()


def resolve_code(geo: Geography, code: str) -> CodeAnswer:
    if not code:
        return CodeAnswer("", "", "")
    in21, in11 = geo.is_lsoa21(code), geo.is_lsoa11(code)
    if in21:
        return CodeAnswer(code, geo.lsoa21_authority[code], "either" if in11 else "2021")
    if in11:
        children = geo.lsoa11_children.get(code, (geo.lsoa11_to_lsoa21[code],))
        lsoa21 = children[0] if len(children) == 1 else ""
        return CodeAnswer(lsoa21, geo.lsoa11_authority.get(code, ""), "2011", children if not lsoa21 else ())
    return CodeAnswer("", "", "unknown")


_RESOLVED: dict[tuple[int, str], CodeAnswer] = {}


def _resolved(geo: Geography, code: str) -> CodeAnswer:
    """resolve_code, remembered: the same few thousand codes recur in every monthly file."""
    key = (id(geo), code)
    answer = _RESOLVED.get(key)
    if answer is None:
        answer = _RESOLVED[key] = resolve_code(geo, code)
    return answer


def _points_in(shapes: Shapes, x: np.ndarray, y: np.ndarray, rows: np.ndarray) -> dict[int, int]:
    """Row -> shape index for the points of `rows` that fall in a shape (first match)."""
    import shapely

    if rows.size == 0:
        return {}
    points = shapely.points(x[rows], y[rows])
    hits = shapes.tree.query(points, predicate="intersects")
    found: dict[int, int] = {}
    for point_index, shape_index in zip(hits[0].tolist(), hits[1].tolist(), strict=True):
        found.setdefault(int(rows[point_index]), int(shape_index))
    return found


def _point_ids(lon: np.ndarray, lat: np.ndarray, has_point: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A small integer per distinct point (-1 for none), and the first row of each.

    police.uk snaps crimes to shared anonymised points, so a month has far fewer distinct
    points than rows; keys are micro-degrees (about 0.1 m), hashed by Arrow."""
    rows = np.flatnonzero(has_point)
    lon_key = np.rint(lon[rows] * 1e6).astype(np.int64) + (1 << 30)
    lat_key = np.rint(lat[rows] * 1e6).astype(np.int64) + (1 << 30)
    encoded = pa.array((lon_key << 31) | lat_key).dictionary_encode()
    ids = np.full(len(lon), -1, dtype=np.int64)
    ids[rows] = encoded.indices.to_numpy()
    first = np.zeros(len(encoded.dictionary), dtype=np.int64)
    first[ids[rows][::-1]] = rows[::-1]  # reversed, so the earliest row is written last
    return ids, first


def _wards(geo: Geography, authority: np.ndarray, point_id: np.ndarray, px: np.ndarray, py: np.ndarray) -> np.ndarray:
    """Ward by point-in-polygon restricted to the row's authority, nearest within 100 m;
    looked up once per distinct point of each authority."""
    import shapely

    codes = np.array(geo.ward_shapes.codes, dtype=object)
    ward = np.full(authority.shape, "", dtype=object)
    for area, (own, tree) in geo.ward_trees.items():
        rows = np.flatnonzero((point_id >= 0) & (authority == area))
        if rows.size == 0:
            continue
        distinct, back = np.unique(point_id[rows], return_inverse=True)
        points = shapely.points(px[distinct], py[distinct])
        found = np.full(len(distinct), "", dtype=object)
        hits = tree.query(points, predicate="intersects")
        # Points on a shared boundary match twice: keep the first ward for each point.
        first = np.unique(hits[0], return_index=True)[1]
        found[hits[0][first]] = codes[own[hits[1][first]]]
        misses = np.flatnonzero(found == "")
        if misses.size:
            near = tree.query_nearest(points[misses], max_distance=SLIVER_METRES, all_matches=False)
            found[misses[near[0]]] = codes[own[near[1]]]
        ward[rows] = found[back]
    return ward


def assign_records(
    geo: Geography, lsoa_codes: pa.Array, lon: np.ndarray, lat: np.ndarray, force: str
) -> dict[str, Any]:
    """The area columns of the store for one batch of rows, plus its LSOA vintages."""
    count = len(lsoa_codes)
    encoded = pa.compute.fill_null(lsoa_codes, "").dictionary_encode()
    uniques = [_resolved(geo, str(code)) for code in encoded.dictionary.to_pylist()]
    index = encoded.indices.to_numpy(zero_copy_only=False)
    lsoa21 = np.array([u.lsoa21 for u in uniques], dtype=object)[index] if uniques else np.full(count, "", object)
    authority = np.array([u.authority for u in uniques], dtype=object)[index] if uniques else np.full(count, "", object)
    has_code = lsoa21 != ""

    has_point = ~(np.isnan(lon) | np.isnan(lat))
    point_id, first_row = _point_ids(lon, lat, has_point)
    px, py = (np.asarray(v) for v in to_bng().transform(lon[first_row], lat[first_row]))
    x = np.full(count, np.nan)
    y = np.full(count, np.nan)
    x[has_point], y[has_point] = px[point_id[has_point]], py[point_id[has_point]]

    method = np.full(count, "unassigned", dtype=object)
    method[has_code] = "code"
    # Split 2011 codes and rows with no usable code: find the 2021 LSOA by point-in-polygon.
    split = (
        np.array([len(u.split_children) > 1 for u in uniques], dtype=bool)[index] if uniques else np.zeros(count, bool)
    )
    needs_pip = np.flatnonzero(has_point & ~has_code)
    found = _points_in(geo.lsoa21_shapes, x, y, needs_pip)
    shape_codes = geo.lsoa21_shapes.codes
    for row, shape in found.items():
        code = shape_codes[shape]
        if split[row] and code not in uniques[index[row]].split_children:
            continue
        lsoa21[row] = code
        authority[row] = geo.lsoa21_authority[code]
        method[row] = "code+pip" if split[row] else "pip"
    # A split code with no point keeps an empty LSOA 2021 but still names its authority.
    method[(method == "unassigned") & (authority != "")] = "code"

    ward = _wards(geo, authority, np.where(authority != "", point_id, -1), px, py)
    # No point, or a point beyond 100 m of every ward of its authority (generalised LSOA
    # shapes overhang ward edges): the ward holding most of the LSOA keeps the row in its
    # authority, so ward counts still add up to the authority's.
    best_fit = (ward == "") & (lsoa21 != "")
    ward[best_fit] = [geo.lsoa21_best_fit_ward.get(code, "") for code in lsoa21[best_fit]]
    method[best_fit & (ward != "") & np.isin(method, ["code", "pip"])] = "best-fit"

    # Per distinct authority, not per row: a month has hundreds of thousands of rows, a
    # handful of authorities.
    distinct, where = np.unique(authority.astype(str), return_inverse=True)
    csp = np.array([geo.authority_csp.get(a, "") for a in distinct], dtype=object)[where]
    force_area = np.array([geo.force_of_authority(a) for a in distinct], dtype=object)[where]
    vintage = np.array([u.vintage for u in uniques], dtype=object)[index] if uniques else np.full(count, "", object)
    return {
        "lsoa21": lsoa21,
        "ward": ward,
        "authority": authority,
        "csp": csp,
        "force_area": force_area,
        "x_bng": x,
        "y_bng": y,
        "assign_method": method,
        "outside_force_area": (force_area != "") & (force_area != force),
        "lsoa_vintage": vintage,
    }
