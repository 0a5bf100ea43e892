"""Change the partnership configuration the way the web app saves it: the YAML is read and
written round-trip (comments and layout kept), the change is checked by the same parser every
command uses, and the file is replaced whole with its `revision` one higher (DESIGN.md
"Partnership configuration"). A file whose revision is not the one the editor started from
is refused, so two people's edits never silently overwrite each other."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cspkit.errors import UsageError
from cspkit.geography.tables import Geography

Change = Callable[[Any], None]


@dataclass(frozen=True)
class Saved:
    revision: int
    text: str


def _yaml() -> Any:
    from ruamel.yaml import YAML

    handler = YAML()  # round-trip: comments, key order and flow style survive
    handler.preserve_quotes = True
    handler.width = 120
    handler.indent(mapping=2, sequence=4, offset=2)  # the layout `cspkit init` and the demo write
    return handler


def revision_of(text: str) -> int:
    data = _yaml().load(text) or {}
    value = data.get("revision", 0)
    return value if isinstance(value, int) else 0


def apply_change(text: str, change: Change, geo: Geography, path: Path) -> Saved:
    """`text` with `change` made to its data and the revision raised; checked by the parser
    (an InputError names the key) before anything is returned."""
    from cspkit.config.partnership import parse_config
    from cspkit.yamlfile import read_yaml

    handler = _yaml()
    data = handler.load(text)
    revision = (data.get("revision") or 0) + 1
    change(data)
    if "revision" in data:
        data["revision"] = revision
    else:
        data.insert(1 if "schema" in data else 0, "revision", revision)
    out = io.StringIO()
    handler.dump(data, out)
    new_text = out.getvalue()
    check = path.with_name(f".{path.name}.check")
    try:
        check.write_text(new_text, encoding="utf-8")
        parse_config(read_yaml(check), geo)
    finally:
        check.unlink(missing_ok=True)
    return Saved(revision, new_text)


def save_change(path: Path, expected_revision: int, change: Change, geo: Geography) -> Saved:
    """Apply `change` to the file at `path`, which must still be at `expected_revision`."""
    from cspkit.writing import write_text_atomically

    text = path.read_text(encoding="utf-8")
    found = revision_of(text)
    if found != expected_revision:
        raise UsageError(
            f"{path.name} is at revision {found}, not {expected_revision}: someone else saved a change; "
            "reload and make yours again"
        )
    saved = apply_change(text, change, geo, path)
    write_text_atomically(path, saved.text)
    return saved


def _priority(data: Any, issue: str) -> Any:
    for priority in data.get("plan", {}).get("priorities", []) or []:
        if priority.get("issue") == issue:
            return priority
    raise UsageError(f"the plan has no priority for issue {issue!r}")


def set_target_change(issue: str, indicator: str, place: str, percent: float, leaves: list[str]) -> Change:
    """The annual % change of one target for one leaf place of the plan's tree. A single
    change for every place is first written out place by place."""

    def change(data: Any) -> None:
        from ruamel.yaml.comments import CommentedMap

        for target in _priority(data, issue).get("targets", []) or []:
            if str(target.get("indicator")).split("@")[0] == indicator.split("@")[0]:
                current = target.get("change")
                if not isinstance(current, dict):
                    spread = CommentedMap((leaf, current) for leaf in leaves)
                    spread.fa.set_flow_style()
                    target["change"] = current = spread
                if place not in leaves:
                    raise UsageError(f"{place!r} is not a place of the plan's tree: {', '.join(leaves)}")
                current[place] = int(percent) if float(percent).is_integer() else float(percent)
                return
        raise UsageError(f"the priority {issue!r} has no target on {indicator}")

    return change


def set_issue_decision(issue: str, decision: str, reason: str, author: str, when: date) -> Change:
    """Record the partnership's own include/exclude decision on a candidate issue (the
    override the scanning chart reports beside the rule's decision); "rule" removes it."""

    def change(data: Any) -> None:
        from ruamel.yaml.comments import CommentedMap

        for entry in data.get("assessment", {}).get("issues", []) or []:
            if entry.get("id") == issue:
                if decision == "rule":
                    entry.pop("override", None)
                    return
                if decision not in ("include", "exclude"):
                    raise UsageError(f"a decision is include, exclude or rule, not {decision!r}")
                if not reason.strip():
                    raise UsageError("a decision needs its reason")
                entry["override"] = CommentedMap(
                    [("decision", decision), ("reason", reason.strip()), ("author", author), ("date", when)]
                )
                return
        raise UsageError(f"no candidate issue {issue!r} in the assessment")

    return change


def set_issue_narrative(issue: str, period: str, context: str, horizon_scan: str, recommendation: str) -> Change:
    """The analyst's narrative for a candidate issue, written for an assessed year (the next
    year's assessment carries it forward marked for review)."""

    def change(data: Any) -> None:
        from ruamel.yaml.comments import CommentedMap

        for entry in data.get("assessment", {}).get("issues", []) or []:
            if entry.get("id") == issue:
                entry["narrative"] = CommentedMap(
                    [
                        ("period", period),
                        ("context", context.strip()),
                        ("horizon_scan", horizon_scan.strip()),
                        ("recommendation", recommendation.strip()),
                    ]
                )
                return
        raise UsageError(f"no candidate issue {issue!r} in the assessment")

    return change
