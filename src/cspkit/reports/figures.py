"""Numbers in reports: every one printed from a figure in the document, carrying the JSON
pointer it came from (`data-figure`), formatted by its unit."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from cspkit.analysis.rounding import round_half_up

DECIMALS = {
    "count": 0,
    "per_1000": 2,
    "percent": 1,
    "ratio": 2,
    "p_value": 3,
    "days": 0,
    "index": 2,
    "statistic": 1,
    "rank": 0,
    "score": 0,
    "target": 0,  # a target count, shown whole
}
SUFFIX = {"percent": "%"}


def pointer(parts: tuple[Any, ...]) -> str:
    """RFC 6901 JSON pointer for a path of keys and list indices."""
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in parts)


def resolve(document: Any, parts: tuple[Any, ...]) -> Any:
    node = document
    for part in parts:
        node = node[part]
    return node


def _unit(document: Any, parts: tuple[Any, ...]) -> tuple[Any, str]:
    """The number at `parts` and the unit of the figure it belongs to."""
    node = resolve(document, parts)
    if isinstance(node, dict):
        return node["value"], str(node["unit"])
    parent = resolve(document, parts[:-1])
    return node, str(parent["unit"])


def format_number(value: float | int, unit: str, decimals: int | None = None) -> str:
    places = DECIMALS[unit] if decimals is None else decimals
    if unit == "p_value" and value < 0.001:
        return "<0.001"
    if unit == "count" and decimals is None and isinstance(value, float) and not value.is_integer():
        places = 1
    text = f"{round_half_up(value, places):,.{places}f}"  # half up, as people round
    return text + SUFFIX.get(unit, "")


def figure_html(document: Any, parts: tuple[Any, ...], decimals: int | None = None, signed: bool = False) -> Markup:
    """`<span data-figure="/pointer">1,234</span>`; a missing value prints "no data"."""
    parts = tuple(parts)
    value, unit = _unit(document, parts)
    if value is None:
        return Markup('<span class="no-data">no data</span>')
    text = format_number(value, unit, decimals)
    if signed and value > 0:
        text = "+" + text
    return Markup('<span data-figure="{}">{}</span>').format(pointer(parts), text)


def figure_as(document: Any, parts: tuple[Any, ...], unit: str, signed: bool = False) -> Markup:
    """As `figure_html`, for a bare number whose unit the caller knows (plan and performance
    rows hold several units side by side)."""
    value = resolve(document, tuple(parts))
    if value is None:
        return Markup('<span class="no-data">no data</span>')
    text = format_number(value, unit)
    if signed and value > 0:
        text = "+" + text
    return Markup('<span data-figure="{}">{}</span>').format(pointer(tuple(parts)), text)


_DATES = re.compile(r"(\d{4}/\d{2}(?:-Q[1-4])?|12m-to-\d{4}-\d{2}|fytd-\d{4}-\d{2}|\d{4}-\d{2}(?:-\d{2})?|\d{4})")
_CODES = re.compile(r"\b([EWK]\d{8})\b")


def marked_text(text: str | None) -> Markup:
    """Generated prose with its periods, months and years in <time> and ONS codes in <code>,
    so that no bare number reads as a figure."""
    escaped = str(escape(text or ""))
    escaped = _CODES.sub(r"<code>\1</code>", escaped)
    parts = re.split(r"(<code>[^<]*</code>)", escaped)
    marked = "".join(p if p.startswith("<code>") else _DATES.sub(r"<time>\1</time>", p) for p in parts)
    return Markup(marked)  # noqa: S704 - escaped above; only our own <code> and <time> are added
