"""The `plan:` part of `partnership.yaml`: the three-year rolling partnership plan.

It names the plan's baseline year, the tree of areas its targets are set for (the seed's
"local targets" table: a division, its authorities, their localities), and, for each
priority the assessment chose, the indicators with an annual % change per leaf of the
tree, the owning agencies and the action plan with its milestones. Baselines are not
configured: they are measured from the store when the plan is built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from cspkit.config.assessment import _date, _number, _period
from cspkit.yamlfile import Key, YamlDocument, check_keys, slug, text, text_list

MILESTONE_STATUSES = ("not-started", "on-track", "at-risk", "late", "done")
_PLAN = {"title", "illustrative", "baseline", "years", "tolerance_percent", "tree", "priorities"}
_NODE = {"name", "title", "area", "wards", "lsoas", "children"}
_PRIORITY = {"issue", "owner", "partners", "targets", "actions"}
_TARGET = {"indicator", "change"}
_ACTION = {"action", "owner", "milestones"}
_MILESTONE = {"milestone", "due", "status"}


@dataclass(frozen=True)
class PlanNode:
    """A place targets are set for: a whole CSP or authority (`area`), a ward or LSOA list,
    or a parent whose figures are the sums of its children's."""

    name: str
    title: str
    area: str | None = None  # "csp:E22000009"
    wards: tuple[str, ...] = ()
    lsoas: tuple[str, ...] = ()
    children: tuple[PlanNode, ...] = ()
    line: int | None = None
    key: str = "plan.tree"  # where it is written, for errors

    def leaves(self) -> list[PlanNode]:
        return [self] if not self.children else [leaf for child in self.children for leaf in child.leaves()]

    def walk(self, depth: int = 0) -> list[tuple[PlanNode, int]]:
        return [(self, depth), *(pair for child in self.children for pair in child.walk(depth + 1))]


@dataclass(frozen=True)
class PlanTarget:
    indicator: str
    change: dict[str, float]  # leaf name -> annual % change (negative: a reduction)
    line: int | None = None
    change_line: int | None = None


@dataclass(frozen=True)
class Milestone:
    milestone: str
    due: date
    status: str = "not-started"


@dataclass(frozen=True)
class Action:
    action: str
    owner: str
    milestones: tuple[Milestone, ...] = ()


@dataclass(frozen=True)
class PlanPriority:
    issue: str
    owner: str
    partners: tuple[str, ...] = ()
    targets: tuple[PlanTarget, ...] = ()
    actions: tuple[Action, ...] = ()
    line: int | None = None


@dataclass(frozen=True)
class PlanConfig:
    title: str = "Partnership plan"
    illustrative: str = ""
    baseline: str | None = None  # a financial year; None: the assessment's own period
    years: int = 3
    tolerance_percent: float = 5.0
    tree: PlanNode | None = None  # None: the partnership's area with its sub-areas
    priorities: tuple[PlanPriority, ...] = ()
    line: int | None = None


def _node(doc: YamlDocument, body: Any, key: Key, seen: dict[str, Key]) -> PlanNode:
    if not isinstance(body, dict):
        raise doc.error(key, "a node of the plan's tree is {name, title, and area, wards, lsoas or children}")
    check_keys(doc, body, _NODE, key)
    name = slug(doc, body.get("name"), (*key, "name"))
    if name in seen:
        raise doc.error(
            (*key, "name"), f"{name!r} is named twice in the plan's tree (first at line {doc.line(seen[name])})"
        )
    seen[name] = (*key, "name")
    title = text(doc, body.get("title"), (*key, "title"), required=False) or name
    given = [part for part in ("area", "wards", "lsoas", "children") if body.get(part) is not None]
    if len(given) != 1:
        raise doc.error(key, f"{name!r} needs exactly one of area, wards, lsoas or children")
    line = doc.line(key)
    written = ".".join(str(part) for part in key)
    if given[0] == "children":
        children = body["children"]
        if not isinstance(children, list) or not children:
            raise doc.error((*key, "children"), "must be a list of nodes")
        nodes = tuple(_node(doc, child, (*key, "children", i), seen) for i, child in enumerate(children))
        return PlanNode(name, title, children=nodes, line=line, key=written)
    if given[0] == "area":
        area = str(text(doc, body["area"], (*key, "area")))
        if not area.startswith(("csp:", "authority:")):
            raise doc.error((*key, "area"), f"must be a CSP or authority, e.g. csp:E22000009, not {area!r}")
        return PlanNode(name, title, area=area, line=doc.line((*key, "area")), key=written)
    part = given[0]
    codes = text_list(doc, body[part], (*key, part), "ONS codes")
    if not codes:
        raise doc.error((*key, part), "must list at least one code")
    return PlanNode(name, title, **{part: codes}, line=doc.line((*key, part)), key=written)  # type: ignore[arg-type]


