"""`cspkit init`: a commented starting configuration for an area."""

from __future__ import annotations

from cspkit.errors import UsageError
from cspkit.geography.areas import parse_area
from cspkit.geography.tables import Geography


def starting_config(geo: Geography, area_text: str) -> str:
    """YAML text for a partnership covering `area_text` (csp:CODE or authority:CODE)."""
    area = parse_area(area_text)
    if area.area_type == "csp":
        name = geo.csp_name.get(area.code)
        authorities = sorted(a for a, csp in geo.authority_csp.items() if csp == area.code)
    elif area.area_type == "authority":
        name = geo.authority_name.get(area.code)
        authorities = [area.code]
    else:
        raise UsageError(f"{area}: a partnership covers a csp or an authority")
    if not name:
        raise UsageError(f"{area} is not in the geography's lookups (ingest ONS's lookup for it first)")
    wards = sorted(
        (geo.ward_name[code], code) for code, authority in geo.ward_authority.items() if authority in authorities
    )
    lines = [
        f"# cspkit partnership configuration for {name} (docs/configuration.md).",
        "# Every command reads this file from the workspace, or the one named by --config.",
        "schema: 1",
        f"name: {name} Community Safety Partnership",
        f"area: {area}",
        "",
        "# Sub-areas: the partnership's own divisions (localities, neighbourhood policing areas),",
        "# each made of wards or of 2021 LSOAs, or of child sub-areas. A parent's figures and",
        "# targets are the sums of its children's, so a ward may sit in one leaf only.",
        "subareas: []",
    ]
    if wards:
        lines += [
            "# For example:",
            "# subareas:",
            "#   - name: north",
            "#     title: North",
            f"#     wards: [{', '.join(code for _, code in wards[:2])}]",
            "#",
            f"# The {len(wards)} wards of the area:",
            *(f"#   {code}  {ward}" for ward, code in wards),
        ]
    else:
        lines.append("# No wards of this area are in the geography yet: see `cspkit ingest geography`.")
    lines += [
        "",
        "# Peers to compare with; empty means cspkit's own similar group (never the Home Office MSG).",
        "peers: []",
        "",
        "# Indicator sets to evaluate: bundled `policeuk` and `ni2008`, and any local set in",
        "# $CSPKIT_HOME/indicators/*.yaml.",
        "indicator_sets: [policeuk, ni2008]",
        "",
        "# The strategic assessment's candidate issues, policy flags, concern scores and targets",
        "# (docs/assessment.md). Without any, `cspkit assess` scans every police.uk category.",
        "# assessment:",
        "#   issues:",
        "#     - id: burglary",
        "#       title: Burglary",
        "#       indicators: [policeuk/burglary]",
        "#       flags: [police-and-crime-plan]",
        "#       concern: 4",
        "",
        "# The three-year partnership plan (docs/plan.md): targets per place for the assessment's",
        "# priorities, owners and action plans. Without a tree, targets are set for the area and",
        "# its sub-areas; baselines are counted from the store for the baseline year.",
        "# plan:",
        "#   baseline: 2023/24",
        "#   priorities:",
        "#     - issue: burglary",
        "#       owner: Police",
        "#       targets:",
        "#         - indicator: policeuk/burglary",
        "#           change: -5        # % a year, or one per leaf: {north: -5, south: -3}",
        "#       actions:",
        "#         - action: Target hardening for repeat victims",
        "#           owner: Fire and rescue service",
        "#           milestones:",
        "#             - {milestone: 200 homes visited, due: 2025-03-31, status: on-track}",
        "",
        "# What the public neighbourhood pages say that the data cannot (docs/web.md): who deals",
        "# with anti-social behaviour in each authority and how to reach them.",
        "# public:",
        "#   asb_contacts:",
        "#     - authority: E06000056",
        "#       name: Council community safety team",
        "#       deals_with: Noise, neighbour disputes, fly-tipping, nuisance in public spaces",
        "#       telephone: 01632 960 000",
        "#       url: https://www.example.org/asb",
        "",
    ]
    return "\n".join(lines)
