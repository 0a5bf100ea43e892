"""The bundled geography as lookups and shapes in British National Grid metres.

Codes and names come from ONS tables for all of England and Wales; shapes (LSOA 2011, LSOA
2021, wards) and population are bundled for Bedfordshire's three authorities.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow.parquet as pq

from cspkit.bundle import package_file, package_path
from cspkit.geography.forces import force_by_name
from cspkit.geography.overlay import merge_rows, overlay_folder, read_overlay_table


def bundled_rows(name: str) -> list[dict[str, Any]]:
    """A bundled geography table's rows (`name` without `.parquet`); none if not bundled."""
    path = package_path(f"{name}.parquet")
    if not path.exists():
        return []
    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows


def authority_successors() -> dict[str, str]:
    """Authority codes abolished in April 2023 -> their successors (data/authority_successors.csv)."""
    with package_file("authority_successors.csv").open(encoding="utf-8") as handle:
        return {row["authority"]: row["successor"] for row in csv.DictReader(handle)}


@cache
def to_bng() -> Any:
    """lon/lat (WGS84) to British National Grid metres; Helmert-level accuracy offline.

    Built once per process: making a transformer costs tens of milliseconds."""
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:4326", "EPSG:27700", always_xy=True)


@cache
def from_bng() -> Any:
    """British National Grid metres to lon/lat (WGS84), the inverse of `to_bng`."""
    from pyproj import Transformer

    return Transformer.from_crs("EPSG:27700", "EPSG:4326", always_xy=True)


@dataclass(frozen=True, eq=False)
class Shapes:
    """Polygons in BNG metres, with their codes and authorities, and a spatial index."""

    codes: list[str]
    authorities: list[str]
    geometries: Any  # numpy array of shapely geometries
    tree: Any = field(repr=False)

    @classmethod
    def from_rows(cls, rows: list[dict[str, Any]]) -> Shapes:
        import shapely

        transformer = to_bng()
        geoms = shapely.from_wkb([row["geometry"] for row in rows])
        geoms = shapely.transform(geoms, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))
        return cls(
            codes=[row["code"] for row in rows],
            authorities=[row.get("authority") or "" for row in rows],
            geometries=geoms,
            tree=shapely.STRtree(geoms),
        )


@dataclass(frozen=True)
class Geography:
    """Everything assignment, status and rates need to know about areas."""

    lsoa21_name: dict[str, str]
    lsoa21_authority: dict[str, str]
    lsoa11_to_lsoa21: dict[str, str]
    lsoa11_authority: dict[str, str]
    lsoa11_children: dict[str, tuple[str, ...]]
    authority_name: dict[str, str]
    authority_csp: dict[str, str]
    csp_name: dict[str, str]
    authority_force: dict[str, str]  # authority code -> police.uk force slug
    ward_name: dict[str, str]
    ward_authority: dict[str, str]
    lsoa21_best_fit_ward: dict[str, str]
    lsoa21_population: dict[str, int]  # Census 2021 usual residents
    lsoa11_population: dict[str, int]  # ONS mid-2020 estimate, all ages
    mid_year_population: dict[tuple[str, int], int]  # (authority, region or country code, year)
    lsoa21_shapes: Shapes
    ward_shapes: Shapes
    lsoa11_shape_codes: frozenset[str] = frozenset()

    @property
    def ward_trees(self) -> dict[str, tuple[np.ndarray, Any]]:
        """Per authority: the indices of its wards and a spatial index of just those."""
        return _ward_trees(self.ward_shapes)

    def is_lsoa21(self, code: str) -> bool:
        return code in self.lsoa21_name

    def is_lsoa11(self, code: str) -> bool:
        return code in self.lsoa11_to_lsoa21

    def force_of_authority(self, authority: str) -> str:
        return self.authority_force.get(authority, "")


def _children(lookup: dict[str, str], lsoa11_shapes: Shapes, lsoa21_shapes: Shapes) -> dict[str, tuple[str, ...]]:
    """The 2021 codes each bundled 2011 LSOA became; more than one means it was split.

    ONS's lookup keeps one row per 2011 code, so split children are missing from it: each
    2021 code that is neither a 2011 code nor a lookup target is given to the 2011 LSOA
    holding a point inside it.
    """
    import shapely

    children: dict[str, set[str]] = defaultdict(set)
    for old, new in lookup.items():
        children[old].add(new)
    targets = set(lookup.values())
    orphans = [i for i, code in enumerate(lsoa21_shapes.codes) if code not in targets and code not in lookup]
    points = shapely.point_on_surface(lsoa21_shapes.geometries[orphans])
    hits = lsoa11_shapes.tree.query(points, predicate="within")
    for point_index, shape_index in zip(hits[0], hits[1], strict=True):
        children[lsoa11_shapes.codes[shape_index]].add(lsoa21_shapes.codes[orphans[point_index]])
    return {old: tuple(sorted(new)) for old, new in children.items()}


