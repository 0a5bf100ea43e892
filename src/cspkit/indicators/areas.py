"""The areas an evaluation covers, each with its store column, codes, forces and
population (DESIGN.md "Areas" and "Denominators")."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from cspkit.config.partnership import PartnershipConfig, Subarea
from cspkit.errors import UsageError
from cspkit.geography.areas import AREA_TYPES, AreaRef, parse_area
from cspkit.geography.forces import force_by_slug
from cspkit.geography.tables import Geography

# The store column holding each area type (force: the force that published the record).
COLUMNS = {"lsoa": "lsoa21", "ward": "ward", "authority": "authority", "csp": "csp", "force": "force"}


@dataclass(frozen=True)
class TargetArea:
    area: str
    area_type: str
    area_name: str
    column: str  # store column the codes are values of
    codes: tuple[str, ...]
    authorities: tuple[str, ...]
    forces: tuple[str, ...]
    residents: int | None  # Census 2021 (LSOA, ward, sub-area); None for mid-year areas


def _ward_residents(geo: Geography, wards: set[str]) -> int:
    """Best-fit: each LSOA's residents count in the ward holding most of it."""
    return sum(p for lsoa, p in geo.lsoa21_population.items() if geo.lsoa21_best_fit_ward.get(lsoa) in wards)


def _forces(geo: Geography, authorities: set[str]) -> tuple[str, ...]:
    return tuple(sorted({geo.force_of_authority(a) for a in authorities} - {""}))


def _force_slug(code: str) -> str:
    try:
        return force_by_slug(code).slug
    except KeyError:
        raise UsageError(f"force:{code} is not a police.uk force (slug or E23/W15 code)") from None


def target_area(geo: Geography, ref: AreaRef, config: PartnershipConfig | None = None) -> TargetArea:
    """One area as the evaluator needs it; unknown codes are a UsageError."""
    code = ref.code
    if ref.area_type == "lsoa":
        if code not in geo.lsoa21_authority:
            raise UsageError(f"{ref} is not a 2021 LSOA in the geography")
        authority = geo.lsoa21_authority[code]
        return TargetArea(
            code,
            "lsoa",
            geo.lsoa21_name.get(code, ""),
            "lsoa21",
            (code,),
            (authority,),
            _forces(geo, {authority}),
            geo.lsoa21_population.get(code),
        )
    if ref.area_type == "ward":
        if code not in geo.ward_authority:
            raise UsageError(f"{ref} is not a ward in the geography")
        authority = geo.ward_authority[code]
        residents = (
            _ward_residents(geo, {code})
            if any(geo.lsoa21_best_fit_ward.get(lsoa) == code for lsoa in geo.lsoa21_population)
            else None
        )
        return TargetArea(
            code,
            "ward",
            geo.ward_name.get(code, ""),
            "ward",
            (code,),
            (authority,),
            _forces(geo, {authority}),
            residents,
        )
    if ref.area_type == "authority":
        if code not in geo.authority_name:
            raise UsageError(f"{ref} is not an authority in the geography")
        return TargetArea(
            code, "authority", geo.authority_name[code], "authority", (code,), (code,), _forces(geo, {code}), None
        )
    if ref.area_type == "csp":
        authorities = {a for a, csp in geo.authority_csp.items() if csp == code}
        if not authorities:
            raise UsageError(f"{ref} is not a CSP in the geography")
        return TargetArea(
            code,
            "csp",
            geo.csp_name.get(code, ""),
            "csp",
            (code,),
            tuple(sorted(authorities)),
            _forces(geo, authorities),
            None,
        )
    if ref.area_type == "force":
        slug = _force_slug(code)
        authorities = {a for a, force in geo.authority_force.items() if force == slug}
        return TargetArea(
            slug, "force", force_by_slug(slug).name, "force", (slug,), tuple(sorted(authorities)), (slug,), None
        )
    if ref.area_type == "subarea":
        if config is None:
            raise UsageError("subarea: needs a partnership configuration (cspkit init, or --config FILE)")
        return subarea_target(geo, config.subarea(code))
    raise UsageError(f"{ref}: area type must be one of {', '.join(AREA_TYPES)}")


def subarea_target(geo: Geography, node: Subarea) -> TargetArea:
    wards, lsoas = node.ward_codes(), node.lsoa_codes()
    if wards and lsoas:
        raise UsageError(f"sub-area {node.name!r} mixes wards and LSOAs below it: use one kind in a tree")
    if wards:
        authorities = {geo.ward_authority[w] for w in wards}
        residents = _ward_residents(geo, set(wards))
        column, codes = "ward", wards
    else:
        authorities = {geo.lsoa21_authority[c] for c in lsoas}
        residents = sum(geo.lsoa21_population.get(c, 0) for c in lsoas)
        column, codes = "lsoa21", lsoas
    return TargetArea(
        node.name,
        "subarea",
        node.title,
        column,
        tuple(codes),
        tuple(sorted(authorities)),
        _forces(geo, authorities),
        residents or None,
    )


def areas_of_type(
    geo: Geography, area_type: str, forces: set[str], config: PartnershipConfig | None = None
) -> list[TargetArea]:
    """Every area of a type within the forces the store holds (`--area-type T`)."""
    if area_type == "subarea":
        if config is None:
            raise UsageError("--area-type subarea needs a partnership configuration (cspkit init, or --config FILE)")
        return [subarea_target(geo, node) for node in config.all_subareas()]
    inside = {a for a, force in geo.authority_force.items() if force in forces}
    if area_type == "lsoa":
        codes = sorted(c for c, a in geo.lsoa21_authority.items() if a in inside)
    elif area_type == "ward":
        codes = sorted(c for c, a in geo.ward_authority.items() if a in inside)
    elif area_type == "authority":
        codes = sorted(inside)
    elif area_type == "csp":
        codes = sorted({geo.authority_csp[a] for a in inside if a in geo.authority_csp})
    elif area_type == "force":
        codes = sorted(forces)
    else:
        raise UsageError(f"--area-type must be one of {', '.join(AREA_TYPES)}")
    return [target_area(geo, AreaRef(area_type, code), config) for code in codes]


def resolve_areas(
    geo: Geography,
    area: str | None,
    area_type: str | None,
    config: PartnershipConfig | None,
    store_forces: set[str],
) -> list[TargetArea]:
    """`--area`, `--area-type`, or else the partnership's own area."""
    if area and area_type:
        raise UsageError("give --area or --area-type, not both")
    if area_type:
        return areas_of_type(geo, area_type, store_forces, config)
    if area:
        return [target_area(geo, parse_area(area), config)]
    if config is None:
        raise UsageError("say which area: --area csp:CODE, --area-type TYPE, or a partnership configuration")
    return [target_area(geo, config.area, config)]


def mid_year_for(end: date) -> int:
    """The mid-year (30 June) estimate for a period: the last June on or before its end."""
    return end.year if end.month >= 6 else end.year - 1
