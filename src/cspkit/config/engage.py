"""The `engage:` part of `partnership.yaml`: how the public's reports are taken and routed.

`call_for_action` sets the Councillor Call for Action's time limits, `asb_case_review` the
Community Trigger's threshold, and `retention` how long personal details are kept.

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
_ENGAGE = {"safer_streets", "call_for_action", "asb_case_review", "retention", "rate_limits"}
# Submissions allowed per address (per key for Open311 clients) per hour, counted in the cache
# every web worker shares; Safer Streets' own is `safer_streets.rate_limit`.
RATE_DEFAULTS = {
    "nominations": 10,
    "votes": 20,
    "support": 100,
    "call_for_action": 5,
    "asb_case_review": 5,
    "open311_client": 600,
}
_CALL_FOR_ACTION = {"councillor_days", "committee_days"}
_CASE_REVIEW = {"complaints", "months", "decision_days"}
# Days each kind of record keeps its personal details (DESIGN.md: retention enforced by a job).
RETENTION_DEFAULTS = {
    "pin_contact_days": 180,  # a Safer Streets reporter's name and e-mail address
    "pin_days": 730,  # a Safer Streets report, its photos and support
    "unpublished_pin_days": 90,  # a report not published (rejected): gone sooner
    "nomination_contact_days": 365,  # a Community Payback nominator's details
    "vote_days": 90,  # votes, after their round closes (the published tally is kept)
    "call_for_action_contact_days": 730,  # a CCfA resident's or case review applicant's details
}
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
class CallForActionConfig:
    councillor_days: int = 28  # to respond to a Call for Action
    committee_days: int = 56  # for the crime and disorder committee to decide a referral


@dataclass(frozen=True)
class CaseReviewConfig:
    """The ASB case review (Community Trigger) threshold and the time to decide it."""

    complaints: int = 3
    months: int = 6
    decision_days: int = 10


@dataclass(frozen=True)
class EngageConfig:
    reasons: tuple[Reason, ...] = DEFAULT_REASONS
    routes: tuple[Route, ...] = ()
    rate_limit: int = DEFAULT_RATE_LIMIT
    call_for_action: CallForActionConfig = CallForActionConfig()
    asb_case_review: CaseReviewConfig = CaseReviewConfig()
    retention: tuple[tuple[str, int], ...] = tuple(RETENTION_DEFAULTS.items())
    rate_limits: tuple[tuple[str, int], ...] = tuple(RATE_DEFAULTS.items())

    def keep_days(self, name: str) -> int:
        return dict(self.retention)[name]

    def per_hour(self, name: str) -> int:
        return dict(self.rate_limits)[name]

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


def _days(doc: YamlDocument, body: dict[str, Any], name: str, default: int, key: Key, top: int = 3650) -> int:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= top:
        raise doc.error((*key, name), f"must be a whole number from 1 to {top}")
    return value


def _section(doc: YamlDocument, body: Any, key: Key, allowed: set[str]) -> dict[str, Any]:
    if body is None:
        return {}
    if not isinstance(body, dict):
        raise doc.error(key, "must be a set of keys: " + ", ".join(sorted(allowed)))
    check_keys(doc, body, allowed, key)
    return body


def parse_engage(doc: YamlDocument, body: Any) -> EngageConfig:
    key: Key = ("engage",)
    if body is None:
        return EngageConfig()
    if not isinstance(body, dict):
        raise doc.error(key, "must be a set of keys: " + ", ".join(sorted(_ENGAGE)))
    check_keys(doc, body, _ENGAGE, key)
    cfa = _section(doc, body.get("call_for_action"), (*key, "call_for_action"), _CALL_FOR_ACTION)
    review = _section(doc, body.get("asb_case_review"), (*key, "asb_case_review"), _CASE_REVIEW)
    kept = _section(doc, body.get("retention"), (*key, "retention"), set(RETENTION_DEFAULTS))
    rates = _section(doc, body.get("rate_limits"), (*key, "rate_limits"), set(RATE_DEFAULTS))
    extra = {
        "call_for_action": CallForActionConfig(
            councillor_days=_days(doc, cfa, "councillor_days", 28, (*key, "call_for_action"), 365),
            committee_days=_days(doc, cfa, "committee_days", 56, (*key, "call_for_action"), 365),
        ),
        "asb_case_review": CaseReviewConfig(
            complaints=_days(doc, review, "complaints", 3, (*key, "asb_case_review"), 50),
            months=_days(doc, review, "months", 6, (*key, "asb_case_review"), 36),
            decision_days=_days(doc, review, "decision_days", 10, (*key, "asb_case_review"), 365),
        ),
        "retention": tuple(
            (name, _days(doc, kept, name, default, (*key, "retention"))) for name, default in RETENTION_DEFAULTS.items()
        ),
        "rate_limits": tuple(
            (name, _days(doc, rates, name, default, (*key, "rate_limits"), 100_000))
            for name, default in RATE_DEFAULTS.items()
        ),
    }
    streets = body.get("safer_streets")
    if streets is None:
        return EngageConfig(**extra)  # type: ignore[arg-type]
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
        **extra,  # type: ignore[arg-type]
    )
