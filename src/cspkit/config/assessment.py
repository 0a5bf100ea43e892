"""The `assessment:` part of `partnership.yaml`: candidate issues, policy flag columns,
public concern, scanning rules, analyst overrides, narrative and confidence targets.

Indicator references and sub-areas are checked where they are used (the indicator sets
and the geography live elsewhere), but each keeps the line it was written on so those
errors can name it too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from cspkit.yamlfile import Key, YamlDocument, check_keys, slug, text, text_list

# Policy flag columns (DESIGN.md "Policy frameworks"): today's equivalents by default, the
# 2008 frameworks of the seeds as a named, labelled preset.
POLICY_PRESETS: dict[str, tuple[tuple[str, str], ...]] = {
    "default": (
        ("police-and-crime-plan", "Police and crime plan priority"),
        ("national-priority", "National priority"),
        ("statutory-duty", "Statutory duty"),
    ),
    "seed-2008": (
        ("psa", "PSA"),
        ("laa", "LAA 08/11"),
        ("national-indicator", "National indicators"),
    ),
}
DECISIONS = ("include", "exclude")
_ASSESSMENT = {"policy_preset", "policy_flags", "rules", "issues", "confidence"}
_RULES = {
    "alpha",
    "increase_min_change",
    "harm_share",
    "concern_threshold",
    "largest_issues",
    "include_flag_and_criteria",
    "include_criteria",
}
_ISSUE = {"id", "title", "indicators", "flags", "concern", "override", "narrative", "note"}
_OVERRIDE = {"decision", "reason", "author", "date"}
_NARRATIVE = {"period", "context", "horizon_scan", "recommendation"}
_CONFIDENCE = {"question", "title", "area", "baseline", "interim", "final", "polarity"}
_TARGET = {"period", "value"}


@dataclass(frozen=True)
class ScanRules:
    """The scanning chart's stated default rules (docs/assessment.md)."""

    alpha: float = 0.05
    increase_min_change: int = 20
    harm_share: float = 0.10
    concern_threshold: int = 3
    largest_issues: int = 5
    include_flag_and_criteria: int = 1
    include_criteria: int = 2


@dataclass(frozen=True)
class Override:
    decision: str
    reason: str
    author: str
    date: date


@dataclass(frozen=True)
class Narrative:
    period: str
    context: str = ""
    horizon_scan: str = ""
    recommendation: str = ""


@dataclass(frozen=True)
class CandidateIssue:
    id: str
    title: str
    indicators: tuple[str, ...]
    flags: tuple[str, ...] = ()
    concern: int | None = None
    override: Override | None = None
    narrative: Narrative | None = None
    note: str = ""
    line: int | None = None
    indicator_lines: tuple[int | None, ...] = ()


@dataclass(frozen=True)
class TargetPoint:
    period: str
    value: float  # percent


@dataclass(frozen=True)
class ConfidenceTarget:
    """A survey measure tracked against targets, like the seeds' single confidence target."""

    question: str
    title: str
    area: str | None  # TYPE:CODE; None = the partnership's area
    baseline: TargetPoint | None
    interim: TargetPoint | None
    final: TargetPoint | None
    polarity: str = "higher-is-better"
    line: int | None = None


@dataclass(frozen=True)
class AssessmentConfig:
    policy_preset: str = "default"
    policy_flags: tuple[tuple[str, str], ...] = POLICY_PRESETS["default"]
    rules: ScanRules = field(default_factory=ScanRules)
    issues: tuple[CandidateIssue, ...] = ()
    confidence: tuple[ConfidenceTarget, ...] = ()


def _number(doc: YamlDocument, value: Any, key: Key, low: float, high: float, whole: bool = False) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or (whole and not isinstance(value, int)):
        raise doc.error(key, f"must be a {'whole ' if whole else ''}number, not {value!r}")
    if not low <= value <= high:
        raise doc.error(key, f"must be between {low:g} and {high:g}, not {value!r}")
    return float(value)


