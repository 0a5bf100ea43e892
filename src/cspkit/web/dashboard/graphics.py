"""What the dashboard draws: a sparkline per tile (a few hundred bytes of SVG, written here so
a page of 26 tiles stays light), and the SPC chart and choropleth maps of an indicator page
(Vega-Lite through `cspkit.reports.charts`, drawn once per materialised dashboard)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 120, 32, 2


def sparkline(counts: list[int | None], label: str) -> SafeString:
    """Monthly counts as a line; months without data leave a gap."""
    held = [c for c in counts if c is not None]
    if len(held) < 2:
        return mark_safe("")  # noqa: S308 - a constant
    low, high = min(held), max(held)
    span = (high - low) or 1
    step = (WIDTH - 2 * PAD) / max(1, len(counts) - 1)
    runs: list[list[str]] = [[]]
    for i, count in enumerate(counts):
        if count is None:
            runs.append([])
            continue
        x = PAD + i * step
        y = HEIGHT - PAD - (count - low) / span * (HEIGHT - 2 * PAD)
        runs[-1].append(f"{x:.1f},{y:.1f}")
    lines = "".join(
        f'<polyline points="{" ".join(run)}" fill="none" stroke="#1d70b8" stroke-width="1.5"/>'
        for run in runs
        if len(run) > 1
    )
    last = runs[-1][-1].split(",") if runs[-1] else None
    dot = f'<circle cx="{last[0]}" cy="{last[1]}" r="2.5" fill="#0b0c0c"/>' if last else ""
    return mark_safe(  # noqa: S308 - numbers formatted here and an escaped label
        f'<svg class="sparkline" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-label="{escape(label)}">{lines}{dot}</svg>'
    )


_DRAWN: dict[str, SafeString] = {}


def _kept(home: Path, key: tuple[str, ...], draw: Any) -> SafeString:
    """A chart is drawn once per materialised dashboard, indicator, kind and title (its
    language): kept in memory and on disk beside the dashboard, so the other web processes
    read it instead of drawing it again."""
    import hashlib

    from cspkit.web.dashboard.materialised import FOLDER
    from cspkit.writing import write_text_atomically

    name = hashlib.sha256("\x1f".join(key).encode()).hexdigest()[:24]
    if name not in _DRAWN:
        path = home / FOLDER / "charts" / f"{name}.svg"
        try:
            drawn = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            drawn = draw()
            write_text_atomically(path, drawn)
        if len(_DRAWN) > 256:
            _DRAWN.clear()
        _DRAWN[name] = mark_safe(drawn)  # noqa: S308 - SVG that Vega drew from numbers and escaped names
    return _DRAWN[name]


def spc_chart(home: Path, key: str, tile: dict[str, Any], title: str) -> SafeString:
    from cspkit.reports.charts import trend_chart

    return _kept(home, (key, tile["indicator"], "spc", title), lambda: trend_chart(tile["spc"], title))


def choropleth(
    home: Path, key: str, indicator: str, level: str, rows: list[dict[str, Any]], title: str, legend: str
) -> SafeString:
    from cspkit.reports.charts import choropleth_map
    from cspkit.web.dashboard.materialised import geography

    def draw() -> str:
        geo = geography(home)
        shapes = geo.ward_shapes if level == "ward" else geo.lsoa21_shapes
        index = {code: i for i, code in enumerate(shapes.codes)}
        areas = [
            {"geometry": shapes.geometries[index[r["area"]]], "name": r["area_name"], "value": r["value"]}
            for r in rows
            if r["area"] in index
        ]
        return choropleth_map(areas, title, legend)

    return _kept(home, (key, indicator, level, title, legend), draw)
