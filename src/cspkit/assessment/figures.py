"""A figure: one number shown to a person, with where it came from.

Every figure carries `sources` (the store batch ids it was counted from, or `bundle:FILE`
for the bundled ONS tables and harm weights) and, when an indicator produced it,
`indicator` as `set/id@version`. The HTML points at figures by JSON pointer.
"""

from __future__ import annotations

from typing import Any

from cspkit.indicators.definitions import Indicator

UNITS = ("count", "per_1000", "percent", "ratio", "p_value", "days", "index", "statistic", "rank", "score")
BUNDLE_PREFIX = "bundle:"


def figure(
    value: float | int | None,
    unit: str,
    sources: list[str],
    *,
    indicator: str | None = None,
    period: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A figure object; `value` None means there is no figure (with `extra["reason"]`)."""
    if unit not in UNITS:
        raise ValueError(f"unknown unit {unit!r}")
    body: dict[str, Any] = {"value": value, "unit": unit, "sources": sorted(set(sources))}
    if indicator is not None:
        body["indicator"] = indicator
    if period is not None:
        body["period"] = period
    body.update(extra)
    return body


def bundle_source(name: str) -> str:
    return BUNDLE_PREFIX + name


def versioned(indicator: Indicator) -> str:
    """`set/id@version`, as every figure names its indicator."""
    return f"{indicator.ref}@{indicator.version}"


def without_private(node: Any) -> Any:
    """The document without its `_`-keys (shapes kept only for drawing maps)."""
    if isinstance(node, dict):
        return {k: without_private(v) for k, v in node.items() if not str(k).startswith("_")}
    if isinstance(node, list):
        return [without_private(item) for item in node]
    return node
