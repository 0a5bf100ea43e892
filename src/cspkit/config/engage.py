"""The `engage:` part of `partnership.yaml`: how the public's reports are taken and routed.

`safer_streets.reasons` is the list a resident chooses from when they say why a place feels
unsafe; each reason names the kind of agency that usually deals with it. `routes` says, per
authority, which partner agency (by its slug in the web app) that is. A reason with no route
waits for a moderator to choose an agency. `rate_limit` caps reports per address per hour.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cspkit.yamlfile import Key, YamlDocument, check_keys, slug, text

AGENCY_KINDS = (
    "police",
    "local_authority",
    "fire_and_rescue",
    "health",
    "probation",
    "youth_offending",
    "voluntary",
    "housing",
    "education",
    "other",
)
_ENGAGE = {"safer_streets"}
_SAFER_STREETS = {"reasons", "routes", "rate_limit"}
_REASON = {"slug", "label", "agency_kind"}
_ROUTE = {"authority", "agency_kind", "agency"}


@dataclass(frozen=True)
class Reason:
    slug: str
    label: str
    agency_kind: str


@dataclass(frozen=True)
class Route:
    authority: str
    agency_kind: str
    agency: str  # the partner agency's slug in the web app


# The seeds' and StreetSafe's usual reasons; a partnership replaces the list in its YAML.
DEFAULT_REASONS = (
    Reason("poor-lighting", "Poor street lighting", "local_authority"),
    Reason("abandoned-buildings", "Abandoned or empty buildings", "local_authority"),
    Reason("overgrown-or-isolated", "Overgrown, isolated or hidden place", "local_authority"),
    Reason("graffiti-or-damage", "Graffiti, litter or damage", "local_authority"),
    Reason("being-followed", "Being followed", "police"),
    Reason("verbal-abuse", "Verbal abuse or harassment", "police"),
    Reason("drug-dealing-or-use", "Drug dealing or use", "police"),
    Reason("groups-gathering", "Groups gathering in a way that feels threatening", "police"),
)
DEFAULT_RATE_LIMIT = 10  # reports per address per hour


@dataclass(frozen=True)
class EngageConfig:
    reasons: tuple[Reason, ...] = DEFAULT_REASONS
    routes: tuple[Route, ...] = ()
    rate_limit: int = DEFAULT_RATE_LIMIT

    def reason(self, code: str) -> Reason | None:
        return next((r for r in self.reasons if r.slug == code), None)

    def route_for(self, authority: str, agency_kind: str) -> str | None:
        """The agency slug that deals with `agency_kind` matters in `authority`, if configured."""
        return next(
            (r.agency for r in self.routes if r.authority == authority and r.agency_kind == agency_kind),
            None,
        )


def _kind(doc: YamlDocument, value: Any, key: Key) -> str:
    kind = str(text(doc, value, key))
    if kind not in AGENCY_KINDS:
        raise doc.error(key, f"{kind!r} is not a kind of agency: expected one of {', '.join(AGENCY_KINDS)}")
    return kind


def _reason(doc: YamlDocument, body: Any, key: Key) -> Reason:
    if not isinstance(body, dict):
        raise doc.error(key, "a reason is a set of keys: slug, label, agency_kind")
    check_keys(doc, body, _REASON, key)
    return Reason(
        slug=slug(doc, body.get("slug"), (*key, "slug")),
        label=str(text(doc, body.get("label"), (*key, "label"))),
        agency_kind=_kind(doc, body.get("agency_kind"), (*key, "agency_kind")),
    )


def _route(doc: YamlDocument, body: Any, key: Key) -> Route:
    import re

    if not isinstance(body, dict):
        raise doc.error(key, "a route is a set of keys: authority, agency_kind, agency")
    check_keys(doc, body, _ROUTE, key)
    authority = str(text(doc, body.get("authority"), (*key, "authority")))
    if not re.fullmatch(r"[EW]0[6-9]\d{6}", authority):
        raise doc.error((*key, "authority"), f"must be an authority's ONS code, e.g. E06000056, not {authority!r}")
    return Route(
        authority=authority,
        agency_kind=_kind(doc, body.get("agency_kind"), (*key, "agency_kind")),
        agency=slug(doc, body.get("agency"), (*key, "agency")),
    )


def _list(doc: YamlDocument, value: Any, key: Key, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise doc.error(key, f"must be a list of {what}")
    return value


def parse_engage(doc: YamlDocument, body: Any) -> EngageConfig:
    key: Key = ("engage",)
    if body is None:
        return EngageConfig()
    if not isinstance(body, dict):
        raise doc.error(key, "must be a set of keys: safer_streets")
    check_keys(doc, body, _ENGAGE, key)
    streets = body.get("safer_streets")
    if streets is None:
        return EngageConfig()
    key = (*key, "safer_streets")
    if not isinstance(streets, dict):
        raise doc.error(key, "must be a set of keys: reasons, routes, rate_limit")
    check_keys(doc, streets, _SAFER_STREETS, key)
    raw_reasons = _list(doc, streets.get("reasons"), (*key, "reasons"), "reasons")
    reasons = tuple(_reason(doc, r, (*key, "reasons", i)) for i, r in enumerate(raw_reasons)) or DEFAULT_REASONS
    seen: set[str] = set()
    for i, reason in enumerate(reasons if raw_reasons else ()):
        if reason.slug in seen:
            raise doc.error((*key, "reasons", i, "slug"), f"{reason.slug!r} is listed twice")
        seen.add(reason.slug)
    raw_routes = _list(doc, streets.get("routes"), (*key, "routes"), "routes")
    limit = streets.get("rate_limit", DEFAULT_RATE_LIMIT)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= 10_000:
        raise doc.error((*key, "rate_limit"), "must be a whole number of reports per address per hour, 1 to 10000")
    return EngageConfig(
        reasons=reasons,
        routes=tuple(_route(doc, r, (*key, "routes", i)) for i, r in enumerate(raw_routes)),
        rate_limit=limit,
    )