def _rules(doc: YamlDocument, body: Any) -> ScanRules:
    key: Key = ("assessment", "rules")
    if body is None:
        return ScanRules()
    if not isinstance(body, dict):
        raise doc.error(key, "must be a set of rule values, e.g. increase_min_change: 20")
    check_keys(doc, body, _RULES, key)
    base = ScanRules()
    return ScanRules(
        alpha=_number(doc, body.get("alpha", base.alpha), (*key, "alpha"), 1e-6, 0.5),
        increase_min_change=int(
            _number(
                doc,
                body.get("increase_min_change", base.increase_min_change),
                (*key, "increase_min_change"),
                0,
                1e9,
                whole=True,
            )
        ),
        harm_share=_number(doc, body.get("harm_share", base.harm_share), (*key, "harm_share"), 0, 1),
        concern_threshold=int(
            _number(
                doc,
                body.get("concern_threshold", base.concern_threshold),
                (*key, "concern_threshold"),
                1,
                5,
                whole=True,
            )
        ),
        largest_issues=int(
            _number(doc, body.get("largest_issues", base.largest_issues), (*key, "largest_issues"), 0, 100, whole=True)
        ),
        include_flag_and_criteria=int(
            _number(
                doc,
                body.get("include_flag_and_criteria", base.include_flag_and_criteria),
                (*key, "include_flag_and_criteria"),
                0,
                4,
                whole=True,
            )
        ),
        include_criteria=int(
            _number(
                doc, body.get("include_criteria", base.include_criteria), (*key, "include_criteria"), 1, 4, whole=True
            )
        ),
    )


def _flags(doc: YamlDocument, preset: str, body: Any) -> tuple[tuple[str, str], ...]:
    if body is None:
        return POLICY_PRESETS[preset]
    key: Key = ("assessment", "policy_flags")
    if not isinstance(body, list) or not body:
        raise doc.error(key, "must be a list of columns, each {id, title}")
    out = []
    for i, item in enumerate(body):
        if not isinstance(item, dict):
            raise doc.error((*key, i), "a policy flag column is {id, title}")
        check_keys(doc, item, {"id", "title"}, (*key, i))
        out.append((slug(doc, item.get("id"), (*key, i, "id")), str(text(doc, item.get("title"), (*key, i, "title")))))
    return tuple(out)


def _date(doc: YamlDocument, value: Any, key: Key) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise doc.error(key, f"must be a date like 2024-05-14, not {value!r}") from None


def _override(doc: YamlDocument, body: Any, key: Key) -> Override | None:
    if body is None:
        return None
    if not isinstance(body, dict):
        raise doc.error(key, "an override is {decision, reason, author, date}")
    check_keys(doc, body, _OVERRIDE, key)
    decision = str(text(doc, body.get("decision"), (*key, "decision")))
    if decision not in DECISIONS:
        raise doc.error((*key, "decision"), f"must be include or exclude, not {decision!r}")
    reason = text(doc, body.get("reason"), (*key, "reason"))
    author = text(doc, body.get("author"), (*key, "author"))
    return Override(decision, str(reason), str(author), _date(doc, body.get("date"), (*key, "date")))


def _narrative(doc: YamlDocument, body: Any, key: Key) -> Narrative | None:
    if body is None:
        return None
    if not isinstance(body, dict):
        raise doc.error(key, "a narrative is {period, context, horizon_scan, recommendation}")
    check_keys(doc, body, _NARRATIVE, key)
    period = str(text(doc, body.get("period"), (*key, "period")))
    _period(doc, period, (*key, "period"))
    parts = {name: text(doc, body.get(name), (*key, name), required=False) or "" for name in _NARRATIVE - {"period"}}
    return Narrative(period, parts["context"], parts["horizon_scan"], parts["recommendation"])


def _period(doc: YamlDocument, value: str, key: Key) -> None:
    from cspkit.errors import UsageError
    from cspkit.periods import parse_period

    try:
        parse_period(value)
    except UsageError as error:
        raise doc.error(key, str(error)) from None


