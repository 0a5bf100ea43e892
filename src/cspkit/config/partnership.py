"""Read and check `partnership.yaml`: name, area, sub-areas (a tree), peers, indicator sets,
the strategic assessment's candidate issues (`cspkit.config.assessment`), the plan, and what
the public pages say (`cspkit.config.public`).

Sub-areas are the partnership's own divisions (localities, neighbourhood policing areas),
built from wards or LSOAs. A parent's figures are the sums of its children's, so no ward or
LSOA may sit in two leaves. Errors name the key and line.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cspkit.config.assessment import AssessmentConfig, parse_assessment
from cspkit.config.cases import CasesConfig, parse_cases
from cspkit.config.engage import EngageConfig, parse_engage
from cspkit.config.plan import PlanConfig, parse_plan
from cspkit.config.public import PublicConfig, parse_public
from cspkit.errors import UsageError
from cspkit.geography.areas import AreaRef, parse_area
from cspkit.geography.tables import Geography
from cspkit.yamlfile import Key, YamlDocument, check_keys, read_yaml, slug, text, text_list

SCHEMA_VERSION = 1
_TOP = {
    "schema",
    "revision",
    "name",
    "area",
    "subareas",
    "peers",
    "indicator_sets",
    "assessment",
    "plan",
    "public",
    "engage",
    "cases",
}
_SUBAREA = {"name", "title", "wards", "lsoas", "children"}
AREA_TYPES_FOR_A_PARTNERSHIP = ("csp", "authority")


@dataclass(frozen=True)
class Subarea:
    name: str
    title: str
    wards: tuple[str, ...] = ()
    lsoas: tuple[str, ...] = ()
    children: tuple[Subarea, ...] = ()

    def leaves(self) -> list[Subarea]:
        return [self] if not self.children else [leaf for child in self.children for leaf in child.leaves()]

    def ward_codes(self) -> tuple[str, ...]:
        return tuple(code for leaf in self.leaves() for code in leaf.wards)

    def lsoa_codes(self) -> tuple[str, ...]:
        return tuple(code for leaf in self.leaves() for code in leaf.lsoas)

    def walk(self) -> list[Subarea]:
        return [self, *(node for child in self.children for node in child.walk())]


@dataclass(frozen=True)
class PartnershipConfig:
    path: str
    name: str
    area: AreaRef
    subareas: tuple[Subarea, ...] = ()
    peers: tuple[AreaRef, ...] = ()
    indicator_sets: tuple[str, ...] = ("policeuk", "ni2008")
    revision: int = 0
    assessment: AssessmentConfig = field(default_factory=AssessmentConfig)
    plan: PlanConfig = field(default_factory=PlanConfig)
    public: PublicConfig = field(default_factory=PublicConfig)
    engage: EngageConfig = field(default_factory=EngageConfig)
    cases: CasesConfig = field(default_factory=CasesConfig)
    extra: dict[str, Any] = field(default_factory=dict)

    def all_subareas(self) -> list[Subarea]:
        return [node for top in self.subareas for node in top.walk()]

    def subarea(self, name: str) -> Subarea:
        for node in self.all_subareas():
            if node.name == name:
                return node
        known = ", ".join(node.name for node in self.all_subareas()) or "none are configured"
        raise UsageError(f"no sub-area {name!r} in {self.path}: {known}")


def _area(doc: YamlDocument, value: Any, key: Key, geo: Geography, types: tuple[str, ...]) -> AreaRef:
    try:
        ref = parse_area(str(text(doc, value, key)))
    except UsageError as error:
        raise doc.error(key, str(error)) from None
    if ref.area_type not in types:
        raise doc.error(key, f"must be a {' or '.join(types)} area, e.g. csp:E22000353")
    names = geo.csp_name if ref.area_type == "csp" else geo.authority_name
    if ref.code not in names:
        raise doc.error(key, f"{ref} is not in the geography's lookups")
    return ref


def _inside(geo: Geography, area: AreaRef, authority: str) -> bool:
    return authority == area.code if area.area_type == "authority" else geo.authority_csp.get(authority) == area.code


def _subarea(doc: YamlDocument, body: Any, key: Key, geo: Geography, area: AreaRef, seen: dict[str, Key]) -> Subarea:
    if not isinstance(body, dict):
        raise doc.error(key, "a sub-area is a set of keys: name, title, and wards, lsoas or children")
    check_keys(doc, body, _SUBAREA, key)
    name = slug(doc, body.get("name"), (*key, "name"))
    if name in seen:
        raise doc.error((*key, "name"), f"sub-area {name!r} is named twice (first at line {doc.line(seen[name])})")
    seen[name] = (*key, "name")
    title = text(doc, body.get("title"), (*key, "title"), required=False) or name
    given = [part for part in ("wards", "lsoas", "children") if body.get(part) is not None]
    if len(given) != 1:
        raise doc.error(key, f"sub-area {name!r} needs exactly one of wards, lsoas or children")
    if given[0] == "children":
        children = body["children"]
        if not isinstance(children, list) or not children:
            raise doc.error((*key, "children"), "must be a list of sub-areas")
        nodes = tuple(_subarea(doc, child, (*key, "children", i), geo, area, seen) for i, child in enumerate(children))
        return Subarea(name, title, children=nodes)
    part = given[0]
    codes = text_list(doc, body[part], (*key, part), "ONS codes")
    if not codes:
        raise doc.error((*key, part), "must list at least one code")
    authority_of = geo.ward_authority if part == "wards" else geo.lsoa21_authority
    for i, code in enumerate(codes):
        if code not in authority_of:
            raise doc.error((*key, part, i), f"{code} is not a {part[:-1]} in the geography (2021 LSOAs; 2023 wards)")
        if not _inside(geo, area, authority_of[code]):
            raise doc.error((*key, part, i), f"{code} lies outside {area}")
    return Subarea(name, title, wards=codes) if part == "wards" else Subarea(name, title, lsoas=codes)


def _no_overlaps(doc: YamlDocument, subareas: tuple[Subarea, ...]) -> None:
    owner: dict[str, str] = {}
    for top in subareas:
        for leaf in top.leaves():
            for code in (*leaf.wards, *leaf.lsoas):
                if code in owner:
                    raise doc.error(
                        ("subareas",),
                        f"{code} is in both {owner[code]!r} and {leaf.name!r}: "
                        "a parent's figures are the sum of its children's, so each code may sit in one only",
                    )
                owner[code] = leaf.name


def parse_config(doc: YamlDocument, geo: Geography) -> PartnershipConfig:
    body = doc.data
    if not isinstance(body, dict):
        raise doc.error((), "a partnership configuration is a set of keys: name, area, subareas, ...")
    check_keys(doc, body, _TOP, ())
    schema = body.get("schema", SCHEMA_VERSION)
    if schema != SCHEMA_VERSION:
        raise doc.error(("schema",), f"this cspkit reads schema {SCHEMA_VERSION}, not {schema!r}")
    area = _area(doc, body.get("area"), ("area",), geo, AREA_TYPES_FOR_A_PARTNERSHIP)
    raw_subareas = body.get("subareas") or []
    if not isinstance(raw_subareas, list):
        raise doc.error(("subareas",), "must be a list of sub-areas")
    seen: dict[str, Key] = {}
    subareas = tuple(_subarea(doc, item, ("subareas", i), geo, area, seen) for i, item in enumerate(raw_subareas))
    _no_overlaps(doc, subareas)
    raw_peers = body.get("peers") or []
    if not isinstance(raw_peers, list):
        raise doc.error(("peers",), "must be a list of areas, e.g. csp:E22000009")
    peers = tuple(_area(doc, peer, ("peers", i), geo, (area.area_type,)) for i, peer in enumerate(raw_peers))
    sets = text_list(doc, body.get("indicator_sets"), ("indicator_sets",), "indicator set names")
    revision = body.get("revision", 0)
    if not isinstance(revision, int) or revision < 0:
        raise doc.error(("revision",), "must be a whole number")
    return PartnershipConfig(
        path=doc.path,
        name=str(text(doc, body.get("name"), ("name",))),
        area=area,
        subareas=subareas,
        peers=peers,
        indicator_sets=sets or ("policeuk", "ni2008"),
        revision=revision,
        assessment=parse_assessment(doc, body.get("assessment")),
        plan=parse_plan(doc, body.get("plan")),
        public=parse_public(doc, body.get("public")),
        engage=parse_engage(doc, body.get("engage")),
        cases=parse_cases(doc, body.get("cases")),
    )


def load_config(path: Path, geo: Geography) -> PartnershipConfig:
    """The configuration at `path`; a missing file says how to make one."""
    if not path.exists():
        raise UsageError(f"no partnership configuration at {path}: run `cspkit init --area csp:CODE` to write one")
    return parse_config(read_yaml(path), geo)
