"""Checks every report shares: numbers in the HTML traced to the JSON, and the PDF read
back with poppler (pdftotext, pdftoppm) as a reader would see it."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest


class Page(HTMLParser):
    """Text of <main> outside figures, times, codes, charts and analysts' own words; every
    data-figure element with its text; every src/href; the text of each <h2> and <svg>
    title."""

    SKIP = {"svg", "time", "code", "style", "script"}
    VOID = {"br", "meta", "link", "img", "input", "hr", "wbr"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool, list[str] | None]] = []
        self.in_main = False
        self.loose: list[str] = []
        self.figures: list[tuple[str, str]] = []
        self.links: list[str] = []
        self.headings: list[str] = []
        self.chart_titles: list[str] = []
        self._heading: list[str] | None = None
        self._svg_depth = 0
        self._svg_title: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        for attr in ("src", "href"):
            if named.get(attr):
                self.links.append(str(named[attr]))
        if tag == "main":
            self.in_main = True
        if tag == "h2" and self.in_main:
            self._heading = []
        if tag == "svg":
            self._svg_depth += 1
        # vl-convert writes the chart title as a <g class="mark-group role-title"> with text.
        if self._svg_depth and "role-title" in (named.get("class") or "") and self._svg_title is None:
            self._svg_title = []
        if tag in self.VOID:
            return
        figure = [str(named["data-figure"]), ""] if "data-figure" in named else None
        # data-authored: the analyst's own words; data-name: a name (an indicator's title).
        skip = tag in self.SKIP or "data-authored" in named or "data-name" in named or figure is not None
        self.stack.append((tag, skip, figure))

    def handle_endtag(self, tag: str) -> None:
        if tag == "main":
            self.in_main = False
        if tag == "h2" and self._heading is not None:
            self.headings.append(" ".join("".join(self._heading).split()))
            self._heading = None
        if tag == "svg":
            self._svg_depth -= 1
            if self._svg_title is not None:
                self.chart_titles.append(" ".join("".join(self._svg_title).split()))
                self._svg_title = None
        while self.stack:
            open_tag, _skip, figure = self.stack.pop()
            if figure is not None:
                self.figures.append((figure[0], figure[1]))
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading.append(data)
        if self._svg_title is not None:
            self._svg_title.append(data)
        for _tag, _skip, figure in self.stack:
            if figure is not None:
                figure[1] += data
        if not self.in_main or any(skip for _tag, skip, _figure in self.stack):
            return
        if re.search(r"\d", data):
            self.loose.append(data.strip())


def read_page(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def resolve(document: Any, pointer: str) -> tuple[Any, str]:
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    node, parent = document, document
    for part in parts:
        parent = node
        node = node[int(part)] if isinstance(node, list) else node[part]
    if isinstance(node, dict):
        return node["value"], node["unit"]
    return node, parent.get("unit", "count") if isinstance(parent, dict) else "count"


def check_figures(document: Any, html: str, at_least: int) -> Page:
    """Every number in <main> carries a data-figure whose text is its JSON value rounded;
    no address outside the file."""
    page = read_page(html)
    assert page.loose == [], f"numbers without data-figure: {page.loose[:10]}"
    assert len(page.figures) >= at_least
    for pointer, text in page.figures:
        value, _unit = resolve(document, pointer)
        shown = text.strip().replace(",", "").replace("%", "").replace("+", "")
        if shown == "<0.001":
            assert value < 0.001, pointer
            continue
        decimals = len(shown.split(".")[1]) if "." in shown else 0
        assert abs(float(shown) - value) <= 0.5 * 10**-decimals + 1e-9, (pointer, text, value)
    assert not [link for link in page.links if re.match(r"https?://", link)], "an external address in src/href"
    return page


# --- PDF, read back with poppler ---------------------------------------------------


def weasyprint_loads() -> bool:
    """Whether WeasyPrint can load Pango here (laptops may lack it)."""
    try:
        import weasyprint  # noqa: F401
    except (OSError, ImportError):
        return False
    return True


# Commands that would write a PDF skip it where WeasyPrint cannot run, so the other
# checks still run; the PDF checks then skip with the reason (a failure under CI=true).
NO_PDF_HERE = [] if weasyprint_loads() else ["--no-pdf"]


def poppler() -> None:
    if NO_PDF_HERE:
        pytest.skip("WeasyPrint cannot load Pango here (apt-get install libpango-1.0-0 libpangoft2-1.0-0)")
    if not (shutil.which("pdftotext") and shutil.which("pdftoppm")):
        pytest.skip("poppler-utils (pdftotext, pdftoppm) is not installed; bash scripts/test installs it")


def pdf_pages(path: Path) -> list[str]:
    """The text of each page (form feeds split pdftotext's output)."""
    poppler()
    done = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout.split("\f")[:-1]


def flat(text: str) -> str:
    return " ".join(text.split())


def contents_entries(pages: list[str]) -> list[tuple[str, int]]:
    """(title, page) from the contents page's dotted leaders."""
    page = next(p for p in pages if re.search(r"^\s*Contents\s*$", p, re.MULTILINE))
    entries = []
    for line in page.splitlines():
        match = re.match(r"^\s*\d+\.\s+(.+?)\s*\.{3,}\s*(\d+)\s*$", line) or re.match(
            r"^\s*\d+\.\s+(.+?)\.*\s+(\d+)\s*$", line
        )
        if match:
            entries.append((match.group(1).rstrip(" ."), int(match.group(2))))
    return entries


def check_contents(pages: list[str], headings: list[str]) -> None:
    """Each contents entry names a heading that starts on the page it says."""
    entries = contents_entries(pages)
    expected = [h for h in headings if h != "Contents"]
    assert [title for title, _ in entries] == expected
    for title, number in entries:
        lines = [line.strip() for line in pages[number - 1].splitlines()]
        assert title in lines, f"{title!r} is not on page {number}"


def check_pages_not_blank(path: Path, tmp: Path) -> int:
    """Render each page with pdftoppm, above the footer (A4 at 40 dpi is 331 x 468 pixels;
    the page number sits in the bottom 20 mm): each has ink on it."""
    poppler()
    crop = ["-x", "0", "-y", "0", "-W", "331", "-H", "430"]
    subprocess.run(["pdftoppm", "-r", "40", "-gray", *crop, str(path), str(tmp / "page")], check=True)
    images = sorted(tmp.glob("page-*.pgm"))
    assert images
    for image in images:
        data = image.read_bytes()
        # PGM: "P5\nW H\n255\n" then one byte per pixel.
        header_end = data.index(b"\n", data.index(b"\n", data.index(b"\n") + 1) + 1) + 1
        pixels = data[header_end:]
        ink = sum(1 for byte in pixels if byte < 160)
        assert ink > 100, f"{image.name} is blank ({ink} inked pixels above the footer)"
    return len(images)


def check_pdf(pdf: Path, html: str, tmp: Path) -> tuple[str, Page]:
    """What every report's PDF must show of its HTML: every section heading and every chart
    (by its title), contents whose page numbers are right, no blank page. Returns the PDF's
    text (whitespace folded) and the parsed HTML for report-specific checks."""
    pages = pdf_pages(pdf)
    text = flat(" ".join(pages))
    page = read_page(html)
    for heading in page.headings:
        assert flat(heading) in text, heading
    for title in page.chart_titles:
        assert flat(title) in text, f"chart {title!r} is not in the PDF"
    check_contents(pages, page.headings)
    assert check_pages_not_blank(pdf, tmp) == len(pages)
    return text, page
