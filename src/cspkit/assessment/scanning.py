"""The scanning chart: each candidate issue against the policy flags and four data criteria,
and the include rule (docs/assessment.md states every rule; the configuration may change
the thresholds). A criterion that cannot be judged says "no data" and why; it never counts
for or against an issue."""

from __future__ import annotations

from typing import Any

from cspkit.config.assessment import CandidateIssue, ScanRules

YES, NO, NO_DATA = "yes", "no", "no data"
CRITERIA = (
    ("high_volume", "High volume or rate"),
    ("increasing", "Increasing"),
    ("harm", "High harm"),
    ("concern", "High public concern"),
)


def _cell(status: str, basis: str) -> dict[str, str]:
    return {"status": status, "basis": basis}


def high_volume(evidence: dict[str, Any], rank: int | None, rules: ScanRules) -> dict[str, str]:
    """Rate above the similar-group mean, or among the area's largest issues by count."""
    peers = evidence.get("similar_group") or {}
    above = peers.get("above_mean") if peers.get("available") else None
    largest = None if rank is None else rank <= rules.largest_issues
    if above is None and largest is None:
        return _cell(NO_DATA, "no count for the period and no similar-group figures")
    parts = []
    if above is not None:
        parts.append("rate above the similar-group mean" if above else "rate at or below the similar-group mean")
    else:
        parts.append("no similar-group figures")
    if largest is not None:
        parts.append("among the area's largest issues by count" if largest else "not among the largest by count")
    return _cell(YES if (above or largest) else NO, "; ".join(parts))


def increasing(evidence: dict[str, Any], rules: ScanRules) -> dict[str, str]:
    """A significant rise (E-test) of at least the configured number of offences."""
    found = evidence.get("change") or {}
    if not found.get("available"):
        return _cell(NO_DATA, found.get("reason") or "no comparison period in the store")
    rise = found["change"]["value"]
    significant = found["significant"]
    if significant and rise >= rules.increase_min_change:
        return _cell(YES, "significant rise, large enough to count")
    if significant and rise > 0:
        return _cell(NO, "significant rise, but smaller than the minimum")
    if rise > 0:
        return _cell(NO, "rise within chance variation")
    return _cell(NO, "no rise" if rise == 0 else "fall")


def high_harm(evidence: dict[str, Any], rules: ScanRules) -> dict[str, str]:
    found = evidence.get("harm") or {}
    if not found.get("available"):
        return _cell(NO_DATA, found.get("reason") or "no harm figures")
    share = found["share"]["value"]
    if share is None:
        return _cell(NO_DATA, "the area has no weighted crime in the period")
    return _cell(
        YES if share >= 100 * rules.harm_share else NO,
        "share of the area's harm at or over the threshold"
        if share >= 100 * rules.harm_share
        else "share of the area's harm under the threshold",
    )


def high_concern(issue: CandidateIssue, rules: ScanRules) -> dict[str, str]:
    if issue.concern is None:
        return _cell(NO_DATA, "no public concern score in the configuration")
    met = issue.concern >= rules.concern_threshold
    return _cell(YES if met else NO, "concern score at or over the threshold" if met else "concern score under it")


def decide(
    issue: CandidateIssue, criteria: dict[str, dict[str, str]], flags: list[str], rules: ScanRules
) -> dict[str, Any]:
    """The rule's decision, and the analyst's override when there is one."""
    met = sum(1 for cell in criteria.values() if cell["status"] == YES)
    flagged = bool(issue.flags)
    by_rule = (flagged and met >= rules.include_flag_and_criteria) or met >= rules.include_criteria
    if flagged and met >= rules.include_flag_and_criteria:
        why = "a policy flag and enough data criteria"
    elif met >= rules.include_criteria:
        why = "enough data criteria"
    else:
        why = "a policy flag but too few data criteria" if flagged else "too few data criteria and no policy flag"
    decision = "include" if by_rule else "exclude"
    body: dict[str, Any] = {
        "criteria_met": met,
        "rule_decision": decision,
        "rule_basis": why,
        "decision": decision,
        "override": None,
    }
    if issue.override is not None:
        body["decision"] = issue.override.decision
        body["override"] = {
            "decision": issue.override.decision,
            "reason": issue.override.reason,
            "author": issue.override.author,
            "date": issue.override.date.isoformat(),
        }
    return body


def scanning_row(
    issue: CandidateIssue,
    evidence: dict[str, Any],
    rank: int | None,
    policy_flags: tuple[tuple[str, str], ...],
    rules: ScanRules,
) -> dict[str, Any]:
    criteria = {
        "high_volume": high_volume(evidence, rank, rules),
        "increasing": increasing(evidence, rules),
        "harm": high_harm(evidence, rules),
        "concern": high_concern(issue, rules),
    }
    flags = {flag_id: flag_id in issue.flags for flag_id, _title in policy_flags}
    return {
        "issue": issue.id,
        "title": issue.title,
        "flags": flags,
        "criteria": criteria,
        **decide(issue, criteria, [f for f, on in flags.items() if on], rules),
        "comment": issue.note,
    }


def ranks_by_count(volumes: dict[str, int | None]) -> dict[str, int | None]:
    """Rank of each issue by count (1 = largest; ties share the better rank); None without data."""
    known = sorted((v for v in volumes.values() if v is not None), reverse=True)
    return {issue: (None if v is None else known.index(v) + 1) for issue, v in volumes.items()}
