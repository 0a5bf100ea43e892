"""The places a partnership plan sets targets for, checked against the geography.

A configured tree (`plan.tree`) may reach beyond the partnership's own area, as the seed's
"J Divisional" table does (North, Mid and South Bedfordshire); without one, the tree is
the partnership's area over its configured sub-areas. Each leaf becomes a `TargetArea`
the indicator engine can count; no ward, LSOA or whole area may sit in two leaves, so
every parent is exactly the sum of its children.
"""

from __future__ import annotations

from cspkit.config.partnership import PartnershipConfig, Subarea
from cspkit.config.plan import PlanNode
from cspkit.errors import InputError, UsageError, Where
from cspkit.geography.areas import parse_area
from cspkit.geography.tables import Geography
from cspkit.indicators.areas import TargetArea, subarea_target, target_area


def _from_subarea(node: Subarea) -> PlanNode:
    if node.children:
        return PlanNode(node.name, node.title, children=tuple(_from_subarea(c) for c in node.children))
    return PlanNode(node.name, node.title, wards=node.wards, lsoas=node.lsoas)


def plan_tree(config: PartnershipConfig, geo: Geography) -> PlanNode:
    """The configured tree, or the partnership's area with its top-level sub-areas."""
    if config.plan.tree is not None:
        return config.plan.tree
    names = geo.csp_name if config.area.area_type == "csp" else geo.authority_name
    title = names.get(config.area.code, config.area.code)
    if not config.subareas:
        return PlanNode("partnership", title, children=(PlanNode("area", title, area=str(config.area)),))
    return PlanNode("partnership", title, children=tuple(_from_subarea(top) for top in config.subareas))


def _where(config: PartnershipConfig, node: PlanNode, field: str) -> Where:
    return Where(config.path, node.line or config.plan.line, f"{node.key}.{field}", "key")


def leaf_areas(config: PartnershipConfig, geo: Geography, tree: PlanNode) -> dict[str, TargetArea]:
    """Leaf name -> the area the engine counts; an unknown code or an overlap names its line."""
    found: dict[str, TargetArea] = {}
    owner: dict[str, str] = {}  # ward, LSOA or whole authority -> the leaf holding it
    partly: dict[str, str] = {}  # authority -> a leaf holding some of its wards or LSOAs
    for leaf in tree.leaves():
        try:
            if leaf.area is not None:
                area = target_area(geo, parse_area(leaf.area), config)
                codes = area.authorities
            else:
                lookup = geo.ward_authority if leaf.wards else geo.lsoa21_authority
                missing = [code for code in (*leaf.wards, *leaf.lsoas) if code not in lookup]
                if missing:
                    kind = "ward (2023)" if leaf.wards else "LSOA (2021)"
                    raise UsageError(f"{', '.join(missing)} is not a {kind} in the geography")
                area = subarea_target(geo, Subarea(leaf.name, leaf.title, wards=leaf.wards, lsoas=leaf.lsoas))
                codes = (*leaf.wards, *leaf.lsoas)
        except (UsageError, KeyError) as error:
            field = "area" if leaf.area else ("wards" if leaf.wards else "lsoas")
            raise InputError(_where(config, leaf, field), str(error)) from None
        for code in codes:
            holder = owner.get(code) or (partly.get(code) if leaf.area is not None else None)
            if holder is None and leaf.area is None:
                holder = owner.get((geo.ward_authority if leaf.wards else geo.lsoa21_authority)[code])
            if holder is not None:
                raise InputError(
                    _where(config, leaf, "area" if leaf.area else "wards"),
                    f"{code} overlaps {holder!r}: a parent is the sum of its children, so a place may sit in "
                    "one leaf only",
                )
            owner[code] = leaf.name
            if leaf.area is None:
                partly[(geo.ward_authority if leaf.wards else geo.lsoa21_authority)[code]] = leaf.name
        found[leaf.name] = area
    return found
