"""Areas and their hierarchy, population, and assigning records to areas."""

from __future__ import annotations

from cspkit.geography.areas import AREA_TYPES, AreaRef, parse_area
from cspkit.geography.assign import assign_records
from cspkit.geography.forces import Force, force_by_name, force_by_slug, forces
from cspkit.geography.tables import Geography, load_geography

__all__ = [
    "AREA_TYPES",
    "AreaRef",
    "Force",
    "Geography",
    "assign_records",
    "force_by_name",
    "force_by_slug",
    "forces",
    "load_geography",
    "parse_area",
]