def _target(doc: YamlDocument, body: Any, key: Key) -> PlanTarget:
    if not isinstance(body, dict):
        raise doc.error(key, "a target is {indicator, change}: change is a % per year, or one per leaf of the tree")
    check_keys(doc, body, _TARGET, key)
    indicator = str(text(doc, body.get("indicator"), (*key, "indicator")))
    raw = body.get("change")
    if raw is None:
        raise doc.error((*key, "change"), "is required: an annual % change (e.g. -5), or one per leaf of the tree")
    if isinstance(raw, dict):
        change = {str(leaf): _number(doc, value, (*key, "change", leaf), -100, 1000) for leaf, value in raw.items()}
    else:
        change = {"*": _number(doc, raw, (*key, "change"), -100, 1000)}
    return PlanTarget(indicator, change, doc.line((*key, "indicator")), doc.line((*key, "change")))


def _milestone(doc: YamlDocument, body: Any, key: Key) -> Milestone:
    if not isinstance(body, dict):
        raise doc.error(key, "a milestone is {milestone, due, status}")
    check_keys(doc, body, _MILESTONE, key)
    status = str(text(doc, body.get("status"), (*key, "status"), required=False) or "not-started")
    if status not in MILESTONE_STATUSES:
        raise doc.error((*key, "status"), f"must be one of {', '.join(MILESTONE_STATUSES)}, not {status!r}")
    return Milestone(
        str(text(doc, body.get("milestone"), (*key, "milestone"))), _date(doc, body.get("due"), (*key, "due")), status
    )


def _action(doc: YamlDocument, body: Any, key: Key) -> Action:
    if not isinstance(body, dict):
        raise doc.error(key, "an action is {action, owner, milestones}")
    check_keys(doc, body, _ACTION, key)
    milestones = body.get("milestones") or []
    if not isinstance(milestones, list):
        raise doc.error((*key, "milestones"), "must be a list of milestones")
    return Action(
        str(text(doc, body.get("action"), (*key, "action"))),
        str(text(doc, body.get("owner"), (*key, "owner"))),
        tuple(_milestone(doc, m, (*key, "milestones", i)) for i, m in enumerate(milestones)),
    )


def _priority(doc: YamlDocument, body: Any, key: Key, seen: dict[str, Key]) -> PlanPriority:
    if not isinstance(body, dict):
        raise doc.error(key, "a plan priority is {issue, owner, partners, targets, actions}")
    check_keys(doc, body, _PRIORITY, key)
    issue = slug(doc, body.get("issue"), (*key, "issue"))
    if issue in seen:
        raise doc.error((*key, "issue"), f"{issue!r} is planned twice (first at line {doc.line(seen[issue])})")
    seen[issue] = (*key, "issue")
    for part in ("targets", "actions"):
        if not isinstance(body.get(part) or [], list):
            raise doc.error((*key, part), f"must be a list of {part}")
    return PlanPriority(
        issue,
        str(text(doc, body.get("owner"), (*key, "owner"))),
        text_list(doc, body.get("partners"), (*key, "partners"), "agencies"),
        tuple(_target(doc, t, (*key, "targets", i)) for i, t in enumerate(body.get("targets") or [])),
        tuple(_action(doc, a, (*key, "actions", i)) for i, a in enumerate(body.get("actions") or [])),
        doc.line(key),
    )


def parse_plan(doc: YamlDocument, body: Any) -> PlanConfig:
    key: Key = ("plan",)
    if body is None:
        return PlanConfig()
    if not isinstance(body, dict):
        raise doc.error(key, "must be a set of keys: title, baseline, years, tree, priorities, ...")
    check_keys(doc, body, _PLAN, key)
    baseline = text(doc, body.get("baseline"), (*key, "baseline"), required=False)
    if baseline is not None:
        _period(doc, baseline, (*key, "baseline"))
        if "/" not in baseline or "-" in baseline:
            raise doc.error((*key, "baseline"), f"must be a financial year, e.g. 2022/23, not {baseline!r}")
    tree = None
    if body.get("tree") is not None:
        tree = _node(doc, body["tree"], (*key, "tree"), {})
        if not tree.children:
            raise doc.error((*key, "tree"), "the tree's root needs children (the places the targets are set for)")
    raw = body.get("priorities") or []
    if not isinstance(raw, list):
        raise doc.error((*key, "priorities"), "must be a list of priorities")
    seen: dict[str, Key] = {}
    return PlanConfig(
        title=text(doc, body.get("title"), (*key, "title"), required=False) or "Partnership plan",
        illustrative=text(doc, body.get("illustrative"), (*key, "illustrative"), required=False) or "",
        baseline=baseline,
        years=int(_number(doc, body.get("years", 3), (*key, "years"), 1, 5, whole=True)),
        tolerance_percent=_number(doc, body.get("tolerance_percent", 5), (*key, "tolerance_percent"), 0, 100),
        tree=tree,
        priorities=tuple(_priority(doc, p, (*key, "priorities", i), seen) for i, p in enumerate(raw)),
        line=doc.line(key),
    )
