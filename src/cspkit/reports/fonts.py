"""The reports' one font, Noto Sans (OFL 1.1, shipped in `cspkit/reports/fonts/`), used the
same in HTML (embedded @font-face), charts (registered with vl-convert) and PDF (WeasyPrint
reads the same @font-face), so a report looks alike on screen, on paper and on any machine."""

from __future__ import annotations

import base64
from functools import cache
from importlib.resources import as_file, files

FAMILY = "Noto Sans"
STACK = f'"{FAMILY}", Arial, Helvetica, sans-serif'
_FACES = (
    ("NotoSans-Regular.ttf", "normal", 400),
    ("NotoSans-Bold.ttf", "normal", 700),
    ("NotoSans-Italic.ttf", "italic", 400),
)


@cache
def font_face_css() -> str:
    """@font-face rules with the font files inline (data: URIs), so the HTML stays one file."""
    rules = []
    for name, style, weight in _FACES:
        data = base64.b64encode((files("cspkit.reports") / "fonts" / name).read_bytes()).decode("ascii")
        rules.append(
            f'@font-face {{ font-family: "{FAMILY}"; font-style: {style}; font-weight: {weight}; '
            f'src: url(data:font/ttf;base64,{data}) format("truetype"); }}'
        )
    return "\n".join(rules)


@cache
def register_chart_fonts() -> None:
    """Give vl-convert the shipped font once per process, so charts measure and name it."""
    import vl_convert

    with as_file(files("cspkit.reports") / "fonts") as folder:
        vl_convert.register_font_directory(str(folder))