def _best_fit_wards(lsoa: Shapes, wards: Shapes) -> dict[str, str]:
    """Each LSOA's ward by largest shared area, among its own authority's wards."""
    import shapely

    best: dict[str, tuple[float, str]] = {}
    pairs = wards.tree.query(lsoa.geometries, predicate="intersects")
    for lsoa_index, ward_index in zip(pairs[0], pairs[1], strict=True):
        if wards.authorities[ward_index] != lsoa.authorities[lsoa_index]:
            continue
        overlap = shapely.area(shapely.intersection(lsoa.geometries[lsoa_index], wards.geometries[ward_index]))
        code = lsoa.codes[lsoa_index]
        if overlap > best.get(code, (-1.0, ""))[0]:
            best[code] = (float(overlap), wards.codes[ward_index])
    return {code: ward for code, (_, ward) in best.items()}


@cache
def _ward_trees(shapes: Shapes) -> dict[str, tuple[np.ndarray, Any]]:
    import shapely

    trees = {}
    for area in sorted(set(shapes.authorities)):
        own = np.array([i for i, a in enumerate(shapes.authorities) if a == area])
        trees[area] = (own, shapely.STRtree(shapes.geometries[own]))
    return trees


def load_geography(root: Path | None = None, *, bundled: bool = True) -> Geography:
    """The geography every command uses: the bundled tables with the workspace's own
    ingested files (`cspkit ingest geography`) on top. Built once per process and
    workspace generation. `bundled=False` gives what the workspace's files alone say."""
    return _build(overlay_folder(root), bundled)


@cache
def _build(folder: Path | None, bundled: bool) -> Geography:
    def table(name: str) -> list[dict[str, Any]]:
        return merge_rows(name, bundled_rows(name) if bundled else [], read_overlay_table(folder, name))

    lsoa21 = table("lookups/lsoa21")
    lookup = table("lookups/lsoa11_to_lsoa21")
    hierarchy = table("lookups/authority_csp_force")
    ward_lookup = table("lookups/wards")
    wards = table("geography/wards")
    # LSOA lookups carry 2022 authority codes; authorities abolished in April 2023 take
    # their successor's code, so every LSOA reaches a CSP and a force.
    successor = authority_successors()
    lsoa21_authority = {row["lsoa21"]: successor.get(row["authority"], row["authority"]) for row in lsoa21}
    ward_authority = {row["code"]: row["authority"] for row in ward_lookup}
    ward_authority |= {row["code"]: row["authority"] for row in wards if row["authority"]}
    # Boundaries without an authority property take it from the lookups.
    lsoa21_shape_rows = [
        row | {"authority": row["authority"] or lsoa21_authority.get(row["code"], "")}
        for row in table("geography/lsoa21")
    ]
    ward_rows = [row | {"authority": row["authority"] or ward_authority.get(row["code"], "")} for row in wards]
    lsoa21_shapes = Shapes.from_rows(lsoa21_shape_rows)
    lsoa11_shapes = Shapes.from_rows(table("geography/lsoa11"))
    ward_shapes = Shapes.from_rows(ward_rows)
    lsoa11_to_lsoa21 = {row["lsoa11"]: row["lsoa21"] for row in lookup}
    authority_force: dict[str, str] = {}
    for row in hierarchy:
        force = force_by_name(row["force_area_name"])
        authority_force[row["authority"]] = force.slug if force else ""
    return Geography(
        lsoa21_name={row["lsoa21"]: row["name"] for row in lsoa21},
        lsoa21_authority=lsoa21_authority,
        lsoa11_to_lsoa21=lsoa11_to_lsoa21,
        lsoa11_authority={row["lsoa11"]: successor.get(row["authority"], row["authority"]) for row in lookup},
        lsoa11_children=_children(lsoa11_to_lsoa21, lsoa11_shapes, lsoa21_shapes),
        authority_name={row["authority"]: row["authority_name"] for row in hierarchy},
        authority_csp={row["authority"]: row["csp"] for row in hierarchy},
        csp_name={row["csp"]: row["csp_name"] for row in hierarchy},
        authority_force=authority_force,
        ward_name={row["code"]: row["name"] for row in ward_lookup} | {row["code"]: row["name"] for row in wards},
        ward_authority=ward_authority | {row["code"]: row["authority"] for row in ward_rows},
        lsoa21_best_fit_ward=_best_fit_wards(lsoa21_shapes, ward_shapes),
        lsoa21_population={row["lsoa21"]: row["usual_residents"] for row in table("population/lsoa21_census2021")},
        lsoa11_population={row["lsoa11"]: row["all_ages"] for row in table("population/lsoa11_mid2020")},
        mid_year_population={
            (row["code"], row["mid_year"]): row["population"] for row in table("population/authority_mid_year")
        },
        lsoa21_shapes=lsoa21_shapes,
        ward_shapes=ward_shapes,
        lsoa11_shape_codes=frozenset(lsoa11_shapes.codes),
    )
