"""What the geography knows about an area: its parts, boundaries and population.

An analyst setting up a partnership outside the bundled area checks here that every LSOA
and ward has a boundary and every LSOA a population before trusting any figure.
"""

from __future__ import annotations

from typing import Any

from cspkit.errors import UsageError
from cspkit.geography.areas import AreaRef
from cspkit.geography.tables import Geography


def authorities_of(geo: Geography, ref: AreaRef) -> list[str]:
    """The authorities making up a CSP, authority or force area, as the lookups say."""
    if ref.area_type == "authority":
        found = [ref.code] if ref.code in geo.authority_name else []
    elif ref.area_type == "csp":
        found = [a for a, csp in geo.authority_csp.items() if csp == ref.code]
    elif ref.area_type == "force":
        found = [a for a, force in geo.authority_force.items() if force == ref.code]
    else:
        raise UsageError(f"{ref}: describe a csp, authority or force (lsoa and ward are their parts)")
    if not found:
        raise UsageError(f"{ref} is not in the geography's lookups: ingest ONS's lookup for it first")
    return sorted(found)


def _name(geo: Geography, ref: AreaRef) -> str:
    if ref.area_type == "csp":
        return geo.csp_name.get(ref.code, "")
    if ref.area_type == "authority":
        return geo.authority_name.get(ref.code, "")
    return ref.code


def area_summary(geo: Geography, ref: AreaRef) -> dict[str, Any]:
    """Counts of the area's LSOAs and wards, with and without boundaries, and population."""
    authorities = set(authorities_of(geo, ref))
    lsoa21 = {code for code, authority in geo.lsoa21_authority.items() if authority in authorities}
    lsoa11 = {code for code, authority in geo.lsoa11_authority.items() if authority in authorities}
    wards = {code for code, authority in geo.ward_authority.items() if authority in authorities}
    lsoa21_shapes = lsoa21 & set(geo.lsoa21_shapes.codes)
    ward_shapes = wards & set(geo.ward_shapes.codes)
    years = sorted({year for (code, year) in geo.mid_year_population if code in authorities})
    latest = years[-1] if years else None
    census = [geo.lsoa21_population[code] for code in lsoa21 if code in geo.lsoa21_population]
    gaps = []
    if len(lsoa21_shapes) < len(lsoa21):
        gaps.append(
            f"{len(lsoa21) - len(lsoa21_shapes)} LSOAs (2021) have no boundary: points cannot be placed in them"
        )
    if not wards:
        gaps.append("no wards: ingest ONS's ward to authority lookup and ward boundaries")
    elif len(ward_shapes) < len(wards):
        gaps.append(f"{len(wards) - len(ward_shapes)} wards have no boundary: their records have no ward")
    if len(census) < len(lsoa21):
        gaps.append(f"{len(lsoa21) - len(census)} LSOAs (2021) have no Census 2021 population: no LSOA rates there")
    if latest is None:
        gaps.append("no mid-year population estimate: no rates for the area")
    return {
        "area": ref.code,
        "area_type": ref.area_type,
        "area_name": _name(geo, ref),
        "authorities": [{"code": code, "name": geo.authority_name.get(code, "")} for code in sorted(authorities)],
        "force": sorted({geo.force_of_authority(code) for code in authorities}),
        "lsoa21": len(lsoa21),
        "lsoa21_with_boundary": len(lsoa21_shapes),
        "lsoa11": len(lsoa11),
        "lsoa11_with_boundary": len(lsoa11 & geo.lsoa11_shape_codes),
        "wards": len(wards),
        "wards_with_boundary": len(ward_shapes),
        "census2021_residents": sum(census) if census else None,
        "mid_year": latest,
        "mid_year_population": sum(geo.mid_year_population.get((code, latest), 0) for code in authorities)
        if latest
        else None,
        "gaps": gaps,
    }


def authorities_with_boundaries(geo: Geography) -> list[dict[str, Any]]:
    """One line per authority with any LSOA or ward boundary: what it has."""
    held = set(geo.lsoa21_shapes.authorities) | set(geo.ward_shapes.authorities)
    rows = []
    for authority in sorted(code for code in held if code):
        summary = area_summary(geo, AreaRef("authority", authority))
        csp = geo.authority_csp.get(authority, "")
        rows.append(
            {
                "authority": authority,
                "authority_name": summary["area_name"],
                "csp": csp,
                "csp_name": geo.csp_name.get(csp, ""),
                "force": ", ".join(summary["force"]),
                "lsoa21": summary["lsoa21"],
                "lsoa21_with_boundary": summary["lsoa21_with_boundary"],
                "wards": summary["wards"],
                "wards_with_boundary": summary["wards_with_boundary"],
                "census2021_residents": summary["census2021_residents"],
            }
        )
    return rows