def _issue(doc: YamlDocument, body: Any, key: Key, flag_ids: set[str], seen: dict[str, Key]) -> CandidateIssue:
    if not isinstance(body, dict):
        raise doc.error(key, "a candidate issue is a set of keys: id, title, indicators, flags, concern ...")
    check_keys(doc, body, _ISSUE, key)
    issue_id = slug(doc, body.get("id"), (*key, "id"))
    if issue_id in seen:
        raise doc.error((*key, "id"), f"issue {issue_id!r} is listed twice (first at line {doc.line(seen[issue_id])})")
    seen[issue_id] = (*key, "id")
    indicators = text_list(doc, body.get("indicators"), (*key, "indicators"), "indicators as SET/ID")
    for i, reference in enumerate(indicators):
        if "/" not in reference:
            raise doc.error(
                (*key, "indicators", i), f"{reference!r}: name indicators as SET/ID, e.g. policeuk/burglary"
            )
    flags = text_list(doc, body.get("flags"), (*key, "flags"), "policy flag ids")
    for i, flag in enumerate(flags):
        if flag not in flag_ids:
            raise doc.error(
                (*key, "flags", i), f"unknown policy flag {flag!r}: the columns are {', '.join(sorted(flag_ids))}"
            )
    concern = body.get("concern")
    if concern is not None:
        concern = int(_number(doc, concern, (*key, "concern"), 1, 5, whole=True))
    return CandidateIssue(
        id=issue_id,
        title=str(text(doc, body.get("title"), (*key, "title"))),
        indicators=indicators,
        flags=flags,
        concern=concern,
        override=_override(doc, body.get("override"), (*key, "override")),
        narrative=_narrative(doc, body.get("narrative"), (*key, "narrative")),
        note=text(doc, body.get("note"), (*key, "note"), required=False) or "",
        line=doc.line(key),
        indicator_lines=tuple(doc.line((*key, "indicators", i)) for i in range(len(indicators))),
    )


def _target(doc: YamlDocument, body: Any, key: Key) -> TargetPoint | None:
    if body is None:
        return None
    if not isinstance(body, dict):
        raise doc.error(key, "a target is {period, value} (value in percent)")
    check_keys(doc, body, _TARGET, key)
    period = str(text(doc, body.get("period"), (*key, "period")))
    _period(doc, period, (*key, "period"))
    return TargetPoint(period, _number(doc, body.get("value"), (*key, "value"), 0, 100))


def _confidence(doc: YamlDocument, body: Any, key: Key) -> ConfidenceTarget:
    if not isinstance(body, dict):
        raise doc.error(key, "a confidence measure is {question, title, area, baseline, interim, final}")
    check_keys(doc, body, _CONFIDENCE, key)
    polarity = body.get("polarity", "higher-is-better")
    if polarity not in ("higher-is-better", "lower-is-better"):
        raise doc.error((*key, "polarity"), "must be higher-is-better or lower-is-better")
    return ConfidenceTarget(
        question=slug(doc, body.get("question"), (*key, "question")),
        title=str(text(doc, body.get("title"), (*key, "title"))),
        area=text(doc, body.get("area"), (*key, "area"), required=False),
        baseline=_target(doc, body.get("baseline"), (*key, "baseline")),
        interim=_target(doc, body.get("interim"), (*key, "interim")),
        final=_target(doc, body.get("final"), (*key, "final")),
        polarity=str(polarity),
        line=doc.line(key),
    )


def parse_assessment(doc: YamlDocument, body: Any) -> AssessmentConfig:
    """The `assessment:` section (absent: the defaults and no candidate issues)."""
    if body is None:
        return AssessmentConfig()
    key: Key = ("assessment",)
    if not isinstance(body, dict):
        raise doc.error(key, "must be a set of keys: policy_preset, policy_flags, rules, issues, confidence")
    check_keys(doc, body, _ASSESSMENT, key)
    preset = str(body.get("policy_preset", "default"))
    if preset not in POLICY_PRESETS:
        raise doc.error((*key, "policy_preset"), f"must be one of {', '.join(POLICY_PRESETS)}, not {preset!r}")
    flags = _flags(doc, preset, body.get("policy_flags"))
    raw_issues = body.get("issues") or []
    if not isinstance(raw_issues, list):
        raise doc.error((*key, "issues"), "must be a list of candidate issues")
    seen: dict[str, Key] = {}
    flag_ids = {flag for flag, _ in flags}
    issues = tuple(_issue(doc, item, (*key, "issues", i), flag_ids, seen) for i, item in enumerate(raw_issues))
    raw_confidence = body.get("confidence") or []
    if not isinstance(raw_confidence, list):
        raise doc.error((*key, "confidence"), "must be a list of survey measures with targets")
    confidence = tuple(_confidence(doc, item, (*key, "confidence", i)) for i, item in enumerate(raw_confidence))
    return AssessmentConfig(preset, flags, _rules(doc, body.get("rules")), issues, confidence)
