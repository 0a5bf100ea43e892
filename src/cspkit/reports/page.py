"""What every report page shares: the Jinja environment, the stylesheet with the embedded
font, and the number filters."""

from __future__ import annotations

from functools import cache
from typing import Any

from cspkit.reports.figures import marked_text
from cspkit.reports.fonts import font_face_css


@cache
def environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=PackageLoader("cspkit.reports", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["text"] = marked_text
    return env


@cache
def stylesheet() -> str:
    """The font faces, then the report styles (screen and print)."""
    from importlib.resources import files

    css = (files("cspkit.reports") / "templates" / "report.css").read_text(encoding="utf-8")
    return font_face_css() + "\n" + css
