"""The `cases:` part of `partnership.yaml`: who may see which kind of person-level detail, and
how long each kind of case record is kept.

`grants` maps each field classification (cspkit.cases.governance.CLASSIFICATIONS) to the
roles that may see fields of that kind on a record their agency may open at all; a role not
granted sees "withheld". `purposes` are why a record is held, each with its retention
schedule: a review after `review_months`, deletion after `retain_months`.
`reminder_days` is how many days before a task falls due its reminder is e-mailed.
`marac` sets the risk checklist instrument (items, high-risk score), the escalation criterion
(incidents in 12 months) and the repeat definitions in force, each with the date it took effect.
`asb` sets the escalation ladder (steps with a code and a label, lowest first) and the months
after an intervention within which a further incident means the person did not desist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cspkit.cases.asb import DESISTANCE_MONTHS, AsbRules, Step
from cspkit.cases.governance import CLASSIFICATIONS
from cspkit.cases.marac import REPEAT_DEFINITIONS, Checklist, DefinitionInForce, MaracRules
from cspkit.yamlfile import Key, YamlDocument, check_keys, slug, text

CASE_ROLES = ("manager", "officer", "sharing_officer")  # roles that may open /cases/ at all
_CASES = {"grants", "purposes", "reminder_days", "marac", "asb"}
_ASB = {"ladder", "desistance_months"}
_MARAC = {"checklist", "escalation_incidents", "repeat_definitions"}
_CHECKLIST = {"name", "items", "high_risk_at"}
_PURPOSE = {"slug", "label", "review_months", "retain_months"}

DEFAULT_GRANTS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("identity", CASE_ROLES),
    ("contact", CASE_ROLES),
    ("offence", CASE_ROLES),
    ("safeguarding", CASE_ROLES),
    ("health", ("sharing_officer",)),
    ("ethnicity", ("sharing_officer",)),
    ("sexual_orientation", ("sharing_officer",)),
)


@dataclass(frozen=True)
class Purpose:
    slug: str
    label: str
    review_months: int
    retain_months: int


# MARAC and IOM records are commonly kept six years after the last activity, ASB case records
# two years; a partnership writes its own schedules in its YAML.
DEFAULT_PURPOSES = (
    Purpose("marac", "MARAC: high-risk domestic abuse", 12, 72),
    Purpose("iom", "Integrated offender management", 12, 72),
    Purpose("asb", "Anti-social behaviour case", 6, 24),
    Purpose("safeguarding", "Safeguarding referral", 12, 72),
)


@dataclass(frozen=True)
class CasesConfig:
    grants: tuple[tuple[str, tuple[str, ...]], ...] = DEFAULT_GRANTS
    purposes: tuple[Purpose, ...] = DEFAULT_PURPOSES
    reminder_days: int = 2
    marac: MaracRules = MaracRules()
    asb: AsbRules = AsbRules()

    def may_see(self, role: str, classification: str) -> bool:
        return role in dict(self.grants).get(classification, ())

    def purpose(self, code: str) -> Purpose | None:
        return next((p for p in self.purposes if p.slug == code), None)


def _months(doc: YamlDocument, body: dict[str, Any], name: str, key: Key) -> int:
    value = body.get(name)
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 1200:
        raise doc.error((*key, name), "must be a whole number of months from 1 to 1200")
    return value


def _purpose(doc: YamlDocument, body: Any, key: Key) -> Purpose:
    if not isinstance(body, dict):
        raise doc.error(key, "a purpose is a set of keys: " + ", ".join(sorted(_PURPOSE)))
    check_keys(doc, body, _PURPOSE, key)
    made = Purpose(
        slug=slug(doc, body.get("slug"), (*key, "slug")),
        label=str(text(doc, body.get("label"), (*key, "label"))),
        review_months=_months(doc, body, "review_months", key),
        retain_months=_months(doc, body, "retain_months", key),
    )
    if made.review_months > made.retain_months:
        raise doc.error((*key, "review_months"), "the review must come before deletion (review_months ≤ retain_months)")
    return made


def _grants(doc: YamlDocument, body: Any, key: Key) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if not isinstance(body, dict):
        raise doc.error(key, "must map each classification to a list of roles")
    check_keys(doc, body, set(CLASSIFICATIONS), key)
    given = dict(DEFAULT_GRANTS)
    for name, roles in body.items():
        if not isinstance(roles, list):
            raise doc.error((*key, name), "must be a list of roles")
        for i, role in enumerate(roles):
            if role not in CASE_ROLES:
                raise doc.error(
                    (*key, name, i), f"{role!r} is not a case role: expected one of {', '.join(CASE_ROLES)}"
                )
        given[name] = tuple(roles)
    return tuple((name, given[name]) for name in CLASSIFICATIONS)


def _whole(doc: YamlDocument, body: dict[str, Any], name: str, key: Key, low: int, high: int, default: int) -> int:
    value = body.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise doc.error((*key, name), f"must be a whole number from {low} to {high}")
    return value


def _checklist(doc: YamlDocument, body: Any, key: Key) -> Checklist:
    if not isinstance(body, dict):
        raise doc.error(key, "must be a set of keys: " + ", ".join(sorted(_CHECKLIST)))
    check_keys(doc, body, _CHECKLIST, key)
    items = _whole(doc, body, "items", key, 1, 200, Checklist.items)
    high = _whole(doc, body, "high_risk_at", key, 1, 200, Checklist.high_risk_at)
    if high > items:
        raise doc.error((*key, "high_risk_at"), f"must be at most the number of items ({items})")
    name = str(text(doc, body["name"], (*key, "name"))) if "name" in body else Checklist.name
    return Checklist(name=name, items=items, high_risk_at=high)


def _definitions(doc: YamlDocument, body: Any, key: Key) -> tuple[DefinitionInForce, ...]:
    if not isinstance(body, list) or not body:
        raise doc.error(key, "must be a list of {definition, since} in date order")
    made: list[DefinitionInForce] = []
    for i, item in enumerate(body):
        if not isinstance(item, dict):
            raise doc.error((*key, i), "must be a set of keys: definition, since")
        check_keys(doc, item, {"definition", "since"}, (*key, i))
        code = item.get("definition")
        if code not in REPEAT_DEFINITIONS:
            raise doc.error((*key, i, "definition"), "must be one of " + ", ".join(REPEAT_DEFINITIONS))
        since = item.get("since")
        if not isinstance(since, date):
            raise doc.error((*key, i, "since"), "must be a date written YYYY-MM-DD")
        if made and since <= made[-1].since:
            raise doc.error((*key, i, "since"), "must be later than the definition before it")
        made.append(DefinitionInForce(REPEAT_DEFINITIONS[code], since))
    return tuple(made)


def _marac(doc: YamlDocument, body: Any, key: Key) -> MaracRules:
    if not isinstance(body, dict):
        raise doc.error(key, "must be a set of keys: " + ", ".join(sorted(_MARAC)))
    check_keys(doc, body, _MARAC, key)
    default = MaracRules()
    return MaracRules(
        checklist=_checklist(doc, body["checklist"], (*key, "checklist")) if "checklist" in body else Checklist(),
        escalation_incidents=_whole(doc, body, "escalation_incidents", key, 1, 50, default.escalation_incidents),
        definitions=(
            _definitions(doc, body["repeat_definitions"], (*key, "repeat_definitions"))
            if "repeat_definitions" in body
            else default.definitions
        ),
    )


def _ladder(doc: YamlDocument, body: Any, key: Key) -> tuple[Step, ...]:
    if not isinstance(body, list) or not body:
        raise doc.error(key, "must be a list of steps {code, label}, lowest first")
    steps: list[Step] = []
    for i, item in enumerate(body):
        if not isinstance(item, dict):
            raise doc.error((*key, i), "must be a set of keys: code, label")
        check_keys(doc, item, {"code", "label"}, (*key, i))
        code = slug(doc, item.get("code"), (*key, i, "code"))
        if any(s.code == code for s in steps):
            raise doc.error((*key, i, "code"), f"{code!r} is listed twice")
        steps.append(Step(code, str(text(doc, item.get("label"), (*key, i, "label")))))
    return tuple(steps)


def _asb(doc: YamlDocument, body: Any, key: Key) -> AsbRules:
    if not isinstance(body, dict):
        raise doc.error(key, "must be a set of keys: " + ", ".join(sorted(_ASB)))
    check_keys(doc, body, _ASB, key)
    return AsbRules(
        ladder=_ladder(doc, body["ladder"], (*key, "ladder")) if "ladder" in body else AsbRules().ladder,
        desistance_months=_whole(doc, body, "desistance_months", key, 1, 36, DESISTANCE_MONTHS),
    )


def parse_cases(doc: YamlDocument, body: Any) -> CasesConfig:
    key: Key = ("cases",)
    if body is None:
        return CasesConfig()
    if not isinstance(body, dict):
        raise doc.error(key, "must be a set of keys: " + ", ".join(sorted(_CASES)))
    check_keys(doc, body, _CASES, key)
    grants = _grants(doc, body["grants"], (*key, "grants")) if "grants" in body else DEFAULT_GRANTS
    purposes: tuple[Purpose, ...] = DEFAULT_PURPOSES
    if "purposes" in body:
        raw = body["purposes"]
        if not isinstance(raw, list) or not raw:
            raise doc.error((*key, "purposes"), "must be a list of purposes")
        purposes = tuple(_purpose(doc, item, (*key, "purposes", i)) for i, item in enumerate(raw))
        seen: set[str] = set()
        for i, purpose in enumerate(purposes):
            if purpose.slug in seen:
                raise doc.error((*key, "purposes", i, "slug"), f"{purpose.slug!r} is listed twice")
            seen.add(purpose.slug)
    reminder = body.get("reminder_days", 2)
    if isinstance(reminder, bool) or not isinstance(reminder, int) or not 0 <= reminder <= 60:
        raise doc.error((*key, "reminder_days"), "must be a whole number of days from 0 to 60")
    marac = _marac(doc, body["marac"], (*key, "marac")) if "marac" in body else MaracRules()
    asb = _asb(doc, body["asb"], (*key, "asb")) if "asb" in body else AsbRules()
    return CasesConfig(grants=grants, purposes=purposes, reminder_days=reminder, marac=marac, asb=asb)
