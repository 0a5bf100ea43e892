"""An area's outline in British National Grid metres, from the bundled (or ingested) shapes."""

from __future__ import annotations

from typing import Any

from cspkit.errors import UsageError
from cspkit.geography.tables import Geography
from cspkit.indicators.areas import TargetArea


def area_outline(geo: Geography, target: TargetArea) -> Any:
    """The union of the LSOA 2021 (or ward) polygons making up `target`."""
    import shapely

    if target.column == "ward":
        shapes, wanted = geo.ward_shapes, set(target.codes)
        picked = [g for code, g in zip(shapes.codes, shapes.geometries, strict=True) if code in wanted]
    else:
        shapes = geo.lsoa21_shapes
        if target.column == "lsoa21":
            wanted = set(target.codes)
            picked = [g for code, g in zip(shapes.codes, shapes.geometries, strict=True) if code in wanted]
        else:
            inside = set(target.authorities)
            picked = [g for a, g in zip(shapes.authorities, shapes.geometries, strict=True) if a in inside]
    if not picked:
        raise UsageError(
            f"no boundary is held for {target.area_type}:{target.area} ({target.area_name}): "
            "ingest its LSOA or ward boundaries (cspkit ingest geography), or leave out --area"
        )
    return shapely.union_all(picked)
